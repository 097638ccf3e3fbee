"""The relationship between two states by pillar (diplomatic, military, intelligence, energy, trade…).

The pillar of each event type is data (``data/findings/event_types.tsv``); a figure
belongs to the pillar of what its measured phrase is about (``concepts.tsv``: oil →
energy, arms → military), else to that of the event it stands in, else to "other".
"""

from __future__ import annotations

from collections import Counter

from marsad.events.crossdoc import date_interval, event_types, type_info
from marsad.events.findings import concept_pillar
from marsad.events.timeline import Relation

__all__ = ["build_profile", "pillar_order", "render_profile"]


def pillar_order() -> list[str]:
    order: list[str] = []
    for info in event_types().values():
        if info.pillar not in order:
            order.append(info.pillar)
    return order + ["other"]


def _first_last(dates: list[str]) -> tuple[str | None, str | None]:
    dated = [d for d in dates if date_interval(d)]
    if not dated:
        return None, None
    first = min(dated, key=lambda d: (date_interval(d)[0], date_interval(d)[1]))
    last = max(dated, key=lambda d: (date_interval(d)[1], date_interval(d)[0]))
    return first, last


def build_profile(data: dict, a: str, b: str) -> dict:
    rel = Relation(data, a, b)
    pillars: dict[str, dict] = {}

    def pillar(name: str) -> dict:
        if name not in pillars:
            pillars[name] = {
                "pillar": name,
                "events": 0,
                "reports": 0,
                "types": Counter(),
                "dates": [],
                "numbers": [],
                "documents": set(),
            }
        return pillars[name]

    q_pillar: dict[str, str] = {}
    for cid, members in rel.groups.items():
        info = type_info(members[0].type)
        p = pillar(info.pillar)
        entry = rel.entry(cid, members)
        p["events"] += 1
        p["reports"] += len(members)
        p["types"][info.type] += 1
        p["documents"].update(m.doc for m in members)
        if entry["date"]:
            p["dates"].append(entry["date"])
        for n in entry["numbers"]:
            q_pillar.setdefault(n["quantity"], info.pillar)
    for q in rel.quantities + [rel.q_by_id[i] for i in q_pillar if i in rel.q_by_id]:
        # what the phrase measures first (oil → energy), else the event around it, else the sentence
        q_pillar[q["id"]] = (
            concept_pillar(q.get("measure"))
            or q_pillar.get(q["id"])
            or concept_pillar(rel.number_record(q)["sentence"])
            or "other"
        )
    for qid, name in q_pillar.items():
        q = rel.q_by_id.get(qid)
        if q is not None:
            pillar(name)["numbers"].append(rel.number_record(q))
            pillar(name)["documents"].add(q.get("document"))

    items_between = {v.id for v in rel.views} | {q["id"] for q in rel.quantities}
    related = [f for f in rel.findings if any(i in items_between for i in f.get("items", []))]
    order = pillar_order()
    out_pillars = []
    for name in sorted(pillars, key=lambda n: (order.index(n) if n in order else len(order), n)):
        p = pillars[name]
        first, last = _first_last(p["dates"])
        out_pillars.append(
            {
                "pillar": name,
                "events": p["events"],
                "reports": p["reports"],
                "documents": len(p["documents"]),
                "types": dict(p["types"].most_common()),
                "first": first,
                "last": last,
                "numbers": p["numbers"],
            }
        )
    return {
        "a": a,
        "b": b,
        "a_name": rel.names.name(a),
        "b_name": rel.names.name(b),
        "documents": len({v.doc for v in rel.views} | {q.get("document") for q in rel.quantities}),
        "pillars": out_pillars,
        "conflicts": [f for f in related if f.get("kind") == "conflict"],
        "corroborations": [f for f in related if f.get("kind") == "corroboration"],
    }


def render_profile(prof: dict) -> list[str]:
    lines = [f"Relationship: {prof['a_name']} – {prof['b_name']} ({prof['documents']} documents)"]
    for p in prof["pillars"]:
        span = ""
        if p["first"]:
            span = f", {p['first']}" + (f" to {p['last']}" if p["last"] != p["first"] else "")
        types = ", ".join(f"{t} {n}" for t, n in p["types"].items())
        lines.append(
            f"{p['pillar']}: {p['events']} events ({p['reports']} reports, {p['documents']} documents){span}"
            + (f" — {types}" if types else "")
        )
        for n in p["numbers"]:
            what = f" {n['measure']}" if n.get("measure") else ""
            src = n.get("outlet") or n.get("title") or ""
            lines.append(f"    {n['value']}{what} — {n['document']}{f' ({src})' if src else ''}")
    for kind in ("conflicts", "corroborations"):
        if prof[kind]:
            lines.append(f"{kind.capitalize()}:")
            for f in prof[kind]:
                lines.append(f"    {f['topic']}: {' vs '.join(f.get('values') or [])} — {f['explanation']}")
    return lines
