"""Entity mentions on unseen news against a gold set annotated blind (Marsad's conventions).

    python benchmarks/unseen_entities.py CORPUS.jsonl GOLD.json [GOLD.json ...] [--errors FILE]

GOLD: {"documents": [{"id", "mentions": [{"start", "end", "text", "type"}]}]}, offsets into the
corpus record's "text" (benchmarks/gold/unseen_entities_K.json, annotated following
benchmarks/gold/ENTITY_GUIDE.md). Marsad's entity stage runs on each named record as the pipeline
does (article layout, boilerplate) and its mentions are compared with the gold ones: exact span and
type, and overlapping span with the same type (titles or honorifics inside or outside a span do not
count against it). Precision, recall and F1 per type and overall; COUNTRY and LOCATION also merged
(a capital as actor or as place is the hardest call of the conventions).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

_PLACE = {"COUNTRY": "PLACE", "LOCATION": "PLACE"}


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _match(gold: list[dict], pred: list[dict], exact: bool, merge: bool) -> tuple[int, list[dict], list[dict]]:
    """One-to-one matches (same type; exact span or overlap); unmatched gold and predictions."""
    def typ(m: dict) -> str:
        return _PLACE.get(m["type"], m["type"]) if merge else m["type"]

    used: set[int] = set()
    missed = []
    for g in gold:
        hit = None
        for i, p in enumerate(pred):
            if i in used or typ(p) != typ(g):
                continue
            same = (p["start"], p["end"]) == (g["start"], g["end"])
            overlap = p["start"] < g["end"] and g["start"] < p["end"]
            if same if exact else overlap:
                hit = i
                break
        if hit is None:
            missed.append(g)
        else:
            used.add(hit)
    return len(used), missed, [p for i, p in enumerate(pred) if i not in used]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("gold", type=Path, nargs="+")
    ap.add_argument("--errors", type=Path, help="write missed and spurious mentions (overlap, per type) here")
    args = ap.parse_args()

    from marsad.model import RawDocument
    from marsad.pipeline import analyze

    gold_docs = {d["id"]: d["mentions"] for g in args.gold for d in json.loads(g.read_text(encoding="utf-8"))["documents"]}
    texts = {}
    with args.corpus.open(encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("id") in gold_docs:
                texts[rec["id"]] = rec["text"]
    missing = set(gold_docs) - set(texts)
    if missing:
        raise SystemExit(f"{args.corpus}: {len(missing)} gold documents not found, e.g. {sorted(missing)[0]}")
    preds = {}
    for doc_id, text in texts.items():
        a = analyze(RawDocument(text=text, source=doc_id))
        preds[doc_id] = [{"start": m.start, "end": m.end, "text": m.text, "type": m.type} for m in a.mentions]

    print(f"{len(texts)} documents, {sum(map(len, gold_docs.values()))} gold mentions, "
          f"{sum(map(len, preds.values()))} predicted")
    errors: dict[str, list] = {"missed": [], "spurious": []}
    for exact in (True, False):
        for merge in (False, True):
            tp = 0
            per: Counter[str] = Counter()
            for doc_id, gold in gold_docs.items():
                n, missed, spurious = _match(gold, preds[doc_id], exact, merge)
                tp += n
                for g in gold:
                    per["g:" + (_PLACE.get(g["type"], g["type"]) if merge else g["type"])] += 1
                for p in preds[doc_id]:
                    per["p:" + (_PLACE.get(p["type"], p["type"]) if merge else p["type"])] += 1
                for g in gold:
                    if g not in missed:
                        per["t:" + (_PLACE.get(g["type"], g["type"]) if merge else g["type"])] += 1
                if not exact and not merge:
                    errors["missed"] += [{**m, "doc": doc_id} for m in missed]
                    errors["spurious"] += [{**m, "doc": doc_id} for m in spurious]
            n_gold = sum(len(g) for g in gold_docs.values())
            n_pred = sum(len(p) for p in preds.values())
            p, r, f = _prf(tp, n_pred, n_gold)
            label = ("exact span" if exact else "overlapping span") + (", COUNTRY+LOCATION merged" if merge else "")
            print(f"\n{label}: P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
            for t in sorted({k[2:] for k in per}):
                tp_t, g_t, p_t = per["t:" + t], per["g:" + t], per["p:" + t]
                pt, rt, ft = _prf(tp_t, p_t, g_t)
                print(f"  {t:12} gold {g_t:4}  pred {p_t:4}  P {pt:.3f}  R {rt:.3f}  F1 {ft:.3f}")
    if args.errors:
        args.errors.write_text(json.dumps(errors, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\n{len(errors['missed'])} missed, {len(errors['spurious'])} spurious (overlap, strict types) -> {args.errors}")


if __name__ == "__main__":
    main()
