"""Resolution: within a document (coreference, roles, Entity records) and across documents.

Within a document
  * a pattern name that is a known full name (exactly or by its loose phonetic key) becomes
    that gazetteer person;
  * a surname (gazetteer surname, or the last word of a name found earlier in the document)
    refers to the person of that surname named in the document — the nearest full name before
    it, else the first after it; without one, a title before it picks the person holding that
    office (الرئيس علييف → Ilham Aliyev, not his father), else a surname marked "alone" in the
    gazetteer (نتنياهو) stands for its person; otherwise it is dropped (a bare كوهين names no one);
  * a one-word name after a title whose phonetic key equals the surname key of a person
    of the document refers to that person (كهين → كوهين); how="coreference";
  * roles come from the title before a name (or right after it, in apposition) with the
    state of the demonym or construct (وزير الخارجية الإسرائيلي → foreign minister of ISR), or,
    for a bare title, the state of the matching office in the gazetteer; نظيره X gives X the
    office of the person he meets, in X's own state; آنذاك/السابق/الأسبق make current=False,
    الحالي current=True, otherwise current stays None (unknown).

Across documents (:func:`merge_across`)
  ids already agree for everything the gazetteer knows (all spellings and aliases map to one
  id); names the gazetteer does not know are merged when their full names have the same
  loose phonetic key (ج/غ/ق → g, long vowels و/ي/ا dropped, ة/ه, ى/ي…) and the same type,
  and never on a surname alone, so إلهام علييف and حيدر علييف stay apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from typing import TYPE_CHECKING

from marsad.entities.features import clause_verb
from marsad.entities.gazetteer import Gazetteer, form_key
from marsad.entities.romanize import org_by_key, romanize, transliterate
from marsad.model import ENTITY_ID_PREFIX, DocContext, Entity, Mention, Role
from marsad.text.normalize import fold, folded_prefix_chars
from marsad.text.tokenize import clitic_splits

if TYPE_CHECKING:
    from marsad.entities.extractor import Cand

__all__ = ["within_document", "merge_across", "phonetic_key", "merge_key", "transliterate", "slug", "model_cand"]

# ---------------------------------------------------------------------------------------
# Keys and transliteration

_PHON = {
    "ج": "g", "غ": "g", "ق": "g", "گ": "g", "ك": "k",
    "ت": "t", "ط": "t", "ث": "s", "س": "s", "ص": "s",
    "د": "d", "ض": "d", "ذ": "z", "ز": "z", "ظ": "z",
    "ه": "h", "ح": "h", "ة": "h", "خ": "x", "ش": "c",
    "ف": "f", "ب": "b", "پ": "b", "ل": "l", "م": "m", "ن": "n", "ر": "r",
}
_VOWELS = set("اأإآىوي ؤئءع")
_CONNECT = frozenset({"بن", "بنت", "ابن", "ابو", "عبد", "ال", "ولد", "ام", "اب", "آل"})


def phonetic_key(name: str) -> str:
    """A loose key for spelling variants of one name: ``بن جوريون`` and ``بن غوريون`` agree."""
    words = []
    for w in fold(name).split():
        if not w:
            continue
        out = []
        first = w[0]
        if first in "اأإآعء":
            out.append("a")
        elif first == "و":
            out.append("w")
        elif first == "ي":
            out.append("y")
        for ch in w if not out else w[1:]:
            if ch in _VOWELS:
                continue
            c = _PHON.get(ch, ch if ch.isascii() else "")
            if c and (not out or out[-1] != c):
                out.append(c)
        words.append("".join(out))
    return " ".join(x for x in words if x)


def merge_key(name: str) -> str:
    """The key full names must share to merge across documents: like :func:`phonetic_key`
    (ج/غ/ق → g, ث/س/ص → s…) but long vowels stay as ``v`` and ع as ``e``, hamza seats are
    dropped: جورباتشوف = غورباتشوف, بن جوريون = بن غوريون, but السالم ≠ السويلم, الشرق ≠ الشروق."""
    words = []
    for w in fold(name).split():
        out: list[str] = []
        for n, ch in enumerate(w):
            if ch in "اوي" or ch == "ى":
                c = "a" if n == 0 and ch == "ا" else ("w" if n == 0 and ch == "و" else ("y" if n == 0 else "v"))
            elif ch == "ع":
                c = "e"
            elif ch in "ءؤئأإآ":
                continue
            else:
                c = _PHON.get(ch, ch if ch.isascii() else "")
            if c and (c == "v" or not out or out[-1] != c):
                out.append(c)
        if out:
            words.append("".join(out))
    return " ".join(words)


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s or "x"


# ---------------------------------------------------------------------------------------
# Within a document


@lru_cache(maxsize=1)
def _phonetic_persons() -> dict[str, str]:
    from marsad.entities.gazetteer import load

    gz = load()
    out: dict[str, str] = {}
    for key, pid in gz.person_keys.items():
        out.setdefault(merge_key(key), pid)
    return out


def within_document(ctx: DocContext, gz: Gazetteer, cands: list[Cand]) -> tuple[list[Mention], list[Entity]]:
    from marsad.entities.extractor import Cand, _cues

    text = ctx.text
    toks = ctx.tokens
    persons_full = [c for c in cands if c.type == "PERSON" and c.kind == "person"]

    # 1. pattern names: known full names, else new people
    for c in cands:
        if c.type != "PERSON" or c.entity is not None or c.kind == "surname":
            continue
        surface = text[c.start : c.end]
        key = form_key(surface)
        pid = gz.person_keys.get(key) or (_phonetic_persons().get(merge_key(surface)) if c.j - c.i >= 2 else None)
        if pid:
            c.entity = pid
            persons_full.append(c)
    # local surname index: last word of every multi-word person name of the document
    local_sur: dict[str, str] = {}
    local_sur_ph: dict[str, str] = {}
    for c in cands:
        if c.type == "PERSON" and c.j - c.i >= 2 and c.kind not in ("surname", "holder"):
            last = toks[c.j - 1].key
            ent = c.entity or ("person:" + slug(transliterate(_clean(text[c.start : c.end]))))
            c.entity = ent
            # a last word that is a given name or follows بن/أبو/عبد is a patronymic, not a surname
            if (
                (ent not in gz.persons or not gz.persons[ent].surnames)
                and last not in gz.given
                and last not in _NOT_SURNAMES
                and toks[c.j - 2].key not in _CONNECT
                and len(last) >= 3
            ):
                local_sur.setdefault(last, ent)
                local_sur_ph.setdefault(phonetic_key(last), ent)
            for s in gz.persons[ent].surnames if ent in gz.persons else ():
                local_sur.setdefault(s, ent)
                local_sur_ph.setdefault(phonetic_key(s), ent)

    # 1b. office holders named by their office (خادم الحرمين الشريفين → the Saudi king)
    for c in cands:
        if c.kind == "holder":
            before = toks[c.i - 1].key if c.i > 0 else ""
            if any(stem in _DEPUTY for _p, stem in clitic_splits(before)):
                continue  # نائب خادم الحرمين الشريفين: the deputy, someone else (dropped below)
            c.entity = _office_holder(gz, c.info["office"], persons_full, ctx.published)
            named = next((o for o in persons_full if c.j <= o.i <= c.j + 1 or c.i - 1 <= o.j <= c.i), None)
            if named is not None and named.entity == c.entity:
                # خادم الحرمين الشريفين الملك سلمان، الأمير محمد بن سلمان ولي ولي العهد: a title next to
                # the holder's own name, not a second mention (dropped below)
                c.entity = None

    # 2. surnames from the gazetteer
    for c in cands:
        if c.kind != "surname":
            continue
        cand_ids: list[str] = c.info.get("candidates", [])
        c.entity = _pick_surname(gz, c, cand_ids, persons_full)
        if c.entity is None and c.info.get("titles"):
            c.entity = local_sur.get(c.info.get("key", "")) or local_sur_ph.get(phonetic_key(c.info.get("key", "")))
    # 3. one-word names (after a title, or from the tagger): a surname of someone in the
    #    document, also behind a proclitic (كيري ووانغ → وانغ); after a title also the first
    #    name of someone named in full in the document (أمير قطر الشيخ تميم → تميم بن حمد)
    honorifics = _cues()["honorific"] | set(gz.titles)
    first_names: dict[str, set[str]] = defaultdict(set)
    for c in cands:
        if c.type == "PERSON" and c.entity and c.j - c.i >= 2 and c.kind != "surname":
            first_names[toks[c.i].key].add(c.entity)
    for c in cands:
        if c.type == "PERSON" and c.entity is None and c.j - c.i == 1:
            t = toks[c.i]
            for prefix, k in clitic_splits(t.key):
                ent = local_sur.get(k) or (local_sur_ph.get(phonetic_key(k)) if not prefix else None)
                titled = c.info.get("titles") or (c.i > 0 and toks[c.i - 1].key in honorifics)
                if ent is None and titled and not prefix and len(first_names.get(k, ())) == 1:
                    ent = next(iter(first_names[k]))
                if ent:
                    c.entity = ent
                    c.how = "coreference"
                    c.start = max(c.start, t.start + folded_prefix_chars(t.text, len(prefix)))
                    break
    # 4. later bare surnames of people named in the document (شاغال after يوسف شاغال)
    taken = sorted((c.start, c.end) for c in cands)
    extra: list[Cand] = []
    if local_sur:
        first_seen: dict[str, int] = {}
        for c in cands:
            if c.entity and c.type == "PERSON":
                first_seen.setdefault(c.entity, c.start)
        for n, t in enumerate(toks):
            if not t.is_arabic:
                continue
            for prefix, stem in clitic_splits(t.key):
                ent = local_sur.get(stem)
                if ent is None:
                    continue
                if first_seen.get(ent, 10**9) > t.start:
                    break
                start = t.start + folded_prefix_chars(t.text, len(prefix))
                if any(s < t.end and start < e for s, e in taken):
                    break
                extra.append(Cand(start, t.end, "PERSON", ent, "coreference", n, n + 1, "surname"))
                taken.append((start, t.end))
                break
    cands = sorted([c for c in cands if c.entity is not None or c.type != "PERSON" or c.how == "model"] + extra, key=lambda c: c.start)

    # 5. remaining unresolved names: new ids
    for c in cands:
        if c.entity is None and c.kind != "ministry":
            surface = _clean(text[c.start : c.end])
            key = form_key(surface)
            known = [e for e in gz.lookup(key) if e.type == c.type and e.id]
            org = org_by_key(key, gz.heads.keys()) if c.type == "ORG" and not known else None
            if known:
                c.entity = known[0].id
            elif org is not None:  # an organisation the curated name list knows: its English name
                c.entity = "org:" + slug(org[0])
                c.info["entity_name_en"] = org[0]
                c.info["country"] = org[1]
            else:
                c.entity = ENTITY_ID_PREFIX.get(c.type, "location") + ":" + slug(transliterate(surface))
        if c.how == "gazetteer" and c.kind == "surname":
            c.how = "coreference"

    # 6. roles
    roles: dict[str, list[Role]] = defaultdict(list)
    persons_seen: list[Cand] = []
    for c in cands:
        if c.type != "PERSON":
            continue
        sent = ctx.sentence_at(c.start)
        s_start = sent.start if sent else 0
        for info in c.info.get("titles", []):
            role = info["role"]
            state = info["state"]
            if info["counterpart"]:
                # the office of the person met (the nearest person before, in the sentence)
                other = next(
                    (p for p in reversed(persons_seen) if p.start >= s_start and roles.get(p.entity or "")), None
                )
                if other is None:
                    continue
                role = roles[other.entity][0].role
                own = roles[other.entity][0].of
                state = state or _person_state(gz, c.entity, role) or _other_state(ctx, cands, c, own)
            elif state is None:
                state = _person_state(gz, c.entity, role)
                if role == "emir" and state is None:
                    role = "prince"  # الأمير محمد بن سلمان: a prince, not a ruling emir
            if info.get("apposition") and not _may_hold(gz, c.entity, role, state):
                continue  # التقى X وزير الخارجية اليمني: the office after a known person is another's
            if not info.get("apposition") and not _may_serve(gz, c.entity, state):
                continue  # «الرئيس المصري الملك سلمان» in a list of tags: not an office of his state
            r = Role(role, state, info["current"], info["title_span"][0], info["title_span"][1])
            if not any(_same_role(r, o) for o in roles[c.entity]):
                roles[c.entity].append(r)
        persons_seen.append(c)

    # 6b. ministries: the state of the demonym, else of the latest holder of the office
    for c in cands:
        if c.kind != "ministry":
            continue
        state = c.info.get("state")
        if state is None:
            best = None
            for rs in roles.values():
                for r in rs:
                    if (
                        r.role == c.info.get("minister")
                        and r.of
                        and r.start is not None
                        and r.start < c.start
                        and (best is None or r.start > best[0])
                    ):
                        best = (r.start, r.of)
            state = best[1] if best else None
        name_en = c.info.get("name_en") or "Ministry"
        if state and state.startswith("country:"):
            iso3 = state.split(":", 1)[1]
            country_en = gz.country_iso3.get(iso3, iso3)
            c.entity = "org:" + slug(country_en) + "-" + slug(name_en)
            c.info["entity_name_en"] = f"{name_en} of {country_en}"
            c.info["country"] = iso3
        else:
            c.entity = "org:" + slug(name_en)
            c.info["entity_name_en"] = name_en

    # 7. mentions and entities
    mentions: list[Mention] = []
    ents: dict[str, Entity] = {}
    for c in cands:
        if ctx.in_boilerplate(c.start, c.end):
            continue
        surface = text[c.start : c.end]
        mentions.append(Mention(c.start, c.end, surface, c.type, c.entity, c.how, c.metonym))  # type: ignore[arg-type]
        e = ents.get(c.entity)
        if e is None:
            e = ents[c.entity] = _new_entity(gz, c, surface)
        if surface not in e.aliases:
            e.aliases.append(surface)
        if c.kind not in ("surname",) and c.type == "PERSON" and e.name_en_transliterated and len(surface) > len(e.name_ar):
            e.name_ar = _clean(surface)
            e.name_en = romanize(e.name_ar)
    for eid, rs in roles.items():
        if eid in ents:
            ents[eid].roles.extend(rs)
            if ents[eid].country is None:
                st = next((r.of for r in rs if r.of and r.of.startswith("country:")), None)
                ents[eid].country = st.split(":", 1)[1] if st else None
    # a person described by a demonym right before the name (الخبير النفطي الكويتي حجاج بوخضور)
    by_end = {c.j: c for c in cands if c.type == "COUNTRY" and c.kind == "demonym" and c.entity}
    for c in cands:
        e = ents.get(c.entity or "")
        if c.type == "PERSON" and e is not None and e.country is None and c.i in by_end:
            e.country = by_end[c.i].entity.split(":", 1)[1]  # type: ignore[union-attr]
    return mentions, list(ents.values())


def _clean(s: str) -> str:
    return " ".join(s.split())


def _same_role(a: Role, b: Role) -> bool:
    return a.role == b.role and a.of == b.of and a.current == b.current


def _pick_surname(gz: Gazetteer, c: Cand, cand_ids: list[str], full: list[Cand]) -> str | None:
    named = [f for f in full if f.entity in cand_ids]
    if named:
        before = [f for f in named if f.start < c.start]
        return (before[-1] if before else named[0]).entity
    titles = c.info.get("titles") or []
    if titles:
        best = None
        for info in titles:
            for pid in cand_ids:
                p = gz.persons.get(pid)
                if p is None:
                    continue
                for role, of, _a, b in p.offices:
                    if role != info["role"]:
                        continue
                    if info["state"] and info["state"] != of:
                        continue
                    score = 2 if (b is None) != (info["current"] is False) else 1
                    if best is None or score > best[0]:
                        best = (score, pid)
        if best:
            return best[1]
    if len(cand_ids) == 1 and gz.persons[cand_ids[0]].alone:
        return cand_ids[0]
    return None


# last words of names that are no surnames: ordinals of monarchs, the elder/younger Bush
_NOT_SURNAMES = frozenset(fold(w) for w in ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "الأب", "الابن"))
_DEPUTY = frozenset({fold("نائب")})  # نائب خادم الحرمين: the deputy's own title


def _office_holder(gz: Gazetteer, office: tuple[str, str], named: list[Cand], published: str | None) -> str | None:
    """The person of persons.tsv who holds ``office`` (role, ISO3): the one the document names,
    else the one in office in the publication year, else the present holder."""
    role, iso3 = office
    key = (role, "country:" + iso3)
    holders = gz.holders.get(key, [])
    in_doc = {c.entity for c in named if c.entity in holders}
    if len(in_doc) == 1:
        return next(iter(in_doc))
    if published:
        now = [pid for pid in holders if key in {(r, of) for r, of, _a, _b in gz.persons[pid].offices_at(published) or ()}]
        return now[0] if len(now) == 1 else None
    current = [pid for pid in holders if any((r, of) == key and b is None for r, of, _a, b in gz.persons[pid].offices)]
    return current[0] if len(current) == 1 else None


def _may_hold(gz: Gazetteer, pid: str | None, role: str | None, state: str | None) -> bool:
    """Can a title after a name be that person's: an unknown person, a person of persons.tsv
    without offices, or one who held that office (in that state, when it is given)?"""
    p = gz.persons.get(pid or "")
    if p is None or not p.offices:
        return True
    return any(r == role and (state is None or of == state) for r, of, _a, _b in p.offices)


def _may_serve(gz: Gazetteer, pid: str | None, state: str | None) -> bool:
    """Can a title of ``state`` before a name be that person's: unknown state or person, or a
    known person of that state or who held an office of it?"""
    p = gz.persons.get(pid or "")
    if p is None or state is None or (p.country is None and not p.offices):
        return True
    iso = state.split(":", 1)[1] if state.startswith("country:") else state
    return p.country == iso or any(of in (state, iso) for _r, of, _a, _b in p.offices)


def _person_state(gz: Gazetteer, pid: str | None, role: str | None) -> str | None:
    p = gz.persons.get(pid or "")
    if p is None:
        return None
    for r, of, _a, _b in p.offices:
        if r == role:
            return of
    return None


def _other_state(ctx: DocContext, cands: list[Cand], c: Cand, own: str | None) -> str | None:
    sent = ctx.sentence_at(c.start)
    if sent is None:
        return None
    for o in cands:
        if o.type == "COUNTRY" and sent.start <= o.start < sent.end and o.entity != own:
            return o.entity
    return None


def _new_entity(gz: Gazetteer, c: Cand, surface: str) -> Entity:
    info = gz.entities.get(c.entity or "")
    if info is not None:
        return Entity(info.id, info.type, info.name_ar, info.name_en, False, [], info.country)
    name = _clean(surface)
    if c.info.get("entity_name_en"):
        return Entity(c.entity or "", c.type, name, c.info["entity_name_en"], False, [], c.info.get("country"))
    name_en = romanize(name) if c.type == "PERSON" else transliterate(name)
    return Entity(c.entity or "", c.type, name, name_en, True, [], None)


def model_cand(ctx: DocContext, gz: Gazetteer, i: int, j: int, typ: str) -> Cand | None:
    """A statistical-tagger span as a candidate: proclitics trimmed, known names resolved.

    The tagger's spans cover whole tokens, proclitics included. A proclitic is cut when the
    rest is a word the gazetteer knows (name, title, head noun, given name) or when it is a
    conjunction or preposition before the article (والهيئة → الهيئة, للعراق → عراق); an
    unknown word keeps its first letter (وزارة stays whole). Punctuation at the edges is
    dropped, spans of cue words alone (حزب) are no mentions, and COUNTRY is the gazetteer's
    decision: a state it does not know is a LOCATION.
    """
    from marsad.entities.extractor import Cand

    toks = ctx.tokens
    typ = {"GPE": "LOCATION", "LOC": "LOCATION", "PER": "PERSON", "FAC": "FACILITY"}.get(typ, typ)
    if typ not in ENTITY_ID_PREFIX:
        return None
    while i < j and not _letter(toks[i].key):
        i += 1
    while j > i and not _letter(toks[j - 1].key):
        j -= 1
    if typ == "PERSON":
        # a verb or a title the tagger took in front of a name (التقى السفير بدر عبدالعاطي)
        while j - i > 1 and (clause_verb(toks[i].key) or any(k in gz.titles for _p, k in clitic_splits(toks[i].key))):
            i += 1
    if i >= j:
        return None
    if all(gz.lookup(t.key) and not any(e.id for e in gz.lookup(t.key)) for t in toks[i:j]):
        return None  # only cue words (titles, head nouns)
    first = toks[i]
    rest = " ".join(t.key for t in toks[i + 1 : j])
    start = first.start
    key = None
    for prefix, stem in clitic_splits(first.key):
        k = (stem + " " + rest).strip()
        if prefix == "ال" and not any(e.id for e in gz.lookup(k)):
            continue  # the article stays on a name that begins with a head noun (البنك التجاري)
        known = gz.lookup(k) or (gz.lookup("ال" + k) if prefix.endswith("لل") else ())
        if known or k in gz.person_keys or (prefix and gz.lookup(stem)):
            key = k if not (prefix.endswith("لل") and not gz.lookup(k)) else "ال" + k
            start = first.start + folded_prefix_chars(first.text, len(prefix))
            break
    if key is None:
        for p in ("وبال", "وال", "بال", "ولل", "لل"):
            if first.key.startswith(p) and len(first.key) - len(p) >= 3 and first.is_arabic:
                cut = len(p) - 2 if p.endswith("ال") else len(p)
                start = first.start + folded_prefix_chars(first.text, cut)
                break
        key = " ".join([fold(ctx.text[start : first.end])] + ([rest] if rest else []))
    known_e = [e for e in gz.lookup(key) if e.id]
    c = Cand(start, toks[j - 1].end, typ, None, "model", i, j, "model")
    if known_e:
        e = known_e[0]
        c.entity = e.id
        c.type = e.type or typ
        if e.kind in ("demonym", "epithet", "capital"):
            c.type = "COUNTRY" if e.kind != "capital" else c.type
            c.metonym = e.kind != "capital"
            if e.kind == "capital" and c.type == "COUNTRY":
                c.entity = "country:" + (e.info or "")
                c.metonym = True
            elif e.kind == "capital":
                c.type = "LOCATION"
        if e.kind == "surname":
            c.kind = "surname"
            c.info = {"candidates": [x.id for x in known_e if x.kind == "surname"], "key": key}
            c.entity = None
            c.how = "coreference"
    elif key in gz.person_keys:
        c.entity = gz.person_keys[key]
        c.type = "PERSON"
    else:
        if typ == "COUNTRY":
            c.type = "LOCATION"
        # a name that begins with a head noun is of the head's type (بورصة قطر، البنك التجاري
        # الدولي: ORG; قاعدة إنجرليك الجوية: FACILITY; اتفاقية هلسنكي: EVENT_NAME)
        head = key.split(" ", 1)[0]
        head_type = gz.heads.get(head) or (gz.heads.get(head[2:]) if head.startswith("ال") else None)
        if j - i >= 2 and head_type in ("ORG", "FACILITY", "EVENT_NAME"):
            c.type = head_type
    return c


def _letter(key: str) -> bool:
    return bool(key) and (key[0].isalpha())


# ---------------------------------------------------------------------------------------
# Across documents


def merge_across(entities: list[Entity]) -> dict[str, str]:
    """Map ids of the same real entity to one canonical id (see the module docstring)."""
    from marsad.entities.gazetteer import load

    gz = load()
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    names: dict[str, set[str]] = defaultdict(set)
    for e in entities:
        names[e.id].add(e.name_ar)
        names[e.id].update(a for a in e.aliases if e.type != "PERSON" or len(a.split()) >= 2)
    for e in entities:
        if "-ministry-of-" in e.id or e.id.startswith("org:ministry-of-"):
            continue  # ministry ids already name their state; their Arabic names do not
        for n in names[e.id]:
            if e.type == "PERSON" and len(n.split()) < 2:
                continue  # never merge on a surname alone
            k = merge_key(n)
            if len(n.split()) < 2 and len(k) < 5:
                continue  # short one-word names: too many different places share a skeleton
            if k:
                groups[(e.type, k)].add(e.id)
    # union-find over ids sharing a key
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    def rank(x: str) -> tuple[int, str]:
        return (0 if x in gz.entities else 1, x)

    for (typ, key), ids in groups.items():
        known = _phonetic_persons().get(key) if typ == "PERSON" else None  # merge_key index
        members = sorted(ids | ({known} if known else set()), key=rank)
        gaz_ids = [m for m in members if m in gz.entities]
        if len(gaz_ids) > 1:
            # two gazetteer entities never merge with each other; attach unknowns to the first
            members = [gaz_ids[0]] + [m for m in members if m not in gz.entities]
        root = members[0]
        for m in members[1:]:
            a, b = find(root), find(m)
            if a != b:
                lo, hi = sorted((a, b), key=rank)
                parent[hi] = lo
    out: dict[str, str] = {}
    for e in entities:
        r = find(e.id)
        if r != e.id:
            out[e.id] = r
    return out
