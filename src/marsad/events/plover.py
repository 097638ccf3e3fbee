"""PLOVER export: one JSON record per event, newline-delimited (PLOVER manual, chapter "Data Fields").

Field names follow the manual's tables ("PLOVER JSON", "Information object for
entities", "… for text", "… for citations", "Location object"):

* ``id`` (required), ``date`` (required, ``YYYY-MM-DD``) and ``enddate``: a date known
  only to the month or year is written as its first day with ``enddate`` its last day
  (``1992`` → 1992-01-01 … 1992-12-31; ``date_precision`` says which). An event whose
  text gives no date gets ``date: null`` and a ``comment`` saying so — the publication
  date is not passed off as the event's date (it is in ``cite_info.published``).
* ``actor`` (required) and ``recipient``: lists of entity objects (``code`` = ISO
  alpha-3 of the state, ``entity_text`` as written in the sentence, ``identifier_id`` /
  ``identifier_text``, ``sector`` and ``office`` for people with a known role). A person
  acting for a state stands for it; a state without a named person is itself the entity.
  Symmetric events (meet, agree, …) list every side as ``actor`` and no recipient, as the
  manual prescribes for reciprocal events.
* ``event`` (required, a list of PLOVER categories), ``mode``, ``context``, ``quad_code``.
* ``event_loc`` (Location object), ``event_text`` (the sentence), ``text_info``
  (``start``/``end`` offsets into the document text and the sentence ``sequence``),
  ``cite_info`` (document id, source, title, outlet as ``publication``, language, coder,
  codebook), ``link`` (the cluster id: reports of one real-world event share it),
  ``coder``.

Marsad's own fields are kept under names the manual does not use: ``marsad_type``,
``status``, ``certainty``, ``attribution``, ``cameo``, ``date_text``, ``date_precision``.
Events without a PLOVER category are not written (the manual requires one).
"""

from __future__ import annotations

import json
from functools import cache
from typing import TextIO

from marsad.events.crossdoc import Names, date_interval, read_tsv, type_info
from marsad.text import sentences

__all__ = ["CODEBOOK", "plover_records", "write_plover"]

CODEBOOK = "PLOVER draft 2.0 (categories via CAMEO2PLOVER-2021)"


@cache
def quad_codes() -> dict[str, int]:
    return {cat: int(code) for cat, code in read_tsv("plover.tsv")}


@cache
def sectors() -> dict[str, str]:
    return {role.lower(): sector for role, sector in read_tsv("sectors.tsv")}


def _date_fields(value: str | None) -> dict:
    iv = date_interval(value)
    if iv is None:
        return {"date": None}
    first, last = iv
    out = {"date": first.isoformat()}
    if last != first:
        out["enddate"] = last.isoformat()
        days = (last - first).days + 1
        if first.month == 1 and first.day == 1 and last.month == 12 and last.day == 31:
            out["date_precision"] = "year" if first.year == last.year else "years"
        elif first.day == 1 and days <= 31:
            out["date_precision"] = "month"
        else:
            out["date_precision"] = "range"
    else:
        out["date_precision"] = "day"
    return out


class _Writer:
    def __init__(self, data: dict) -> None:
        self.data = data
        self.names = Names(data.get("entities"))
        self.entities = {e["id"]: e for e in data.get("entities", []) if e.get("id")}
        self.docs = {d["id"]: d for d in data.get("documents", []) if d.get("id")}
        self.mentions: dict[str, list[dict]] = {}
        for m in data.get("mentions", []):
            self.mentions.setdefault(m.get("document") or "", []).append(m)
        self._sentences: dict[str, list[tuple[int, int]]] = {}
        self.generator = data.get("generator") or "marsad"

    def surface(self, eid: str, doc: str, start: int, end: int) -> str | None:
        for m in self.mentions.get(doc, []):
            if m.get("entity") == eid and start <= (m.get("start") or -1) and (m.get("end") or 0) <= end:
                return m.get("text")
        return None

    def role(self, eid: str, doc: str) -> str | None:
        roles = (self.entities.get(eid) or {}).get("roles") or []
        mine = [r for r in roles if r.get("document") == doc] or roles
        return mine[0].get("role") if mine else None

    def entity_object(self, eid: str, ev: dict) -> dict:
        rec = self.entities.get(eid) or {}
        state = self.names.country(eid)
        obj: dict = {
            "code": state.split(":", 1)[1] if state else None,
            "country_name": self.names.name(state) if state else None,
            "entity_text": self.surface(eid, ev["document"], ev.get("start") or 0, ev.get("end") or 0)
            or rec.get("name_ar"),
            "identifier_id": eid,
            "identifier_text": self.names.name(eid),
        }
        office = self.role(eid, ev["document"]) if self.names.type(eid) == "PERSON" else None
        if office:
            obj["office"] = office
            sector = sectors().get(office.lower())
            if sector:
                obj["sector"] = sector
        return obj

    def side(self, states: list[str], people: list[str], ev: dict) -> list[dict]:
        """Entity objects for one side: its people where named, else the states themselves."""
        out, covered = [], set()
        for p in people:
            out.append(self.entity_object(p, ev))
            st = self.names.country(p)
            if st:
                covered.add(st)
        for s in states:
            st = self.names.country(s) or s
            if st not in covered:
                out.append(self.entity_object(s, ev))
                covered.add(st)
        return out

    def sequence(self, doc: str, start: int) -> int | None:
        if doc not in self._sentences:
            text = (self.docs.get(doc) or {}).get("text") or ""
            self._sentences[doc] = [(s.start, s.end) for s in sentences(text)]
        for i, (s, e) in enumerate(self._sentences[doc]):
            if s <= start < e:
                return i
        return None

    def location(self, ev: dict) -> dict | None:
        locs = ev.get("location") or []
        if not locs:
            return None
        eid = locs[0]
        rec = self.entities.get(eid) or {}
        state = self.names.country(eid)
        return {
            "extracted_place": self.surface(eid, ev["document"], ev.get("start") or 0, ev.get("end") or 0)
            or rec.get("name_ar"),
            "resolved_place": self.names.name(eid),
            "country": self.names.name(state) if state else None,
            "country_code": state.split(":", 1)[1] if state else None,
            "identifier_id": eid,
        }

    def record(self, ev: dict) -> dict | None:
        pl = ev.get("plover") or {}
        category = pl.get("event_type")
        if not category:
            return None
        doc = self.docs.get(ev.get("document") or "") or {}
        people = list(ev.get("participants") or [])
        src_states = {self.names.country(s) or s for s in ev.get("source") or []}
        tgt_states = {self.names.country(s) or s for s in ev.get("target") or []}
        src_people = [p for p in people if self.names.country(p) in src_states]
        tgt_people = [p for p in people if self.names.country(p) in tgt_states and p not in src_people]
        if type_info(ev.get("type") or "").symmetric:
            actor = self.side(
                list(ev.get("source") or []) + list(ev.get("target") or []), src_people + tgt_people, ev
            )
            recipient: list[dict] = []
        else:
            actor = self.side(list(ev.get("source") or []), src_people, ev)
            recipient = self.side(list(ev.get("target") or []), tgt_people, ev)
        mode = pl.get("mode")
        rec: dict = {"id": ev["id"], **_date_fields(ev.get("date"))}
        if rec["date"] is None:
            rec["comment"] = "the text gives no date for this event"
        rec.update(
            {
                "has_event": True,
                "actor": actor,
                "recipient": recipient,
                "event": [category],
                "mode": [mode] if isinstance(mode, str) and mode else list(mode or []),
                "context": list(pl.get("context") or []),
                "quad_code": quad_codes().get(category),
                "event_loc": self.location(ev),
                "event_text": [ev.get("text") or ""],
                "text_info": {
                    "sequence": self.sequence(ev["document"], ev.get("start") or 0),
                    "start": ev.get("start"),
                    "end": ev.get("end"),
                },
                "cite_info": {
                    "corpus": "marsad",
                    "citation": ev["document"],
                    "source": doc.get("source"),
                    "url": doc.get("source") if str(doc.get("source") or "").startswith("http") else None,
                    "title": doc.get("title"),
                    "publication": doc.get("outlet"),
                    "published": doc.get("published"),
                    "language": doc.get("language"),
                    "coder": self.generator,
                    "codebook": CODEBOOK,
                },
                "link": ev.get("cluster"),
                "coder": self.generator,
                "marsad_type": ev.get("type"),
                "status": ev.get("status"),
                "certainty": ev.get("certainty"),
                "attribution": ev.get("attribution"),
                "cameo": ev.get("cameo"),
                "date_text": ev.get("date_text"),
            }
        )
        return rec


def plover_records(data: dict) -> list[dict]:
    """The PLOVER records of an export-schema object's events (those with a PLOVER category)."""
    w = _Writer(data)
    return [r for r in (w.record(ev) for ev in data.get("events", [])) if r is not None]


def write_plover(data: dict, out: TextIO) -> int:
    """Write one JSON line per event to ``out``; returns how many were written."""
    n = 0
    for rec in plover_records(data):
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n
