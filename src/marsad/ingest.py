"""Ingest: read files, analyse new documents in parallel, store them, then the cross-document step.

    readers → skip texts already stored (content hash, before analysis) →
    marsad.pipeline.analyze in N worker processes (the main process is the only writer,
    one transaction per document) → entities.merge_across + events.consolidate.

A document whose reading or analysis fails is reported with its reason and the run
goes on. Interrupting a run (Ctrl-C) keeps every document already committed; running
it again analyses only the rest.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.exc import IntegrityError

from marsad.kb.store import KB, RAW_FIELDS, CrossDocResult
from marsad.model import Analysis, RawDocument, content_hash

AnalyzeFn = Callable[[RawDocument], Analysis]


@dataclass
class Failure:
    source: str
    reason: str
    line: int | None = None
    stage: str = "analysis"  # "read" | "analysis" | "store"

    def where(self) -> str:
        return self.source if self.line is None else f"{self.source}:{self.line}"


@dataclass
class IngestReport:
    new: list[tuple[str, str]] = field(default_factory=list)  # (source, document id)
    present: list[tuple[str, str]] = field(default_factory=list)  # (source, document id), already stored
    failed: list[Failure] = field(default_factory=list)
    warnings: dict[str, list[str]] = field(default_factory=dict)  # document id -> records dropped
    tokens: int = 0  # whitespace tokens of the new documents
    seconds_reading: float = 0.0
    seconds_analysing: float = 0.0
    seconds_crossdoc: float = 0.0
    crossdoc: CrossDocResult | None = None
    crossdoc_error: str | None = None
    interrupted: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and self.crossdoc_error is None and not self.interrupted


class Progress:
    """Callbacks the ingest loop calls; the command line shows them with Rich."""

    def reading(self, n: int) -> None:  # noqa: B027 - optional hook
        pass

    def start(self, total: int) -> None:  # noqa: B027
        pass

    def advance(self, source: str, ok: bool) -> None:  # noqa: B027
        pass

    def crossdoc(self) -> None:  # noqa: B027
        pass


def _describe(exc: BaseException) -> str:
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {msg}" if msg else type(exc).__name__


# -------------------------------------------------------------- workers

# The analysis function used when none is given: marsad.pipeline.analyze unless set
# (tests and benchmarks may point it at another module-level function).
ANALYZE: AnalyzeFn | None = None

_WORKER_FN: AnalyzeFn | None = None


def default_analyze() -> AnalyzeFn:
    if ANALYZE is not None:
        return ANALYZE
    from marsad.pipeline import analyze

    return analyze


def _init_worker(fn: AnalyzeFn) -> None:
    # Ctrl-C goes to the whole process group: the parent decides, workers just stop when told
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _WORKER_FN
    _WORKER_FN = fn


def _analyze_safe(item: tuple[int, RawDocument]) -> tuple[int, Analysis | None, str | None]:
    i, raw = item
    fn = _WORKER_FN or default_analyze()
    try:
        return i, fn(raw), None
    except Exception as exc:  # one document's failure, not the run's
        return i, None, _describe(exc)


# -------------------------------------------------------------- the run


def _read(paths: Sequence[Path], include: list[str] | None, max_bytes: int | None) -> Iterator[Any]:
    from marsad.readers import read_paths

    kwargs: dict[str, Any] = {"include": include}
    if max_bytes is not None:
        kwargs["max_bytes"] = max_bytes
    yield from read_paths(list(paths), **kwargs)


def ingest_paths(
    kb: KB,
    paths: Sequence[str | Path],
    include: list[str] | None = None,
    workers: int = 1,
    progress: Progress | None = None,
    max_bytes: int | None = None,
    analyze_fn: AnalyzeFn | None = None,
    crossdoc: bool = True,
) -> IngestReport:
    """Read ``paths`` with :func:`marsad.readers.read_paths` and ingest what they hold."""
    return ingest(
        kb,
        _read([Path(p) for p in paths], include, max_bytes),
        workers=workers,
        progress=progress,
        analyze_fn=analyze_fn,
        crossdoc=crossdoc,
    )


def ingest(
    kb: KB,
    items: Iterable[Any],
    workers: int = 1,
    progress: Progress | None = None,
    analyze_fn: AnalyzeFn | None = None,
    crossdoc: bool = True,
    chunksize: int | None = None,
) -> IngestReport:
    """Ingest RawDocuments (and report ReadErrors) from ``items`` into ``kb``.

    ``analyze_fn`` replaces :func:`marsad.pipeline.analyze` (it must be a module-level
    function when ``workers > 1``). The report lists what was new, already present and
    failed. A KeyboardInterrupt stops the run after the last committed document; the
    report then has ``interrupted`` set and the exception is re-raised by the caller's
    choice (see :func:`marsad.cli`), never leaving a half-written document.
    """
    progress = progress or Progress()
    report = IngestReport()
    t0 = time.perf_counter()
    known = kb.known_hashes()
    todo: list[RawDocument] = []
    snapshots: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    try:
        for item in items:
            if isinstance(item, RawDocument):
                h = content_hash(item.text)
                if h in known or h in seen:
                    report.present.append((item.source, item.id))
                    continue
                seen[h] = item.source
                todo.append(item)
                snapshots.append({k: getattr(item, k) for k in RAW_FIELDS})
            else:  # a ReadError(source, line, reason)
                report.failed.append(
                    Failure(
                        str(getattr(item, "source", item)),
                        str(getattr(item, "reason", item)),
                        getattr(item, "line", None),
                        "read",
                    )
                )
            progress.reading(len(todo) + len(report.present) + len(report.failed))
    except KeyboardInterrupt:
        report.interrupted = True
        report.seconds_reading = time.perf_counter() - t0
        return report
    report.seconds_reading = time.perf_counter() - t0

    t1 = time.perf_counter()
    try:
        _analyse_and_store(kb, todo, snapshots, report, workers, progress, analyze_fn, chunksize)
    except KeyboardInterrupt:
        report.interrupted = True
    report.seconds_analysing = time.perf_counter() - t1
    if report.interrupted:
        return report

    if crossdoc:
        t2 = time.perf_counter()
        progress.crossdoc()
        try:
            report.crossdoc = kb.run_crossdoc()
        except KeyboardInterrupt:
            report.interrupted = True
        except Exception as exc:
            report.crossdoc_error = _describe(exc)
        report.seconds_crossdoc = time.perf_counter() - t2
    return report


def _store(
    kb: KB,
    raw: RawDocument,
    snapshot: dict[str, Any],
    analysis: Analysis | None,
    error: str | None,
    report: IngestReport,
    progress: Progress,
) -> None:
    if analysis is None:
        report.failed.append(Failure(raw.source, error or "analysis failed"))
        progress.advance(raw.source, False)
        return
    if analysis.document.text != raw.text:  # offsets and the id refer to the text as read
        report.failed.append(Failure(raw.source, "the analysis changed the document text"))
        progress.advance(raw.source, False)
        return
    try:
        problems = kb.add_analysis(analysis, raw_fields=snapshot)
    except KeyboardInterrupt:
        raise
    except IntegrityError as exc:
        if kb.has_text(raw.text):  # stored meanwhile by another run on the same database
            report.present.append((raw.source, raw.id))
            progress.advance(raw.source, True)
            return
        report.failed.append(Failure(raw.source, _describe(exc.orig or exc), stage="store"))
        progress.advance(raw.source, False)
        return
    except Exception as exc:
        report.failed.append(Failure(raw.source, _describe(exc), stage="store"))
        progress.advance(raw.source, False)
        return
    if problems:
        report.warnings[raw.id] = problems
    report.new.append((raw.source, raw.id))
    report.tokens += len(raw.text.split())
    progress.advance(raw.source, True)


def _analyse_and_store(
    kb: KB,
    todo: list[RawDocument],
    snapshots: list[dict[str, Any]],
    report: IngestReport,
    workers: int,
    progress: Progress,
    analyze_fn: AnalyzeFn | None,
    chunksize: int | None,
) -> None:
    if not todo:
        progress.start(0)
        return
    workers = max(1, int(workers))
    fn = analyze_fn or default_analyze()
    if workers == 1 or len(todo) == 1:
        progress.start(len(todo))
        for i, raw in enumerate(todo):
            try:
                analysis, error = fn(raw), None
            except KeyboardInterrupt:
                raise
            except Exception as exc:
                analysis, error = None, _describe(exc)
            _store(kb, raw, snapshots[i], analysis, error, report, progress)
            todo[i] = snapshots[i] = None  # type: ignore[call-overload]  # stored: let it go
        return

    if chunksize is None:
        chunksize = max(1, min(16, len(todo) // (workers * 8)))
    # Workers are started before any progress display thread exists (fork safety).
    ctx = multiprocessing.get_context()
    pool = ctx.Pool(workers, initializer=_init_worker, initargs=(fn,))
    # keep the amount of work in flight bounded (results are written in order)
    window = threading.BoundedSemaphore(max(64, workers * chunksize * 4))
    stop = threading.Event()

    def feed() -> Iterator[tuple[int, RawDocument]]:
        for i, raw in enumerate(todo):
            while not window.acquire(timeout=0.05):
                if stop.is_set():
                    return
            yield i, raw

    progress.start(len(todo))
    try:
        for i, analysis, error in pool.imap(_analyze_safe, feed(), chunksize):
            window.release()
            _store(kb, todo[i], snapshots[i], analysis, error, report, progress)
            todo[i] = snapshots[i] = None  # type: ignore[call-overload]  # stored: let it go
        pool.close()
    except BaseException:
        stop.set()
        pool.terminate()
        raise
    finally:
        stop.set()
        pool.join()
