"""Entity-level evaluation of the NER tagger (``marsad eval ner``), conlleval style.

A predicted entity counts as correct only when its token span and its type both
equal a gold entity's (exact match). Precision, recall and F1 are given per type
and micro-averaged over the headline types PERSON, ORG and LOCATION/COUNTRY.

Place types: NewsFANE separates states (Nation → COUNTRY) from other places
(LOCATION), so it is scored both ways — "strict" (COUNTRY and LOCATION distinct)
and "merged" (one LOCATION/COUNTRY class, the headline figure). Wojood (GPE/LOC)
and AQMAR (LOC) do not make the distinction, so they are scored merged only.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from marsad.entities.corpora import NerSentence

__all__ = [
    "Counts", "Report", "score", "evaluate", "evaluate_documents", "evaluate_stage", "stage_spans",
    "format_report", "PLACE", "MERGED", "STRICT",
]

PLACE = "LOCATION/COUNTRY"
HEADLINE_MERGED = ("PERSON", "ORG", PLACE)
HEADLINE_STRICT = ("PERSON", "ORG", "COUNTRY", "LOCATION")

Span = tuple[int, int, str]


def MERGED(t: str) -> str:  # noqa: N802 - used as a constant-like mapping
    return PLACE if t in ("COUNTRY", "LOCATION", "GPE") else t


def STRICT(t: str) -> str:  # noqa: N802
    return t


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Report:
    name: str
    by_type: dict[str, Counts] = field(default_factory=dict)
    headline: tuple[str, ...] = HEADLINE_MERGED

    @property
    def micro(self) -> Counts:
        total = Counts()
        for t in self.headline:
            total.add(self.by_type.get(t, Counts()))
        return total

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "types": {
                t: {"precision": c.precision, "recall": c.recall, "f1": c.f1, "support": c.support,
                    "tp": c.tp, "fp": c.fp, "fn": c.fn}
                for t, c in sorted(self.by_type.items())
            },
            "micro": {"types": list(self.headline), "precision": self.micro.precision,
                      "recall": self.micro.recall, "f1": self.micro.f1, "support": self.micro.support},
        }


def score(
    gold: Iterable[Sequence[Span]],
    pred: Iterable[Sequence[Span]],
    mapping: Callable[[str], str] = STRICT,
    name: str = "",
    headline: tuple[str, ...] = HEADLINE_MERGED,
    types: Iterable[str] | None = None,
) -> Report:
    """Exact-match counts per type of ``pred`` against ``gold`` (one span list per sentence).

    ``mapping`` renames types on both sides first (e.g. :func:`MERGED`); ``types``,
    when given, limits scoring to those (mapped) types — spans of other types are
    ignored on both sides (a corpus cannot judge types it does not annotate).
    """
    rep = Report(name, {}, headline)
    keep = set(types) if types is not None else None
    for g, p in zip(gold, pred, strict=True):
        gs = {(i, j, mapping(t)) for i, j, t in g}
        ps = {(i, j, mapping(t)) for i, j, t in p}
        if keep is not None:
            gs = {s for s in gs if s[2] in keep}
            ps = {s for s in ps if s[2] in keep}
        for s in gs & ps:
            rep.by_type.setdefault(s[2], Counts()).tp += 1
        for s in ps - gs:
            rep.by_type.setdefault(s[2], Counts()).fp += 1
        for s in gs - ps:
            rep.by_type.setdefault(s[2], Counts()).fn += 1
    for t in headline:
        rep.by_type.setdefault(t, Counts())
    return rep


# Types each corpus annotates (after mapping), so that e.g. FACILITY predictions
# are not counted as false positives on AQMAR, which has no facility type.
CORPUS_TYPES: dict[str, dict[str, tuple[str, ...]]] = {
    "newsfane": {
        "strict": ("PERSON", "ORG", "COUNTRY", "LOCATION", "FACILITY"),
        "merged": ("PERSON", "ORG", PLACE, "FACILITY"),
    },
    "wojood": {"merged": ("PERSON", "ORG", PLACE, "FACILITY", "EVENT_NAME")},
    "aqmar": {"merged": ("PERSON", "ORG", PLACE)},
}


def evaluate(
    sentences: list[NerSentence], tag_fn: Callable[[list], list[Span]], corpus: str, split: str
) -> list[Report]:
    """Reports (merged, and strict where the corpus allows) of ``tag_fn`` on ``sentences``."""
    pred = [tag_fn(s.tokens) for s in sentences]
    return _reports(sentences, pred, corpus, split)


def evaluate_documents(sentences: list[NerSentence], model, corpus: str, split: str) -> list[Report]:
    """Like :func:`evaluate`, tagging each document (``NerSentence.doc``) as a whole.

    ``model`` is a :class:`marsad.entities.tagger.Model`; documents are NewsFANE's
    50-sentence blocks, AQMAR's articles and Wojood's single sentences.
    """
    by_doc: dict[str, list[int]] = {}
    for k, s in enumerate(sentences):
        by_doc.setdefault(s.doc, []).append(k)
    pred: list[list[Span]] = [[] for _ in sentences]
    for idx in by_doc.values():
        res = model.tag_sentences([sentences[k].tokens for k in idx])
        for k, spans in zip(idx, res, strict=True):
            pred[k] = spans
    return _reports(sentences, pred, corpus, split)


def _reports(sentences: list[NerSentence], pred: list[list[Span]], corpus: str, split: str) -> list[Report]:
    gold = [s.spans for s in sentences]
    reports = []
    modes = CORPUS_TYPES.get(corpus, {"merged": ("PERSON", "ORG", PLACE)})
    for mode in ("merged", "strict"):
        if mode not in modes:
            continue
        mapping, headline = (MERGED, HEADLINE_MERGED) if mode == "merged" else (STRICT, HEADLINE_STRICT)
        reports.append(score(gold, pred, mapping, f"{corpus}/{split} ({mode})", headline, modes[mode]))
    return reports


def format_report(rep: Report) -> str:
    lines = [rep.name, f"  {'type':<18} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    for t, c in sorted(rep.by_type.items(), key=lambda kv: (-kv[1].support, kv[0])):
        lines.append(
            f"  {t:<18} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.support:6d} {c.tp + c.fp:6d}"
        )
    m = rep.micro
    lines.append(
        f"  {'micro ' + '+'.join(x.split('/')[0][:3] for x in rep.headline):<18} "
        f"{m.precision:6.3f} {m.recall:6.3f} {m.f1:6.3f} {m.support:6d} {m.tp + m.fp:6d}"
    )
    return "\n".join(lines)


def stage_spans(sentences: Sequence[NerSentence]) -> list[list[Span]]:
    """Token spans of the whole entity stage (:func:`marsad.entities.extract`) on one document.

    The sentences are joined into one text, the stage runs on it (gazetteers, cue patterns,
    the tagger, resolution), and each mention is mapped back onto the sentence tokens that
    contain its first and last characters (a stripped proclitic stays in the token, as in the
    gold spans). Mentions that are not names in the corpora's sense are left out: demonyms and
    epithets standing for a state (``الإسرائيلي``, ``الدولة العبرية``); a capital standing for its
    state is scored as the place it names.
    """
    from marsad.entities import extract
    from marsad.entities.gazetteer import load
    from marsad.model import DocContext
    from marsad.text import fold

    gz = load()
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for s in sentences:
        offsets.append(pos)
        parts.append(s.text)
        pos += len(s.text) + 1
    text = "\n".join(parts)
    mentions, _entities = extract(DocContext.build(text))
    out: list[list[Span]] = [[] for _ in sentences]
    for m in mentions:
        typ = m.type
        if m.metonym:
            if not any(e.kind == "capital" for e in gz.lookup(fold(m.text))):
                continue
            typ = "LOCATION"
        k = bisect.bisect_right(offsets, m.start) - 1
        base = offsets[k]
        toks = sentences[k].tokens
        first = next((n for n, t in enumerate(toks) if t.end > m.start - base), None)
        last = next((n for n in range(len(toks) - 1, -1, -1) if toks[n].start < m.end - base), None)
        if first is None or last is None or last < first:
            continue
        out[k].append((first, last + 1, typ))
    return out


def evaluate_stage(sentences: list[NerSentence], corpus: str, split: str) -> list[Report]:
    """Like :func:`evaluate_documents`, scoring the whole entity stage instead of the tagger alone."""
    by_doc: dict[str, list[int]] = {}
    for k, s in enumerate(sentences):
        by_doc.setdefault(s.doc, []).append(k)
    pred: list[list[Span]] = [[] for _ in sentences]
    for idx in by_doc.values():
        for k, spans in zip(idx, stage_spans([sentences[k] for k in idx]), strict=True):
            pred[k] = sorted(set(spans))
    return _reports(sentences, pred, corpus, split)
