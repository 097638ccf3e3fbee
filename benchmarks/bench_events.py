"""Throughput of the event stage on one core.

    python benchmarks/bench_events.py /work/shared/data/news/saudinewsnet.jsonl [--limit N]

Reads articles (JSON Lines with a "text" field), runs the stages before it (article, entities,
time expressions, quantities) outside the timing, then times ``marsad.events.extract`` alone.
Prints tokens/s (DocContext tokens), events found, and the share of events by type.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from _corpus import iter_records
from marsad import article, entities, events, quantities, timex
from marsad.model import DocContext, RawDocument


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=2000)
    args = ap.parse_args()
    inputs = []
    for obj in iter_records(args.corpus, args.limit):
        raw = RawDocument(text=obj.get("text") or "", source="bench")
        info = article.parse(raw)
        ctx = DocContext.build(raw.text, published=info.published, boilerplate=info.boilerplate)
        ms, ents = entities.extract(ctx)
        tx = timex.extract(ctx)
        qs = quantities.extract(ctx, tx, ms)
        inputs.append((ctx, ms, ents, tx, qs))
    events.extract(*inputs[0])  # load the lexicons outside the timing
    n_tokens = sum(len(i[0].tokens) for i in inputs)
    types: Counter[str] = Counter()
    t0 = time.perf_counter()
    for ctx, ms, ents, tx, qs in inputs:
        for ev in events.extract(ctx, ms, ents, tx, qs):
            types[ev.type] += 1
    dt = time.perf_counter() - t0
    print(
        f"{len(inputs)} articles, {n_tokens} tokens, {sum(types.values())} events in {dt:.2f}s: "
        f"{n_tokens / dt:,.0f} tokens/s, {len(inputs) / dt:,.0f} articles/s"
    )
    for t, n in types.most_common():
        print(f"  {t:26s} {n}")


if __name__ == "__main__":
    main()
