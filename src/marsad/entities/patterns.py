"""Cue patterns (how="pattern"): names introduced by titles, given names and head nouns.

* Title + optional state + optional time marker + name:
  ``وزير الخارجية الإسرائيلي إيلي كوهين``، ``نائب وزير الخارجية الأذربيجاني فريز رزاييف``،
  ``وزير الدفاع آنذاك بيني غانتس``، ``رئيس وزراء إسرائيل`` (construct + country), ``بنظيره X``.
  The title never enters the mention; it gives the person a role (resolve.py).
* Given name + surname: ``يوسف شاغال``.
* Quoted names after (or starting with) a head noun of org_heads.tsv: ``حزب "إسرائيل بيتنا"``،
  ``صحيفة "واشنطن بوست"``، ``طائرات من نوع "هيرمس 45"``؛ the span is the name inside the quotes.

Words of name_stop.tsv, punctuation, cue words and known entities end a name.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from marsad.entities.features import clause_verb
from marsad.entities.gazetteer import Gazetteer, Hit, _read, form_key
from marsad.model import DocContext
from marsad.text import folded_prefix_chars

if TYPE_CHECKING:
    from marsad.entities.extractor import Cand

__all__ = ["apply", "QUOTES"]

QUOTES = frozenset('"“”«»„‟″')
_CONNECT = frozenset({"بن", "بنت", "ابن", "ابو", "عبد", "ال", "ولد", "ام", "اب"})
_MAX_QUOTED = 8
_CLAUSE_END = frozenset(".!?؟:؛")
_MAX_NAME = 3


def apply(
    ctx: DocContext, gz: Gazetteer, hits: list[Hit], chosen: list[Hit], cands: list[Cand], cues: list[Hit]
) -> list[Cand]:
    from marsad.entities.extractor import Cand

    toks = ctx.tokens
    n = len(toks)
    by_start: dict[int, Cand] = {c.i: c for c in cands}
    covered = [False] * n
    for c in cands:
        for k in range(c.i, c.j):
            covered[k] = True
    cue_at: dict[int, Hit] = {h.i: h for h in cues if h.best.kind != "given"}
    for h in cues:
        if h.best.kind == "given":
            continue
        for k in range(h.i, h.j):
            covered[k] = True
    new: list[Cand] = []

    def name_tokens(k: int, allow_article_first: bool, min_len: int = 1, max_len: int = _MAX_NAME) -> int:
        """End (exclusive) of an unknown name starting at token k, or k when there is none."""
        m = k
        while m < n and m - k < max_len:
            t = toks[m]
            if not _word(t) or covered[m] or t.key in gz.stop or m in cue_at:
                break
            if m > k and _line(ctx.text, toks[m - 1].end, t.start):
                break
            if t.key.startswith("ال") and not allow_article_first:
                break
            if _common_word(t) or t.key.startswith(("بال", "لل", "وال", "فال", "كال")):
                break
            if m > k and t.key.startswith("و") and len(t.key) > 3 and t.key[1:] in gz.entries:
                break
            m += 1
        if m - k < min_len:
            return k
        return m

    def _title_name(k: int, info: dict) -> bool:
        """Attach ``info`` to the name starting at token k (known or unknown); False if none."""
        if k >= n or _line(ctx.text, toks[k - 1].end, toks[k].start):
            return False
        if k in by_start:
            c = by_start[k]
            if c.type == "PERSON":
                c.info.setdefault("titles", []).append(info)
                return True
            return False
        if covered[k]:
            return False
        key = toks[k].key
        if clause_verb(key) or (key.endswith("ا") and clause_verb(key[:-1])):
            return False  # رئيس جمهورية مصر العربية أكدا خلاله: a verb (here dual) begins no name
        m = name_tokens(k, allow_article_first=False)
        if m == k:
            return False
        # an unknown name after a title must end where the clause does (punctuation, line end,
        # a function word or another cue): "سلط بالفعل الضوء" is no name
        ok = (
            m >= n
            or not _word(toks[m])
            or toks[m].key in gz.stop
            or m in cue_at
            or _line(ctx.text, toks[m - 1].end, toks[m].start)
        )
        if not ok:
            return False
        c = Cand(toks[k].start, toks[m - 1].end, "PERSON", None, "pattern", k, m, "title-name")
        c.info["titles"] = [info]
        new.append(c)
        for x in range(k, m):
            covered[x] = True
        by_start[k] = c
        return True

    # --- ministries: وزارة الخارجية + optional demonym ----------------------------------
    for c in list(cands):
        if c.kind != "ministry":
            continue
        d = by_start.get(c.j)
        if d is not None and d.kind == "demonym" and not _line(ctx.text, c.end, d.start):
            c.end, c.j = d.end, d.j
            c.info["state"] = d.entity
            cands.remove(d)
            del by_start[d.i]

    # --- a ministry named by its portfolio and state alone: (قالت) الخارجية المصرية -------------
    for d in [c for c in cands if c.kind == "demonym" and c.i >= 1]:
        k = d.i - 1
        if covered[k] or k in cue_at or _line(ctx.text, toks[k].end, d.start):
            continue
        prefix, stem = _short_ministry(toks[k].key)
        if stem is None:
            continue
        entry = next((e for e in gz.entries.get("وزاره " + stem, ()) if e.kind == "ministry"), None)
        if entry is None or not (prefix or _opens_phrase(toks, k)):
            continue  # السياسة الخارجية الأمريكية: an adjective of another noun, no ministry
        name_en, _, minister = (entry.info or "|").partition("|")
        start = toks[k].start + folded_prefix_chars(toks[k].text, len(prefix))
        c = Cand(start, d.end, "ORG", None, "pattern", k, d.j, "ministry",
                 info={"name_en": name_en, "minister": minister, "state": d.entity})
        cands.remove(d)
        by_start.pop(d.i, None)
        new.append(c)
        for x in range(k, d.j):
            covered[x] = True
        by_start[k] = c

    # --- titles -------------------------------------------------------------------------
    for h in cues:
        kind = h.best.kind
        if kind not in ("title", "construct", "counterpart"):
            continue
        role = h.best.info
        k = h.j
        state: str | None = None
        current: bool | None = None
        # optional state (demonym after a title, country name after a construct form)
        if k < n and k in by_start:
            c = by_start[k]
            if c.type == "COUNTRY" and (
                (kind in ("title", "counterpart") and c.kind == "demonym")
                or (kind == "construct" and c.kind in ("country", "official", "capital", "epithet"))
            ):
                state = c.entity
                k = c.j
        elif kind == "construct":
            continue  # رئيس + anything but a state is not a title here
        if k < n and k in cue_at and cue_at[k].best.kind in ("past", "current"):
            current = cue_at[k].best.kind == "current"
            k = cue_at[k].j
        title_end = toks[k - 1].end
        info = {
            "role": None if kind == "counterpart" else role,
            "state": state,
            "current": current,
            "counterpart": kind == "counterpart",
            "title_span": (h.start, title_end),
        }
        if k < n and toks[k].text in ",،":
            k += 1
        if not _title_name(k, info) and kind == "title":
            # apposition: «"إسحاق رابين" رئيس الوزراء الأسبق» — a name right before the title
            b = h.i - 1
            while b >= 0 and (toks[b].text in QUOTES or toks[b].text in ",،"):
                b -= 1
            if b >= 0 and not _line(ctx.text, toks[b].end, h.start):
                prev = next((c for c in cands + new if c.j - 1 == b and c.type == "PERSON"), None)
                if prev is not None:
                    prev.info.setdefault("titles", []).append({**info, "apposition": True})

    # --- given names --------------------------------------------------------------------
    for h in cues:
        if h.best.kind != "given" or any(covered[x] for x in range(h.i, h.j)):
            continue
        m0 = name_tokens(h.j, allow_article_first=True, max_len=3)
        # given name + one word, then more words only as a family name (ال…) or after a
        # connector (بن، أبو، عبد، آل): محمد عبدالرحيم العاصمي، خالد بن عبدالله — not "لاعب"
        m = h.j
        while m < m0:
            if m > h.j and not (
                (toks[m].key.startswith("ال") and not toks[m - 1].key.startswith("ال"))
                or toks[m - 1].key in _CONNECT
                or toks[m].key in _CONNECT
            ):
                break
            m += 1
        while m > h.j and toks[m - 1].key in _CONNECT:
            m -= 1
        if m == h.j:
            continue
        c = Cand(h.start, toks[m - 1].end, "PERSON", None, "pattern", h.i, m, "given-name")
        new.append(c)
        for x in range(h.i, m):
            covered[x] = True

    # --- quoted names after head nouns ---------------------------------------------------
    all_cands = cands + new
    q = 0
    while q < n:
        t = toks[q]
        if t.text not in QUOTES:
            q += 1
            continue
        r = q + 1
        while r < n and toks[r].text not in QUOTES and not _line(ctx.text, toks[r - 1].end, toks[r].start):
            r += 1
        if r >= n or toks[r].text not in QUOTES:
            q = r  # no closing quote on the line
            continue
        if r == q + 1 or sum(1 for x in range(q + 1, r) if _word(toks[x]) or toks[x].is_number) > _MAX_QUOTED:
            q = r + 1  # a long quotation: its closing quote opens nothing
            continue
        if (
            not (_word(toks[q + 1]) or toks[q + 1].is_number)
            or any(toks[x].text in _CLAUSE_END and not _initial_dot(toks, x) for x in range(q + 1, r))
            or any(toks[x].key in gz.stop and toks[x + 1].text != "." for x in range(q + 1, r))
            or any(clause_verb(toks[x].key) for x in range(q + 1, r))
        ):
            q = r + 1  # a quoted clause (a verb, a sentence end), not a name
            continue
        head_type = None
        if q > 0 and (q - 1) in {h.j - 1 for h in cues if h.best.kind == "orghead"}:
            head_type = next(h.best.info for h in cues if h.best.kind == "orghead" and h.j - 1 == q - 1)
        first = toks[q + 1]
        inner_head = next((h for h in cues if h.i == q + 1 and h.best.kind == "orghead"), None)
        if head_type is None and inner_head is not None and inner_head.j < r:
            head_type = inner_head.best.info
        if head_type is None:
            q = r + 1
            continue
        s, e = first.start, toks[r - 1].end
        inside = [c for c in all_cands if c.start >= s and c.end <= e]
        whole = [c for c in inside if c.start == s and c.end == e]
        if whole or any(c.overlaps_span(s, e) and not (c.start >= s and c.end <= e) for c in all_cands):
            q = r + 1
            continue
        key = " ".join(x.key for x in toks[q + 1 : r])
        known = [x for x in gz.lookup(key) if x.type == head_type]
        c = Cand(
            s, e, head_type, known[0].id if known else None, "pattern" if not known else "gazetteer",
            q + 1, r, "quoted",
        )
        for x in inside:
            all_cands.remove(x)
            if x in cands:
                cands.remove(x)
            if x in new:
                new.remove(x)
        new.append(c)
        all_cands.append(c)
        q = r + 1
    return cands + new


def _initial_dot(toks, x: int) -> bool:
    """A full stop after an initial or a short abbreviation (آي. دي. إي.), not a sentence end."""
    return toks[x].text == "." and x > 0 and len(toks[x - 1].key) <= 2


_SHORT_MINISTRIES = ("الخارجيه", "الداخليه")


@lru_cache(maxsize=1)
def _opening_words() -> frozenset[str]:
    """Words after which a noun phrase of its own starts (cues.tsv kind "opens")."""
    return frozenset(form_key(r["word"]) for r in _read("cues.tsv") if r["kind"] == "opens")


def _short_ministry(key: str) -> tuple[str, str | None]:
    """(proclitic, portfolio) of الخارجية / الداخلية with its proclitics (بالخارجية، وللداخلية)."""
    for pre in ("", "و", "ف", "ب", "وب", "ل", "ول", "فب"):
        for stem in _SHORT_MINISTRIES:
            if key == pre + stem or (pre.endswith("ل") and key == pre + "ل" + stem[2:]):
                return (pre if key == pre + stem else pre + "ل"), stem
    return "", None


def _opens_phrase(toks, k: int) -> bool:
    """Is token k where a noun phrase of its own starts: after punctuation, a verb, a preposition
    or another word of cues.tsv "opens" (المتحدث باسم الخارجية المصرية)?"""
    if k == 0:
        return True
    prev = toks[k - 1]
    return not _word(prev) or prev.key in _opening_words() or clause_verb(prev.key)


def _word(t) -> bool:
    """An Arabic word (not punctuation such as the Arabic comma)."""
    return bool(t.key) and "\u0621" <= t.key[0] <= "\u064a"


def _common_word(t) -> bool:
    """Shapes of ordinary Arabic words that names found after a title do not take: a
    conjunction و on a long word (ومسؤولين), tanwin (ووزيراً), a final taa marbuta."""
    if "\u064b" in t.text or "\u064c" in t.text or "\u064d" in t.text:
        return True
    if t.key.startswith("و") and len(t.key) >= 5:
        return True
    return t.text.endswith("ة")


def _line(text: str, a: int, b: int) -> bool:
    return "\n" in text[a:b]
