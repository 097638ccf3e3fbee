"""Across documents: clusters of reports of the same real-world event, and findings.

:func:`consolidate` works on export-schema records (``shared/spec/export-schema.md``)
so that the knowledge base can run it over everything it holds. Two event reports
belong to one cluster when they have

* the same type (and, for one-time types such as ``open_mission``, the same kind of
  object when both texts name one: an embassy is not a trade office),
* compatible actors: the same states on each side, one side possibly unknown or a
  subset of the other; symmetric types (meet, agree, …) compare the states of both
  sides together, in either order; people acting for their state must not be two
  different people,
* compatible dates: equal, one more specific than the other (``2021`` ⊇ ``2021-07``),
  or unknown.

Clustering is complete-linkage and conservative: a report joins a cluster only when
it is compatible with every member, and a report that fits several clusters (an
undated visit when two visits are known) joins one only if it is the only one holding
a report of the same article, else it stays on its own instead of chaining them
together. Across articles, reports match only when both name both sides (or the same
person takes part), and an undated report of a recurring event (trade, a visit) joins a
dated one of another article only when the same person takes part. Reports are taken most specific first, so the order of the
input does not matter. Cluster ids are ``"ec-"`` + a hash of the sorted member ids.
Findings (conflicts and corroborations) come from :mod:`marsad.events.findings`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from marsad.data_files import data_rows, data_text
from marsad.events.lexicon import lexicon
from marsad.text import clitic_splits, fold, tokenize

__all__ = [
    "EventView",
    "Names",
    "cluster_events",
    "cluster_id",
    "consolidate",
    "date_interval",
    "dates_compatible",
    "event_types",
]


# --------------------------------------------------------------------------- data files


def read_tsv(name: str) -> list[list[str]]:
    """Rows of a TSV file under ``marsad/data/findings`` (comments and the header skipped)."""
    return data_rows("findings", name)[1:]


def read_lines(name: str) -> list[str]:
    text = data_text("findings", name)
    return [s.strip() for s in text.splitlines() if s.strip() and not s.startswith("#")]


@dataclass(frozen=True)
class TypeInfo:
    type: str
    pillar: str
    symmetric: bool
    one_time: bool
    topic: str


@cache
def event_types() -> dict[str, TypeInfo]:
    """Pillar, one-time flag and topic of each event type (event_types.tsv); whether a type is
    symmetric comes from the event lexicon's mapping table, the one list the extractor uses too."""
    sym = lexicon().symmetric
    return {r[0]: TypeInfo(r[0], r[1], sym(r[0]), r[2] == "1", r[3]) for r in read_tsv("event_types.tsv")}


def type_info(t: str) -> TypeInfo:
    return event_types().get(t) or TypeInfo(t, "other", False, False, t.replace("_", " ") + " ({actors})")


def folded_words(text: str) -> list[str]:
    return [fold(t.text) for t in tokenize(text) if not t.is_number]


@cache
def suffixes() -> frozenset[str]:
    return frozenset([""] + [fold(s) for s in read_lines("suffixes.txt")])


def word_matches(word: str, stem: str) -> bool:
    """A folded word names ``stem`` when a clitic reading of it is the stem plus a known ending.

    A stem ending in (folded) taa marbuta also matches its form before an ending
    (``سفارة`` → ``سفارتها``).
    """
    ends = suffixes()
    stems = (stem, stem[:-1] + "ت") if stem.endswith("ه") else (stem,)
    return any(
        s.startswith(st) and s[len(st) :] in ends and (st == stem or s != st)
        for _p, s in clitic_splits(word)
        for st in stems
    )


def word_keys(word: str, min_len: int = 3) -> frozenset[str]:
    """Comparable forms of a folded word: its clitic readings, with and without a known ending."""
    keys = set()
    for _p, s in clitic_splits(word):
        if len(s) >= min_len:
            keys.add(s)
        for e in suffixes():
            if e and s.endswith(e) and len(s) - len(e) >= min_len:
                k = s[: -len(e)]
                keys.add(k)
                if k.endswith("ت"):
                    keys.add(k[:-1] + "ه")  # taa marbuta before an ending
    return frozenset(keys)


@cache
def object_kinds() -> dict[str, list[tuple[str, str, tuple[tuple[str, ...], ...]]]]:
    """type -> [(kind, label, alternatives (each a tuple of stems that must all occur))]."""
    out: dict[str, list] = {}
    for typ, kind, label, stems in read_tsv("object_kinds.tsv"):
        alts = tuple(tuple(fold(p) for p in alt.split("+")) for alt in stems.split())
        out.setdefault(typ, []).append((kind, label, alts))
    return out


@cache
def cue_words() -> dict[str, list[tuple[str, int, tuple[str, ...]]]]:
    out: dict[str, list] = {}
    for kind, typ, value, words in read_tsv("cues.tsv"):
        out.setdefault(kind, []).append((typ, int(value), tuple(fold(w) for w in words.split())))
    return out


def find_cue(words: list[str], kind: str, event_type: str = "*") -> int | None:
    """The value of the first cue of ``kind`` (for any type or ``event_type``) in the folded words."""
    present = set(words)
    for w in words:
        present.update(st for _p, st in clitic_splits(w))
    for typ, value, seq in cue_words().get(kind, []):
        if typ not in ("*", event_type) or seq[0] not in present:
            continue
        n = len(seq)
        for i in range(len(words) - n + 1):
            head = words[i] == seq[0] or any(s == seq[0] for _p, s in clitic_splits(words[i]))
            if head and all(words[i + k] == seq[k] for k in range(1, n)):
                return value
    return None


# --------------------------------------------------------------------------- dates


_YMD = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_DECADE = re.compile(r"^(\d{2,3})X{1,2}$")


def _month_end(y: int, m: int) -> date:
    return (date(y + (m == 12), m % 12 + 1, 1)) - timedelta(days=1)


@cache
def date_interval(value: str | None) -> tuple[date, date] | None:
    """The days a TIMEX value covers (first, last), or None when unknown.

    ``1992`` → 1992-01-01..1992-12-31, ``2023-03`` → March 2023, ``199X`` → the decade,
    ``2016/2020`` → 2016-01-01..2020-12-31, ``2023-W10`` → that ISO week. Values with an
    unknown year (``XXXX-03-01``) or none of these forms give None.
    """
    if not value:
        return None
    v = value.strip()
    if "/" in v:
        a, _, b = v.partition("/")
        ia, ib = date_interval(a), date_interval(b)
        if ia and ib and ia[0] <= ib[1]:
            return ia[0], ib[1]
        return None
    try:
        m = _YMD.match(v)
        if m:
            y = int(m.group(1))
            if m.group(3):
                d = date(y, int(m.group(2)), int(m.group(3)))
                return d, d
            if m.group(2):
                mo = int(m.group(2))
                return date(y, mo, 1), _month_end(y, mo)
            return date(y, 1, 1), date(y, 12, 31)
        m = _WEEK.match(v)
        if m:
            d = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return d, d + timedelta(days=6)
        m = _QUARTER.match(v)
        if m:
            y, q = int(m.group(1)), int(m.group(2))
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        m = _DECADE.match(v)
        if m:
            digits = m.group(1)
            span = 10 ** (4 - len(digits))
            start = int(digits) * span
            return date(start, 1, 1), date(start + span - 1, 12, 31)
    except ValueError:
        return None
    m = re.match(r"^(\d{4})-", v)  # seasons and other refinements: keep the year
    if m:
        y = int(m.group(1))
        return date(y, 1, 1), date(y, 12, 31)
    return None


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Equal, one within the other, or at least one unknown."""
    ia, ib = date_interval(a), date_interval(b)
    if ia is None or ib is None:
        return True
    return (ia[0] <= ib[0] and ib[1] <= ia[1]) or (ib[0] <= ia[0] and ia[1] <= ib[1])


def date_span_days(value: str | None) -> int:
    iv = date_interval(value)
    return (iv[1] - iv[0]).days + 1 if iv else 10**9


def year_of(value: str | None) -> int | None:
    iv = date_interval(value)
    if iv is None:
        return None
    return iv[0].year if iv[0].year == iv[1].year else None


# --------------------------------------------------------------------------- names


@cache
def country_names() -> dict[str, str]:
    """ISO alpha-3 → English short name, from the entity stage's gazetteer (empty if absent)."""
    try:
        rows = data_rows("gazetteer", "countries.tsv")
    except (FileNotFoundError, OSError):
        return {}
    if not rows or "iso3" not in rows[0] or "name_en" not in rows[0]:
        return {}
    i, j = rows[0].index("iso3"), rows[0].index("name_en")
    return {r[i]: r[j] for r in rows[1:] if len(r) > max(i, j) and r[j]}


class Names:
    """English (else Arabic) names for entity ids, from export entity records when given."""

    def __init__(self, entities: Iterable[dict] | None = None) -> None:
        self.records: dict[str, dict] = {e["id"]: e for e in entities or [] if e.get("id")}

    def name(self, eid: str) -> str:
        rec = self.records.get(eid)
        if rec:
            return rec.get("name_en") or rec.get("name_ar") or eid
        prefix, _, rest = eid.partition(":")
        if prefix == "country":
            return country_names().get(rest, rest)
        return rest.replace("-", " ").title() if rest else eid

    def country(self, eid: str) -> str | None:
        """The state an entity id stands for or belongs to (``country:XXX``), if known."""
        if eid.startswith("country:"):
            return eid
        rec = self.records.get(eid)
        if rec and rec.get("country"):
            return "country:" + rec["country"]
        return None

    def type(self, eid: str) -> str:
        rec = self.records.get(eid)
        if rec and rec.get("type"):
            return rec["type"]
        return {"person": "PERSON", "country": "COUNTRY", "location": "LOCATION"}.get(
            eid.split(":", 1)[0], "ORG"
        )

    def join(self, ids: Iterable[str]) -> str:
        names = [self.name(i) for i in ids]
        if not names:
            return "unknown"
        if len(names) == 1:
            return names[0]
        return ", ".join(names[:-1]) + " and " + names[-1]


# --------------------------------------------------------------------------- events


@dataclass
class EventView:
    """An export event record with what comparing needs precomputed."""

    rec: dict
    id: str
    doc: str
    type: str
    status: str
    src: frozenset[str]
    tgt: frozenset[str]
    people: frozenset[str]
    places: frozenset[str]
    date: str | None
    interval: tuple[date, date] | None
    kind: str | None
    first: bool
    count: int | None
    words: list[str] = field(repr=False, default_factory=list)

    @property
    def info(self) -> TypeInfo:
        return type_info(self.type)

    @property
    def actors(self) -> frozenset[str]:
        return self.src | self.tgt

    @property
    def negative(self) -> bool:
        return (
            bool(self.rec.get("negated")) or self.status == "denied" or self.rec.get("certainty") == "denied"
        )


def _object_kind(ev: dict) -> str | None:
    """The kind of object a one-time event is about (embassy, consulate…), if the text says.

    Compound kinds (``office`` + ``trade``) are tried first and the words they use are not
    read again as a plainer kind. When the text names several kinds, the one nearest after
    the trigger wins if the record has a ``trigger`` span; otherwise the kind is unknown.
    """
    kinds = object_kinds().get(ev.get("type", ""))
    if not kinds:
        return None
    base = ev.get("start") or 0
    toks = [(t.start + base, fold(t.text)) for t in tokenize(ev.get("text") or "") if not t.is_number]
    used: set[int] = set()
    found: list[tuple[int, str]] = []  # (position, kind)
    for kind, _label, alts in kinds:
        for alt in alts:
            hits = [[p for p, w in toks if p not in used and word_matches(w, stem)] for stem in alt]
            if all(hits):
                for h in hits:
                    used.update(h)
                found.extend((h[0], kind) for h in hits[:1])
                break
    if not found:
        return None
    if len({k for _p, k in found}) == 1:
        return found[0][1]
    trig = ev.get("trigger")
    if isinstance(trig, list | tuple) and len(trig) == 2:
        after = [(p - trig[1], k) for p, k in found if p >= trig[1]]
        if after:
            return min(after)[1]
        return max(found)[1]
    return None


def make_views(events: list[dict], names: Names) -> list[EventView]:
    views = []
    for ev in events:
        words = folded_words(ev.get("text") or "")
        src = frozenset(names.country(a) or a for a in ev.get("source") or [])
        tgt = frozenset(names.country(a) or a for a in ev.get("target") or [])
        people = frozenset(
            p
            for p in (ev.get("participants") or []) + (ev.get("source") or []) + (ev.get("target") or [])
            if names.type(p) == "PERSON"
        )
        places = frozenset(ev.get("location") or [])
        d = ev.get("date")
        views.append(
            EventView(
                rec=ev,
                id=ev["id"],
                doc=ev.get("document") or "",
                type=ev.get("type") or "",
                status=ev.get("status") or "occurred",
                src=src,
                tgt=tgt,
                people=people,
                places=places,
                date=d,
                interval=date_interval(d),
                kind=_object_kind(ev),
                first=find_cue(words, "first", ev.get("type") or "") is not None,
                count=find_cue(words, "count", ev.get("type") or ""),
                words=words,
            )
        )
    return views


def _sets_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    return not a or not b or a <= b or b <= a


def actors_compatible(a: EventView, b: EventView) -> bool:
    if a.info.symmetric:
        x, y = a.actors, b.actors
        return bool(x & y) and (x <= y or y <= x)
    if not (_sets_compatible(a.src, b.src) and _sets_compatible(a.tgt, b.tgt)):
        return False
    return bool(a.src & b.src) or bool(a.tgt & b.tgt)


def places_compatible(a: EventView, b: EventView, names: Names) -> bool:
    if not a.places or not b.places or a.places & b.places:
        return True
    ca = {names.country(p) or p for p in a.places}
    cb = {names.country(p) or p for p in b.places}
    # a city and the country it is in are compatible; two different cities are not
    return bool((ca & b.places) or (cb & a.places))


def fully_specified(v: EventView) -> bool:
    """Both sides known (two states for a symmetric type)."""
    if v.info.symmetric:
        return len(v.actors) >= 2
    return bool(v.src) and bool(v.tgt)


def compatible(a: EventView, b: EventView, names: Names, *, across: bool = True) -> bool:
    """Could two reports describe one real-world event? (``across=False``: skip the extra
    conditions for reports of different articles — for callers with other evidence.)"""
    if a.type != b.type:
        return False
    if a.kind and b.kind and a.kind != b.kind:
        return False
    if a.people and b.people and not (a.people & b.people):
        return False
    cross = across and a.doc != b.doc
    if cross and not (a.people & b.people) and not (fully_specified(a) and fully_specified(b)):
        return False  # across articles, "Saudi Arabia supported …" alone says too little to match
    if (
        cross
        and not a.info.one_time
        and (a.interval is None) != (b.interval is None)
        and not (a.people & b.people)
    ):
        # an undated report of a recurring event ("trade between A and B") in another article is
        # not evidence of the dated one unless the same person takes part
        return False
    return actors_compatible(a, b) and dates_compatible(a.date, b.date) and places_compatible(a, b, names)


def cluster_id(member_ids: Iterable[str]) -> str:
    key = "\n".join(sorted(member_ids))
    return "ec-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def cluster_events(views: list[EventView], names: Names) -> list[list[EventView]]:
    """Clusters of compatible reports (complete linkage, most specific reports first)."""

    def specificity(v: EventView):
        return (
            -(len(v.src) + len(v.tgt)),
            -len(v.people),
            date_span_days(v.date),
            v.kind is None,
            v.doc,
            v.rec.get("start") or 0,
            v.id,
        )

    clusters: list[list[EventView]] = []
    index: dict[tuple[str, str, str], list[int]] = {}  # (type, side, actor) -> clusters naming it
    for v in sorted(views, key=specificity):
        near: set[int] = set()
        for key in _index_keys(v):  # compatible reports share an actor (on the same side if directed)
            near.update(index.get(key, ()))
        candidates = [ci for ci in sorted(near) if all(compatible(v, m, names) for m in clusters[ci])]
        if len(candidates) > 1:  # ambiguous: only a cluster of the report's own article may take it
            candidates = [ci for ci in candidates if any(m.doc == v.doc for m in clusters[ci])]
        if len(candidates) == 1:
            ci = candidates[0]
            clusters[ci].append(v)
        else:
            ci = len(clusters)
            clusters.append([v])
        for key in _index_keys(v):
            lst = index.setdefault(key, [])
            if not lst or lst[-1] != ci:
                lst.append(ci)
    return clusters


def _index_keys(v: EventView) -> list[tuple[str, str, str]]:
    if v.info.symmetric:
        return [(v.type, "", a) for a in v.actors]
    return [(v.type, "s", a) for a in v.src] + [(v.type, "t", a) for a in v.tgt]


def cluster_date(members: list[EventView]) -> str | None:
    """The most specific date the members give (they are compatible by construction)."""
    dated = [m for m in members if m.interval]
    if not dated:
        return None
    return min(dated, key=lambda m: (date_span_days(m.date), m.date)).date


# --------------------------------------------------------------------------- entry point


def consolidate(
    documents: list[dict],
    events: list[dict],
    quantities: list[dict],
    *,
    entities: list[dict] | None = None,
    timexes: list[dict] | None = None,
) -> tuple[dict[str, str], list[dict]]:
    """Cluster ids of every event id, and the findings, as export-schema dicts.

    ``entities`` (export entity records) give readable names and the state a person
    acts for; ``timexes`` let an enumeration ("twice, in 1997 and 2016") be read even
    when the event stage kept only one of its dates. Both are optional.
    """
    from marsad.events.findings import find_findings

    names = Names(entities)
    views = make_views(events, names)
    clusters = cluster_events(views, names)
    mapping: dict[str, str] = {}
    for members in clusters:
        cid = cluster_id(m.id for m in members)
        for m in members:
            mapping[m.id] = cid
    findings = find_findings(documents, views, clusters, quantities, names, timexes or [])
    return mapping, findings
