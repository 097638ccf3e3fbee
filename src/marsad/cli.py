"""The ``marsad`` command line (Typer + Rich).

Every command takes ``--db PATH``; without it the database is ``$MARSAD_DB`` or the
per-user default (``$XDG_DATA_HOME/marsad/marsad.db``, else
``~/.local/share/marsad/marsad.db``). Stage packages add their own commands through
``register(app, eval_app, train_app)`` in their ``commands`` module.
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from marsad import __version__
from marsad.cli_options import DbOption

app = typer.Typer(
    name="marsad",
    help="Marsad (مرصد): an Arabic-first news intelligence engine — a source-attributed knowledge base "
    "of relations between states.",
    no_args_is_help=True,
    add_completion=False,
)
eval_app = typer.Typer(help="Evaluate the stages against annotated fixtures.", no_args_is_help=True)
train_app = typer.Typer(help="Train the statistical models.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")
app.add_typer(train_app, name="train")

console = Console(highlight=False)
err = Console(stderr=True, highlight=False)


STAGE_COMMAND_MODULES = (
    "marsad.entities.commands",
    "marsad.entities.ner_commands",
    "marsad.timex.commands",
    "marsad.quantities.commands",
    "marsad.events.commands",
)

MAX_FAILURES_SHOWN = 20

STYLES = {
    "mention": "bold cyan",
    "timex": "bold magenta",
    "quantity": "bold green",
    "boilerplate": "dim",
}
LEGEND = (
    ("entity mention", "mention"),
    ("time expression", "timex"),
    ("quantity", "quantity"),
    ("boilerplate", "boilerplate"),
)


def _open(db: Path | None):
    from marsad.kb import open_kb

    try:
        return open_kb(db)
    except Exception as exc:  # an unreadable or foreign file: say which and why
        from marsad.kb import resolve_db_path

        err.print(f"[red]error:[/] cannot open the database {escape(str(resolve_db_path(db)))}: {escape(str(exc))}")
        raise typer.Exit(2) from exc


def version_callback(value: bool) -> None:
    if value:
        console.print(f"marsad {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Marsad: read Arabic news, extract who did what to whom, when and according to whom."""


# ------------------------------------------------------------------ ingest


class _RichProgress:
    """marsad.ingest.Progress shown as a Rich progress bar (on stderr)."""

    def __init__(self, progress: Progress):
        self.p = progress
        self.task = progress.add_task("reading", total=None)

    def reading(self, n: int) -> None:
        self.p.update(self.task, description=f"reading ({n} found)")

    def start(self, total: int) -> None:
        self.p.update(self.task, description="analysing", total=total, completed=0)

    def advance(self, source: str, ok: bool) -> None:
        self.p.advance(self.task)

    def crossdoc(self) -> None:
        self.p.update(self.task, description="cross-document step")


def _run_ingest(kb, items_or_paths, include, workers, quiet: bool = False, demo_sources: bool = False):
    from marsad import ingest as ingest_mod

    columns = (
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err, transient=True, disable=quiet) as progress:
        cb = _RichProgress(progress)
        if demo_sources:
            return ingest_mod.ingest(kb, items_or_paths, workers=workers, progress=cb)
        return ingest_mod.ingest_paths(kb, items_or_paths, include=include, workers=workers, progress=cb)


def _print_report(report, kb) -> None:
    n_new, n_present, n_failed = len(report.new), len(report.present), len(report.failed)
    line = Text.assemble(
        ("new ", ""),
        (str(n_new), "bold green"),
        ("   already present ", ""),
        (str(n_present), "bold"),
        ("   failed ", ""),
        (str(n_failed), "bold red" if n_failed else "bold"),
    )
    console.print(line)
    if report.new and report.seconds_analysing > 0:
        rate = len(report.new) / report.seconds_analysing
        console.print(
            f"analysed and stored {n_new} documents in {report.seconds_analysing:.1f} s "
            f"({rate:.1f} articles/s, {report.tokens / report.seconds_analysing:,.0f} tokens/s)"
        )
    shown = report.failed if len(report.failed) <= MAX_FAILURES_SHOWN else report.failed[: MAX_FAILURES_SHOWN // 2]
    for f in shown:
        console.print(f"[red]failed[/] {escape(f.where())} [dim]({f.stage})[/]: {escape(f.reason)}", soft_wrap=True)
    if len(shown) < len(report.failed):
        console.print(f"[red]… and {len(report.failed) - len(shown)} more failures[/]; by reason:")
        reasons: dict[tuple[str, str], int] = {}
        for f in report.failed:
            reasons[(f.stage, f.reason)] = reasons.get((f.stage, f.reason), 0) + 1
        for (stage, reason), n in sorted(reasons.items(), key=lambda kv: -kv[1])[:10]:
            console.print(f"  {n:>7}  [dim]({stage})[/] {escape(reason)}", soft_wrap=True)
        if len(reasons) > 10:
            console.print(f"  … {len(reasons) - 10} other reasons")
    if report.warnings:
        n = sum(len(v) for v in report.warnings.values())
        console.print(
            f"[yellow]{n} annotation(s) in {len(report.warnings)} document(s) broke the span rules and were "
            f"not stored[/] (see `marsad show DOC`)"
        )
    if report.crossdoc is not None:
        c = report.crossdoc
        console.print(
            f"cross-document step: {c.merges} entity merge(s), {c.clusters} event cluster(s), "
            f"{c.findings} finding(s) ({report.seconds_crossdoc:.1f} s)"
        )
    if report.crossdoc_error:
        console.print(f"[red]cross-document step failed:[/] {escape(report.crossdoc_error)}")
    if report.interrupted:
        console.print(
            f"[yellow]interrupted[/]: {n_new} document(s) stored before the interruption are kept; "
            "run the same command again to add the rest"
        )
    console.print(f"database: {escape(str(kb.path))}")


def _write_failures(report, path: Path) -> None:
    import csv

    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t")
        w.writerow(["source", "line", "stage", "reason"])
        for f in report.failed:
            w.writerow([f.source, "" if f.line is None else f.line, f.stage, f.reason])
    console.print(f"failures written to {escape(str(path))}")


def _exit_status(report) -> int:
    if report.interrupted:
        return 130
    return 0 if report.ok else 1


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories to read.", show_default=False)],
    include: Annotated[
        list[str] | None,
        typer.Option("--include", "-i", help="Glob pattern of files to read in directories (repeatable)."),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Analysis processes.")] = 1,
    db: DbOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    failures: Annotated[
        Path | None,
        typer.Option("--failures", help="Also write every failure to this TSV file (source, line, stage, reason)."),
    ] = None,
) -> None:
    """Read articles (text, HTML, JSON, JSON Lines), analyse the new ones and store them."""
    kb = _open(db)
    try:
        report = _run_ingest(kb, paths, include, workers, quiet)
        _print_report(report, kb)
        if failures is not None:
            _write_failures(report, failures)
    finally:
        kb.close()
    raise typer.Exit(_exit_status(report))


# ------------------------------------------------------------------ demo


def _demo_items() -> Iterator[Any]:
    """The bundled demo corpus, read with the readers, with sources named inside the package."""
    from marsad.model import RawDocument
    from marsad.readers import read_paths

    corpus = resources.files("marsad.demo").joinpath("corpus")
    with ExitStack() as stack:
        files = sorted(
            (e for e in corpus.iterdir() if e.name.endswith(".txt")),
            key=lambda e: e.name,
        )
        paths = [stack.enter_context(resources.as_file(f)) for f in files]
        for item in read_paths(paths):
            if isinstance(item, RawDocument):
                item.source = f"marsad:demo/corpus/{Path(item.source).name}"
            yield item


@app.command()
def demo(
    db: DbOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Analysis processes.")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Ingest the five bundled demo articles and print an overview of what Marsad found."""
    kb = _open(db)
    try:
        report = _run_ingest(kb, _demo_items(), None, workers, quiet, demo_sources=True)
        _print_report(report, kb)
        console.print()
        _print_overview(kb, [did for _, did in report.new + report.present])
    finally:
        kb.close()
    raise typer.Exit(_exit_status(report))


def _print_overview(kb, document_ids: list[str] | None = None) -> None:
    """Documents (``document_ids``, default all) with title/date/outlet, counts, top entities, findings."""
    data = kb.export_data(document_ids)
    wanted = set(document_ids) if document_ids is not None else None
    rows = [r for r in kb.documents() if wanted is None or r["id"] in wanted]
    _docs_table(rows, title="Documents" if wanted is None else f"Documents of this run ({len(rows)})")
    s = kb.stats()
    counts = Table.grid(padding=(0, 2))
    for k in ("documents", "entities", "mentions", "timexes", "quantities", "events", "event_clusters", "findings"):
        counts.add_row(k.replace("_", " "), str(s[k]))
    console.print(Panel(counts, title=f"Knowledge base {escape(str(kb.path))}", expand=False))
    n_m: dict[str, int] = {}
    for m in data["mentions"]:
        n_m[m["entity"]] = n_m.get(m["entity"], 0) + 1
    ents = sorted(data["entities"], key=lambda e: -n_m.get(e["id"], 0))
    if ents:
        t = Table(title="Most mentioned entities", title_justify="left")
        for c in ("entity", "type", "name", "mentions"):
            t.add_column(c)
        for e in ents[:10]:
            t.add_row(e["id"], e["type"], escape(e["name_en"] or e["name_ar"]), str(n_m.get(e["id"], 0)))
        console.print(t)
    _findings_list(data)


def _findings_list(data: dict) -> None:
    if not data["findings"]:
        console.print("[dim]No findings (conflicts or corroborations between documents) yet.[/]")
        return
    by_id = {r["id"]: r for r in data["quantities"] + data["events"]}
    docs = {d["id"]: d for d in data["documents"]}
    console.print(f"[bold]Findings[/] ({len(data['findings'])})")
    for f in data["findings"]:
        style = "red" if f["kind"] == "conflict" else "green"
        console.print(f"[{style}]{f['kind']}[/] {escape(f['topic'])}: {escape(' vs '.join(f['values']))}")
        console.print(f"  {escape(f['explanation'])}")
        for i in f["items"]:
            r = by_id.get(i)
            if r is None:
                continue
            d = docs.get(r["document"], {})
            console.print(
                f"  [dim]{i} in {r['document']} ({escape(d.get('outlet') or d.get('source') or '?')}):[/] "
                f"{escape(r['text'][:120])}"
            )


# ------------------------------------------------------------------ docs, show, stats


def _docs_table(rows: list[dict], title: str | None = None) -> None:
    t = Table(title=title, title_justify="left")
    t.add_column("id", no_wrap=True)
    t.add_column("published", no_wrap=True)
    t.add_column("outlet")
    t.add_column("title")
    t.add_column("M", justify="right", header_style="cyan")
    t.add_column("T", justify="right", header_style="magenta")
    t.add_column("Q", justify="right", header_style="green")
    t.add_column("E", justify="right")
    for r in rows:
        pub = r["published"] or "—"
        if r["published"] and r["published_from"] in ("inferred",):
            pub += " (inferred)"
        t.add_row(
            r["id"],
            pub,
            escape(r["outlet"] or "—"),
            escape(r["title"] or f"[{r['source']}]"),
            str(r["mentions"]),
            str(r["timexes"]),
            str(r["quantities"]),
            str(r["events"]),
        )
    console.print(t)
    console.print("[dim]M mentions, T time expressions, Q quantities, E events[/]")


@app.command()
def docs(db: DbOption = None) -> None:
    """List the stored documents."""
    kb = _open(db)
    try:
        rows = kb.documents()
        if not rows:
            console.print(f"No documents in {escape(str(kb.path))} yet: try `marsad ingest PATH` or `marsad demo`.")
            return
        _docs_table(rows, title=f"{len(rows)} document(s) in {kb.path}")
    finally:
        kb.close()


def highlighted_text(analysis) -> Text:
    """The document text with boilerplate, mentions, time expressions and quantities styled."""
    text = Text(analysis.document.text)
    for s, e in analysis.boilerplate:
        text.stylize(STYLES["boilerplate"], s, e)
    for t in analysis.timexes:
        text.stylize(STYLES["timex"], t.start, t.end)
    for q in analysis.quantities:
        text.stylize(STYLES["quantity"], q.start, q.end)
    for m in analysis.mentions:
        text.stylize(STYLES["mention"], m.start, m.end)
    return text


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="Document id or a unique prefix of one.", show_default=False)],
    db: DbOption = None,
) -> None:
    """Show a document: its metadata and its text with what Marsad found in it highlighted."""
    from marsad.kb import AmbiguousDocument, DocumentNotFound

    kb = _open(db)
    try:
        try:
            did = kb.resolve_document(doc)
        except DocumentNotFound:
            err.print(f"[red]error:[/] no document {escape(doc)} in {escape(str(kb.path))}")
            raise typer.Exit(1) from None
        except AmbiguousDocument as exc:
            err.print(f"[red]error:[/] {escape(str(exc))}")
            raise typer.Exit(1) from None
        [a] = kb.load_analyses([did])
        info = kb.document_info(did)
    finally:
        kb.close()
    raw = a.document
    meta = Table.grid(padding=(0, 2))
    meta.add_row("id", did)
    meta.add_row("source", escape(raw.source))
    meta.add_row("title", escape(raw.title or "—"))
    meta.add_row("outlet", escape(raw.outlet or "—"))
    meta.add_row("published", f"{a.published or '—'}" + (f" (from {a.published_from})" if a.published else ""))
    if raw.author:
        meta.add_row("author", escape(raw.author))
    if raw.url:
        meta.add_row("url", escape(raw.url))
    meta.add_row("ingested", info.get("ingested_at") or "—")
    meta.add_row(
        "found",
        f"{len(a.mentions)} mentions of {len({m.entity for m in a.mentions})} entities, "
        f"{len(a.timexes)} time expressions, {len(a.quantities)} quantities, {len(a.events)} events",
    )
    console.print(Panel(meta, title="Document", expand=False))
    legend = Text("legend: ")
    for label, key in LEGEND:
        legend.append(label, style=STYLES[key])
        legend.append("  ")
    console.print(legend)
    console.print(Panel(highlighted_text(a), expand=True))
    if a.events:
        console.print("[bold]Events[/]")
        for ev in a.events:
            console.print(
                f"  {ev.type} ({ev.status}) {', '.join(ev.source) or '?'} → {', '.join(ev.target) or '?'}"
                f"{' ' + ev.date if ev.date else ''}: {escape(ev.text[:100])}"
            )
    if a.warnings:
        console.print("[yellow]Warnings[/]")
        for w in a.warnings:
            console.print(f"  {escape(w)}")


@app.command()
def stats(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the statistics as JSON.")] = False,
) -> None:
    """Counts of what the knowledge base holds."""
    kb = _open(db)
    try:
        s = kb.stats()
    finally:
        kb.close()
    if as_json:
        console.print_json(json.dumps(s, ensure_ascii=False))
        return
    t = Table(title=f"Knowledge base {s['path']}", title_justify="left", show_header=False)
    t.add_column("what")
    t.add_column("count", justify="right")
    for k in ("documents", "entities", "mentions", "timexes", "quantities", "events", "event_clusters", "findings"):
        t.add_row(k.replace("_", " "), f"{s[k]:,}")
    t.add_row("entity merges", f"{s['entity_merges']:,}")
    t.add_row("characters of text", f"{s['characters']:,}")
    t.add_row("documents with warnings", f"{s['documents_with_warnings']:,}")
    lo, hi = s["published_range"]
    t.add_row("published", f"{lo or '—'} … {hi or '—'}")
    t.add_row("schema revision", str(s["schema_revision"]))
    t.add_row("size on disk", f"{s['bytes'] / 1e6:.1f} MB")
    console.print(t)
    for key, title in (
        ("entities_by_type", "entities by type"),
        ("events_by_type", "events by type"),
        ("findings_by_kind", "findings by kind"),
        ("documents_by_outlet", "documents by outlet"),
    ):
        if s[key]:
            items = list(s[key].items())
            shown = ", ".join(f"{escape(str(k))} {v}" for k, v in items[:15])
            more = f", … ({len(items) - 15} more)" if len(items) > 15 else ""
            console.print(f"[bold]{title}[/]: {shown}{more}")


# ------------------------------------------------------------------ export

FORMATS = ("json", "jsonl", "csv", "plover")


@app.command()
def export(
    out: Annotated[
        Path,
        typer.Argument(help="Output file ('-' for standard output); for csv a directory.", show_default=False),
    ],
    fmt: Annotated[str, typer.Option("--format", "-f", help="json | jsonl | csv | plover")] = "json",
    db: DbOption = None,
    documents: Annotated[
        list[str] | None, typer.Option("--document", "-d", help="Export only these documents (id or prefix).")
    ] = None,
    validate: Annotated[
        str,
        typer.Option(
            "--validate",
            help="Check the export before writing it: 'sample' (cross-record rules on everything, the schema on "
            "up to 2000 records of each kind), 'full' (the schema on every record) or 'none'.",
        ),
    ] = "sample",
) -> None:
    """Write the knowledge base as JSON (spec/export-schema.md), JSON Lines, CSV tables or PLOVER records."""
    from marsad.export import validate_export, write_csv, write_json, write_jsonl

    fmt = fmt.lower()
    if fmt not in FORMATS:
        err.print(f"[red]error:[/] unknown format {escape(fmt)!r}; choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    if validate not in ("sample", "full", "none"):
        err.print(f"[red]error:[/] --validate must be sample, full or none, not {escape(validate)!r}")
        raise typer.Exit(2)
    write_plover = None
    if fmt == "plover":
        try:
            mod = importlib.import_module("marsad.events.plover")
            write_plover = mod.write_plover
        except (ModuleNotFoundError, AttributeError) as exc:
            if isinstance(exc, ModuleNotFoundError) and exc.name not in ("marsad.events.plover",):
                raise
            err.print(
                "[red]error:[/] PLOVER export is not available in this version of Marsad "
                "(marsad.events.plover.write_plover is missing); use --format json, jsonl or csv"
            )
            raise typer.Exit(2) from None
    if fmt == "csv" and str(out) == "-":
        err.print("[red]error:[/] csv writes a directory of tables; give a directory name")
        raise typer.Exit(2)
    kb = _open(db)
    try:
        ids = None
        if documents:
            from marsad.kb import AmbiguousDocument, DocumentNotFound

            try:
                ids = [kb.resolve_document(d) for d in documents]
            except (DocumentNotFound, AmbiguousDocument) as exc:
                err.print(f"[red]error:[/] {escape(str(exc))}")
                raise typer.Exit(1) from None
        data = kb.export_data(ids)
    finally:
        kb.close()
    if validate != "none":
        problems = validate_export(data, full=(validate == "full"))
        if problems:
            err.print("[red]error:[/] the export breaks the schema; nothing written:")
            for p in problems[:20]:
                err.print(f"  {escape(p)}")
            raise typer.Exit(1)
    if fmt == "csv":
        files = write_csv(data, out)
        err.print(f"wrote {len(files)} tables to {escape(str(out))}/")
        return
    writer = {"json": write_json, "jsonl": write_jsonl, "plover": write_plover}[fmt]
    if str(out) == "-":
        writer(data, sys.stdout)
        sys.stdout.flush()
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with tmp.open("w", encoding="utf-8", newline="\n") as fh:
        writer(data, fh)
    tmp.replace(out)
    err.print(
        f"wrote {escape(str(out))} ({fmt}): {len(data['documents'])} documents, {len(data['entities'])} entities, "
        f"{len(data['events'])} events, {len(data['findings'])} findings"
    )


# ------------------------------------------------------------------ stage commands


def register_stage_commands() -> list[str]:
    """Import each stage's commands module that exists and let it add its commands."""
    registered = []
    for name in STAGE_COMMAND_MODULES:
        try:
            mod = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # the stage has no commands (yet)
                continue
            raise
        mod.register(app, eval_app, train_app)
        registered.append(name)
    return registered


REGISTERED = register_stage_commands()

if __name__ == "__main__":  # pragma: no cover
    app()
