"""The dated events between two states, one entry per cluster, each traceable to its sources.

Everything here reads an export-schema object (``marsad.kb.open_kb(db).export_data()``
or ``marsad.export.build.analyses_to_export``). When its events carry no cluster ids
(an export made without the cross-document step) :func:`crossdoc_results` computes
them with :func:`marsad.events.crossdoc.consolidate`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from marsad.events.crossdoc import (
    EventView,
    Names,
    cluster_date,
    consolidate,
    date_interval,
    date_span_days,
    make_views,
)
from marsad.events.findings import event_topic, format_value, sentence_of
from marsad.text import fold

__all__ = [
    "Relation",
    "build_timeline",
    "crossdoc_results",
    "render_timeline",
    "resolve_state",
]


class UnknownState(ValueError):
    pass


def resolve_state(data: dict, query: str) -> str:
    """The entity id a command-line name stands for: ISO alpha-3, English or Arabic name, alias.

    ``ISR``, ``Israel``, ``إسرائيل`` and any alias seen in the texts (``الدولة العبرية``)
    give ``country:ISR``. States win over other entities with the same name.
    """
    q = query.strip()
    if not q:
        raise UnknownState("empty name")
    if ":" in q and any(e.get("id") == q for e in data.get("entities", [])):
        return q
    entities = data.get("entities", [])
    if re.fullmatch(r"[A-Za-z]{3}", q):
        eid = "country:" + q.upper()
        if any(e.get("id") == eid for e in entities) or not entities:
            return eid
    key = fold(q).casefold()
    hits: list[dict] = []
    for e in entities:
        forms = [e.get("name_en") or "", e.get("name_ar") or "", *(e.get("aliases") or [])]
        if any(f and fold(f).casefold() == key for f in forms):
            hits.append(e)
    if not hits:
        raise UnknownState(f"no state or entity named {query!r} in the knowledge base")
    hits.sort(key=lambda e: (e.get("type") != "COUNTRY", e.get("id")))
    return hits[0]["id"]


def crossdoc_results(data: dict) -> tuple[dict[str, str], list[dict]]:
    """Cluster ids and findings: those stored in the export, else computed now."""
    events = data.get("events", [])
    clusters = {e["id"]: e["cluster"] for e in events if e.get("cluster")}
    if clusters or not events:
        return clusters, list(data.get("findings") or [])
    return consolidate(
        data.get("documents", []),
        events,
        data.get("quantities", []),
        entities=data.get("entities"),
        timexes=data.get("timexes"),
    )


@dataclass
class Relation:
    """The records of an export that concern two given states."""

    data: dict
    a: str
    b: str

    def __post_init__(self) -> None:
        self.names = Names(self.data.get("entities"))
        self.docs = {d["id"]: d for d in self.data.get("documents", [])}
        self.clusters, self.findings = crossdoc_results(self.data)
        views = make_views(self.data.get("events", []), self.names)
        self.views = [v for v in views if self._between(v)]
        groups: dict[str, list[EventView]] = {}
        for v in self.views:
            groups.setdefault(self.clusters.get(v.id) or v.id, []).append(v)
        self.groups = groups
        self.quantities = [q for q in self.data.get("quantities", []) if self._q_between(q)]
        self.q_by_id = {q["id"]: q for q in self.data.get("quantities", [])}

    def _states(self, ids) -> set[str]:
        return {s for s in (self.names.country(i) for i in ids) if s}

    def _between(self, v: EventView) -> bool:
        ev = v.rec
        states = self._states(
            (ev.get("source") or []) + (ev.get("target") or []) + (ev.get("participants") or [])
        )
        return self.a in states and self.b in states

    def _q_between(self, q: dict) -> bool:
        states = self._states(q.get("entities") or [])
        return self.a in states and self.b in states

    def doc_label(self, did: str) -> str:
        d = self.docs.get(did) or {}
        return d.get("outlet") or d.get("title") or d.get("source") or did

    def numbers_of(self, members: list[EventView]) -> list[dict]:
        """Quantities that measure these events: linked by id, else inside their text span."""
        out: list[dict] = []
        for m in members:
            linked = [self.q_by_id[i] for i in m.rec.get("quantities") or [] if i in self.q_by_id]
            if not linked:
                s, e = m.rec.get("start") or 0, m.rec.get("end") or 0
                linked = [
                    q
                    for q in self.data.get("quantities", [])
                    if q.get("document") == m.doc and s <= (q.get("start") or -1) < e
                ]
            for q in linked:
                if q not in out:
                    out.append(q)
        return out

    def number_record(self, q: dict) -> dict:
        doc = self.docs.get(q.get("document") or "") or {}
        return {
            "quantity": q["id"],
            "value": format_value(q),
            "comparator": q.get("comparator") or "eq",
            "text": q.get("text"),
            "measure": q.get("measure"),
            "period": q.get("period"),
            "attribution": q.get("attribution"),
            "document": q.get("document"),
            "outlet": doc.get("outlet"),
            "title": doc.get("title"),
            "sentence": sentence_of(doc.get("text") or "", q.get("start") or 0, q.get("end") or 0),
        }

    def source_record(self, v: EventView) -> dict:
        doc = self.docs.get(v.doc) or {}
        return {
            "event": v.id,
            "document": v.doc,
            "outlet": doc.get("outlet"),
            "title": doc.get("title"),
            "published": doc.get("published"),
            "date": v.date,
            "status": v.status,
            "start": v.rec.get("start"),
            "end": v.rec.get("end"),
            "sentence": (v.rec.get("text") or "").strip(),
        }

    def entry(self, cid: str, members: list[EventView]) -> dict:
        members = sorted(members, key=lambda m: (date_span_days(m.date), m.doc, m.rec.get("start") or 0))
        head = members[0]
        statuses = Counter(m.status for m in members)
        status = "occurred" if statuses.get("occurred") else statuses.most_common(1)[0][0]
        numbers = [self.number_record(q) for q in self.numbers_of(members)]
        desc = event_topic(head, self.names, actors=members[1:])
        if status != "occurred":
            desc += f" ({status})"
        if numbers:
            desc += " — " + ", ".join(n["value"] for n in numbers[:3])
        return {
            "cluster": cid,
            "date": cluster_date(members),
            "type": head.type,
            "status": status,
            "description": desc,
            "events": [m.id for m in members],
            "numbers": numbers,
            "sources": [self.source_record(m) for m in members],
        }


def _sort_key(entry: dict):
    iv = date_interval(entry["date"])
    return (iv is None, iv or (), entry["type"], entry["cluster"])


def build_timeline(data: dict, a: str, b: str, *, include_undated: bool = True) -> dict:
    """Entries (one per cluster) between states ``a`` and ``b`` (entity ids), oldest first."""
    rel = Relation(data, a, b)
    entries = sorted((rel.entry(cid, m) for cid, m in rel.groups.items()), key=_sort_key)
    undated = [e for e in entries if e["date"] is None]
    if not include_undated:
        entries = [e for e in entries if e["date"] is not None]
    return {
        "a": a,
        "b": b,
        "a_name": rel.names.name(a),
        "b_name": rel.names.name(b),
        "entries": entries,
        "undated": len(undated),
        "undated_excluded": 0 if include_undated else len(undated),
    }


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def render_timeline(tl: dict) -> list[str]:
    lines = [f"Timeline: {tl['a_name']} – {tl['b_name']} ({len(tl['entries'])} events)"]
    for e in tl["entries"]:
        lines.append(f"{e['date'] or 'undated':<10}  {e['type']:<24} {e['description']}")
        for s in e["sources"]:
            where = s["outlet"] or s["title"] or ""
            where = f" ({_short(where, 50)})" if where else ""
            lines.append(f"    {s['document']}{where} [{s['start']}:{s['end']}] «{_short(s['sentence'])}»")
    if tl["undated_excluded"]:
        lines.append(
            f"({tl['undated_excluded']} undated events not shown; run without --dated-only to list them)"
        )
    return lines
