"""Gazetteer hits that are ordinary words in an idiom (data/gazetteer/idioms.tsv): «مسقط رأسه»
is a birthplace, not Muscat; «جنة عدن» the Garden of Eden; «إنه مصر على» "he insists on"."""

from __future__ import annotations

from functools import lru_cache

from marsad.entities.gazetteer import Hit, _read
from marsad.model import DocContext
from marsad.text import fold

__all__ = ["blocked"]


@lru_cache(maxsize=1)
def _idioms() -> dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]]:
    """Marked word key → [(words before, words after)]."""
    out: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for r in _read("idioms.tsv"):
        words = r["phrase"].split()
        k = next(i for i, w in enumerate(words) if w.startswith("*"))
        before = tuple(fold(w) for w in words[:k])
        after = tuple(fold(w) for w in words[k + 1 :])
        out.setdefault(fold(words[k][1:]), []).append((before, after))
    return out


def blocked(ctx: DocContext, hits: list[Hit]) -> set[int]:
    """Token indices of words that are ordinary words of an idiom here (the first word of a
    gazetteer hit): no gazetteer hit may start there and no tagger span cover them."""
    idioms = _idioms()
    toks = ctx.tokens
    out: set[int] = set()
    for h in hits:
        first = toks[h.i].key
        for before, after in idioms.get(first, ()):
            # the marked word begins the hit (السياسة *الخارجية الأمريكية); words after it are
            # those after the marked word
            i0, j0 = h.i - len(before), h.i + 1 + len(after)
            if i0 < 0 or j0 > len(toks):
                continue
            if all(toks[i0 + n].key == w for n, w in enumerate(before)) and all(
                toks[h.i + 1 + n].key.startswith(w) for n, w in enumerate(after)
            ):
                out.add(h.i)
                break
    return out
