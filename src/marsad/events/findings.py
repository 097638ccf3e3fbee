"""Findings: where reports about the same thing disagree (conflicts) or agree (corroborations).

Two sources of claims are compared across documents:

Quantities
    Two numbers are about the same thing when they have the same unit, their states
    agree (the countries among their entities overlap) and their measured phrases
    match: a concept of one phrase (``concepts.tsv``: oil, arms, imports, the border…)
    appears in the other's clause, or the two phrases share a content word (compared
    on folded words, with proclitics and common endings removed). Phrases naming
    different members of an exclusive group (oil vs arms, imports vs exports) are about
    different things. For each number only the best match in each other document is
    kept (agreeing values are preferred), so that "69% of its arms imports" and "17% of
    the arms exports" in one article are not both paired with one number of another.
    Matched numbers form a topic; differing values make a conflict, equal values from
    independent outlets a corroboration. Explanations say when the figures refer to
    different times (the quantities' periods, else the documents' publication dates)
    and so may reflect change rather than error, and note differing comparators.

    What this can and cannot match: wording variants that share a concept or a word
    (``من واردات إسرائيل النفطية`` ≈ ``من نفط إسرائيل`` through "oil"; ``من الحدود
    الإيرانية`` ≈ ``من إيران`` through the folded nisba) and phrases whose referent is in
    the clause (``تستورد 40% من حاجاتها منه`` matches "imports" through the verb). A
    phrase that only refers back with a pronoun to a word in an earlier clause is
    matched only through a third report that shares words with both. Synonyms outside
    concepts.tsv are not matched.

Events
    One-time events (``event_types.tsv``: recognition, establishment of relations,
    opening a mission of one kind, appointing the first envoy) reported with
    incompatible dates are a conflict; recurring events (visits, meetings, drills) never
    conflict merely by date. A recurring event becomes one-time when it is ordinal
    (``أول زيارة``, ``للمرة الأولى``) or closed by a count with as many dates ("twice, in
    1997 and 2016"): another report of the same person's visit at a date outside the
    enumeration, or before the first, is a conflict. Clusters whose dates agree across
    independent documents are corroborations.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from marsad.events.crossdoc import (
    EventView,
    Names,
    actors_compatible,
    compatible,
    date_interval,
    dates_compatible,
    fully_specified,
    object_kinds,
    read_lines,
    read_tsv,
    suffixes,
    type_info,
    word_keys,
)
from marsad.text import clitic_splits, fold, tokenize

__all__ = [
    "concept_pillar",
    "event_findings",
    "event_topic",
    "find_findings",
    "finding_id",
    "format_value",
    "quantity_findings",
    "sentence_of",
]


def finding_id(kind: str, items: Iterable[str]) -> str:
    key = kind + "\n" + "\n".join(sorted(set(items)))
    return "f-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Concept:
    name: str
    group: str | None
    label: str
    pillar: str | None
    stems: tuple[str, ...]


@cache
def concepts() -> tuple[Concept, ...]:
    return tuple(
        Concept(
            c, None if g == "-" else g, label, None if p == "-" else p, tuple(fold(s) for s in stems.split())
        )
        for c, g, label, p, stems in read_tsv("concepts.tsv")
    )


GENERIC = "generic"  # concepts that never anchor a match alone (needs, population, area)


@cache
def generic_concepts() -> frozenset[str]:
    return frozenset(c.name for c in concepts() if c.group == GENERIC)


@cache
def stopwords() -> frozenset[str]:
    return frozenset(fold(w) for w in read_lines("stopwords.txt"))


@cache
def units() -> dict[str, tuple[str, str]]:
    return {u: (fmt, topic) for u, fmt, topic, _located in read_tsv("units.tsv")}


@cache
def located_units() -> frozenset[str]:
    return frozenset(u for u, _fmt, _topic, located in read_tsv("units.tsv") if located == "1")


@cache
def change_cues() -> frozenset[str]:
    return frozenset(fold(w) for w in read_lines("change_cues.txt"))


def _is_change(text_before: str) -> bool:
    """A change cue before the number in its clause ("exports rose by 26%")."""
    cues = change_cues()
    words = [fold(t.text) for t in tokenize(text_before) if not t.is_number]
    return any(w in cues or any(st in cues for _p, st in clitic_splits(w)) for w in words)


@cache
def _concepts_of_word(word: str) -> frozenset[str]:
    """Concepts whose stem, plus a known ending, is a clitic reading of the word (see word_matches)."""
    stems = _stem_concepts()
    ends = suffixes()
    found: set[str] = set()
    for _p, reading in clitic_splits(word):
        for k in range(2, len(reading) + 1):
            head, tail = reading[:k], reading[k:]
            if tail in ends:
                found |= stems.get(head, frozenset())
                if head.endswith("ت") and tail:  # taa marbuta before an ending
                    found |= stems.get(head[:-1] + "ه", frozenset())
    return frozenset(found)


@cache
def _stem_concepts() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for c in concepts():
        for st in c.stems:
            out.setdefault(st, set()).add(c.name)
    return {k: frozenset(v) for k, v in out.items()}


@dataclass(frozen=True)
class Features:
    concepts: frozenset[str]
    keys: frozenset[str]  # comparable forms of the content words
    words: tuple[frozenset[str], ...] = ()  # the keys of each content word

    @property
    def empty(self) -> bool:
        return not self.concepts and not self.keys


@cache
def _word_features(w: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """Concepts and comparable keys of one folded word (None for function words)."""
    stop = stopwords()
    if len(w) < 2 or w in stop or any(s in stop for _p, s in clitic_splits(w)):
        return None
    return _concepts_of_word(w), word_keys(w)


def features(text: str | None) -> Features:
    cs: set[str] = set()
    keys: set[str] = set()
    words: list[frozenset[str]] = []
    for tok in tokenize(text or ""):
        if tok.is_number:
            continue
        f = _word_features(fold(tok.text))
        if f is not None:
            cs |= f[0]
            keys |= f[1]
            if f[1] and f[1] not in words:
                words.append(f[1])
    return Features(frozenset(cs), frozenset(keys), tuple(words))


def concept_pillar(text: str | None) -> str | None:
    """The pillar of the first concept (in concepts.tsv order) a phrase names, if any."""
    found = features(text).concepts
    return next((c.pillar for c in concepts() if c.name in found and c.pillar), None)


# --------------------------------------------------------------------------- documents


_SENT_BOUND = re.compile(r"[!?؟\n]|\.(?=\s|$)")
_CLAUSE_BOUND = re.compile(r"[!?؟\n؛;()،]|[.,](?=\s|$)")


def _bounds(text: str, start: int, end: int, pattern: re.Pattern) -> tuple[int, int]:
    left = 0
    for m in pattern.finditer(text, 0, start):
        left = m.end()
    m = pattern.search(text, end)
    right = m.start() if m else len(text)
    return left, right


def sentence_of(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` around a span (for quantities, whose record has no sentence)."""
    s, e = _bounds(text, start, end, _SENT_BOUND)
    return text[s:e].strip()


_COPY_WORDS = 8  # a sentence shared word for word (at this length or more) is one source
_COPY_OVERLAP = 0.9


def _sentence_words(text: str, start: int, end: int) -> frozenset[str]:
    return frozenset(fold(w) for w in re.findall(r"\w+", sentence_of(text, start, end)) if not w.isdigit())


def _same_sentence(a: frozenset[str], b: frozenset[str]) -> bool:
    """The same sentence in two documents (a syndicated or copied text), allowing small edits
    and a sentence one site cut differently (the shorter one's words are almost all in the other)."""
    if min(len(a), len(b)) < _COPY_WORDS:
        return False
    return len(a & b) / min(len(a), len(b)) >= _COPY_OVERLAP


class Docs:
    """Documents by id, with labels for explanations and independence of outlets."""

    def __init__(self, documents: list[dict]) -> None:
        self.by_id = {d["id"]: d for d in documents if d.get("id")}

    def text(self, did: str) -> str:
        return (self.by_id.get(did) or {}).get("text") or ""

    def published(self, did: str) -> str | None:
        return (self.by_id.get(did) or {}).get("published")

    def stated_published(self, did: str) -> str | None:
        """The publication date when the document states it; an inferred one is only a lower
        bound ("written after the latest date it mentions"), not the time a figure refers to."""
        if self.published_from(did) == "inferred":
            return None
        return self.published(did)

    def published_from(self, did: str) -> str | None:
        return (self.by_id.get(did) or {}).get("published_from")

    def outlet(self, did: str) -> str | None:
        o = (self.by_id.get(did) or {}).get("outlet")
        return fold(o).strip() if o else None

    def label(self, did: str) -> str:
        """The document's name and publication date, for explanations: ``Outlet (2020-10-10)``."""
        published = self.published(did)
        if published and self.published_from(did) == "inferred":
            return f"{self.name(did)} (written after {published})"
        return f"{self.name(did)} ({published or 'undated'})"

    def name(self, did: str) -> str:
        d = self.by_id.get(did) or {}
        if d.get("outlet"):
            name = d["outlet"]
        elif d.get("title"):
            t = d["title"].strip()
            name = "«" + (t if len(t) <= 40 else t[:39].rstrip() + "…") + "»"
        elif d.get("source"):
            name = re.sub(r"\.[A-Za-z]+$", "", d["source"].rsplit("/", 1)[-1])
        else:
            name = did
        return name

    def independent_of(self, members: Iterable) -> int:
        """How many independent sources give these pieces of evidence (objects with ``doc`` and a
        ``rec`` holding ``start``/``end``): distinct outlets, and documents whose evidence is the
        same sentence — a wire story or a copied text that several sites carry — count once."""
        members = list(members)
        parent = list(range(len(members)))

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        keys = [self.outlet(m.doc) or ("doc", m.doc) for m in members]
        words = [
            _sentence_words(self.text(m.doc), m.rec.get("start") or 0, m.rec.get("end") or 0) for m in members
        ]
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                if keys[a] == keys[b] or _same_sentence(words[a], words[b]):
                    parent[find(a)] = find(b)
        return len({find(x) for x in range(len(members))})


# --------------------------------------------------------------------------- quantities


def format_number(v: float) -> str:
    if math.isfinite(v) and v == int(v):
        n = int(v)
        return f"{n:,}" if abs(n) >= 10000 else str(n)
    return f"{v:g}"


def format_value(q: dict) -> str:
    v = format_number(float(q["value"]))
    if q.get("value_max") is not None:
        v = f"{v}–{format_number(float(q['value_max']))}"
    unit = q.get("unit") or ""
    fmt = units().get(unit, (None, None))[0]
    if fmt:
        return fmt.replace("{v}", v)
    return f"{v} {unit}".strip()


_COMPARATOR_WORDS = {
    "eq": "",
    "approx": "about ",
    "gt": "more than ",
    "gte": "at least ",
    "lt": "less than ",
    "lte": "at most ",
}


def phrase(q: dict) -> str:
    return _COMPARATOR_WORDS.get(q.get("comparator") or "eq", "") + format_value(q)


@dataclass
class QView:
    rec: dict
    id: str
    doc: str
    unit: str
    lo: float
    hi: float
    comparator: str
    states: frozenset[str]
    measure: Features
    clause: Features
    about: frozenset[str]  # concepts that tell topics apart (see _qview)
    has_measure: bool  # the quantity stage found a measured phrase
    referential: bool  # the phrase names nothing specific itself ("of its needs of it")
    time: str | None  # the period, else the document's publication date
    events: tuple[EventView, ...] = ()  # reports of one-time events whose text holds the number


def _qview(q: dict, docs: Docs, names: Names) -> QView | None:
    if q.get("unit") is None or q.get("value") is None or q.get("certainty") == "denied":
        return None
    states = frozenset(
        s for s in (names.country(e) for e in q.get("entities") or []) if s and s.startswith("country:")
    )
    if not states:
        return None  # a figure about no state is never compared (see same_thing)
    text = docs.text(q.get("document") or "")
    start, end = q.get("start") or 0, q.get("end") or 0
    cl, cr = _bounds(text, start, end, _CLAUSE_BOUND) if text else (0, 0)
    if not q.get("period") and _is_change(text[cl:start]):
        return None  # "rose 0.6%" on some day is not a claim another article can contradict
    clause_text = text[cl:start] + " " + text[end:cr] if text else ""
    measure = features(q.get("measure"))
    clause = features(clause_text)
    clause = Features(clause.concepts | measure.concepts, clause.keys | measure.keys)
    # what the number is about, for telling topics apart: the clause's concepts, and for an
    # exclusive group the clause leaves open (``40% of its needs of it``) the sentence's
    about = set(clause.concepts)
    if text:
        open_groups = {c.group for c in concepts() if c.group and c.group != GENERIC} - {
            c.group for c in concepts() if c.group and c.name in clause.concepts
        }
        if open_groups:
            sl, sr = _bounds(text, start, end, _SENT_BOUND)
            in_sentence = features(text[sl:start] + " " + text[end:sr]).concepts
            about |= {c.name for c in concepts() if c.group in open_groups and c.name in in_sentence}
    v = float(q["value"])
    hi = float(q["value_max"]) if q.get("value_max") is not None else v
    return QView(
        rec=q,
        id=q["id"],
        doc=q.get("document") or "",
        unit=q["unit"],
        lo=v,
        hi=hi,
        comparator=q.get("comparator") or "eq",
        states=states,
        measure=measure,
        clause=clause,
        about=frozenset(about),
        has_measure=bool(q.get("measure")),
        referential=_referential(q.get("measure")),
        time=q.get("period") or docs.stated_published(q.get("document") or ""),
    )


def _exclusive_clash(a: frozenset[str], b: frozenset[str]) -> bool:
    groups: dict[str, tuple[set[str], set[str]]] = {}
    for c in concepts():
        if c.group and c.group != GENERIC:
            ga, gb = groups.setdefault(c.group, (set(), set()))
            if c.name in a:
                ga.add(c.name)
            if c.name in b:
                gb.add(c.name)
    return any(ga and gb and not (ga & gb) for ga, gb in groups.values())


def _referential(measure: str | None) -> bool:
    """A measured phrase whose content words all name generic concepts (or none at all)."""
    for tok in tokenize(measure or ""):
        if tok.is_number:
            continue
        w = fold(tok.text)
        f = _word_features(w)
        if f is not None and not (f[0] and f[0] <= generic_concepts()):
            return False
    return True


def _shared_words(a: Features, b: Features) -> int:
    """How many content words of one phrase have a form in the other (the smaller count)."""
    return min(sum(1 for w in a.words if w & b.keys), sum(1 for w in b.words if w & a.keys))


def same_thing(a: QView, b: QView, names: Names | None = None) -> int:
    """How strongly two quantities are about the same thing (0: they are not).

    Both must name states, and share them; what they measure must not clash (oil vs arms);
    and both must have a measured phrase, the two naming one concept (or one naming a concept
    the sentence of the other is about, when the other's phrase only refers back: "40% of its
    needs of it"), or the two sharing two content words — or both numbers stand in reports of one one-time event
    (the distance of the embassy being opened), the only anchor for units whose phrase names
    just a reference point ("km from the border", ``units.tsv``).
    """
    if a.unit != b.unit or not a.states or not b.states:
        return 0
    if len(a.states & b.states) < min(2, len(a.states), len(b.states)):
        return 0
    if _exclusive_clash(a.about, b.about):
        return 0
    same_event = any(
        x.type == y.type and compatible(x, y, names or Names(), across=False)
        for x in a.events
        for y in b.events
    )
    concept_anchor: set[str] = set()
    words = 0
    if a.has_measure and b.has_measure and a.unit not in located_units():
        shared = a.measure.concepts & b.measure.concepts
        if b.referential:  # "40% of its needs of it": what is meant is in the sentence
            shared |= a.measure.concepts & b.about
        if a.referential:
            shared |= b.measure.concepts & a.about
        concept_anchor = shared - generic_concepts()
        words = _shared_words(a.measure, b.measure)
        if words < 2:
            words = 0
    if not concept_anchor and not words and not same_event:
        return 0
    return (
        2 * len(concept_anchor) + min(words, 3) + 2 * same_event + len(a.clause.concepts & b.clause.concepts)
    )


def values_agree(a: QView, b: QView) -> bool:
    tol = 0.1 if "approx" in (a.comparator, b.comparator) else 0.005
    lo_a, hi_a = a.lo * (1 - tol), a.hi * (1 + tol)
    lo_b, hi_b = b.lo * (1 - tol), b.hi * (1 + tol)
    lo_a, hi_a = min(lo_a, hi_a), max(lo_a, hi_a)
    lo_b, hi_b = min(lo_b, hi_b), max(lo_b, hi_b)
    return lo_a <= hi_b and lo_b <= hi_a


def _candidate_pairs(group: list[QView]):
    """Pairs that can have an anchor (see same_thing), found through an index instead of all pairs."""
    by_measure_key: dict[str, list[int]] = {}
    by_measure_concept: dict[str, list[int]] = {}
    by_about_concept: dict[str, list[int]] = {}
    by_event_type: dict[str, list[int]] = {}
    for i, v in enumerate(group):
        for t in {e.type for e in v.events}:
            by_event_type.setdefault(t, []).append(i)
        for k in v.measure.keys:
            by_measure_key.setdefault(k, []).append(i)
        for c in v.measure.concepts:
            by_measure_concept.setdefault(c, []).append(i)
        for c in v.about:
            by_about_concept.setdefault(c, []).append(i)
    for i, a in enumerate(group):
        js: set[int] = set()
        for k in a.measure.keys:
            js.update(by_measure_key.get(k, ()))
        for c in a.measure.concepts:
            js.update(by_about_concept.get(c, ()))
        for c in a.about:
            js.update(by_measure_concept.get(c, ()))
        for t in {e.type for e in a.events}:
            js.update(by_event_type.get(t, ()))
        for j in sorted(js):
            if j > i:
                yield a, group[j]


MAX_RATIO = 3.0  # figures further apart than this measure different things more often than they disagree


def _far_apart(a: QView, b: QView) -> bool:
    lo, hi = sorted((abs(a.lo) or abs(a.hi), abs(b.lo) or abs(b.hi)))
    return lo == 0 or hi / lo > MAX_RATIO


def quantity_topics(views: list[QView], names: Names | None = None) -> list[list[QView]]:
    """Groups of quantities about the same thing (each spanning at least two documents).

    Pairs about the same thing are found through an index; two figures more than
    ``MAX_RATIO`` apart are taken to measure different things; across documents only each
    number's best partners in each other document are kept (agreeing values preferred).
    Topics then grow by complete linkage, strongest pairs first: every member must be about
    the same thing as every other, so a vague figure cannot chain unrelated ones together.
    """
    by_unit: dict[str, list[QView]] = {}
    for v in views:
        by_unit.setdefault(v.unit, []).append(v)
    by_id = {v.id: v for v in views}
    topics: list[list[QView]] = []
    for group in by_unit.values():
        best: dict[tuple[str, str], tuple[int, list[str]]] = {}  # (id, other doc) -> best partners
        linked: set[tuple[str, str]] = set()  # every pair about the same thing
        edges: set[tuple[int, str, str]] = set()
        for a, b in _candidate_pairs(group):
            s = same_thing(a, b, names)
            if not s:
                continue
            agree = values_agree(a, b)
            if not agree and _far_apart(a, b):
                continue
            if a.doc == b.doc:
                if agree:  # the same figure repeated in one article; two figures are two claims
                    linked.add((min(a.id, b.id), max(a.id, b.id)))
                    edges.add((s + 3, min(a.id, b.id), max(a.id, b.id)))
                continue
            linked.add((min(a.id, b.id), max(a.id, b.id)))
            s += 3 if agree else 0
            for x, y in ((a, b), (b, a)):
                k = (x.id, y.doc)
                cur = best.get(k)
                if cur is None or s > cur[0]:
                    best[k] = (s, [y.id])
                elif s == cur[0]:
                    cur[1].append(y.id)
        edges |= {(sc, min(x, y), max(x, y)) for (x, _d), (sc, ys) in best.items() for y in ys}
        topic_of: dict[str, list[str]] = {}
        for _sc, x, y in sorted(edges, key=lambda e: (-e[0], e[1], e[2])):
            tx, ty = topic_of.get(x, [x]), topic_of.get(y, [y])
            if tx is ty:
                continue
            if all((min(p, q), max(p, q)) in linked for p in tx for q in ty):
                tx.extend(ty)
                for m in tx:
                    topic_of[m] = tx
        seen: set[int] = set()
        for t in topic_of.values():
            if id(t) not in seen:
                seen.add(id(t))
                members = sorted((by_id[m] for m in t), key=lambda v: (v.doc, v.rec.get("start") or 0, v.id))
                if len({v.doc for v in members}) >= 2:
                    topics.append(members)
    return topics


def _what(members: list[QView]) -> str:
    counts = Counter(c for m in members for c in m.measure.concepts)
    chosen = [c for c in concepts() if counts[c.name] * 2 >= len(members) or counts[c.name] >= 2]
    if not chosen:
        chosen = [c for c in concepts() if counts[c.name]]
    commodity = [c.label for c in chosen if c.group == "commodity"]
    flow = [c.label for c in chosen if c.group == "flow"]
    other = [c.label for c in chosen if c.group not in ("commodity", "flow")]
    head = " ".join(commodity[:1] + flow[:1]) if commodity or flow else ""
    parts = ([head] if head else []) + other[:2]
    if parts:
        return " and ".join(parts)
    measures = Counter((m.rec.get("measure") or "").strip() for m in members if m.rec.get("measure"))
    if measures:
        return "«" + measures.most_common(1)[0][0] + "»"
    return "the same measure"


def _quantity_topic(members: list[QView], names: Names) -> str:
    unit = members[0].unit
    what = _what(members)
    template = units().get(unit, (None, None))[1] or ("number of {what} (" + unit + ")")
    topic = template.replace("{what}", what)
    counts = Counter(s for m in members for s in m.states)
    states = [s for s, n in counts.most_common() if n * 2 >= len(members)]
    if states:
        topic += " (" + ", ".join(names.name(s) for s in sorted(states, key=lambda s: (-counts[s], s))) + ")"
    return topic


def _value_groups(members: list[QView]) -> list[list[QView]]:
    groups: list[list[QView]] = []
    for m in sorted(members, key=lambda m: (m.lo, m.hi, m.doc, m.rec.get("start") or 0)):
        for g in groups:
            if all(values_agree(m, x) for x in g):
                g.append(m)
                break
        else:
            groups.append([m])
    return groups


def _time_label(t: str | None) -> str | None:
    iv = date_interval(t)
    if iv is None:
        return None
    if iv[0].year == iv[1].year:
        return str(iv[0].year)
    return f"{iv[0].year}–{iv[1].year}"


def _times_clause(groups: list[list[QView]], docs: Docs) -> str:
    """Whether the figures refer to different times (periods, else publication dates)."""
    per_group = [sorted({t for t in (_time_label(m.time) for m in g) if t}) for g in groups]
    known = {t for ts in per_group for t in ts}
    undated = sorted({docs.name(m.doc) for g in groups for m in g if not _time_label(m.time)})
    note = ""
    if len(known) >= 2:
        spans = " vs ".join("/".join(ts) if ts else "undated" for ts in per_group)
        return (
            f"they refer to different times ({spans}{note}), so the difference may reflect change over time "
            "rather than an error"
        )
    if undated:
        return (
            f"{' and '.join(undated)} give{'s' if len(undated) == 1 else ''} no date for the figure, "
            "so the difference may reflect change over time rather than an error"
        )
    same = (
        f"they refer to the same time ({next(iter(known))}{note})" if known else "they refer to the same time"
    )
    return f"{same}, so at least one is likely wrong or measures something different"


def _comparator_note(groups: list[list[QView]]) -> str:
    comps = {m.comparator for g in groups for m in g}
    if len(comps) <= 1:
        return ""
    phrases = []
    for g in groups:
        for m in g:
            p = phrase(m.rec)
            if p not in phrases:
                phrases.append(p)
    bounds = [m for g in groups for m in g if m.comparator in ("gt", "gte", "lt", "lte")]
    note = "; the figures are stated differently (" + " vs ".join(f"'{p}'" for p in phrases) + ")"
    others = [m for g in groups for m in g if m.comparator not in ("gt", "gte", "lt", "lte")]
    compatible = [
        (b, o)
        for b in bounds
        for o in others
        if (b.comparator in ("gt", "gte") and o.lo >= b.lo)
        or (b.comparator in ("lt", "lte") and o.hi <= b.hi)
    ]
    if compatible:
        b, o = compatible[0]
        note += f", and strictly '{phrase(b.rec)}' does not exclude '{phrase(o.rec)}'"
    return note


def _attribution_note(members: list[QView], names: Names) -> str:
    attrs = {m.rec.get("attribution") for m in members}
    if len(attrs) == 1:
        a = next(iter(attrs))
        if a and a != "outlet":
            return f", all citing {names.name(a)}, so they confirm how the figure is reported rather than measure it independently"
    return ""


def quantity_findings(
    documents: list[dict], quantities: list[dict], names: Names, events: list[EventView] | None = None
) -> list[dict]:
    docs = Docs(documents)
    views = [v for v in (_qview(q, docs, names) for q in quantities) if v is not None]
    one_time: dict[str, list[EventView]] = {}
    for e in events or []:
        if e.info.one_time:
            one_time.setdefault(e.doc, []).append(e)
    for v in views:
        start = v.rec.get("start") or 0
        v.events = tuple(
            e for e in one_time.get(v.doc, []) if (e.rec.get("start") or 0) <= start < (e.rec.get("end") or 0)
        )
    out = []
    for members in quantity_topics(views, names):
        topic = _quantity_topic(members, names)
        groups = _value_groups(members)
        items = [m.id for m in sorted(members, key=lambda m: (m.doc, m.rec.get("start") or 0))]
        if len(groups) == 1:
            n_independent = docs.independent_of(members)
            if n_independent < 2:
                continue
            labels = " and ".join(sorted({docs.label(m.doc) for m in members}))
            values = sorted({format_value(m.rec) for m in members})
            expl = (
                f"{n_independent} independent reports agree on the {topic}: "
                f"{' / '.join(sorted({phrase(m.rec) for m in members}))} in {labels}"
                f"{_attribution_note(members, names)}."
            )
            kind = "corroboration"
        else:
            values = []
            for g in groups:
                for m in g:
                    fv = format_value(m.rec)
                    if fv not in values:
                        values.append(fv)
            sides = []
            for g in groups:
                parts = []
                for m in sorted(g, key=lambda m: (m.doc, m.rec.get("start") or 0)):
                    part = f"{phrase(m.rec)} in {docs.label(m.doc)}"
                    if part not in parts:
                        parts.append(part)
                sides.append(" and ".join(parts))
            expl = (
                f"Reports disagree on the {topic}: {' against '.join(sides)}; "
                f"{_times_clause(groups, docs)}{_comparator_note(groups)}."
            )
            kind = "conflict"
        out.append(
            {
                "id": finding_id(kind, items),
                "kind": kind,
                "topic": topic,
                "items": items,
                "values": values,
                "explanation": expl,
            }
        )
    return out


# --------------------------------------------------------------------------- events


_ORDINALS = ["first", "second", "third", "fourth", "fifth"]


def _kind_label(v: EventView) -> str:
    for kind, label, _alts in object_kinds().get(v.type, []):
        if kind == v.kind:
            return label
    return "mission"


def event_topic(v: EventView, names: Names, nth: str = "", actors: Iterable[EventView] = ()) -> str:
    members = [v, *actors]
    src = sorted({s for m in members for s in m.src})
    tgt = sorted({t for m in members for t in m.tgt})
    both = sorted({a for m in members for a in m.actors})
    people = sorted({p for m in members for p in m.people})
    who = names.join(people) if people else names.join(src)
    t = type_info(v.type).topic
    t = (
        t.replace("{source}", names.join(src))
        .replace("{target}", names.join(tgt))
        .replace("{actors}", names.join(both))
        .replace("{kind}", _kind_label(v))
        .replace("{who}", who)
    )
    if nth:
        for noun in ("visit", "meeting", "phone call", "agreement", "military exercises"):
            if noun in t:
                t = t.replace(noun, f"{nth} {noun}", 1)
                break
    return t


def _date_word(values: Iterable[str | None]) -> str:
    vals = [v for v in values if v]
    return "year" if vals and all(re.fullmatch(r"\d{4}", v) for v in vals) else "date"


def _event_ok(v: EventView) -> bool:
    return v.interval is not None and not v.negative and v.status == "occurred"


def _key(v: EventView, with_people: bool) -> tuple:
    actors = (frozenset(), v.actors) if v.info.symmetric else (v.src, v.tgt)
    return (v.type, v.kind or "", *actors, v.people if with_people else frozenset())


def _one_time_findings(
    views: list[EventView], cluster_of: dict[str, str], docs: Docs, names: Names
) -> list[dict]:
    out = []
    keys: dict[tuple, list[EventView]] = {}
    for v in views:
        if not (v.info.one_time and _event_ok(v) and fully_specified(v)):
            continue
        if object_kinds().get(v.type) and not v.kind:
            continue  # "opened an office" and "opened an embassy" must not be compared
        keys.setdefault(_key(v, with_people=False), []).append(v)
    for members in keys.values():
        if len({m.doc for m in members}) < 2:
            continue
        groups: dict[str, list[EventView]] = {}
        for m in members:
            groups.setdefault(cluster_of.get(m.id, m.id), []).append(m)
        # merge groups whose dates are compatible (clustering may keep them apart for other reasons)
        merged: list[list[EventView]] = []
        for g in sorted(groups.values(), key=lambda g: min(x.interval[0] for x in g)):
            for mg in merged:
                if all(dates_compatible(a.date, b.date) for a in g for b in mg):
                    mg.extend(g)
                    break
            else:
                merged.append(list(g))
        items = [m.id for m in sorted(members, key=lambda m: (m.doc, m.rec.get("start") or 0))]
        if len(merged) == 1:
            dids = {m.doc for m in members}
            n_independent = docs.independent_of(members)
            if n_independent < 2:
                continue
            dates = sorted({m.date for m in members if m.date})
            topic = f"{_date_word(dates)} of {event_topic(members[0], names, actors=members[1:])}"
            labels = " and ".join(sorted({docs.label(d) for d in dids}))
            out.append(
                _finding(
                    "corroboration",
                    items,
                    topic,
                    dates,
                    f"{n_independent} independent reports agree on the {topic}: "
                    f"{' / '.join(dates)} in {labels}.",
                )
            )
            continue
        if len({m.doc for g in merged for m in g}) < 2:
            continue
        values, sides = [], []
        for g in merged:
            best = min(g, key=lambda m: (m.interval[1] - m.interval[0], m.date)).date
            values.append(best)
            sides.append(f"{best} in {' and '.join(sorted({docs.label(m.doc) for m in g}))}")
        topic = f"{_date_word(values)} of {event_topic(members[0], names, actors=members[1:])}"
        out.append(
            _finding(
                "conflict",
                items,
                topic,
                values,
                f"Reports disagree on the {topic}: {' against '.join(sides)}; "
                "it happened once, so the dates cannot all be right unless the reports mean different steps "
                "(a decision, an announcement, the actual event).",
            )
        )
    return out


def _enumeration(v: EventView, views_by_doc: dict[str, list[EventView]], timexes: list[dict]) -> list[str]:
    """Dates a counted report enumerates ("twice, in 1997 and 2016"), if they match the count."""
    start, end = v.rec.get("start") or 0, v.rec.get("end") or 0
    dates: list[str] = []
    for t in timexes:
        inside = t.get("document") == v.doc and start <= (t.get("start") or -1) and (t.get("end") or 0) <= end
        if inside and date_interval(t.get("value")) and t["value"] not in dates:
            dates.append(t["value"])
    for w in views_by_doc.get(v.doc, []):
        if w.type == v.type and w.people & v.people and w.date and w.date not in dates:
            ws, we = w.rec.get("start") or 0, w.rec.get("end") or 0
            if ws < end and start < we:
                dates.append(w.date)
    # keep the most specific values ("1997" and "1997-05" are one date)
    ivs = {d: date_interval(d) for d in dates}
    distinct = [
        d
        for d in dates
        if not any(
            o != d and ivs[d][0] <= ivs[o][0] and ivs[o][1] <= ivs[d][1] and ivs[o] != ivs[d] for o in dates
        )
    ]
    return sorted(distinct, key=lambda d: ivs[d][0]) if len(distinct) == v.count else []


_TIMES = {1: "once", 2: "twice"}


def _recurring_findings(views: list[EventView], docs: Docs, names: Names, timexes: list[dict]) -> list[dict]:
    """Ordinal and enumerated reports of recurring events against other documents' dates."""
    out = []
    by_doc: dict[str, list[EventView]] = {}
    for v in views:
        by_doc.setdefault(v.doc, []).append(v)
    candidates = [
        v for v in views if not v.info.one_time and v.people and not v.negative and fully_specified(v)
    ]
    for a in candidates:
        enum = _enumeration(a, by_doc, timexes) if a.count else []
        first = a.date if a.first and a.interval else None
        if not enum and not first:
            continue
        pub_a = date_interval(docs.stated_published(a.doc))
        noun = a.type.replace("_", " ")
        for b in candidates:
            if b.doc == a.doc or b.type != a.type or not (a.people & b.people) or not _event_ok(b):
                continue
            if not actors_compatible(a, b):
                continue
            if pub_a and b.interval[0] > pub_a[1]:
                continue  # later than the report that enumerates: not a contradiction
            item = a
            if enum:
                if any(dates_compatible(d, b.date) for d in enum):
                    continue
                near = min(
                    range(len(enum)), key=lambda i: abs((date_interval(enum[i])[0] - b.interval[0]).days)
                )
                nth = _ORDINALS[near] if near < len(_ORDINALS) else ""
                times = _TIMES.get(len(enum), f"{len(enum)} times")
                claim = f"{docs.label(a.doc)} says it happened {times}, in {' and '.join(enum)}"
                values = [enum[near], b.date]
                # the report of the enumerating document that gives that date, if there is one
                same = [w for w in by_doc[a.doc] if w.type == a.type and w.people & a.people]
                item = next((w for w in same if w.date == enum[near]), a)
            else:
                if dates_compatible(first, b.date):
                    continue
                if not b.first and b.interval[1] >= date_interval(first)[0]:
                    continue  # a later visit does not contradict a first one
                nth, values = "first", [first, b.date]
                claim = f"{docs.label(a.doc)} dates the first {noun} to {first}"
            topic = f"{_date_word(values)} of {event_topic(item, names, nth=nth, actors=[b])}"
            out.append(
                _finding(
                    "conflict",
                    [item.id, b.id],
                    topic,
                    values,
                    f"Reports disagree on the {topic}: {claim}, while {docs.label(b.doc)} reports one in "
                    f"{b.date}, so one of them likely misdates the same {(nth + ' ') if nth else ''}{noun}.",
                )
            )
    return out


def _recurring_corroborations(clusters: list[list[EventView]], docs: Docs, names: Names) -> list[dict]:
    out = []
    for members in clusters:
        if members[0].info.one_time:
            continue
        dated = [m for m in members if _event_ok(m)]
        dids = {m.doc for m in dated}
        n_independent = docs.independent_of(dated)
        if len(dids) < 2 or n_independent < 2:
            continue
        dates = sorted({m.date for m in dated})
        topic = f"{_date_word(dates)} of {event_topic(members[0], names, actors=members[1:])}"
        labels = " and ".join(sorted({docs.label(d) for d in dids}))
        items = [m.id for m in sorted(dated, key=lambda m: (m.doc, m.rec.get("start") or 0))]
        out.append(
            _finding(
                "corroboration",
                items,
                topic,
                dates,
                f"{n_independent} independent reports agree on the {topic}: {' / '.join(dates)} in {labels}.",
            )
        )
    return out


def _finding(kind: str, items: list[str], topic: str, values: list[str], explanation: str) -> dict:
    return {
        "id": finding_id(kind, items),
        "kind": kind,
        "topic": topic,
        "items": items,
        "values": values,
        "explanation": explanation,
    }


def event_findings(
    documents: list[dict],
    views: list[EventView],
    clusters: list[list[EventView]],
    names: Names,
    timexes: list[dict] | None = None,
) -> list[dict]:
    docs = Docs(documents)
    cluster_of = {m.id: str(i) for i, c in enumerate(clusters) for m in c}
    out = _one_time_findings(views, cluster_of, docs, names)
    out += _recurring_findings(views, docs, names, timexes or [])
    out += _recurring_corroborations(clusters, docs, names)
    return out


def find_findings(
    documents: list[dict],
    views: list[EventView],
    clusters: list[list[EventView]],
    quantities: list[dict],
    names: Names,
    timexes: list[dict],
) -> list[dict]:
    found = quantity_findings(documents, quantities, names, views) + event_findings(
        documents, views, clusters, names, timexes
    )
    seen: dict[str, dict] = {}
    for f in found:
        seen.setdefault(f["id"], f)
    return sorted(seen.values(), key=lambda f: (f["kind"] != "conflict", f["topic"], f["id"]))
