"""Throughput of the time-expression stage on a JSONL corpus (one core).

    python benchmarks/bench_timex.py ../shared/data/news/saudinewsnet.jsonl [--limit N] [--with-quantities]

Documents are prepared first (``DocContext.build``, not timed); then ``timex.extract``
runs over all of them and the tokens per second are reported (tokens as
``DocContext.tokens`` counts them). With ``--with-quantities`` the quantities stage
(which takes the timexes) is timed together with it. The corpus's ``date_extracted``
(day part) is the publication date, so relative expressions are resolved.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from _corpus import load_contexts
from marsad import quantities, timex


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=5000, help="documents to use (default 5000)")
    ap.add_argument("--with-quantities", action="store_true")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    ctxs = load_contexts(args.corpus, args.limit, with_published=True)
    tokens = sum(len(c.tokens) for c in ctxs) * args.repeat
    kinds: Counter[str] = Counter()
    t0 = time.perf_counter()
    n = 0
    for _ in range(args.repeat):
        for c in ctxs:
            found = timex.extract(c)
            n += len(found)
            kinds.update(t.kind for t in found)
            if args.with_quantities:
                quantities.extract(c, found, [])
    dt = time.perf_counter() - t0
    stage = "timex + quantities" if args.with_quantities else "timex"
    print(f"{stage}: {len(ctxs) * args.repeat} documents, {tokens} tokens in {dt:.2f} s "
          f"= {tokens / dt:,.0f} tokens/s, {len(ctxs) * args.repeat / dt:,.0f} documents/s")
    print(f"{n} time expressions: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))


if __name__ == "__main__":
    main()
