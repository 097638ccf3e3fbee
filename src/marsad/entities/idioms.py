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
    """Token indices of gazetteer hits that are ordinary words of an idiom here; no mention of any
    kind (gazetteer or tagger) may cover them."""
    idioms = _idioms()
    toks = ctx.tokens
    out: set[int] = set()
    for h in hits:
        if h.j != h.i + 1:
            continue
        for before, after in idioms.get(h.key, ()):
            i0, j0 = h.i - len(before), h.j + len(after)
            if i0 < 0 or j0 > len(toks):
                continue
            if all(toks[i0 + n].key == w for n, w in enumerate(before)) and all(
                toks[h.j + n].key.startswith(w) for n, w in enumerate(after)
            ):
                out.add(h.i)
                break
    return out
