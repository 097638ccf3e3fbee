"""Ingest throughput: articles/s and tokens/s for each worker count, and peak memory.

    python benchmarks/bench_ingest.py CORPUS.jsonl [--limit N] [--workers 1 2] [--no-crossdoc]

Reads the corpus once with marsad.readers (JSON Lines: one article per line), then for
each worker count ingests it into a fresh temporary database with marsad.ingest.ingest
(analysis in N processes, the main process writing one transaction per document) and
prints the rate of the analyse-and-store phase, the cross-document step's time and the
peak resident memory of the parent and of the largest child (``resource``; Linux
reports ru_maxrss in KiB). Tokens are whitespace-separated words of the article text.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from marsad.ingest import ingest
from marsad.kb import open_kb
from marsad.model import RawDocument


def read_corpus(path: Path, limit: int | None) -> tuple[list[RawDocument], int, float]:
    from marsad.readers import read_paths

    t = time.perf_counter()
    items = read_paths([path])
    if limit:
        items = itertools.islice(items, limit)
    docs, errors = [], 0
    for it in items:
        if isinstance(it, RawDocument):
            docs.append(it)
        else:
            errors += 1
    return docs, errors, time.perf_counter() - t


def mib(kib: int) -> float:
    return kib / 1024 if sys.platform != "darwin" else kib / 1024 / 1024


HEADER = (
    f"{'workers':>7} {'articles/s':>11} {'tokens/s':>10} {'analyse+store s':>16} {'crossdoc s':>11} "
    f"{'failed':>6} {'db MB':>7} {'parent RSS MiB':>15} {'child RSS MiB':>14}"
)


def run_one(docs: list[RawDocument], workers: int, crossdoc: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="marsad-bench-") as tmp, open_kb(Path(tmp) / "bench.db") as kb:
        rep = ingest(kb, docs, workers=workers, crossdoc=crossdoc)
        size = kb.stats()["bytes"] / 1e6
    n = len(rep.new)
    secs = rep.seconds_analysing
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(
        f"{workers:>7} {n / secs if secs else 0:>11.1f} {rep.tokens / secs if secs else 0:>10,.0f} "
        f"{secs:>16.1f} {rep.seconds_crossdoc:>11.1f} {len(rep.failed):>6} {size:>7.1f} "
        f"{mib(self_rss):>15.0f} {mib(child_rss) if workers > 1 else 0:>14.0f}",
        flush=True,
    )
    if rep.failed:
        reasons: dict[str, int] = {}
        for f in rep.failed:
            reasons[f.reason] = reasons.get(f.reason, 0) + 1
        for r, c in sorted(reasons.items(), key=lambda kv: -kv[1])[:5]:
            print(f"        {c} failed: {r}")
    if rep.crossdoc_error:
        print(f"        cross-document step failed: {rep.crossdoc_error}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="a JSON Lines corpus (e.g. shared/data/news/saudinewsnet.jsonl)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to measure")
    ap.add_argument("--no-crossdoc", action="store_true", help="skip the cross-document step")
    ap.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # internal: one count, no header
    args = ap.parse_args(argv)

    if not args.one:
        docs, errors, t_read = read_corpus(args.corpus, args.limit)
        tokens = sum(len(d.text.split()) for d in docs)
        print(f"corpus: {args.corpus} — {len(docs)} articles, {tokens:,} tokens "
              f"({tokens / max(1, len(docs)):.0f}/article), {errors} unreadable; read in {t_read:.1f} s")
        print(HEADER, flush=True)
        # each worker count in a fresh process, so that peak memory is that run's own
        for w in args.workers:
            cmd = [sys.executable, __file__, str(args.corpus), "--workers", str(w), "--one"]
            if args.limit:
                cmd += ["--limit", str(args.limit)]
            if args.no_crossdoc:
                cmd.append("--no-crossdoc")
            subprocess.run(cmd, check=False)
        print("RSS: peak resident memory of the main process (reader, writer, cross-document step) and of the "
              "largest analysis worker (which shares the main process's pages at start).")
        return 0
    docs, _, _ = read_corpus(args.corpus, args.limit)
    for w in args.workers:
        run_one(docs, w, not args.no_crossdoc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
