"""Place names written alike for places of different states: «عمان» is Oman or Amman (Jordan),
«طرابلس» Tripoli in Libya or in Lebanon. The gazetteer keeps every entry of such a key, the
default first (its priority order); here the document decides: the entry whose state the
document's other, unambiguous gazetteer mentions name strictly more often than the default's
wins (a report on the Jordanian king's visit says «وصل إلى عمان» for Amman). Without such
evidence the default stays.
"""

from __future__ import annotations

import dataclasses
from collections import Counter

from marsad.entities.gazetteer import Entry, Gazetteer, Hit

__all__ = ["resolve"]

_GEO = frozenset({"country", "official", "historic", "epithet", "demonym", "capital", "place"})


def _state(gz: Gazetteer, e: Entry) -> str | None:
    if e.kind not in _GEO or not e.id:
        return None
    if e.id.startswith("country:"):
        return e.id.split(":", 1)[1]
    if e.kind == "capital" and e.info:
        return e.info
    info = gz.entities.get(e.id)
    return info.country if info is not None else None


def resolve(gz: Gazetteer, hits: list[Hit]) -> list[Hit]:
    """``hits`` with the entries of geographic homographs reordered by the document's states."""
    ambiguous = []
    counts: Counter[str] = Counter()
    for n, h in enumerate(hits):
        states = {_state(gz, e) for e in h.entries if e.kind in _GEO} - {None}
        if len(states) > 1:
            ambiguous.append(n)
        elif len(states) == 1:
            counts[next(iter(states))] += 1  # type: ignore[arg-type]
    if not ambiguous:
        return hits
    out = list(hits)
    for n in ambiguous:
        h = hits[n]
        default = _state(gz, h.entries[0])
        best = max(
            (e for e in h.entries if e.kind in _GEO and _state(gz, e)),
            key=lambda e: counts[_state(gz, e) or ""],
        )
        best_state = _state(gz, best)
        if best is not h.entries[0] and best_state != default and counts[best_state or ""] > counts[default or ""]:
            rest = tuple(e for e in h.entries if e is not best)
            out[n] = dataclasses.replace(h, entries=(best, *rest))
    return out
