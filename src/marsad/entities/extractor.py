"""Per-document entity extraction: gazetteer, cue patterns, statistical tagger, resolution.

Order of work (precedence rules in docs/ENTITIES.md):

1. gazetteer hits (one automaton pass), longest first;
2. cue patterns (how="pattern"): names after titles and given names, quoted names after
   organisation heads; a pattern span never overrides a gazetteer span it overlaps;
3. the statistical tagger's spans (how="model"), where it is available, only where no
   gazetteer or pattern mention overlaps;
4. resolution within the document: surnames and titles refer back to full names
   (how="coreference"), capitals and epithets resolve to their state;
5. roles (person – office – state, with time) and the document's Entity records.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field

from marsad.entities import context_states, homographs, idioms, named_after, patterns, quoted_media, resolve
from marsad.entities.gazetteer import Gazetteer, Hit, form_key, load
from marsad.model import DocContext, Entity, Mention, Role

__all__ = ["extract", "Cand"]


@dataclass
class Cand:
    """A mention candidate before resolution."""

    start: int
    end: int
    type: str
    entity: str | None
    how: str
    i: int  # token span [i, j)
    j: int
    kind: str = ""  # gazetteer kind or pattern name
    metonym: bool = False
    info: dict = field(default_factory=dict)

    def overlaps(self, other: Cand) -> bool:
        return self.start < other.end and other.start < self.end

    def overlaps_span(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def extract(ctx: DocContext) -> tuple[list[Mention], list[Entity]]:
    gz = load()
    toks = ctx.tokens
    if not toks:
        return [], []
    hits = gz.hits(toks, ctx.text)
    idiom_tokens = idioms.blocked(ctx, hits)
    if idiom_tokens:
        hits = [h for h in hits if h.i not in idiom_tokens]
    chosen = homographs.resolve(gz, gz.select(hits))
    cands: list[Cand] = []
    cues: list[Hit] = []  # titles, time markers, heads, given names
    for h in chosen:
        c = _cand_from_hit(gz, ctx, h, chosen)
        if c is None:
            cues.append(h)
        else:
            cands.append(c)
    # A cue (title, head, given name) may hide a shorter entity hit inside it, e.g. the
    # demonym of "وزير الخارجية الإسرائيلي" is part of no cue, but "مؤسس" (title) never hides one.
    cands = patterns.apply(ctx, gz, hits, chosen, cands, cues)
    cands = context_states.apply(ctx, gz, cands)
    cands = _add_model(ctx, gz, cands)
    if idiom_tokens:
        cands = [c for c in cands if not any(c.i <= k < c.j for k in idiom_tokens)]
    cands = named_after.apply(ctx, cands)
    cands = quoted_media.apply(ctx, cands)
    cands.sort(key=lambda c: c.start)
    mentions, entities = resolve.within_document(ctx, gz, cands)
    return mentions, entities


def _cand_from_hit(gz: Gazetteer, ctx: DocContext, h: Hit, chosen: list[Hit]) -> Cand | None:
    e = h.best
    kind = e.kind
    if kind in ("country", "official", "historic"):
        return Cand(h.start, h.end, "COUNTRY", e.id, "gazetteer", h.i, h.j, kind)
    if kind in ("epithet", "demonym"):
        return Cand(h.start, h.end, "COUNTRY", e.id, "gazetteer", h.i, h.j, kind, metonym=True)
    if kind == "capital":
        if _is_place(gz, ctx, h, chosen):
            return Cand(h.start, h.end, "LOCATION", e.id, "gazetteer", h.i, h.j, "place")
        return Cand(
            h.start, h.end, "COUNTRY", "country:" + (e.info or ""), "gazetteer", h.i, h.j, kind, metonym=True,
            info={"place": e.id},
        )
    if kind == "place":
        return Cand(h.start, h.end, "LOCATION", e.id, "gazetteer", h.i, h.j, kind)
    if kind in ("person", "org", "facility", "weapon", "event"):
        return Cand(h.start, h.end, e.type or "", e.id, "gazetteer", h.i, h.j, kind)
    if kind == "ministry":
        name_en, _, minister = (e.info or "|").partition("|")
        return Cand(
            h.start, h.end, "ORG", None, "pattern", h.i, h.j, kind, info={"name_en": name_en, "minister": minister}
        )
    if kind == "holder":  # خادم الحرمين الشريفين: the holder of an office (resolve.py)
        role, _, state = (e.info or "@").partition("@")
        return Cand(h.start, h.end, "PERSON", None, "coreference", h.i, h.j, kind, info={"office": (role, state)})
    if kind == "surname":
        return Cand(
            h.start, h.end, "PERSON", None, "coreference", h.i, h.j, kind,
            info={"candidates": [x.id for x in h.entries if x.kind == "surname"], "key": h.key},
        )
    return None


_CUES: dict[str, set[str]] | None = None


def _cues() -> dict[str, set[str]]:
    global _CUES
    if _CUES is None:
        from marsad.entities.gazetteer import _read

        out: dict[str, set[str]] = {"before": set(), "after": set(), "clitic": set(), "honorific": set()}
        for r in _read("cues.tsv"):
            out.setdefault(r["kind"], set()).add(form_key(r["word"]) if r["kind"] != "clitic" else r["word"])
        _CUES = out
    return _CUES


def _is_place(gz: Gazetteer, ctx: DocContext, h: Hit, chosen: list[Hit]) -> bool:
    """A capital or seat of government is a place, not its state acting, when the context says so.

    Place: a locative or directional preposition or a place noun right before it (في، إلى،
    من، عبر، مدينة، العاصمة…), the proclitic ب (بباكو), عاصمة right after it, or it is
    coordinated (و) with a capital that is a place (إلى باكو وعشق آباد). Otherwise it stands
    for its state (قرار باكو، تهديد لباكو، ومضت طهران).
    """
    cues = _cues()
    toks = ctx.tokens
    tok = toks[h.i]
    prefix_len = h.start - tok.start
    prefix = tok.key[: _key_len(tok.text[:prefix_len])] if prefix_len else ""
    if prefix and prefix in cues["clitic"]:
        return True
    if h.i > 0:
        prev = toks[h.i - 1]
        if prev.key in cues["before"] and not _line_break(ctx.text, prev.end, tok.start):
            return True
        # a place noun and its state's demonym before it (في العاصمة القطرية الدوحة)
        demonym = next((o for o in chosen if o.j == h.i and o.best.kind == "demonym"), None)
        if demonym is not None and demonym.i > 0 and toks[demonym.i - 1].key in _PLACE_NOUNS:
            return True
    if h.j < len(toks) and toks[h.j].key in cues["after"]:
        return True
    if (
        not prefix
        and h.j < len(toks)
        and (toks[h.j].is_number or toks[h.j].text in _DATELINE_MARKS)
        and not ctx.text[ctx.text.rfind("\n", 0, h.start) + 1 : h.start].strip()
    ):
        return True  # a dateline: «القاهرة 25 شوال …», «الرياض – »
    if prefix == "و":
        # coordination with a preceding capital that is a place
        for other in reversed(chosen):
            if other.end <= h.start:
                if other.j == h.i and other.best.kind == "capital":
                    return _is_place(gz, ctx, other, chosen)
                break
    return False


_DATELINE_MARKS = frozenset(("-", "–", "—", ":", "(", "،", ","))
_PLACE_NOUNS = frozenset(form_key(w) for w in ("العاصمة", "عاصمة", "مدينة", "المدينة", "بالعاصمة", "للعاصمة"))


def _key_len(s: str) -> int:
    from marsad.text.normalize import fold

    return len(fold(s))


def _line_break(text: str, a: int, b: int) -> bool:
    return "\n" in text[a:b]


def _add_model(ctx: DocContext, gz: Gazetteer, cands: list[Cand]) -> list[Cand]:
    """Spans of the statistical tagger where no gazetteer or pattern mention overlaps."""
    try:
        tagger = importlib.import_module("marsad.entities.tagger")  # the statistical tagger
    except Exception:  # noqa: BLE001 - absent module or model: extraction goes on without it
        return cands
    try:
        if not tagger.available():
            return cands
        spans = tagger.tag(ctx.tokens)
    except Exception:  # noqa: BLE001
        return cands
    toks = ctx.tokens
    out = list(cands)
    for i, j, typ in spans:
        if not (0 <= i < j <= len(toks)):
            continue
        c = resolve.model_cand(ctx, gz, i, j, typ)
        if c is None:
            continue
        if any(c.overlaps(o) for o in out):
            continue
        out.append(c)
    return out


_WS = re.compile(r"\s+")


def roles_phrase(text: str) -> str:
    return _WS.sub(" ", text).strip()


__all__ += ["Role"]
