"""Throughput of the CRF NER tagger on one core.

    python benchmarks/bench_ner.py /work/shared/data/news/saudinewsnet.jsonl [--limit 2000] [--model DIR]

Tokenises each article with marsad.text.tokenize (not timed), then times
``marsad.entities.tagger.tag(tokens)`` per article — gazetteer tags, features,
Viterbi and name propagation included — and, separately, the tagger alone with the
gazetteer tags computed beforehand (what the entity stage does when it passes its
own ``token_tags`` result). Prints tokens/s for both.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", help="JSONL file with a 'text' field per line (e.g. saudinewsnet.jsonl)")
    ap.add_argument("--limit", type=int, default=2000, help="number of articles (default 2000, 0 = all)")
    ap.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    args = ap.parse_args(argv)

    with contextlib.suppress(AttributeError, OSError):  # one core, as the speed budget is per core
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    from marsad.entities import tagger
    from marsad.entities.features import gazetteer_tagger
    from marsad.text import tokenize

    model = tagger.load(args.model)
    if model is None:
        print("no usable NER model", file=sys.stderr)
        return 1
    docs = []
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            if args.limit and len(docs) >= args.limit:
                break
            rec = json.loads(line)
            text = "\n".join(x for x in (rec.get("title"), rec.get("text")) if x)
            docs.append(tokenize(text))
    n_tok = sum(len(d) for d in docs)

    # warm-up: load lazily-built caches on a few documents (not timed)
    for d in docs[:20]:
        model.tag(d)

    t0 = time.perf_counter()
    n_spans = 0
    for d in docs:
        n_spans += len(model.tag(d))
    full = time.perf_counter() - t0

    gaz_fn = gazetteer_tagger()
    line = f"tag() incl. gazetteer: {n_tok / full:,.0f} tokens/s"
    if gaz_fn is not None and model.fx.use_gazetteer:
        gaz = [gaz_fn(d) for d in docs]
        t0 = time.perf_counter()
        for d, g in zip(docs, gaz, strict=True):
            model.tag(d, g)
        alone = time.perf_counter() - t0
        line += f"; tag() with precomputed gazetteer tags: {n_tok / alone:,.0f} tokens/s"
    print(f"{len(docs)} articles, {n_tok:,} tokens, {n_spans:,} entity spans")
    print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
