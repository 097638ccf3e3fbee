"""Throughput of the entity stage on one core.

    python benchmarks/bench_entities.py /work/shared/data/news/saudinewsnet.jsonl [--limit N] [--no-tagger]

Reads articles (JSON Lines with a "text" field), builds their DocContext outside the timing,
then times ``marsad.entities.extract`` on every article and ``merge_across`` on all the
entities found. Prints tokens/s (DocContext tokens), with the statistical tagger when it is
available and, with ``--no-tagger`` (or ``--both``), without it.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from _corpus import load_contexts
from marsad.entities import extract, merge_across
from marsad.model import DocContext


def _run(ctxs: list[DocContext], label: str) -> None:
    extract(ctxs[0])  # load the gazetteer (and the model) outside the timing
    n_tokens = sum(len(c.tokens) for c in ctxs)
    t0 = time.perf_counter()
    mentions = 0
    entities = []
    for c in ctxs:
        ms, es = extract(c)
        mentions += len(ms)
        entities.extend(es)
    t1 = time.perf_counter()
    merged = merge_across(entities)
    t2 = time.perf_counter()
    print(
        f"[{label}] {len(ctxs)} articles, {n_tokens} tokens, {mentions} mentions: "
        f"extract {t1 - t0:.2f}s = {n_tokens / (t1 - t0):,.0f} tokens/s; "
        f"+ merge_across ({len(entities)} records, {len(merged)} merges) {t2 - t1:.2f}s = "
        f"{n_tokens / (t2 - t0):,.0f} tokens/s"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=5000)
    ap.add_argument("--no-tagger", action="store_true", help="time without the statistical tagger")
    ap.add_argument("--both", action="store_true", help="time with and without the tagger")
    args = ap.parse_args()
    ctxs = load_contexts(args.corpus, args.limit)

    try:
        from marsad.entities import tagger

        has_tagger = tagger.available()
    except Exception:  # noqa: BLE001
        tagger, has_tagger = None, False
    if has_tagger and not args.no_tagger:
        _run(ctxs, "with tagger")
    if not has_tagger or args.no_tagger or args.both:
        if tagger is not None and has_tagger:
            saved = tagger.available
            tagger.available = lambda: False  # type: ignore[assignment]
            try:
                _run(ctxs, "without tagger")
            finally:
                tagger.available = saved  # type: ignore[assignment]
        else:
            _run(ctxs, "without tagger (none available)")


if __name__ == "__main__":
    main()
