"""Judging sheets for Marsad's output on unseen news, and their scores.

    python benchmarks/unseen_sheet.py sample CORPUS.jsonl OUT.jsonl [--n 30] [--seed 4242] [--exclude A.jsonl ...]
    python benchmarks/unseen_sheet.py sheet ARTICLES.jsonl OUT.json
    python benchmarks/unseen_sheet.py score SHEET.json LABELS.json

``sample`` draws articles about relations between states (two or more state names and two or
more event words, 600-3,500 characters) reproducibly from a JSON Lines corpus. ``sheet`` runs the
installed Marsad on them and writes one item per event (its sentence, type, states, status) for a
reader to label without seeing the code; run it with two versions of Marsad on the path
(``PYTHONPATH=old/src``) and merge the sheets to compare them blind. ``score`` reads the labels
(a JSON list of {"id", "type_ok", "states_ok", "status_ok"}) and prints the event precision:
type right, type and both states right, status right. The 2026-11-23 figures are in
docs/EVENTS.md ("On unseen news").
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

_STATES = re.compile(
    "إيران|إسرائيل|روسيا|تركيا|أمريكا|الأمريكية|واشنطن|الصين|اليمن|سوريا|مصر|فرنسا|باكستان|العراق|قطر"
    "|الإمارات|بريطانيا|ألمانيا|الأردن|الكويت|البحرين|عمان|لبنان|السودان"
)
_EVENT_WORDS = re.compile("زيار|سفير|سفارة|صفق|اتهم|وزير الخارجية|مناورات|أسلحة|اتفاقي|التقى|استقبل|مباحثات|اتصال")


def sample(corpus: Path, out: Path, n: int, seed: int, exclude: list[Path]) -> None:
    skip = {json.loads(line)["id"] for p in exclude for line in p.open(encoding="utf-8")}
    pool = []
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            text = rec.get("text") or ""
            if rec.get("id") in skip or not 600 < len(text) < 3500:
                continue
            if len(set(_STATES.findall(text))) >= 2 and len(_EVENT_WORDS.findall(text)) >= 2:
                pool.append(rec)
    picked = random.Random(seed).sample(pool, min(n, len(pool)))
    with out.open("w", encoding="utf-8") as f:
        for rec in picked:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{len(picked)} of {len(pool)} candidate articles -> {out}")


def sheet(articles: Path, out: Path) -> None:
    from marsad.model import RawDocument
    from marsad.pipeline import analyze

    items = []
    for line in articles.open(encoding="utf-8"):
        rec = json.loads(line)
        a = analyze(RawDocument(text=rec["text"], source=rec.get("id") or "article"))
        for e in a.events:
            items.append(
                {
                    "id": len(items),
                    "doc": rec.get("id"),
                    "sentence": rec["text"][e.start : e.end],
                    "type": e.type,
                    "source": e.source,
                    "target": e.target,
                    "status": e.status,
                }
            )
    out.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(items)} events -> {out}")


def score(sheet_path: Path, labels_path: Path) -> None:
    items = json.loads(sheet_path.read_text(encoding="utf-8"))
    labels = {x["id"]: x for x in json.loads(labels_path.read_text(encoding="utf-8"))}
    judged = [labels[i["id"]] for i in items if i["id"] in labels]
    n = len(judged)
    if not n:
        print("no labelled items")
        return
    type_ok = sum(bool(x.get("type_ok")) for x in judged)
    states_ok = sum(bool(x.get("states_ok")) for x in judged)
    status_ok = sum(bool(x.get("status_ok")) for x in judged if x.get("type_ok"))
    print(f"events judged {n}: type right {type_ok} ({type_ok / n:.3f}), type and states right {states_ok} "
          f"({states_ok / n:.3f}), status right {status_ok} of {type_ok}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample")
    s.add_argument("corpus", type=Path)
    s.add_argument("out", type=Path)
    s.add_argument("--n", type=int, default=30)
    s.add_argument("--seed", type=int, default=4242)
    s.add_argument("--exclude", type=Path, nargs="*", default=[])
    h = sub.add_parser("sheet")
    h.add_argument("articles", type=Path)
    h.add_argument("out", type=Path)
    c = sub.add_parser("score")
    c.add_argument("sheet", type=Path)
    c.add_argument("labels", type=Path)
    args = ap.parse_args()
    if args.cmd == "sample":
        sample(args.corpus, args.out, args.n, args.seed, args.exclude)
    elif args.cmd == "sheet":
        sheet(args.articles, args.out)
    else:
        score(args.sheet, args.labels)


if __name__ == "__main__":
    main()
