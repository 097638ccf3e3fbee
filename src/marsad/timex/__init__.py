"""Time expressions normalised to TIMEX3-style values.

``extract(ctx)`` finds dates in every month system Arabic news uses (Egyptian/Gulf,
Levantine/Iraqi, Maghrebi, Hijri), numeric dates, years, lists and ranges of years,
decades, and relative expressions, which it resolves against ``ctx.published`` when
that is known and otherwise keeps with an unanchored value (``XXXX-11-26``) and
``anchored=False``. ``infer_published(timexes)`` says what an undated document's
mentions allow: it was written no earlier than the latest explicit date it mentions
in a clause that is not about the future. See docs/TIME.md for the rules.
"""

from __future__ import annotations

from marsad.model import DocContext, Timex
from marsad.timex.engine import extract as _extract

EXPLICIT_KINDS = ("date", "year", "range", "decade")


def extract(ctx: DocContext) -> list[Timex]:
    """Time expressions in ``ctx``, resolved against ``ctx.published`` when it is known."""
    return _extract(ctx)


def _period_end(value: str) -> str | None:
    """A sortable key for the last day a value covers (``2016/2020`` ends with 2020)."""
    last = value.split("/")[-1]
    if len(last) >= 4 and last[:4].isdigit():
        if len(last) == 4:
            return last + "-12-31"
        if len(last) == 7 and last[4] == "-" and last[5:7].isdigit():
            return last + "-31"
        if len(last) == 10 and last[4] == "-" and last[7] == "-":
            return last
    return None


def infer_published(timexes: list[Timex]) -> str | None:
    """What can honestly be said of an undated document's date from what it mentions.

    The document was written no earlier than the latest explicit date, year or range it
    mentions outside future-tense clauses and named target years (رؤية 2030). The value returned is that mention's own value at
    its own precision (``2025-08-13``, ``2021-07`` or ``2023``; the end year of a range) -
    never a day that the text does not state. Relative and unanchored expressions, decades
    and future-clause mentions are ignored. None when nothing qualifies.
    """
    best: tuple[str, str] | None = None
    for t in timexes:
        if not t.anchored or t.kind not in EXPLICIT_KINDS or t.kind == "decade":
            continue
        if t.rule and t.rule.startswith(("future", "target")):
            continue
        end = _period_end(t.value)
        if end is None:
            continue
        value = t.value.split("/")[-1]
        if best is None or end > best[0]:
            best = (end, value)
    return best[1] if best else None


__all__ = ["extract", "infer_published", "EXPLICIT_KINDS"]
