"""``marsad eval time``: scores of the time-expression stage on the annotated fixtures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    @eval_app.command("time")
    def eval_time(
        fixture: Annotated[
            list[Path] | None,
            typer.Option(
                "--fixture",
                help="Annotated fixture (JSON); repeatable. Default: seeds.json, sentences.json and heldout.json "
                "of tests/fixtures/time/ in the source tree.",
            ),
        ] = None,
        verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every error.")] = False,
        as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    ) -> None:
        """Exact-value accuracy (explicit, relative with a known anchor, unanchored) and span P/R/F1."""
        from marsad.timex.evaluate import default_fixtures, score_fixture

        console = Console(highlight=False, width=150)
        paths = fixture or default_fixtures()
        missing = [p for p in paths if not p.exists()]
        if missing:
            console.print(f"[red]No fixture at {', '.join(map(str, missing))}[/red] (give one with --fixture PATH)")
            raise typer.Exit(2)
        scores = [score_fixture(p) for p in paths]
        if as_json:
            console.print_json(json.dumps([s.as_dict() for s in scores], ensure_ascii=False))
            return
        table = Table(title="Time expressions")
        for col in ("fixture", "gold", "pred", "explicit", "relative", "unanchored", "span P/R/F1 strict",
                    "span P/R/F1 overlap"):
            table.add_column(col)
        for s in scores:
            accs = []
            for c in ("explicit", "relative", "unanchored"):
                a = s.accuracy(c)
                accs.append("–" if a is None else f"{a:.1%} ({s.value_correct[c]}/{s.value_total[c]})")
            table.add_row(
                s.name, str(s.gold), str(s.predicted), *accs,
                "/".join(f"{x:.2f}" for x in s.strict), "/".join(f"{x:.2f}" for x in s.lenient),
            )
        console.print(table)
        if verbose:
            for s in scores:
                for e in s.errors:
                    console.print(f"  {s.name}: {e}", markup=False)
