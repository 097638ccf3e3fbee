"""Names that contain a person's name (data/gazetteer/named_after.tsv): «قاعدة الملك فهد الجوية»
is an air base, «مؤسسة زايد بن سلطان آل نهيان للأعمال الخيرية» a foundation, «دوري عبداللطيف جميل
للمحترفين» a league — not mentions of King Fahd, Sheikh Zayed or Abdul Latif Jameel.

A PERSON candidate right after one of the heads (with or without the article and proclitics)
becomes a candidate of the head's type spanning the head, the name and what completes it: one
definite adjective (الجوية، التخصصي) and a phrase of ل with its conjuncts (للأعمال الخيرية والإنسانية،
للمحترفين, at most four words). Its entity is left to resolution (a new one, transliterated).
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from marsad.entities.gazetteer import _read, form_key
from marsad.model import DocContext
from marsad.text import clitic_splits, folded_prefix_chars

if TYPE_CHECKING:
    from marsad.entities.extractor import Cand

__all__ = ["apply"]

_MAX_TAIL = 4


@lru_cache(maxsize=1)
def _heads() -> dict[str, str]:
    return {form_key(r["head"]): r["type"] for r in _read("named_after.tsv")}


def _head(key: str) -> tuple[int, str | None]:
    """(length of the proclitic in the folded key, type) of a head word (بقاعدة → 1, FACILITY)."""
    heads = _heads()
    for prefix, stem in clitic_splits(key):
        typ = heads.get(stem[2:] if stem.startswith("ال") else stem)
        if typ is not None:
            return len(prefix), typ
    return 0, None


def _adjective(key: str) -> bool:
    """A definite nisba adjective (الجوية، التخصصي، الدولي)."""
    return key.startswith("ال") and key.endswith(("يه", "ي")) and len(key) >= 5


def apply(ctx: DocContext, cands: list[Cand]) -> list[Cand]:
    from marsad.entities.extractor import Cand

    toks = ctx.tokens
    out: list[Cand] = []
    taken: set[int] = set()
    for n, c in enumerate(cands):
        if c.type != "PERSON" or c.i == 0 or n in taken:
            continue
        head = c.i - 1
        clitic, typ = _head(toks[head].key)
        if typ is None or toks[head].end > c.start or ctx.text[toks[head].end : c.start].strip():
            continue  # the head must stand right before the name, with only a space between
        j = c.j
        if j < len(toks) and _adjective(toks[j].key) and not ctx.text[toks[j - 1].end : toks[j].start].strip():
            j += 1
        if j < len(toks) and toks[j].key.startswith("لل") and len(toks[j].key) > 3:
            k = j + 1
            while k < len(toks) and k - j < _MAX_TAIL and (toks[k].key.startswith("وال") or _adjective(toks[k].key)):
                k += 1
            j = k
        start = toks[head].start + folded_prefix_chars(toks[head].text, clitic)
        end = toks[j - 1].end
        inside = [m for m, o in enumerate(cands) if o.start >= start and o.end <= end]
        taken.update(inside)
        out.append(Cand(start, end, typ, None, "pattern", head, j, "named-after"))
    if not out:
        return cands
    keep = [o for m, o in enumerate(cands) if m not in taken and not any(o.overlaps(x) for x in out)]
    return sorted(keep + out, key=lambda x: x.start)
