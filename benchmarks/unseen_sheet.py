"""Judging sheets for Marsad's output on unseen news, and their scores.

    python benchmarks/unseen_sheet.py sample CORPUS.jsonl OUT.jsonl [--n 30] [--seed 4242] [--exclude A.jsonl ...]
    python benchmarks/unseen_sheet.py sheet ARTICLES.jsonl OUT.json [--gold GOLD.json]
    python benchmarks/unseen_sheet.py score SHEET.json LABELS.json
    python benchmarks/unseen_sheet.py gold SHEET.json ARTICLES.jsonl GOLD.json [GOLD.json ...] [--misses FILE]

``sample`` draws articles about relations between states (two or more state names and two or
more event words, 600-3,500 characters) reproducibly from a JSON Lines corpus. ``sheet`` runs the
installed Marsad on them and writes one item per event (its sentence, type, states, status) for a
reader to label without seeing the code; run it with two versions of Marsad on the path
(``PYTHONPATH=old/src``) and merge the sheets to compare them blind. ``score`` reads the labels
(a JSON list of {"id", "type_ok", "states_ok", "status_ok"}) and prints the event precision:
type right, type and both states right, status right. ``gold`` scores a sheet against events
annotated by a reader who never saw the output (JSON {"events": [{"doc", "quote", "type", "source",
"target", "status"}]}, states as ISO alpha-3 codes, ``quote`` an exact substring of the article
holding the trigger): precision and recall of the type, of type and states, and status agreement.
The gold sets of benchmarks/gold/ name their articles (``docs_read``): ``sheet CORPUS.jsonl OUT.json
--gold benchmarks/gold/unseen_events_J.json`` takes just those from the whole corpus, e.g.

    python benchmarks/unseen_sheet.py sheet ../shared/data/news/saudinewsnet.jsonl /tmp/J.json --gold benchmarks/gold/unseen_events_J.json
    python benchmarks/unseen_sheet.py gold /tmp/J.json ../shared/data/news/saudinewsnet.jsonl benchmarks/gold/unseen_events_J.json
The figures are in docs/EVENTS.md ("On unseen news").
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


def sheet(articles: Path, out: Path, gold: list[Path] | None = None) -> None:
    from marsad.model import RawDocument
    from marsad.pipeline import analyze

    wanted = {d for g in gold or [] for d in json.loads(g.read_text(encoding="utf-8"))["docs_read"]}
    items = []
    for line in articles.open(encoding="utf-8"):
        rec = json.loads(line)
        if wanted and rec.get("id") not in wanted:
            continue
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
                    "start": e.start,
                    "end": e.end,
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


def _states(ids: list[str] | None) -> set[str]:
    return {i.split(":", 1)[1] if i.startswith("country:") else i for i in ids or []}


def _states_ok(g: dict, p: dict, symmetric: set[str]) -> bool:
    """Every predicted state is on its gold side (either order for symmetric types), and each
    side the gold names has at least one of them."""
    gs, gt = set(g.get("source") or []), set(g.get("target") or [])
    ps, pt = _states(p.get("source")), _states(p.get("target"))

    def fits(a: set[str], b: set[str]) -> bool:
        return a <= gs and b <= gt and bool(a) == bool(gs) and bool(b) == bool(gt)

    if fits(ps, pt):
        return True
    if g["type"] in symmetric:
        both = gs | gt
        return fits(pt, ps) or (ps | pt <= both and len(ps | pt) >= min(2, len(both)))
    return False


def gold_score(sheet_path: Path, articles: Path, gold_paths: list[Path], misses: Path | None) -> None:
    from marsad.events.lexicon import lexicon

    symmetric = {t for (t, v), row in lexicon().mapping.items() if v == "default" and row.symmetric}
    texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in articles.open(encoding="utf-8")}
    golds = [json.loads(gp.read_text(encoding="utf-8")) for gp in gold_paths]
    if all("docs_read" in g for g in golds):  # score only the articles the readers went through
        read = {d for g in golds for d in g["docs_read"]}
        texts = {k: v for k, v in texts.items() if k in read}
    items = [i for i in json.loads(sheet_path.read_text(encoding="utf-8")) if i["doc"] in texts]
    gold = []
    for gp, gdata in zip(gold_paths, golds, strict=True):
        for g in gdata["events"]:
            pos = texts.get(g["doc"], "").find(g["quote"])
            if pos < 0:
                print(f"{gp}: quote not found in {g['doc']}: {g['quote']!r}")
                continue
            gold.append({**g, "pos": pos})

    def pair(level: str) -> dict[int, int]:
        """One-to-one: gold index -> item index, a gold quote inside the event's sentence."""
        used: dict[int, int] = {}
        taken: set[int] = set()
        for gi, g in enumerate(gold):
            for ii, it in enumerate(items):
                if ii in taken or it["doc"] != g["doc"] or it["type"] != g["type"]:
                    continue
                if not it["start"] <= g["pos"] < it["end"]:
                    continue
                if level == "states" and not _states_ok(g, it, symmetric):
                    continue
                used[gi] = ii
                taken.add(ii)
                break
        return used

    n_g, n_p = len(gold), len(items)
    print(f"gold events {n_g}, predicted events {n_p} ({len(texts)} articles)")
    for level in ("type", "states"):
        m = len(pair(level))
        p, r = m / n_p if n_p else 0.0, m / n_g if n_g else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {level:6}: matched {m}  P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    full = pair("states")
    agree = sum(items[ii]["status"] == gold[gi]["status"] for gi, ii in full.items())
    print(f"  status agrees on {agree} of {len(full)} events matched with states")
    if misses:
        matched_items = set(full.values())
        out = {
            "missed": [g for gi, g in enumerate(gold) if gi not in full],
            "spurious": [it for ii, it in enumerate(items) if ii not in matched_items],
        }
        misses.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"  {len(out['missed'])} missed, {len(out['spurious'])} unmatched predictions -> {misses}")


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
    h.add_argument("--gold", type=Path, nargs="*", help="only the articles these gold files name")
    c = sub.add_parser("score")
    c.add_argument("sheet", type=Path)
    c.add_argument("labels", type=Path)
    g = sub.add_parser("gold")
    g.add_argument("sheet", type=Path)
    g.add_argument("articles", type=Path)
    g.add_argument("gold", type=Path, nargs="+")
    g.add_argument("--misses", type=Path)
    args = ap.parse_args()
    if args.cmd == "sample":
        sample(args.corpus, args.out, args.n, args.seed, args.exclude)
    elif args.cmd == "sheet":
        sheet(args.articles, args.out, args.gold)
    elif args.cmd == "gold":
        gold_score(args.sheet, args.articles, args.gold, args.misses)
    else:
        score(args.sheet, args.labels)


if __name__ == "__main__":
    main()
