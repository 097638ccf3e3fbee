"""``marsad eval quantities``: score the quantity stage against the hand-annotated fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import typer


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    @eval_app.command("quantities")
    def eval_quantities(
        fixture: list[Path] = typer.Option(  # noqa: B008
            None,
            "--fixture",
            help="Fixture file (seeds.json or sentences.json format); repeatable. "
            "Default: tests/fixtures/quantities/seeds.json and sentences.json.",
        ),
        errors: bool = typer.Option(False, "--errors", help="Also list every error (missed, spurious, wrong)."),
        as_json: bool = typer.Option(False, "--json", help="Print the scores as JSON."),
        stages: bool = typer.Option(
            True, "--stages/--no-stages", help="Run the time and entity stages first, as the pipeline does."
        ),
    ) -> None:
        """Exact value+unit+comparator accuracy, measured-phrase accuracy and span P/R/F1."""
        from marsad.quantities.evaluate import default_fixtures, evaluate

        paths = list(fixture) if fixture else default_fixtures()
        for p in paths:
            if not Path(p).exists():
                raise typer.BadParameter(f"no such fixture: {p}")
        result = evaluate(paths, use_stages=stages)
        if as_json:
            typer.echo(json.dumps({k: v.as_dict() for k, v in result.items()}, indent=2))
        else:
            header = f"{'fixture':<16}{'gold':>6}{'pred':>6}{'P':>8}{'R':>8}{'F1':>8}{'exactF1':>9}{'v+u+c':>8}{'measure':>9}"
            typer.echo(header)
            for name, sc in result.items():
                typer.echo(
                    f"{name:<16}{sc.gold:>6}{sc.predicted:>6}{sc.precision:>8.3f}{sc.recall:>8.3f}{sc.f1:>8.3f}"
                    f"{sc.exact_f1:>9.3f}{sc.value_accuracy:>8.3f}{sc.measure_accuracy:>9.3f}"
                )
            typer.echo(
                "v+u+c: value, unit and comparator all right, over matched quantities; "
                "measure: measured phrase right (token F1 >= 0.8), over matched quantities."
            )
        if errors:
            for e in result["all"].errors:
                typer.echo(json.dumps(e, ensure_ascii=False))
