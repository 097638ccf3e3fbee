"""Throughput of the quantity stage on one core.

    python benchmarks/bench_quantities.py /work/shared/data/news/saudinewsnet.jsonl [--limit N] [--stages]

Reads articles (JSON Lines with a "text" field), builds their DocContext, and times
``marsad.quantities.extract`` alone (``--stages`` also runs the time-expression stage first and
passes its timexes, timing the quantity stage only). Prints tokens/s (DocContext tokens) and
quantities found.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from _corpus import load_contexts
from marsad.quantities import extract


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=5000)
    ap.add_argument("--stages", action="store_true", help="pass the timexes of marsad.timex.extract")
    args = ap.parse_args()
    ctxs = load_contexts(args.corpus, args.limit)
    timexes = [[] for _ in ctxs]
    if args.stages:
        from marsad import timex

        timexes = [timex.extract(c) for c in ctxs]
    extract(ctxs[0], timexes[0], [])  # load the lexicons outside the timing
    n_tokens = sum(len(c.tokens) for c in ctxs)
    t0 = time.perf_counter()
    found = 0
    for c, tx in zip(ctxs, timexes, strict=True):
        found += len(extract(c, tx, []))
    dt = time.perf_counter() - t0
    print(
        f"{len(ctxs)} articles, {n_tokens} tokens, {found} quantities in {dt:.2f}s: "
        f"{n_tokens / dt:,.0f} tokens/s, {len(ctxs) / dt:,.0f} articles/s"
    )


if __name__ == "__main__":
    main()
