"""Scoring quantity extraction against hand-annotated fixtures.

Fixtures (``tests/fixtures/quantities/``):

* ``seeds.json`` — ``{"documents": [{"file": "seeds/….txt", "quantities": [gold…]}]}``, the
  file relative to the fixture;
* ``sentences.json`` — ``{"sentences": [{"id", "text", "quantities": [gold…]}]}``.

A gold quantity has ``start``, ``end``, ``text``, ``value``, ``unit``, ``comparator``,
``measure`` (or null), ``measure_span`` and optionally ``value_max``.

Matching: a predicted quantity matches the gold quantity whose span overlaps it most (one to
one, greedy by overlap). Scores:

* span precision / recall / F1, for overlapping spans and for exact spans;
* value+unit+comparator accuracy: among matched pairs, the share whose value (relative
  difference ≤ 1e-6, and the same ``value_max``), unit and comparator are all equal; also
  reported over all gold quantities (a missed quantity counts as wrong);
* measured phrase accuracy: among matched pairs, the share whose measure is right — both
  absent, or both present with token F1 ≥ 0.8 between their folded tokens (a leading ``من``
  ignored), or overlapping spans with the same first token.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from marsad.model import DocContext, Mention, Quantity, Timex
from marsad.text import fold

FIXTURE_DIR = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "quantities"


@dataclass
class Case:
    """One text with its gold quantities."""

    id: str
    text: str
    gold: list[dict]
    published: str | None = None


@dataclass
class Scores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    exact_spans: int = 0
    value_ok: int = 0
    measure_ok: int = 0
    errors: list[dict] = field(default_factory=list)

    def add(self, other: Scores) -> None:
        self.gold += other.gold
        self.predicted += other.predicted
        self.matched += other.matched
        self.exact_spans += other.exact_spans
        self.value_ok += other.value_ok
        self.measure_ok += other.measure_ok
        self.errors.extend(other.errors)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def precision(self) -> float:
        return self._ratio(self.matched, self.predicted)

    @property
    def recall(self) -> float:
        return self._ratio(self.matched, self.gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def exact_f1(self) -> float:
        p = self._ratio(self.exact_spans, self.predicted)
        r = self._ratio(self.exact_spans, self.gold)
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def value_accuracy(self) -> float:
        return self._ratio(self.value_ok, self.matched)

    @property
    def value_accuracy_all(self) -> float:
        return self._ratio(self.value_ok, self.gold)

    @property
    def measure_accuracy(self) -> float:
        return self._ratio(self.measure_ok, self.matched)

    def as_dict(self) -> dict:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "matched": self.matched,
            "span_precision": round(self.precision, 4),
            "span_recall": round(self.recall, 4),
            "span_f1": round(self.f1, 4),
            "exact_span_f1": round(self.exact_f1, 4),
            "value_unit_comparator_accuracy": round(self.value_accuracy, 4),
            "value_unit_comparator_accuracy_over_gold": round(self.value_accuracy_all, 4),
            "measure_accuracy": round(self.measure_accuracy, 4),
        }


def load_cases(path: Path) -> list[Case]:
    """The cases of a fixture file (seeds.json or sentences.json format)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    cases: list[Case] = []
    for doc in data.get("documents", []):
        text = (Path(path).parent / doc["file"]).read_text(encoding="utf-8")
        cases.append(Case(doc["file"], text, doc["quantities"], doc.get("published")))
    for s in data.get("sentences", []):
        cases.append(Case(s["id"], s["text"], s["quantities"], s.get("published")))
    return cases


def default_fixtures() -> list[Path]:
    return [FIXTURE_DIR / "seeds.json", FIXTURE_DIR / "sentences.json"]


def _tokens(s: str | None) -> list[str]:
    toks = fold(s or "").replace("«", " ").replace("»", " ").split()
    if toks and toks[0] == "من":
        toks = toks[1:]
    return toks


def measure_matches(gold: dict, pred: Quantity) -> bool:
    g, p = gold.get("measure"), pred.measure
    if not g and not p:
        return True
    if not g or not p:
        return False
    gt, pt = _tokens(g), _tokens(p)
    common = 0
    rest = list(pt)
    for t in gt:
        if t in rest:
            rest.remove(t)
            common += 1
    if common:
        prec, rec = common / len(pt), common / len(gt)
        if 2 * prec * rec / (prec + rec) >= 0.8:
            return True
    gs, ps = gold.get("measure_span"), pred.measure_span
    return bool(gs and ps and gs[0] < ps[1] and ps[0] < gs[1] and gt[:1] == pt[:1])


def value_matches(gold: dict, pred: Quantity) -> bool:
    def close(x: float | None, y: float | None) -> bool:
        if x is None or y is None:
            return x is None and y is None
        return abs(x - y) <= 1e-6 * max(1.0, abs(x), abs(y))

    return (
        close(float(gold["value"]), pred.value)
        and close(gold.get("value_max"), pred.value_max)
        and gold.get("unit") == pred.unit
        and gold.get("comparator", "eq") == pred.comparator
    )


def score_case(case: Case, predicted: list[Quantity]) -> Scores:
    sc = Scores(gold=len(case.gold), predicted=len(predicted))
    pairs = []
    for gi, g in enumerate(case.gold):
        for pi, p in enumerate(predicted):
            ov = min(g["end"], p.end) - max(g["start"], p.start)
            if ov > 0:
                pairs.append((ov, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = case.gold[gi], predicted[pi]
        sc.matched += 1
        if (g["start"], g["end"]) == (p.start, p.end):
            sc.exact_spans += 1
        v_ok = value_matches(g, p)
        m_ok = measure_matches(g, p)
        sc.value_ok += v_ok
        sc.measure_ok += m_ok
        if not (v_ok and m_ok):
            sc.errors.append(
                {
                    "case": case.id,
                    "kind": "value" if not v_ok else "measure",
                    "gold": {k: g.get(k) for k in ("text", "value", "value_max", "unit", "comparator", "measure")},
                    "predicted": {
                        "text": p.text,
                        "value": p.value,
                        "value_max": p.value_max,
                        "unit": p.unit,
                        "comparator": p.comparator,
                        "measure": p.measure,
                    },
                }
            )
    for gi, g in enumerate(case.gold):
        if gi not in used_g:
            sc.errors.append({"case": case.id, "kind": "missed", "gold": {"text": g["text"], "value": g["value"]}})
    for pi, p in enumerate(predicted):
        if pi not in used_p:
            sc.errors.append({"case": case.id, "kind": "spurious", "predicted": {"text": p.text, "value": p.value, "unit": p.unit}})
    return sc


def run_case(case: Case, use_stages: bool = True) -> list[Quantity]:
    """Analyse a case the way the pipeline does (time expressions and entities included)."""
    from marsad import quantities

    ctx = DocContext.build(case.text, published=case.published)
    timexes: list[Timex] = []
    mentions: list[Mention] = []
    if use_stages:
        from marsad import entities, timex

        if callable(getattr(timex, "extract", None)):
            timexes = timex.extract(ctx)
        if callable(getattr(entities, "extract", None)):
            mentions, _ = entities.extract(ctx)
    return quantities.extract(ctx, timexes, mentions)


def evaluate(paths: Iterable[Path], use_stages: bool = True) -> dict[str, Scores]:
    """Scores per fixture file (by file name) and in total (key ``"all"``)."""
    result: dict[str, Scores] = {}
    total = Scores()
    for path in paths:
        sc = Scores()
        for case in load_cases(Path(path)):
            sc.add(score_case(case, run_case(case, use_stages)))
        result[Path(path).name] = sc
        total.add(sc)
    result["all"] = total
    return result

