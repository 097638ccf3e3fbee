"""Time of the cross-document step (event clusters and findings) over a real corpus.

    python benchmarks/bench_crossdoc.py /work/shared/data/news/saudinewsnet.jsonl [--limit N]

Runs ``marsad.pipeline.analyze`` on the first N articles (JSON Lines with a "text" field),
builds the export with ``marsad.export.build.analyses_to_export`` and times
``marsad.events.consolidate`` on it (the call the knowledge base makes after each ingest).
Prints the counts, the seconds spent and how many clusters and findings came out.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from marsad import events
from marsad.export.build import analyses_to_export
from marsad.model import RawDocument
from marsad.pipeline import analyze


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--limit", type=int, default=2000)
    args = ap.parse_args()
    analyses = []
    t0 = time.perf_counter()
    with args.corpus.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= args.limit:
                break
            rec = json.loads(line)
            text = rec.get("text") or ""
            if text.strip():
                analyses.append(analyze(RawDocument(text=text, source=f"{args.corpus.name}#{i + 1}")))
    t1 = time.perf_counter()
    data = analyses_to_export(analyses)
    t2 = time.perf_counter()
    clusters, findings = events.consolidate(data["documents"], data["events"], data["quantities"])
    t3 = time.perf_counter()
    kinds = Counter(f["kind"] for f in findings)
    print(
        f"{len(data['documents'])} documents, {len(data['events'])} events, {len(data['quantities'])} quantities "
        f"(pipeline {t1 - t0:.1f} s, export {t2 - t1:.1f} s)"
    )
    print(
        f"consolidate: {t3 - t2:.2f} s; {len(set(clusters.values()))} clusters; "
        f"{kinds['conflict']} conflicts, {kinds['corroboration']} corroborations"
    )


if __name__ == "__main__":
    main()
