"""From analyses to the export-schema object (see spec/export-schema.md, ``schema.json``).

:func:`analyses_to_export` is the one code path that turns per-document
:class:`~marsad.model.Analysis` records into export records: the knowledge base
rebuilds analyses from its tables and calls it too (adding the cross-document
results: entity merges, event clusters and findings), so an export from memory
and an export from the database agree record for record.

Integrity is enforced here, at the boundary every consumer reads from:

* entities with the same id (after ``merges``) become one record (aliases united,
  roles listed with their document);
* a mention whose entity has no record gets a minimal one made from the mention
  itself (its type and surface form), never invented fields;
* a reference to an entity id that exists nowhere is dropped from lists and set
  to ``null`` in scalar fields (``role.of``, ``attribution``);
* a span whose text does not match ``document.text[start:end]`` or that overlaps
  boilerplate is dropped.

Every drop is reported by :func:`check_analysis` (the knowledge base stores those
messages as the document's warnings), so nothing disappears silently.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from marsad import __version__
from marsad.model import Analysis, Entity

SCHEMA_VERSION = 1
GENERATOR = f"marsad {__version__}"
OUTLET = "outlet"  # attribution to the article's own voice
FINDING_KEYS = ("id", "kind", "topic", "items", "values", "explanation")

__all__ = [
    "GENERATOR",
    "SCHEMA_VERSION",
    "analyses_to_export",
    "check_analysis",
    "empty_export",
    "resolve_merges",
]


def empty_export() -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": GENERATOR,
        "documents": [],
        "entities": [],
        "mentions": [],
        "timexes": [],
        "quantities": [],
        "events": [],
        "findings": [],
    }


def resolve_merges(merges: Mapping[str, str] | None) -> dict[str, str]:
    """Follow chains (a→b, b→c gives a→c); a cycle resolves to its smallest id."""
    if not merges:
        return {}
    out: dict[str, str] = {}
    for start in merges:
        seen = [start]
        cur = start
        while cur in merges and merges[cur] != cur:
            cur = merges[cur]
            if cur in seen:
                cur = min(seen[seen.index(cur) :])
                break
            seen.append(cur)
        if cur != start:
            out[start] = cur
    return out


def _in_boilerplate(boilerplate: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in boilerplate)


def _span_problem(text: str, bp: list[tuple[int, int]], start: int, end: int, span_text: str) -> str | None:
    if not (0 <= start <= end <= len(text)):
        return f"span {start}:{end} outside the text"
    if text[start:end] != span_text:
        return f"span {start}:{end} text {span_text!r} != {text[start:end]!r}"
    if _in_boilerplate(bp, start, end):
        return f"span {start}:{end} {span_text!r} inside boilerplate"
    return None


def check_analysis(analysis: Analysis) -> tuple[Analysis, list[str]]:
    """A copy of ``analysis`` without records that break the span rules, and what was dropped.

    Drops mentions, timexes, quantities and events whose span text does not match the
    document text or that overlap boilerplate (the spec's rules); events keep only
    quantity ids that survive.
    """
    text = analysis.document.text
    bp = [tuple(s) for s in analysis.boilerplate]
    problems: list[str] = []

    def keep(kind: str, items: list, ident) -> list:
        out = []
        for it in items:
            p = _span_problem(text, bp, it.start, it.end, it.text)
            if p is None:
                out.append(it)
            else:
                problems.append(f"dropped {kind} {ident(it)}: {p}")
        return out

    mentions = keep("mention", analysis.mentions, lambda m: m.entity)
    timexes = keep("timex", analysis.timexes, lambda t: t.value)
    quantities = keep("quantity", analysis.quantities, lambda q: q.id)
    events = keep("event", analysis.events, lambda e: e.id)
    if not problems:
        return analysis, []
    qids = {q.id for q in quantities}
    events = [
        replace(ev, quantities=[q for q in ev.quantities if q in qids])
        if any(q not in qids for q in ev.quantities)
        else ev
        for ev in events
    ]
    clone = Analysis(
        document=analysis.document,
        article=analysis.article,
        boilerplate=analysis.boilerplate,
        mentions=mentions,
        entities=analysis.entities,
        timexes=timexes,
        quantities=quantities,
        events=events,
        published=analysis.published,
        published_from=analysis.published_from,
        warnings=list(analysis.warnings) + problems,
    )
    return clone, problems


class _EntityAcc:
    """Accumulates the per-document records of one (merged) entity id."""

    __slots__ = ("aliases", "countries", "id", "names_ar", "names_en", "roles", "types")

    def __init__(self, eid: str) -> None:
        self.id = eid
        self.types: Counter[str] = Counter()
        self.names_ar: Counter[str] = Counter()
        self.names_en: dict[str, tuple[int, int]] = {}  # name -> (known(1)/transliterated(0), count)
        self.aliases: dict[str, None] = {}
        self.countries: Counter[str] = Counter()
        self.roles: dict[tuple, None] = {}

    def add(self, ent: Entity, doc_id: str | None, primary: bool) -> None:
        # records of the canonical id itself weigh more than those merged into it
        w = 2 if primary else 1
        self.types[ent.type] += w
        if ent.name_ar:
            self.names_ar[ent.name_ar] += w
        if ent.name_en:
            known, n = self.names_en.get(ent.name_en, (0, 0))
            self.names_en[ent.name_en] = (max(known, 0 if ent.name_en_transliterated else 1), n + w)
        for a in ent.aliases:
            if a:
                self.aliases.setdefault(a, None)
        if ent.name_ar and ent.name_ar not in self.aliases and not ent.aliases:
            self.aliases.setdefault(ent.name_ar, None)
        if ent.country:
            self.countries[ent.country] += w
        for r in ent.roles:
            self.roles.setdefault((r.role, r.of, doc_id), None)

    def add_mention(self, typ: str, surface: str) -> None:
        self.types[typ] += 1
        self.names_ar[surface] += 1
        self.aliases.setdefault(surface, None)

    def record(self, resolve, known: set[str]) -> dict[str, Any]:
        typ = self.types.most_common(1)[0][0] if self.types else _type_from_id(self.id)
        name_ar = self.names_ar.most_common(1)[0][0] if self.names_ar else None
        name_en = None
        if self.names_en:
            name_en = max(self.names_en.items(), key=lambda kv: kv[1])[0]
        country = self.countries.most_common(1)[0][0] if self.countries else None
        roles = []
        if typ == "PERSON":
            for role, of, doc in self.roles:
                of_r = resolve(of) if of else None
                rec = {"role": role, "of": of_r if of_r in known else None, "document": doc}
                if rec not in roles:
                    roles.append(rec)
        return {
            "id": self.id,
            "type": typ,
            "name_ar": name_ar if name_ar is not None else (next(iter(self.aliases), None) or self.id),
            "name_en": name_en,
            "aliases": list(self.aliases),
            "country": country,
            "roles": roles,
        }


_PREFIX_TYPE = {
    "person": "PERSON",
    "country": "COUNTRY",
    "org": "ORG",
    "location": "LOCATION",
    "facility": "FACILITY",
    "weapon": "WEAPON",
    "event": "EVENT_NAME",
}


def _type_from_id(eid: str) -> str:
    return _PREFIX_TYPE.get(eid.split(":", 1)[0], "ORG")


def analyses_to_export(
    analyses: list[Analysis],
    sources: Mapping[str, str] | None = None,
    *,
    merges: Mapping[str, str] | None = None,
    clusters: Mapping[str, str] | None = None,
    findings: list[dict] | None = None,
) -> dict[str, Any]:
    """The export-schema object (``schema_version`` 1) for ``analyses``.

    ``sources`` maps a document id to the ``source`` to report for it (default: the
    RawDocument's own ``source``). The keyword arguments carry the cross-document
    results the knowledge base computes: ``merges`` (entity id → canonical id, from
    ``entities.merge_across``), ``clusters`` (event id → cluster id) and ``findings``
    (export-schema dicts, from ``events.consolidate``); without them entities are
    merged by id only, ``cluster`` is whatever the events carry and there are no findings.
    """
    merge_map = resolve_merges(merges)

    def resolve(eid: str) -> str:
        return merge_map.get(eid, eid)

    out = empty_export()
    checked: list[Analysis] = []
    for a in analyses:
        a2, _ = check_analysis(a)
        checked.append(a2)

    # documents (first occurrence of an id wins; the same text read twice is one document)
    seen_docs: set[str] = set()
    docs: list[tuple[str, Analysis]] = []
    for a in checked:
        raw = a.document
        did = raw.id
        if did in seen_docs:
            continue
        seen_docs.add(did)
        docs.append((did, a))
        out["documents"].append(
            {
                "id": did,
                "source": (sources or {}).get(did, raw.source),
                "outlet": raw.outlet,
                "title": raw.title,
                "published": a.published,
                "published_from": a.published_from if a.published is not None else None,
                "language": raw.language,
                "text": raw.text,
                "boilerplate": [[int(s), int(e)] for s, e in sorted(a.boilerplate)],
            }
        )

    # entities: per-document records merged by (resolved) id
    accs: dict[str, _EntityAcc] = {}
    for did, a in docs:
        for ent in a.entities:
            cid = resolve(ent.id)
            acc = accs.get(cid)
            if acc is None:
                acc = accs[cid] = _EntityAcc(cid)
            acc.add(ent, did, primary=(cid == ent.id))
    for _did, a in docs:
        for m in a.mentions:
            cid = resolve(m.entity)
            if cid not in accs:
                acc = accs[cid] = _EntityAcc(cid)
                acc.add_mention(m.type, m.text)
    known = set(accs)
    out["entities"] = [acc.record(resolve, known) for acc in accs.values()]

    def ref(eid: str | None) -> str | None:
        if eid is None:
            return None
        if eid == OUTLET:
            return OUTLET
        r = resolve(eid)
        return r if r in known else None

    def refs(ids: Iterable[str]) -> list[str]:
        res: list[str] = []
        for e in ids:
            r = resolve(e)
            if r in known and r not in res:
                res.append(r)
        return res

    qids: set[str] = set()
    eids: set[str] = set()
    for did, a in docs:
        for m in a.mentions:
            out["mentions"].append(
                {
                    "entity": resolve(m.entity),
                    "document": did,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "how": m.how,
                }
            )
        for t in a.timexes:
            out["timexes"].append(
                {
                    "document": did,
                    "start": t.start,
                    "end": t.end,
                    "text": t.text,
                    "value": t.value,
                    "anchored": bool(t.anchored),
                }
            )
        for q in a.quantities:
            if q.id in qids:
                continue
            qids.add(q.id)
            out["quantities"].append(
                {
                    "id": q.id,
                    "document": did,
                    "start": q.start,
                    "end": q.end,
                    "text": q.text,
                    "value": float(q.value),
                    "unit": q.unit,
                    "comparator": q.comparator,
                    "measure": q.measure,
                    "period": q.period,
                    "entities": refs(q.entities),
                    "attribution": ref(q.attribution),
                    "certainty": q.certainty,
                }
            )
        for ev in a.events:
            if ev.id in eids:
                continue
            eids.add(ev.id)
            plover = None
            if ev.plover:
                plover = {
                    "event_type": ev.plover.get("event_type"),
                    "mode": ev.plover.get("mode"),
                    "context": list(ev.plover.get("context") or []),
                }
            out["events"].append(
                {
                    "id": ev.id,
                    "type": ev.type,
                    "status": ev.status,
                    "source": refs(ev.source),
                    "target": refs(ev.target),
                    "participants": refs(ev.participants),
                    "location": refs(ev.location),
                    "date": ev.date,
                    "date_text": ev.date_text,
                    "document": did,
                    "start": ev.start,
                    "end": ev.end,
                    "text": ev.text,
                    "attribution": ref(ev.attribution),
                    "certainty": ev.certainty,
                    "plover": plover,
                    "cameo": ev.cameo,
                    "cluster": (clusters or {}).get(ev.id, ev.cluster),
                }
            )
    if findings:
        items_known = qids | eids
        out["findings"] = [
            {k: f.get(k) for k in FINDING_KEYS}
            for f in findings
            if all(i in items_known for i in f.get("items", []))
        ]
    return out
