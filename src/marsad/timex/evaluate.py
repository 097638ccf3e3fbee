"""Scoring ``marsad.timex.extract`` against hand-annotated fixtures.

Two fixture layouts are read (see tests/fixtures/time/):

* ``{"documents": [{"id", "file", "published", "timexes": [...]}]}`` — whole articles,
  ``file`` relative to the fixture; ``published`` may be null (undated article);
* ``{"items": [{"id", "anchor", "text", "timexes": [...]}]}`` — single sentences with
  their article's date as the anchor.

Every gold timex has ``start``, ``end``, ``text``, ``value`` and ``category``:
``explicit`` (the text fixes the value), ``relative`` (resolved from a known anchor:
the publication date or an earlier expression), ``unanchored`` (relative, in an undated
document: the value must be the unanchored form such as ``XXXX-11-26``) or ``ambiguous``
(the span counts, the value is not scored).

Scores: span precision/recall/F1, strict (same start and end) and lenient (overlap);
and for each category the share of gold expressions for which a predicted expression
overlapping them has exactly the gold value.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from marsad.model import DocContext, Timex
from marsad.timex import extract

CATEGORIES = ("explicit", "relative", "unanchored")
FIXTURE_DIR = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "time"
DEFAULT_FIXTURES = ("seeds.json", "sentences.json", "heldout.json")


@dataclass
class GoldDoc:
    id: str
    text: str
    published: str | None
    gold: list[dict]


@dataclass
class Score:
    name: str
    docs: int = 0
    gold: int = 0
    predicted: int = 0
    strict_tp: int = 0
    lenient_tp_gold: int = 0
    lenient_tp_pred: int = 0
    value_total: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    value_correct: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CATEGORIES, 0))
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def _prf(tp_p: int, tp_r: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp_p / pred if pred else 1.0
        r = tp_r / gold if gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    @property
    def strict(self) -> tuple[float, float, float]:
        return self._prf(self.strict_tp, self.strict_tp, self.predicted, self.gold)

    @property
    def lenient(self) -> tuple[float, float, float]:
        return self._prf(self.lenient_tp_pred, self.lenient_tp_gold, self.predicted, self.gold)

    def accuracy(self, category: str) -> float | None:
        n = self.value_total[category]
        return self.value_correct[category] / n if n else None

    def as_dict(self) -> dict:
        return {
            "fixture": self.name,
            "documents": self.docs,
            "gold": self.gold,
            "predicted": self.predicted,
            "span_strict": dict(zip(("precision", "recall", "f1"), self.strict, strict=True)),
            "span_lenient": dict(zip(("precision", "recall", "f1"), self.lenient, strict=True)),
            "value_accuracy": {
                c: {"correct": self.value_correct[c], "total": self.value_total[c], "accuracy": self.accuracy(c)}
                for c in CATEGORIES
            },
        }


def load_fixture(path: Path) -> list[GoldDoc]:
    data = json.loads(path.read_text(encoding="utf-8"))
    docs: list[GoldDoc] = []
    for d in data.get("documents", []):
        text = (path.parent / d["file"]).read_text(encoding="utf-8")
        docs.append(GoldDoc(d["id"], text, d.get("published"), d["timexes"]))
    for it in data.get("items", []):
        docs.append(GoldDoc(it["id"], it["text"], it.get("anchor"), it["timexes"]))
    for doc in docs:
        for g in doc.gold:
            if doc.text[g["start"] : g["end"]] != g["text"]:
                raise ValueError(f"{path}: {doc.id}: offsets {g['start']}-{g['end']} do not hold {g['text']!r}")
    return docs


def _overlap(a: Timex, g: dict) -> int:
    return max(0, min(a.end, g["end"]) - max(a.start, g["start"]))


def score_documents(name: str, docs: list[GoldDoc]) -> Score:
    sc = Score(name)
    for doc in docs:
        pred = extract(DocContext.build(doc.text, published=doc.published))
        sc.docs += 1
        sc.gold += len(doc.gold)
        sc.predicted += len(pred)
        spans = {(t.start, t.end) for t in pred}
        for g in doc.gold:
            if (g["start"], g["end"]) in spans:
                sc.strict_tp += 1
            best = max(pred, key=lambda t: _overlap(t, g), default=None)
            hit = best is not None and _overlap(best, g) > 0
            if hit:
                sc.lenient_tp_gold += 1
            cat = g["category"]
            if cat in CATEGORIES:
                sc.value_total[cat] += 1
                if hit and best.value == g["value"]:
                    sc.value_correct[cat] += 1
                else:
                    got = f"{best.text!r}={best.value}" if hit else "nothing"
                    sc.errors.append(f"{doc.id}: {cat} {g['text']!r}={g['value']} -> {got}")
            elif not hit:
                sc.errors.append(f"{doc.id}: {cat} {g['text']!r} -> nothing")
        for t in pred:
            if any(_overlap(t, g) > 0 for g in doc.gold):
                sc.lenient_tp_pred += 1
            else:
                sc.errors.append(f"{doc.id}: spurious {t.text!r}={t.value}")
    return sc


def score_fixture(path: Path) -> Score:
    return score_documents(path.name, load_fixture(path))


def default_fixtures() -> list[Path]:
    return [FIXTURE_DIR / n for n in DEFAULT_FIXTURES]
