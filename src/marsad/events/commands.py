"""Commands of the events stage: ``marsad timeline``, ``marsad profile``, ``marsad findings``,
``marsad eval events``.

The first three read ``marsad.kb.open_kb(db).export_data()``; ``eval events`` runs the
pipeline on the bundled demo corpus and scores its events against an annotated fixture
with ``marsad.events.evaluate.score_events``.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from marsad.cli_options import DbOption, JsonOption

__all__ = ["demo_export", "register"]

console = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


DEFAULT_EVENTS_FIXTURE = Path("tests/fixtures/events/seed_events.json")


def _export(db: Path | None) -> dict:
    from marsad.kb import open_kb, resolve_db_path

    try:
        kb = open_kb(db)
    except Exception as exc:
        err.print(
            f"[red]error:[/] cannot open the database {escape(str(resolve_db_path(db)))}: {escape(str(exc))}"
        )
        raise typer.Exit(2) from exc
    try:
        return kb.export_data()
    finally:
        kb.close()


def _states(data: dict, a: str, b: str) -> tuple[str, str]:
    from marsad.events.timeline import UnknownState, resolve_state

    try:
        return resolve_state(data, a), resolve_state(data, b)
    except UnknownState as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None


def _print_lines(lines: list[str]) -> None:
    for line in lines:
        console.print(escape(line))


def _print_json(obj: Any) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def findings_report(data: dict, kind: str | None = None) -> list[dict]:
    """Findings with, for each item, its document, outlet/title and sentence."""
    from marsad.events.findings import format_value, sentence_of
    from marsad.events.timeline import crossdoc_results

    _, findings = crossdoc_results(data)
    docs = {d["id"]: d for d in data.get("documents", [])}
    records = {r["id"]: ("event", r) for r in data.get("events", [])}
    records.update({r["id"]: ("quantity", r) for r in data.get("quantities", [])})
    out = []
    for f in findings:
        if kind and f.get("kind") != kind:
            continue
        sources = []
        for item in f.get("items", []):
            what, rec = records.get(item, (None, None))
            if rec is None:
                continue
            doc = docs.get(rec.get("document") or "") or {}
            sentence = (
                rec.get("text")
                if what == "event"
                else sentence_of(doc.get("text") or "", rec.get("start") or 0, rec.get("end") or 0)
            )
            sources.append(
                {
                    "item": item,
                    "kind": what,
                    "value": format_value(rec) if what == "quantity" else rec.get("date"),
                    "document": rec.get("document"),
                    "outlet": doc.get("outlet"),
                    "title": doc.get("title"),
                    "published": doc.get("published"),
                    "start": rec.get("start"),
                    "end": rec.get("end"),
                    "sentence": (sentence or "").strip(),
                }
            )
        out.append({**f, "sources": sources})
    return out


def render_findings(report: list[dict]) -> list[str]:
    if not report:
        return ["No findings."]
    lines = []
    for f in report:
        lines.append(f"[{f['kind']}] {f['topic']}: {' vs '.join(f.get('values') or [])}")
        lines.append(f"    {f['explanation']}")
        for s in f["sources"]:
            where = s.get("outlet") or s.get("title") or ""
            where = f" ({where})" if where else ""
            sent = " ".join((s["sentence"] or "").split())
            if len(sent) > 200:
                sent = sent[:199] + "…"
            lines.append(f"    - {s['value']}: {s['document']}{where} [{s['start']}:{s['end']}] «{sent}»")
    return lines


def demo_export() -> dict:
    """The pipeline's export of the bundled demo corpus (no database, no cross-document step)."""
    from marsad.export.build import analyses_to_export
    from marsad.model import RawDocument
    from marsad.pipeline import analyze

    corpus = resources.files("marsad.demo").joinpath("corpus")
    files = sorted((f for f in corpus.iterdir() if f.name.endswith(".txt")), key=lambda f: f.name)
    analyses = [
        analyze(RawDocument(text=f.read_text(encoding="utf-8"), source=f"marsad:demo/corpus/{f.name}"))
        for f in files
    ]
    return analyses_to_export(analyses)


def _load_gold(path: Path) -> list[dict]:
    obj = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(obj, dict):
        obj = obj.get("events", obj)
    if not isinstance(obj, list):
        raise ValueError(f"{path}: expected a list of events or an object with 'events'")
    return obj


def _score_lines(scores: Any, indent: str = "") -> list[str]:
    """Scores as text: rows of precision/recall/F1 where a dict has them, nested dicts indented."""
    lines: list[str] = []
    if not isinstance(scores, dict):
        return [f"{indent}{scores}"]
    keys = ("precision", "recall", "f1")
    for name, val in scores.items():
        if isinstance(val, dict) and any(k in val for k in keys):
            parts = [
                f"{k[0].upper() if k != 'f1' else 'F1'} {val[k]:.3f}"
                for k in keys
                if isinstance(val.get(k), float)
            ]
            extra = [f"{k} {v}" for k, v in val.items() if k not in keys and not isinstance(v, dict | list)]
            lines.append(f"{indent}{name:<28} " + "  ".join(parts + extra))
            nested = {k: v for k, v in val.items() if isinstance(v, dict)}
            if nested:
                lines.extend(_score_lines(nested, indent + "  "))
        elif isinstance(val, dict):
            lines.append(f"{indent}{name}:")
            lines.extend(_score_lines(val, indent + "  "))
        elif isinstance(val, float):
            lines.append(f"{indent}{name:<28} {val:.3f}")
        elif not isinstance(val, list):
            lines.append(f"{indent}{name:<28} {val}")
    return lines


def register(app: typer.Typer, eval_app: typer.Typer, train_app: typer.Typer) -> None:
    @app.command("timeline")
    def timeline_cmd(
        a: Annotated[str, typer.Argument(help="A state: ISO alpha-3 (ISR), English or Arabic name.")],
        b: Annotated[str, typer.Argument(help="The other state.")],
        db: DbOption = None,
        as_json: JsonOption = False,
        dated_only: Annotated[
            bool, typer.Option("--dated-only", help="Leave out undated events (counted).")
        ] = False,
    ) -> None:
        """The events between two states in date order, one line per event with its sources."""
        from marsad.events.timeline import build_timeline, render_timeline

        data = _export(db)
        sa, sb = _states(data, a, b)
        tl = build_timeline(data, sa, sb, include_undated=not dated_only)
        if as_json:
            _print_json(tl)
        else:
            _print_lines(render_timeline(tl))

    @app.command("profile")
    def profile_cmd(
        a: Annotated[str, typer.Argument(help="A state: ISO alpha-3 (ISR), English or Arabic name.")],
        b: Annotated[str, typer.Argument(help="The other state.")],
        db: DbOption = None,
        as_json: JsonOption = False,
    ) -> None:
        """The relationship between two states by pillar: counts, first/last dates, key numbers, conflicts."""
        from marsad.events.profile import build_profile, render_profile

        data = _export(db)
        sa, sb = _states(data, a, b)
        prof = build_profile(data, sa, sb)
        if as_json:
            _print_json(prof)
        else:
            _print_lines(render_profile(prof))

    @app.command("findings")
    def findings_cmd(
        db: DbOption = None,
        kind: Annotated[
            str | None, typer.Option("--kind", "-k", help="Only 'conflict' or 'corroboration'.")
        ] = None,
        as_json: JsonOption = False,
    ) -> None:
        """Conflicts and corroborations between reports, with explanations and sources."""
        if kind not in (None, "conflict", "corroboration"):
            err.print("[red]error:[/] --kind is 'conflict' or 'corroboration'")
            raise typer.Exit(2)
        report = findings_report(_export(db), kind)
        if as_json:
            _print_json(report)
        else:
            _print_lines(render_findings(report))

    @eval_app.command("events")
    def eval_events_cmd(
        fixture: Annotated[
            Path | None,
            typer.Option(
                "--fixture", help=f"Annotated events (default: {DEFAULT_EVENTS_FIXTURE} in a checkout)."
            ),
        ] = None,
        as_json: JsonOption = False,
    ) -> None:
        """Run the pipeline on the demo corpus and score its events against the annotated fixture."""
        try:
            from marsad.events import evaluate
            from marsad.events.evaluate import score_events
        except ImportError as exc:
            err.print(f"[red]error:[/] event evaluation is not available: {escape(str(exc))}")
            raise typer.Exit(2) from None
        path = fixture
        if path is None:
            for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
                if (base / DEFAULT_EVENTS_FIXTURE).is_file():
                    path = base / DEFAULT_EVENTS_FIXTURE
                    break
        if path is None or not path.is_file():
            err.print(
                f"[red]error:[/] no fixture at {escape(str(path or DEFAULT_EVENTS_FIXTURE))}; "
                "give one with --fixture PATH"
            )
            raise typer.Exit(2)
        gold = _load_gold(path)
        predicted = demo_export()["events"]
        scores = score_events(gold, predicted)
        if as_json:
            _print_json(scores)
        else:
            console.print(f"events: {len(predicted)} predicted, {len(gold)} annotated ({escape(str(path))})")
            report = getattr(evaluate, "format_report", None)
            _print_lines(report(scores).splitlines() if report else _score_lines(scores))
