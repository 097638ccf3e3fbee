"""Scoring predicted events against a hand-annotated fixture.

``score_events(gold, predicted)`` takes two lists of event dicts in the export-schema
shape (``document``, ``type``, ``source``, ``target``, ``date``, ``status``, ``start``,
``end``; extra keys are ignored) and returns precision/recall/F1:

* ``events`` — an event is found when a predicted event of the same type and document has
  a span overlapping the gold sentence (one-to-one matching);
* ``events_with_args`` — the same, and the source and target sets are equal (for symmetric
  types, see ``mapping.tsv``, also in swapped order);
* ``per_type`` — both of the above per event type;
* ``arguments`` — over the events found: the share with the right source, target, both,
  date and status.

Dates compare as TIMEX strings; a value that says nothing about the date (no digit at all:
``XXXX-XX``; only a weekday: ``XXXX-WXX-3``; a duration ``P…``) counts as null, so an
unanchored relative date equals "no date".
"""

from __future__ import annotations

import re
from collections import defaultdict

__all__ = ["score_events", "normalize_date", "format_report"]


_NO_DATE = re.compile(r"X{4}(-WXX(-\d)?|-XX(-XX)?)?")


def normalize_date(value: str | None) -> str | None:
    """None for values that say nothing about the date: no digit, or only a weekday (XXXX-WXX-3)."""
    if not value or not any(c.isdigit() for c in value) or _NO_DATE.fullmatch(value) or value.startswith("P"):
        return None
    return value


def _symmetric_types() -> set[str]:
    from marsad.events.lexicon import lexicon

    lex = lexicon()
    return {t for (t, v), row in lex.mapping.items() if v == "default" and row.symmetric}


def _args_ok(g: dict, p: dict, symmetric: set[str]) -> bool:
    gs, gt = set(g.get("source") or []), set(g.get("target") or [])
    ps, pt = set(p.get("source") or []), set(p.get("target") or [])
    if (gs, gt) == (ps, pt):
        return True
    # symmetric types: the same two sides in either order (or all listed on one side)
    return (
        g["type"] in symmetric
        and (gs | gt) == (ps | pt)
        and ((gs, gt) == (pt, ps) or not (gs and gt) or not (ps and pt))
    )


def _overlap(g: dict, p: dict) -> bool:
    return p["start"] < g["end"] and g["start"] < p["end"]


def _prf(tp_p: int, n_pred: int, tp_g: int, n_gold: int) -> dict:
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_g / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def _match(gold: list[dict], pred: list[dict], symmetric: set[str], need_args: bool) -> list[tuple[int, int]]:
    """One-to-one matches (gold index, predicted index), preferring full agreement."""
    by_key: dict[tuple, list[int]] = defaultdict(list)
    for j, p in enumerate(pred):
        by_key[(p.get("document"), p.get("type"))].append(j)
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []

    def score(g: dict, p: dict) -> tuple:
        return (
            _args_ok(g, p, symmetric),
            normalize_date(g.get("date")) == normalize_date(p.get("date")),
            g.get("status") == p.get("status"),
            -abs(p["start"] - g["start"]),
        )

    # Gold events with fewer candidates first, so that a shared sentence is split fairly.
    order = sorted(
        range(len(gold)),
        key=lambda i: sum(
            1 for j in by_key[(gold[i].get("document"), gold[i]["type"])] if _overlap(gold[i], pred[j])
        ),
    )
    for i in order:
        g = gold[i]
        cands = [
            j
            for j in by_key[(g.get("document"), g["type"])]
            if j not in used and _overlap(g, pred[j]) and (not need_args or _args_ok(g, pred[j], symmetric))
        ]
        if not cands:
            continue
        j = max(cands, key=lambda j: score(g, pred[j]))
        used.add(j)
        pairs.append((i, j))
    return pairs


def score_events(gold: list[dict], predicted: list[dict], symmetric: set[str] | None = None) -> dict:
    """Precision/recall of ``predicted`` events against ``gold`` (see the module docstring)."""
    sym = _symmetric_types() if symmetric is None else set(symmetric)
    loose = _match(gold, predicted, sym, need_args=False)
    strict = _match(gold, predicted, sym, need_args=True)
    out: dict = {
        "gold": len(gold),
        "predicted": len(predicted),
        "events": {"matched": len(loose), **_prf(len(loose), len(predicted), len(loose), len(gold))},
        "events_with_args": {
            "matched": len(strict),
            **_prf(len(strict), len(predicted), len(strict), len(gold)),
        },
    }
    types = sorted({g["type"] for g in gold} | {p["type"] for p in predicted})
    per_type = {}
    for t in types:
        ng = sum(1 for g in gold if g["type"] == t)
        npred = sum(1 for p in predicted if p["type"] == t)
        ml = sum(1 for i, _j in loose if gold[i]["type"] == t)
        ms = sum(1 for i, _j in strict if gold[i]["type"] == t)
        per_type[t] = {
            "gold": ng,
            "predicted": npred,
            "matched": ml,
            "matched_with_args": ms,
            **_prf(ml, npred, ml, ng),
            "with_args": _prf(ms, npred, ms, ng),
        }
    out["per_type"] = per_type
    n = len(loose)
    src = tgt = both = date = status = 0
    for i, j in loose:
        g, p = gold[i], predicted[j]
        ok = _args_ok(g, p, sym)
        if ok:
            src += 1
            tgt += 1
            both += 1
        else:
            src += set(g.get("source") or []) == set(p.get("source") or [])
            tgt += set(g.get("target") or []) == set(p.get("target") or [])
        date += normalize_date(g.get("date")) == normalize_date(p.get("date"))
        status += g.get("status") == p.get("status")
    out["arguments"] = {
        "events_found": n,
        "source": round(src / n, 4) if n else 0.0,
        "target": round(tgt / n, 4) if n else 0.0,
        "source_and_target": round(both / n, 4) if n else 0.0,
        "date": round(date / n, 4) if n else 0.0,
        "status": round(status / n, 4) if n else 0.0,
    }
    return out


def format_report(scores: dict) -> str:
    """A plain-text table of :func:`score_events` output."""
    lines = [
        f"gold {scores['gold']}  predicted {scores['predicted']}",
        "events (type + sentence):       P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}".format(
            **scores["events"]
        ),
        "events with source and target:  P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}".format(
            **scores["events_with_args"]
        ),
        "arguments of the events found:  source {source:.3f}  target {target:.3f}  both {source_and_target:.3f}"
        "  date {date:.3f}  status {status:.3f}".format(**scores["arguments"]),
        "",
        f"{'type':26s} {'gold':>4s} {'pred':>4s} {'P':>6s} {'R':>6s} {'P+args':>7s} {'R+args':>7s}",
    ]
    for t, s in scores["per_type"].items():
        lines.append(
            f"{t:26s} {s['gold']:4d} {s['predicted']:4d} {s['precision']:6.3f} {s['recall']:6.3f}"
            f" {s['with_args']['precision']:7.3f} {s['with_args']['recall']:7.3f}"
        )
    return "\n".join(lines)
