"""Outlets cited by their bare name in quotes (data/gazetteer/quoted_media.tsv): «عكاظ»، «المدينة»،
"الرياض" as the whole of a quotation name the newspaper, an ORG mention of its organizations.tsv
entry; any candidate inside the quotes (the city of Riyadh) gives way."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from marsad.entities.gazetteer import _read
from marsad.model import DocContext
from marsad.text import fold

if TYPE_CHECKING:
    from marsad.entities.extractor import Cand

__all__ = ["apply"]

_OPEN = frozenset('"“«„')
_CLOSE = frozenset('"”»‟')
_MAX_WORDS = 3


@lru_cache(maxsize=1)
def _forms() -> dict[str, str]:
    return {fold(r["form"]): r["slug"] for r in _read("quoted_media.tsv")}


def apply(ctx: DocContext, cands: list[Cand]) -> list[Cand]:
    from marsad.entities.extractor import Cand

    forms = _forms()
    toks = ctx.tokens
    found: list[Cand] = []
    for i, t in enumerate(toks):
        if t.text not in _OPEN:
            continue
        for j in range(i + 2, min(len(toks), i + 2 + _MAX_WORDS)):
            if toks[j].text in _CLOSE:
                words = " ".join(x.key for x in toks[i + 1 : j])
                slug = forms.get(words)
                if slug is not None:
                    found.append(
                        Cand(toks[i + 1].start, toks[j - 1].end, "ORG", "org:" + slug, "pattern", i + 1, j, "quoted-media")
                    )
                break
    if not found:
        return cands
    keep = [c for c in cands if not any(c.overlaps(f) for f in found)]
    return sorted(keep + found, key=lambda c: c.start)
