"""States named only through the document: «المملكة», «السلطنة» (data/gazetteer/context_states.tsv).

Such a word (with its proclitics: للمملكة، بالمملكة، والمملكة) refers to the state of its list that
the document's gazetteer mentions name most often — at least twice, strictly more often than any
other, and not counting names that begin with the word itself (المملكة الأردنية الهاشمية: a
Saudi cabinet statement names Jordan in full and calls Saudi Arabia «المملكة»; counting that
name made «المملكة» Jordan in 8 of 16 blind-judged mentions). It becomes a COUNTRY mention of that
state (how="coreference", a metonym like an epithet); otherwise the word stays alone.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from marsad.entities.gazetteer import Gazetteer
from marsad.model import DocContext
from marsad.text import clitic_splits, folded_prefix_chars

if TYPE_CHECKING:
    from marsad.entities.extractor import Cand

__all__ = ["apply"]

_OWN_WORDS = ("المملكة", "مملكة", "السلطنة", "سلطنة")


def apply(ctx: DocContext, gz: Gazetteer, cands: list[Cand]) -> list[Cand]:
    from marsad.entities.extractor import Cand

    if not gz.context_states:
        return cands
    # names of the kingdom that are not «المملكة …» itself: a writer names another kingdom in full
    # (المملكة الأردنية الهاشمية) and calls their own «المملكة»
    counts = Counter(
        c.entity.split(":", 1)[1]
        for c in cands
        if c.type == "COUNTRY"
        and c.entity
        and c.entity.startswith("country:")
        and not any(ctx.text[c.start : c.end].startswith(w) for w in _OWN_WORDS)
    )
    choice: dict[str, str | None] = {}
    for key, states in gz.context_states.items():
        ranked = sorted(((counts[s], s) for s in states if counts[s]), reverse=True)
        ok = ranked and ranked[0][0] >= 2 and (len(ranked) == 1 or ranked[0][0] > ranked[1][0])
        choice[key] = ranked[0][1] if ok else None
    if not any(choice.values()):
        return cands
    # every written form ends in the word without its article (للمملكة، بالمملكة → مملكه)
    endings = tuple({k[2:] if k.startswith("ال") else k for k, v in choice.items() if v})
    covered = [(c.start, c.end) for c in cands]
    out = list(cands)
    for n, t in enumerate(ctx.tokens):
        if not t.key.endswith(endings) or any(s < t.end and t.start < e for s, e in covered):
            continue
        for prefix, stem in clitic_splits(t.key):
            key = "ال" + stem if prefix.endswith("لل") else stem
            iso3 = choice.get(key)
            if iso3 is None:
                continue
            start = t.start + folded_prefix_chars(t.text, len(prefix))
            out.append(Cand(start, t.end, "COUNTRY", "country:" + iso3, "coreference", n, n + 1, "epithet", metonym=True))
            break
    return out
