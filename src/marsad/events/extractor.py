"""Per-document event extraction: triggers, arguments, dates, status, numbers, CAMEO/PLOVER.

One pass over the document's tokens finds trigger words (``lexicon.py``; verbs and verbal
nouns by stem with their inflections and proclitics) whose requirements hold (a word class
near them: افتتح + سفارة → open_mission, تزود + أسلحة → arms_transfer; a state actor; a
complement event). Each trigger then takes its arguments from its sentence:

* actors are entity mentions standing for a state: countries (also capitals, epithets and
  demonyms marked as metonyms by the entity stage), people through their roles
  (``Entity.roles``) or ``Entity.country``, and organisations that are organs of their state
  (a ministry, an army, a service; not a news agency) — the person or organisation goes to
  ``participants``, its state to ``source``/``target``;
* every actor phrase has a *marker*: the preposition before it (إلى، مع، لدى، في، من، على، ضد،
  بين…) or the clitic ب/ل/ك on its first word, read through titles (بالرئيس الأذربيجاني إلهام
  علييف) and the nouns it qualifies (من الصناعات الدفاعية الإسرائيلية), ``direct`` (none), or
  coordination with the phrase before (و);
* the subject is found before the verb in its clause (SVO), from a pronoun subject (أنها تزود),
  through a relative pronoun (باكو، التي … تورد), after the verb (VSO), or for a verbal noun in
  the genitive after it (زيارة نتنياهو، الدعم الإسرائيلي), in a possessive pronoun, or as the
  subject of a light verb (قام … بزيارة); a noun after خلال/بعد/منذ… is an adjunct;
* the other party is the first actor after the trigger whose marker the lexicon row allows
  (``preps``), with the phrases coordinated to it, or a pronoun (البلاد، عليها); the frame maps
  subject/object to source/target (``agent``, ``recipient`` for buying/importing/hosting,
  ``symmetric``, ``mission`` where the owner of the embassy is the source and its place the
  target); words of the row's classes give roles (واردات باكو: the importer);
* "the two countries" (البلدين، الطرفين) stands for the pair named most in the last sentences; a
  one-sided event takes the single other state of its sentence that no other event uses; events
  need both sides except the types ``mapping.tsv`` marks ``one_sided``.

Dates come from the time expressions of the sentence (see :func:`_dates`): the nearest trigger
within ``_DATE_REACH`` words takes one, never across ؛ or :, nor a date closing the clause
before, nor one that dates a verb of saying; coordinated dates (عامي 1997 و2016) give one event
each; complements, nested objects and عندما/حيث clauses share dates; without one the
publication date is used only for a headline in the present tense with a known (not inferred)
publication date. Status/certainty/attribution come from :mod:`marsad.events.attribution`.
Quantities are linked to the event they measure (the goods their measured phrase names, else
the nearest event their unit can measure: ``measures.tsv``) and get its states.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field

from marsad.entities.features import clause_verb, plain_verb
from marsad.entities.gazetteer import load as load_gazetteer
from marsad.events.attribution import CLAUSE_PUNCT, QUOTES, CueMap, attribute_quantities
from marsad.events.lexicon import Lexicon, TriggerEntry, lexicon
from marsad.model import DocContext, Entity, Event, Mention, Quantity, Timex
from marsad.text import clitic_splits, fold

__all__ = ["extract"]

_STRONG_PUNCT = frozenset("؛;:")
_DATE_REACH = 12
_DEFAULT_PREPS = {
    "agent": frozenset({"direct", "ل", "الي", "مع", "لدي", "ب", "علي", "ضد"}),
    "recipient": frozenset({"من"}),
    "symmetric": frozenset({"direct", "مع", "ب", "بين"}),
    "mission": frozenset({"في", "لدي", "الي", "ب"}),
    "speaker": frozenset({"direct"}),
}
_INTENT_TYPES = frozenset({"express_intent"})
# Markers of states that never complete a one-sided event: places, adversaries, origins.
_NO_COMPLETION = frozenset({"في", "ضد", "من", "علي", "عن", "فوق", "داخل", "تحت", "خارج", "حول", "قرب"})
_STATE_TYPES = frozenset({"COUNTRY", "PERSON", "ORG"})
_PLACE_TYPES = frozenset({"LOCATION", "FACILITY"})
# Event types whose complement (the event noun right after them) is not an event itself.
_GOVERNING = frozenset({"express_intent", "threaten", "accuse"})


@dataclass
class _Actor:
    ti: int  # first token of the mention
    tj: int  # token after the mention
    np: int  # first token of its phrase (titles, clitic preposition)
    mention: Mention
    state: str | None  # country id it stands for
    place_of: str | None  # for places: the country they are in
    marker: str = "direct"
    coord: bool = False  # joined to the phrase before by و
    gen_of: int | None = None  # token of the noun this phrase is the genitive/adjective of
    titled: bool = False  # the phrase starts with a title (وزير الخارجية …)
    topic: int | None = None  # the matter noun a demonym qualifies (الاتفاق النووي الإيراني)

    @property
    def is_state(self) -> bool:
        return self.state is not None


@dataclass
class _Trigger:
    ti: int
    entry: TriggerEntry
    prefix: str
    is_verb: bool
    class_hits: list[int] = field(default_factory=list)
    has_pron: bool = False  # the trigger word carries a pronoun suffix


@dataclass
class _Draft:
    trig: _Trigger
    source: list[str]
    target: list[str]
    participants: list[str]
    location: list[str]
    variant: str = "default"
    date: str | None = None
    date_text: str | None = None
    date_ti: int | None = None
    governor: _Draft | None = None
    drop: bool = False
    more_dates: list[tuple[str, str, int]] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # tokens of the actors taken as arguments
    alleged: bool = False  # the content of an accusation
    people: bool = False  # the agent is a plural pronoun (زيارتهم): people, not a state
    obj_start: int = -1  # where the object was looked for: after the trigger or its subject after it
    etype: str | None = None  # the type when the words make it another than the trigger's


class _Doc:
    """Token-level indexes of one document for the argument rules."""

    def __init__(
        self,
        ctx: DocContext,
        mentions: list[Mention],
        entities: list[Entity],
        timexes: list[Timex],
        lex: Lexicon,
    ) -> None:
        self.ctx = ctx
        self.lex = lex
        self.tokens = ctx.tokens
        self.starts = [t.start for t in self.tokens]
        n = len(self.tokens)
        # Sentence of every token.
        self.sent_bounds: list[tuple[int, int]] = []
        self.sentences = ctx.sentences
        self.sent_of = [0] * n
        si = 0
        sents = ctx.sentences
        for ti, tok in enumerate(self.tokens):
            while si + 1 < len(sents) and tok.start >= sents[si].end:
                si += 1
            self.sent_of[ti] = si
        bounds: dict[int, list[int]] = {}
        for ti, s in enumerate(self.sent_of):
            b = bounds.setdefault(s, [ti, ti + 1])
            b[1] = ti + 1
        self.sent_bounds = [tuple(bounds.get(s, (0, 0))) for s in range(max(len(sents), 1))]  # type: ignore[misc]
        self.entities = {e.id: e for e in entities}
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.mention_at: dict[int, Mention] = {}
        self.in_mention: set[int] = set()
        for m in self.mentions:
            a, b = self.token_range(m.start, m.end)
            for k in range(a, b):
                self.mention_at.setdefault(k, m)
                self.in_mention.add(k)
        # tokens of a time expression: «الاثنين» there is Monday, not "the two"
        self.in_timex = {k for t in timexes for k in range(*self.token_range(t.start, t.end))}
        self.trigger_tokens = {
            ti
            for ti, t in enumerate(self.tokens)
            if lex.trigger_readings(t.key) and not lex.is_word("never", t.key)
        }
        self.actors = self._actors()
        self.actor_at: dict[int, _Actor] = {}
        for a in self.actors:
            for k in range(a.ti, a.tj):
                self.actor_at[k] = a
        self.timexes = sorted((t for t in timexes if t.kind != "duration"), key=lambda t: t.start)

    # -- indexes --

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        a = bisect.bisect_right(self.starts, start) - 1
        if a < 0 or self.tokens[a].end <= start:
            a += 1
        b = bisect.bisect_left(self.starts, end)
        return max(a, 0), max(b, a + 1)

    def key(self, ti: int) -> str:
        return self.tokens[ti].key

    def is_dual(self, ti: int) -> bool:
        """A word for "the two countries/sides" (البلدين، الاثنين), not inside a date."""
        return self.lex.is_word("dual", self.key(ti)) and ti not in self.in_timex

    def is_punct(self, ti: int) -> bool:
        return self.tokens[ti].text in CLAUSE_PUNCT

    # -- actors --

    def state_of(self, m: Mention) -> tuple[str | None, str | None]:
        """(state the mention acts for, country of a place)."""
        e = self.entities.get(m.entity)
        if m.type == "COUNTRY":
            return m.entity, None
        if m.type == "ORG" and not self._state_organ(m, e):
            return None, None  # a news agency or an institute speaks about states, it is no party
        if m.type in ("PERSON", "ORG"):
            return (self.acts_for(e) if e is not None else None), None
        if m.type in _PLACE_TYPES and e is not None and e.country:
            return None, "country:" + e.country
        return None, None

    def acts_for(self, e: Entity) -> str | None:
        """The state a person or organisation acts for: the state of a role, else its country
        (not for a person who serves an international organisation at the time)."""
        for r in e.roles:
            if r.of and r.of.startswith("country:"):
                return r.of
        if e.country and not (e.type == "PERSON" and _serves_organisation(e.id, self.ctx.published)):
            return "country:" + e.country
        return None

    def _state_organ(self, m: Mention, e: Entity | None) -> bool:
        """Does an organisation act for its state (a ministry, army, service, parliament, company)?"""
        names = [fold(m.text)] + ([fold(e.name_ar)] if e is not None and e.name_ar else [])
        organs = self.lex.particles.get("stateorg", frozenset())
        for name in names:
            words = name.split()
            if any(self.lex.is_word("stateorg", w) for w in words) or name in organs:
                return True
            if any(" ".join(words[i : i + 2]) in organs for i in range(len(words) - 1)):
                return True
        return False

    def _actors(self) -> list[_Actor]:
        out: list[_Actor] = []
        for m in self.mentions:
            if m.type not in _STATE_TYPES and m.type not in _PLACE_TYPES:
                continue
            state, place = self.state_of(m)
            if state is None and place is None:
                continue
            ti, tj = self.token_range(m.start, m.end)
            if out and out[-1].ti == ti:
                continue  # nested or duplicate mention on the same token
            a = _Actor(ti, tj, ti, m, state, place)
            self._mark(a)
            if _adjectival(m) and a.gen_of is not None and self.lex.is_word("nonstate", self.key(a.gen_of)):
                continue  # المنتخب السعودي، الصحف الإسرائيلية: a team or a newspaper, not the state
            if _adjectival(m):
                a.topic = next(
                    (
                        k
                        for k in range(ti - 1, max(0, ti - 3) - 1, -1)
                        if k not in self.in_mention and self.lex.is_word("topic", self.key(k)) and not self._is_title(k)
                    ),
                    None,
                )
            out.append(a)
        # Phrases joined by و right after a marked phrase share its marker (بين أذربيجان وإيران).
        for prev, a in zip(out, out[1:], strict=False):
            if a.coord and a.marker == "direct" and 0 <= a.np - prev.tj <= 1:
                a.marker = prev.marker
                a.gen_of = prev.gen_of
        return out

    def _prefix_marker(self, ti: int, char_start: int) -> tuple[str | None, bool]:
        """Marker from clitics written on token ``ti`` before ``char_start`` (or on the whole word)."""
        tok = self.tokens[ti]
        pre = fold(self.ctx.text[tok.start : char_start]) if char_start > tok.start else ""
        return _marker_of_prefix(pre)

    def _stop_word(self, ti: int) -> bool:
        """Tokens a noun phrase does not extend over: triggers, cues, relative pronouns, verbs we know."""
        key = self.key(ti)
        lex = self.lex
        return bool(
            ti in self.trigger_tokens
            or lex.cue_kinds(key)
            or lex.is_word("relpro", key)
            or lex.is_word("light", key)
            or self.is_dual(ti)
            or lex.is_word("stop", key)
            or lex.is_word("subjpron", key)
            or lex.classes_of(key) & {"assess"}
        )

    def _mark(self, a: _Actor) -> None:
        """The actor phrase's marker: its own clitic, else through titles and the nouns it qualifies
        (من الصناعات الدفاعية الإسرائيلية → من; على حدود أذربيجان → على) back to a preposition."""
        marker, coord = self._prefix_marker(a.ti, a.mention.start)
        np = a.ti
        s0 = self.sent_bounds[self.sent_of[a.ti]][0]
        adjective = _adjectival(a.mention)
        plain_steps = 0
        max_plain = 3 if adjective else 2
        titles = 0
        while marker is None and not coord and np - 1 >= s0:
            prev = np - 1
            key = self.key(prev)
            if self.is_punct(prev) or self.tokens[prev].text in QUOTES or self.tokens[prev].is_number:
                break
            if self._is_title_or_mention(prev):
                other = self.mention_at.get(prev)
                if other is not None and (plain_steps or self.state_of(other)[0] != a.state):
                    break  # another actor's phrase, not a title of this one
                if prev not in self.in_mention or self.mention_at[prev].type != "COUNTRY" or titles:
                    titles += 1
                np = prev
                a.titled = a.titled or self._is_title(prev)
                pm, pc = self._title_prefix_marker(prev)
                if pm is not None or pc:
                    marker, coord = pm, pc
                    break
                if titles > 6:
                    break
                continue
            if self.lex.is_word("prep", key):
                marker = _fold_prep(key)
                if marker.startswith("و") and len(marker) > 1 and marker[1:] in _PREP_SET:
                    marker = marker[1:]
                break
            if self._stop_word(prev) or plain_steps >= max_plain:
                break
            # a noun this phrase is the genitive or adjective of
            if a.gen_of is None and np == a.ti:
                a.gen_of = prev
            plain_steps += 1
            np = prev
            pm, pc = _word_marker(key, construct=prev == a.ti - 1 and not adjective)
            if pm is not None or pc:
                marker, coord = pm, pc
                break
        if coord and marker is None:
            # بين الدول العربية وإسرائيل: the conjunct shares the preposition of the first one
            for k in range(a.np - 1, max(s0, a.np - 5) - 1, -1):
                if self.is_punct(k) or k in self.in_mention:
                    break
                if self.lex.is_word("prep", self.key(k)) and _fold_prep(self.key(k)) in ("بين", "مع"):
                    marker = _fold_prep(self.key(k))
                    break
        if marker is None and not coord and not a.titled:
            np = a.ti  # a plain genitive/adjective: the phrase is the mention itself
        a.np = np
        a.titled = a.titled or titles > 0
        a.marker = marker or "direct"
        a.coord = coord

    def _is_title(self, ti: int) -> bool:
        """A title word (الرئيس، وزير) or an office word right after one (وزير الخارجية، رئيس الوزراء)."""
        if self.lex.is_word("title", self.key(ti)):
            return True
        s0 = self.sent_bounds[self.sent_of[ti]][0]
        return self.lex.is_word("portfolio", self.key(ti)) and any(
            k >= s0 and self.lex.is_word("title", self.key(k)) for k in (ti - 1, ti - 2)
        )

    def _is_title_or_mention(self, ti: int) -> bool:
        return ti in self.in_mention or self._is_title(ti)

    def _title_prefix_marker(self, ti: int) -> tuple[str | None, bool]:
        m = self.mention_at.get(ti)
        if m is not None:
            return self._prefix_marker(ti, m.start)
        key = self.key(ti)
        for prefix, stem in clitic_splits(key):
            if stem in self.lex.particles.get("title", ()):
                return _marker_of_prefix(prefix.replace("ال", "") if prefix.endswith("ال") else prefix)
        return None, False

    def actors_in(self, a: int, b: int) -> list[_Actor]:
        return [x for x in self.actors if a <= x.ti < b]

    def pair_before(self, ti: int) -> list[str]:
        """The pair "the two countries" (البلدين، الطرفين) stands for: the two states named most
        often in this sentence up to ``ti`` and the three sentences before it (ties: the latest)."""
        if ti >= len(self.tokens):
            return []
        sid = self.sent_of[ti]
        first = self.sent_bounds[max(0, sid - 3)][0]
        counts: dict[str, list[int]] = {}
        for x in self.actors:
            if first <= x.ti < ti:
                st = x.state or x.place_of
                if st:
                    c = counts.setdefault(st, [0, 0])
                    c[0] += 1
                    c[1] = x.ti
        ranked = sorted(counts, key=lambda st: (counts[st][0], counts[st][1]), reverse=True)[:2]
        return sorted(ranked, key=lambda st: counts[st][1]) if len(ranked) == 2 else []

    def pronoun_state(self, ti: int) -> str | None:
        """State a pronoun-like word (بلاده، الأخيرة) stands for: the nearest one named before it
        (a demonym adjective is no referent)."""
        for x in reversed(self.actors):
            if x.ti < ti and x.state and not _adjectival(x.mention):
                return x.state
        return None


_PREP_SET = frozenset({"الي", "مع", "لدي", "في", "من", "علي", "عن", "ضد", "بين", "نحو", "تجاه", "عبر", "قرب"})


def _fold_prep(key: str) -> str:
    return "في" if key == "فى" else key


def _is_nisba(key: str) -> bool:
    """A nisba ending (الإسرائيلي، إسرائيلية، الأذريين)."""
    return key.endswith(("ي", "يه", "يين", "يون", "يان", "ييه"))


def _adjectival(m: Mention) -> bool:
    """A demonym adjective standing for its state (الدعم الإسرائيلي), not a country name that
    merely ends like one (السعودية، كوريا الشمالية): the entity stage marks demonyms as metonyms."""
    return m.type == "COUNTRY" and m.metonym and _is_nisba(fold(m.text))


def _word_marker(key: str, construct: bool = False) -> tuple[str | None, bool]:
    """The clitic preposition on a plain word (للنشاطات → ل، بالأسلحة → ب). Only definite words,
    or the head of a construct right before the name (باستقلال أذربيجان), are read: another
    indefinite word may simply begin with ب or ل (بلدة، لغة)."""
    for conj in ("", "و", "ف"):
        for pre, marker in (("بال", "ب"), ("لل", "ل"), ("كال", "ك")):
            if key.startswith(conj + pre) and len(key) > len(conj + pre) + 1:
                return marker, conj == "و"
        if construct:
            for pre in ("ب", "ل"):
                if key.startswith(conj + pre) and len(key) >= len(conj + pre) + 3:
                    return pre, conj == "و"
    return None, False


def _marker_of_prefix(pre: str) -> tuple[str | None, bool]:
    """(preposition, coordinated) from a folded proclitic string such as و، ب، ل، وب، لل، ك."""
    coord = False
    if pre.startswith(("و", "ف")):
        coord = pre.startswith("و")
        pre = pre[1:]
    if pre.startswith("لل"):
        return "ل", coord
    if pre[:1] in ("ب", "ل", "ك"):
        return pre[:1], coord
    return None, coord


# --- extraction ---------------------------------------------------------------------------------


def extract(
    ctx: DocContext,
    mentions: list[Mention],
    entities: list[Entity],
    timexes: list[Timex],
    quantities: list[Quantity],
) -> list[Event]:
    """Events stated in ``ctx`` (see the module docstring); fills the quantities' attribution."""
    if not ctx.tokens:
        return []
    lex = lexicon()
    doc = _Doc(ctx, mentions, entities, timexes, lex)
    cues = CueMap(
        ctx.text,
        doc.tokens,
        doc.sent_of,
        doc.sent_bounds,
        doc.mention_at,
        lex,
        pronoun_state=doc.pronoun_state,
    )
    attribute_quantities(quantities, doc.tokens, cues)
    triggers = _find_triggers(doc)
    if not triggers:
        return []
    drafts = [_arguments(doc, trig, cues) for trig in triggers]
    _governors(doc, drafts)
    drafts = _complete(doc, drafts, cues)
    drafts = _dates(doc, drafts, cues)
    events: list[Event] = []
    frames: dict[str, str] = {}
    finished: list[tuple[_Draft, Event]] = []
    for d in drafts:
        if d.drop:
            continue
        ev = _finish(doc, d, cues)
        if ev is not None:
            events.append(ev)
            frames[ev.id] = d.trig.entry.frame
            finished.append((d, ev))
    _purpose_status(doc, finished)
    _orient_undirected(doc, events, frames)
    events = _merge_same_sentence(doc, events)
    _link_quantities(doc, events, quantities)
    return events


def _purpose_status(doc: _Doc, finished: list[tuple[_Draft, Event]]) -> None:
    """A verb of purpose (ليبحث، لتوقيع) shares the status of the planned event it serves: سيصل
    الجبير إلى موسكو ليبحث … is a planned meeting, not one that took place."""
    for d, ev in finished:
        if not (d.trig.is_verb and d.trig.prefix.endswith("ل") and ev.status == "occurred"):
            continue
        sid = doc.sent_of[d.trig.ti]
        for d2, ev2 in finished:
            if d2.trig.ti < d.trig.ti and doc.sent_of[d2.trig.ti] == sid and ev2.status == "planned":
                ev.status = "planned"
                if ev.plover is not None and "future" not in ev.plover["context"]:
                    ev.plover["context"].append("future")
                break


def _find_triggers(doc: _Doc) -> list[_Trigger]:
    lex = doc.lex
    toks = doc.tokens
    n = len(toks)
    cands: list[list[_Trigger]] = []
    for ti in range(n):
        if ti in doc.in_mention or lex.is_word("never", toks[ti].key):
            continue
        readings = lex.trigger_readings(toks[ti].key)
        if not readings:
            continue
        s0, s1 = doc.sent_bounds[doc.sent_of[ti]]
        ok: list[_Trigger] = []
        # a word written with ة is a noun: folding makes قطعة, غزة, وزارة look like verb + pronoun ه
        taa = toks[ti].text.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652").endswith("ة")
        if taa:
            readings = [r for r in readings if not r[2]]
            if not readings:
                continue
        after_prep = ti - 1 >= s0 and lex.is_word("prep", toks[ti - 1].key)
        has_noun = any(not v for _p, _e, v in readings)
        after_verb = has_noun and _verb_before(doc, ti, s0)
        for prefix, entry, is_verb in readings:
            if is_verb and after_prep and not prefix:
                continue  # إلى دعم طهران: after a preposition the word is a noun, not the verb دَعَمَ
            if is_verb and after_verb and not prefix:
                continue  # انتقد الوزير دعم إيران: a verb and its subject, then the noun it governs
            if entry.excl and ti + 1 < s1 and lex.classes_of(toks[ti + 1].key) & entry.excl:
                continue
            if entry.block and ti - 1 >= s0 and lex.classes_of(toks[ti - 1].key) & entry.block:
                continue
            t = _Trigger(ti, entry, prefix, is_verb, has_pron=toks[ti].key[len(prefix) :] in lex.pronominal)
            if entry.nopron and t.has_pron:
                continue
            if _requirements(doc, t, s0, s1):
                ok.append(t)
        if ok:
            cands.append(ok)
    # Resolve "comp" requirements: another trigger must follow within the window.
    positions = {c[0].ti for c in cands}
    out: list[_Trigger] = []
    for ok in cands:
        chosen: list[_Trigger] = []
        for t in ok:
            if ("comp", "") in t.entry.requires and not t.class_hits:
                has_comp = any(
                    (k in positions and k != t.ti) for k in range(t.ti + 1, t.ti + 1 + t.entry.window)
                )
                if not has_comp:
                    continue
            if not chosen:
                chosen.append(t)
            elif (
                t.class_hits
                and chosen[0].class_hits
                and t.entry.type not in {c.entry.type for c in chosen}
                and min(abs(a - b) for a in t.class_hits for b in chosen[0].class_hits) in (1, 2)
                and not set(t.class_hits) & set(chosen[0].class_hits)
            ):
                # One word, two coordinated objects of different classes (تجارة النفط والأسلحة): both.
                chosen.append(t)
        out.extend(chosen)
    return out




def _verb_before(doc: _Doc, ti: int, s0: int) -> bool:
    """Is there a verb earlier in the clause with no connector (أن، الذي، و…) between it and ti?
    Then a bare past form at ti is the noun it governs, not a second verb."""
    for k in range(ti - 1, max(s0, ti - 6) - 1, -1):
        tok = doc.tokens[k]
        if tok.text in CLAUSE_PUNCT or tok.text in _STRONG_PUNCT:
            return False
        if any(doc.lex.is_word(kind, tok.key) for kind in ("stop", "comp", "relpro", "when")):
            return False  # أن، الذي، قد، ثم، عندما…: a new clause or verb phrase begins
        if (k < ti - 1 and any(v for _p, _e, v in doc.lex.trigger_readings(tok.key))) or clause_verb(tok.key):
            return True
        if _is_cue_verb(doc, k):
            return True
    return False


def _requirements(doc: _Doc, t: _Trigger, s0: int, s1: int) -> bool:
    """Does one of the row's alternative requirements hold? ("comp" and "target" are checked
    later, once all triggers and arguments are known.)"""
    reqs = t.entry.requires
    if not reqs:
        return True
    lex = doc.lex
    w = t.entry.window
    for kind, arg in reqs:
        if kind == "class":
            lo, hi = _word_window(doc, t.ti, min(w, 4), w, s0, s1)
            hits = [k for k in range(lo, hi) if k != t.ti and arg in lex.classes_of(doc.key(k))]
            if hits:
                t.class_hits = hits
                return True
        elif kind in ("actor", "obj"):
            preps = t.entry.preps if kind == "obj" else frozenset()
            if any(
                a.is_state
                and t.ti < a.ti <= t.ti + 8
                and a.ti < s1
                and (not preps or "*" in preps or a.marker in preps)
                for a in doc.actors
            ) or any(doc.is_dual(k) for k in range(t.ti + 1, min(s1, t.ti + 6))):
                return True
            # A subject before the trigger is enough for verbs (الطرفان ناقشا…)
            if any(doc.is_dual(k) for k in range(max(s0, t.ti - 3), t.ti)):
                return True
        elif kind == "official":
            # a named person or an office word in the sentence (مكالمة between leaders, not
            # المكالمات المحلية of a telephone tariff)
            if any(m.type == "PERSON" for m in doc.mentions if s0 <= doc.token_range(m.start, m.end)[0] < s1) or any(
                lex.is_word("title", doc.key(k)) for k in range(s0, s1)
            ):
                return True
        elif kind in ("comp", "target"):
            return True
    return False


def _word_window(doc: _Doc, ti: int, before: int, after: int, s0: int, s1: int) -> tuple[int, int]:
    """Token range around ``ti`` spanning ``before``/``after`` words; numbers and signs
    (أكثر من 30 ٪ من نفط) do not count."""

    def counts(k: int) -> bool:
        tok = doc.tokens[k]
        return not tok.is_number and tok.text not in "%٪" and tok.text not in CLAUSE_PUNCT

    lo, n = ti, 0
    while lo > s0 and n < before:
        lo -= 1
        n += counts(lo)
    hi, n = ti + 1, 0
    while hi < s1 and n < after:
        n += counts(hi)
        hi += 1
    return lo, hi


# --- arguments ------------------------------------------------------------------------------------


def _clause_start(doc: _Doc, ti: int) -> int:
    """First token of the comma-clause of ``ti``."""
    s0 = doc.sent_bounds[doc.sent_of[ti]][0]
    k = ti
    while k > s0:
        txt = doc.tokens[k - 1].text
        if txt in CLAUSE_PUNCT:
            break
        k -= 1
    return k


def _arguments(doc: _Doc, trig: _Trigger, cues: CueMap) -> _Draft:
    lex = doc.lex
    entry = trig.entry
    ti = trig.ti
    s0, s1 = doc.sent_bounds[doc.sent_of[ti]]
    excluded = cues.source_tokens
    # a demonym of a matter (الاتفاق النووي الإيراني، الأزمة السورية) is no party of the event
    # (but the demonyms of the trigger itself are its parties: الاتفاق الإيراني السعودي)
    actors = [
        a
        for a in doc.actors_in(s0, s1)
        if a.ti not in excluded and (a.topic is None or a.topic == trig.ti or a.topic in trig.class_hits)
    ]
    states = [a for a in actors if a.is_state]
    clause0 = _clause_start(doc, ti)
    verbal = trig.is_verb or entry.pos == "p"

    # -- subject --
    subj: list[_Actor] = []
    subj_states: list[str] = []
    guest_first = False  # a host noun whose pronoun or genitive is the guest (استقباله، استضافة الرئيس)
    people = False
    we = verbal and _first_person_plural(doc, trig)
    if we:
        pass  # ندعم مصر: "we" support Egypt; the speaker's state (below), not the noun after it
    elif verbal:
        subj = _verb_subject(doc, ti, clause0, s0, s1, states)
        if (
            subj
            and subj[0].ti > ti + 1
            and entry.type == "accuse"
            and _charge_after(doc, subj[-1].tj, s1)
            and all(_pronoun_prep(doc.key(k)) for k in range(ti + 1, subj[0].ti))
        ):
            # اتهمت فيها الأردن بدعم …: a preposition with a pronoun between (the complaint it was
            # made in) and the charge after it: the state is the accused, the accuser the subject
            # named before the verb (تقدمت وزارة الخارجية السورية …). Without it the state after the
            # verb is its subject (فقد اتهمت إيران باستخدام …).
            before = [x for x in states if s0 <= x.ti < ti and x.marker == "direct" and not _possessor(doc, x)]
            subj = before[-1:]
        if not subj and trig.has_pron:
            # كما باعتها …: a verb with an object pronoun continues the sentence's topic
            topic = [x for x in states if x.ti < ti and x.marker == "direct" and not x.coord]
            subj = topic[:1]
    elif trig.has_pron and _plural_pronoun(doc.key(ti)):
        people = True  # زيارتهم، اتصالاتهم: a plural pronoun stands for people, not for a state
    elif trig.has_pron and not _goods_after(doc, ti + 1, s1):
        # a possessive pronoun is the agent of the noun (حربها، زيارته، شحناتها): the nearest
        # subject-like (unmarked) state before it, else the nearest state
        referents = [x for x in states if x.tj <= ti and not _adjectival(x.mention)]
        before = [x for x in referents if x.marker == "direct"] or referents
        subj = [before[-1]] if before else []
        # ... except on a host noun with no ل object (حفاوة استقباله في الرياض): the one received
        guest_first = entry.frame == "recipient" and not any(
            x.marker == "ل" for x in actors if ti < x.ti <= min(s1 - 1, ti + 8)
        )
    elif trig.has_pron:
        subj = _noun_subject(doc, trig, clause0, s0, s1, [x for x in states if x.ti < ti])
    else:
        subj = _noun_subject(doc, trig, clause0, s0, s1, states)
        if (
            entry.frame == "recipient"
            and entry.type == "visit"
            and subj
            and subj[0].ti > ti
            and not any(x.marker == "ل" for x in actors if subj[-1].tj <= x.ti <= min(s1 - 1, ti + 10))
        ):
            # استضافة الرئيس التركي (no ل guest after it): the genitive is the guest; the host is
            # the clause's own subject (أعلنت قطر استضافة …), found below as the "object"
            guest_first = True
    if not subj:
        # "the two countries" (ناقش الطرفان), a pronoun-like word (بلاده، الأخيرة)
        for k in list(range(max(clause0, ti - 4), ti)) + list(range(ti + 1, min(s1, ti + 3))):
            if doc.is_dual(k):
                subj_states = doc.pair_before(k)
                break
            if lex.is_word("pronoun", doc.key(k)):
                st = doc.pronoun_state(k)
                subj_states = [st] if st else []
                break
    subj_states = _states(subj) or subj_states
    if we:
        # ولكننا ندعم مصر، قال كيري: "we" is the speaker's state
        speaker = cues.assess(ti, is_verb=True, prefix=trig.prefix).attribution
        state = _entity_state(doc, speaker)
        subj_states = [state] if state else []

    # -- the other party --
    preps = entry.preps or _DEFAULT_PREPS[entry.frame]
    subj_ids = {id(x) for x in subj}
    start_obj = max([x.tj for x in subj if x.ti > ti] + [ti + 1])
    pair_named = (entry.frame == "symmetric" or lex.symmetric(entry.type)) and len(set(subj_states)) >= 2
    # التقى رئيسا الوزراء الهندي … والباكستاني …: both sides are the subject, nothing else is sought
    objs = [] if pair_named else _object(doc, start_obj, s1, preps, actors, subj_ids, noun=not verbal)
    obj_states = _uniq(
        [
            x.state or (x.place_of if ("*" in preps or x.marker in preps) and x.marker != "direct" else None)
            for x in objs
        ]
    )
    # "the two countries" before any other object (أقيمت العلاقات بين البلدين، … سفارة إسرائيلية)
    dual_end = min(s1, ti + 8, objs[0].np if objs else s1)
    for k in range(ti + 1, dual_end):
        if doc.is_dual(k):
            pair = doc.pair_before(k)
            if pair:
                objs, obj_states = [], pair
            break
    if not obj_states:
        obj_states = _pronoun_object(doc, trig, s1, preps, states, subj_states)
    resumptive = verbal and trig.has_pron and _after_relative(doc, ti, s0)
    if not obj_states and trig.has_pron and not resumptive and (verbal or _goods_after(doc, ti + 1, s1)):
        # an object pronoun (باعتها، تزويدها) stands for a state named before, not the subject
        before = [x.state for x in states if x.tj <= ti and x.state not in subj_states]
        obj_states = before[-1:] if before else []

    participants = [x.mention.entity for x in subj + objs if x.mention.type in ("PERSON", "ORG")]
    location: list[str] = []
    variant = "default"
    frame = entry.frame
    if frame == "recipient" and guest_first:
        source, target = subj_states, obj_states
        if entry.type == "visit":
            variant = "host"
            host = [
                x.state
                for x in states
                if clause0 <= x.ti < ti and x.marker == "direct" and not _possessor(doc, x) and x.state not in source
            ]
            target = target or host[-1:] or [
                x.state for x in actors if ti < x.ti <= ti + 3 and x.marker == "في" and x.state
            ][:1]
    elif frame == "recipient":
        source, target = obj_states, subj_states
        if entry.type == "visit":
            variant = "host"
    elif entry.type == "call" and objs and objs[0].marker == "من":
        source, target = obj_states, subj_states  # تلقى … اتصالا هاتفيا من الرئيس الفرنسي: the caller
    elif frame == "symmetric" and not subj_states and len(obj_states) >= 2:
        source, target = obj_states[:1], obj_states[1:]
    else:
        source, target = subj_states, obj_states

    if frame == "speaker":
        # التدخل الإيراني في شؤون …، أن طهران متورطة: the agent of the word is the one accused,
        # the accuser is the sentence's speaker (no speaker or a denial: no accusation)
        said = cues.assess(ti, is_verb=verbal, prefix=trig.prefix)
        by = None if said.negated or said.status == "denied" else _entity_state(doc, said.attribution)
        accused = [x for x in (subj_states or obj_states[:1]) if x != by]
        source, target = ([by] if by and accused else []), accused

    # -- roles read from the words the trigger needs (classes.tsv "role") --
    roles = _class_roles(doc, trig, states, s1)
    if frame == "mission":
        if roles.get("owner"):
            source = roles["owner"]
        host = _mission_host(doc, trig, actors, s1)
        if host:
            target = host
    if roles.get("importer"):
        if frame == "recipient":
            if not target:
                target = roles["importer"]
        elif entry.type in ("arms_transfer", "energy_trade", "trade"):
            if not target or set(target) <= set(source):
                target = [x for x in roles["importer"] if x not in source]
            if not source or set(source) <= set(roles["importer"]):
                source = [x for x in subj_states + obj_states if x not in roles["importer"]] or source
    if (
        roles.get("consumer")
        and entry.type in ("arms_transfer", "energy_trade")
        and frame == "agent"
        and not target
    ):
        # تورد أكثر من 30٪ من نفط إسرائيل: the state whose oil it is receives it
        target = [x for x in roles["consumer"] if x not in source]
    if roles.get("host") and entry.type in ("military_cooperation", "intelligence_cooperation"):
        # قواعد على الأراضي الأذربيجانية: the state whose territory it is
        if not source:
            source = roles["host"]
        elif not target:
            target = [x for x in roles["host"] if x not in source]
    if roles.get("origin") and entry.type in ("arms_transfer", "energy_trade"):
        # the goods' nisba names the supplier (الغاز الأذربيجاني، الأسلحة الإسرائيلية)
        origin = roles["origin"]
        if not set(origin) & set(target):
            if frame == "recipient":
                source = origin
            else:
                displaced = [x for x in source if x not in origin]
                source = origin
                if not target and displaced and frame != "recipient":
                    target = displaced
        elif not set(origin) & set(source):
            target, source = [x for x in target if x not in origin] or source, origin

    if (
        entry.type == "visit"
        and not verbal
        and not subj_states
        and objs
        and objs[0].marker == "ل"
        and (objs[0].mention.type == "PERSON" or objs[0].titled)
        and objs[0].state
    ):
        dest = [
            x.state or x.place_of
            for x in actors
            if objs[0].tj <= x.ti <= objs[0].tj + 3 and x.marker == "الي" and (x.state or x.place_of)
        ]
        if dest:
            # أول زيارة لكارتر إلى بغداد: the ل person is the visitor, the place after إلى the host
            source, target = [objs[0].state], dest[:1]

    # Places after في/إلى: the location, and the host of a visit.
    for x in actors:
        if not (ti < x.ti <= ti + 10):
            continue
        if x.state is None and x.place_of and x.marker in ("في", "الي"):
            location.append(x.mention.entity)
            if entry.type == "visit" and not target and x.marker == "الي":
                target = _uniq([y.place_of or y.state for y in _with_coordinated(doc, x, actors)])
        elif (
            x.marker == "في"
            and x.mention.type == "COUNTRY"
            and entry.type in ("meet", "visit")
            and x.state not in source + target
        ):
            location.append(x.mention.entity)

    source = _uniq(source)
    target = [t for t in _uniq(target) if t not in source]
    if frame == "symmetric" or lex.symmetric(entry.type):
        if not source and len(target) >= 2:
            source, target = target[:1], target[1:]
        elif len(source) >= 2 and not target:
            source, target = source[:1], source[1:]
    if entry.type == "meet" and location:
        loc_states = {_place_state(doc, loc) for loc in location}
        if loc_states and None not in loc_states and not loc_states & (set(source) | set(target)):
            variant = "third_place"
    if entry.type == "threaten" and _has_class_near(doc, ti, s1, "military", 6):
        variant = "military"
    d = _Draft(trig, source, target, _uniq(participants), _uniq(location), variant, people=people)
    d.used = {x.ti for x in subj + objs}
    d.obj_start = start_obj
    if entry.type == "armed_conflict" and objs and all(x.mention.type == "PERSON" or x.titled for x in objs):
        d.etype = "criticize"  # شن هجوما حادا على الرئيس الأمريكي: words against a person, not arms
    return d


def _first_person_plural(doc: _Doc, trig: _Trigger) -> bool:
    """Is the verb a first person plural present (ندعم، سنعمل): ن where the third person has ي?"""
    rest = doc.key(trig.ti)[len(trig.prefix) :]
    if rest[:1] != "ن" or len(rest) < 3:
        return False
    return any(e is trig.entry and v for _p, e, v in doc.lex.trigger_readings("ي" + rest[1:]))


def _entity_state(doc: _Doc, eid: str | None) -> str | None:
    """The state an entity (a speaker) acts for: a country, or a person's or organ's state."""
    if not eid or eid == "outlet":
        return None
    if eid.startswith("country:"):
        return eid
    e = doc.entities.get(eid)
    return doc.acts_for(e) if e is not None else None


def _serves_organisation(pid: str, published: str | None) -> bool:
    """Does a person of the gazetteer act for an international organisation rather than for
    the state of their nationality (a UN envoy, the EU's foreign-policy chief)? The office held
    in the publication year decides, else the person's latest office."""
    p = load_gazetteer().persons.get(pid)
    if p is None or not p.offices:
        return False
    now = p.offices_at(published)
    if now:
        return all(of.startswith("org:") for _r, of, _a, _b in now)
    latest = max(p.offices, key=lambda o: (o[2] or 0, o[3] is None, o[3] or 0))
    return latest[1].startswith("org:")


def _colon_between(doc: _Doc, a: int, b: int) -> bool:
    """Is a colon between tokens a and b (what one speaker says is apart from the next quote)?"""
    lo, hi = min(a, b), max(a, b)
    return any(doc.tokens[k].text in (":", "：") for k in range(lo + 1, hi))


def _org_partner(doc: _Doc, ti: int) -> bool:
    """Is an organisation that is not an organ of a state named in the trigger's clause after it?"""
    s1 = doc.sent_bounds[doc.sent_of[ti]][1]
    for m in doc.mentions:
        if m.type != "ORG" or m.start <= doc.tokens[ti].start:
            continue
        k = doc.token_range(m.start, m.end)[0]
        if k >= s1 or any(doc.tokens[x].text in CLAUSE_PUNCT for x in range(ti + 1, k)):
            return False
        return k not in doc.actor_at
    return False


def _plural_pronoun(key: str) -> bool:
    """Does the word end in a plural pronoun suffix (هم، هن، كم)? (هما, "both", may be two states.)"""
    return key.endswith(("هم", "هن", "كم")) and len(key) > 4


def _complete(doc: _Doc, drafts: list[_Draft], cues: CueMap) -> list[_Draft]:
    """Give a one-sided event the other side when its sentence names exactly one more state
    that no other event of the sentence takes as an argument (…وتبيع إسرائيل لأذربيجان طائرات،
    كما باعتها …). A meeting or visit located in another state's city has that state as host."""
    drafts = [d for d in drafts if not (("target", "") in d.trig.entry.requires and not d.target)]
    used_by: dict[int, set[int]] = {}
    for i, d in enumerate(drafts):
        for k in d.used:
            used_by.setdefault(k, set()).add(i)
    out = []
    for i, d in enumerate(drafts):
        sym = doc.lex.symmetric(d.trig.entry.type) or d.trig.entry.frame == "symmetric"
        one_sided = bool(d.source) != bool(d.target) or (sym and len(d.source) + len(d.target) == 1)
        if one_sided and d.trig.entry.type in ("meet", "visit") and d.location:
            hosts = _uniq([_place_state(doc, loc) for loc in d.location])
            hosts = [h for h in hosts if h and h not in d.source + d.target]
            if d.trig.entry.type == "meet" and _org_partner(doc, d.trig.ti):
                hosts = []  # قمة بين الولايات المتحدة و«آسيان» في كوالالمبور: the venue is no party
            if len(hosts) == 1:
                if d.source:
                    d.target = hosts
                else:
                    d.source = hosts
                one_sided = False
        empty = not d.source and not d.target
        if empty and _named_non_state_partner(doc, d.trig, d.obj_start):
            empty = False  # يجتمع مع الجالية اليهودية: the partner is named and is no state
        if one_sided and not sym and not d.target and _named_non_state_partner(doc, d.trig, d.obj_start):
            one_sided = False
        if d.trig.is_verb and d.trig.entry.type == "visit" and _thing_arrives(doc, d.trig.ti):
            continue  # لم يصل أي طحين، المساعدات التي وصلت: goods arrive, nobody visits
        if one_sided and sym and _with_non_state(doc, d.trig.ti):
            one_sided = False  # أبرمته إيران مع دول 5+1: the partner is named and is no state
        if (one_sided or (empty and sym)) and not d.trig.entry.nocomplete and not d.people:
            s0, s1 = doc.sent_bounds[doc.sent_of[d.trig.ti]]
            have = set(d.source) | set(d.target)
            others = _uniq(
                [
                    x.state
                    for x in doc.actors_in(s0, s1)
                    if x.state
                    and x.state not in have
                    and (x.marker not in _NO_COMPLETION or (x.marker != "في" and _adjectival(x.mention)))
                    and x.ti not in cues.source_tokens
                    and x.topic is None
                    and not _colon_between(doc, x.ti, d.trig.ti)
                    and (
                        empty
                        or all(
                            have & (set(drafts[j].source) | set(drafts[j].target))
                            for j in used_by.get(x.ti, set()) - {i}
                        )
                    )
                ]
            )
            if empty and len(others) == 2:
                d.source, d.target = others[:1], others[1:]  # علاقات تجارية, the sentence's two states
            elif len(others) == 1 and not empty:
                if sym or not d.target:
                    d.target = d.target + others
                else:
                    d.source = others
        entry = d.trig.entry
        if (sym) and not d.source and len(d.target) >= 2:
            d.source, d.target = d.target[:1], d.target[1:]
        if not d.source and not d.target:
            continue
        if (("target", "") in entry.requires or "target" in entry.need) and not d.target:
            continue
        if "source" in entry.need and not d.source:
            continue
        if not (d.source and d.target) and not doc.lex.one_sided(entry.type):
            continue  # Marsad records relations between states: both sides must be known
        out.append(d)
    return out


def _pronoun_object(
    doc: _Doc, trig: _Trigger, s1: int, preps: frozenset[str], states: list[_Actor], subject: list[str]
) -> list[str]:
    """The other side named by a pronoun in the trigger's clause: البلاد / للبلاد (the country),
    a preposition with a pronoun (عليها، لها، معه), or a noun with one after an allowed preposition
    (على منشآتها). It stands for the nearest state named before the trigger that is not the
    subject (demonym adjectives are no referents)."""
    ti = trig.ti
    any_marker = "*" in preps
    for k in range(ti + 1, min(s1, ti + 9)):
        tok = doc.tokens[k]
        if tok.text in CLAUSE_PUNCT:
            break
        if k in doc.actor_at:
            if doc.actor_at[k].state in subject:
                continue  # the subject's own phrase (الدعم الإسرائيلي للبلاد)
            break
        key = tok.key
        marker: str | None = None
        if doc.lex.is_word("country_word", key):
            marker = _word_marker(key)[0] or "direct"
        else:
            for prep in _PRONOUN_PREPS:
                if key.startswith(prep) and key[len(prep) :] in _PRONOUN_SUFFIXES:
                    marker = _fold_prep(prep)
                    break
            if marker is None and len(key) >= 6 and key.endswith(("ها", "هم", "هما")) and k > ti + 1:
                prev = doc.key(k - 1)
                if doc.lex.is_word("prep", prev):
                    marker = _fold_prep(prev)
        if marker is None or not (any_marker or marker in preps):
            continue
        before = [x.state for x in states if x.tj <= ti and x.state and not _adjectival(x.mention)]
        before = [st for st in before if st not in subject]
        return before[-1:]
    return []


_PRONOUN_PREPS = ("علي", "ضد", "الي", "مع", "لدي", "ل", "ب")
_PRONOUN_SUFFIXES = frozenset({"ها", "ه", "هم", "هما", "يها", "يه", "يهم"})


def _after_relative(doc: _Doc, ti: int, s0: int) -> bool:
    """Is the verb the first of a relative clause whose head is no actor (الاتفاق الذي أبرمته)?
    Its object pronoun then stands for that head, not for a state named earlier."""
    for k in (ti - 1, ti - 2):
        if k <= s0:
            return False
        if doc.lex.is_word("relpro", doc.key(k)):
            return k - 1 not in doc.actor_at
        if doc.key(k) not in ("قد", "لقد"):
            return False
    return False


def _with_non_state(doc: _Doc, ti: int) -> bool:
    """Does a مع phrase naming no state follow the trigger in its clause (… مع دول 5+1)?"""
    for k in range(ti + 1, min(len(doc.tokens), ti + 5)):
        if doc.sent_of[k] != doc.sent_of[ti] or doc.tokens[k].text in CLAUSE_PUNCT:
            return False
        if _fold_prep(doc.key(k)) == "مع":
            nxt = k + 1
            return (
                nxt < len(doc.tokens)
                and nxt not in doc.actor_at
                and not doc._is_title(nxt)
                and not doc.is_dual(nxt)
                and not doc.lex.is_word("pronoun", doc.key(nxt))
            )
    return False


def _named_non_state_partner(doc: _Doc, trig: _Trigger, obj_start: int = -1) -> bool:
    """Is the trigger followed by a preposition phrase of its own that names no state?"""
    ti = trig.ti
    if (
        trig.entry.genobj
        and not trig.is_verb
        and ti + 1 < len(doc.tokens)
        and doc.sent_of[ti + 1] == doc.sent_of[ti]
    ):
        nxt = doc.tokens[ti + 1]
        if (
            ti + 1 not in doc.actor_at
            and nxt.is_arabic
            and not doc.lex.is_word("prep", nxt.key)
            and not doc.lex.is_word("stop", nxt.key)
            and not doc.lex.classes_of(nxt.key)
            and _word_marker(nxt.key, construct=True)[0] is None
        ):
            return True  # بدعم الإرهاب: what it acts on is named, and is no state
    if trig.is_verb and "direct" in trig.entry.preps and _plain_object(doc, max(ti, obj_start - 1)):
        # (بلاده) دعم الميليشيات، ودانت الحكومة الألمانية التفجير: a definite noun object (after
        # the subject when it follows the verb) that names no state
        return True
    for k in (ti + 1, ti + 2):
        if k >= len(doc.tokens) or doc.sent_of[k] != doc.sent_of[ti]:
            return False
        key = doc.key(k)
        is_prep = doc.lex.is_word("prep", key) and _fold_prep(key) in trig.entry.preps
        if is_prep:
            nxt = k + 1
            return nxt < len(doc.tokens) and nxt not in doc.actor_at
        m, _c = _word_marker(key)
        if m is not None and m in trig.entry.preps:
            return k not in doc.actor_at
    return False


def _plain_object(doc: _Doc, ti: int) -> bool:
    """Right after token ti (the verb or its subject), a definite noun that is no state, title, class word or function
    word, and no state follows it as its genitive or adjective (دعمت الحكومة المصرية names one, so
    does a subject after the verb: هاجمت الطائرات الإسرائيلية), so it is the verb's object."""
    k = ti + 1
    if k >= len(doc.tokens) or doc.sent_of[k] != doc.sent_of[ti] or k in doc.actor_at:
        return False
    tok = doc.tokens[k]
    key = tok.key
    if not (tok.is_arabic and key.startswith("ال")) or doc._is_title(k) or doc.is_dual(k):
        return False
    lex = doc.lex
    if any(lex.is_word(w, key) for w in ("prep", "stop", "pronoun", "relpro", "subjpron")):
        return False
    if lex.classes_of(key) or k in doc.trigger_tokens:
        return False
    return not (k + 1 < len(doc.tokens) and doc.sent_of[k + 1] == doc.sent_of[ti] and k + 1 in doc.actor_at)


def _class_roles(doc: _Doc, trig: _Trigger, states: list[_Actor], s1: int) -> dict[str, list[str]]:
    """States named right after the words of a class that gives them a role: the owner of a
    mission (سفارة أذربيجان، السفارة الإسرائيلية), the importer (واردات باكو), the origin of goods
    (الغاز الأذربيجاني، الأسلحة الإسرائيلية)."""
    lex = doc.lex
    out: dict[str, list[str]] = {}
    lo = trig.ti
    hi = min(s1, trig.ti + 12)
    own = set(trig.class_hits) | {trig.ti}
    for x in states:
        if x.gen_of is None or not (lo <= x.gen_of < hi) or (x.marker != "direct" and x.gen_of != x.ti - 1):
            continue
        classes = lex.classes_of(doc.key(x.gen_of))
        if x.gen_of == trig.ti:
            classes = classes | lex.classes_of(doc.key(trig.ti))
        for cls in classes:
            role = lex.class_roles.get(cls)
            if role in ("origin", "owner", "host") and x.gen_of not in own:
                continue  # a word of another phrase (… والتصدير من الصناعات الدفاعية الإسرائيلية)
            if role == "origin" and not _adjectival(x.mention):
                role = "consumer"  # نفط إسرائيل is Israel's oil, not oil from Israel
            if role:
                out.setdefault(role, [])
                if x.state not in out[role]:
                    out[role].append(x.state)
    return out


def _place_state(doc: _Doc, entity_id: str) -> str | None:
    e = doc.entities.get(entity_id)
    if entity_id.startswith("country:"):
        return entity_id
    if e is not None and e.country:
        return "country:" + e.country
    return None


def _has_class_near(doc: _Doc, ti: int, s1: int, cls: str, w: int) -> bool:
    return any(cls in doc.lex.classes_of(doc.key(k)) for k in range(ti + 1, min(s1, ti + w + 1)))


def _states(actors: list[_Actor]) -> list[str]:
    return _uniq([a.state for a in actors if a.state])


def _uniq(xs) -> list:
    out = []
    for x in xs:
        if x and x not in out:
            out.append(x)
    return out


def _with_coordinated(doc: _Doc, first: _Actor, actors: list[_Actor]) -> list[_Actor]:
    """``first`` and the actor phrases joined to it by و (أرمينيا وإيران وتركيا)."""
    group = [first]
    last = first
    for a in actors:
        if a.ti <= last.ti:
            continue
        if a.coord and a.np - last.tj <= 1 and a.marker in ("direct", first.marker):
            group.append(a)
            last = a
        elif (
            a.ti == last.tj
            and a.mention.type == last.mention.type == "COUNTRY"
            and _adjectival(a.mention)
            and _adjectival(last.mention)
        ):
            # الصراع الأرميني الأذربيجاني: two nisbas, two sides
            group.append(a)
            last = a
        elif a.np - last.tj <= 1 and a.mention.type != "COUNTRY" and a.state == last.state:
            # the person named after a demonym in one phrase (الإسرائيلي إيلي كوهين)
            group.append(a)
            last = a
        else:
            break
    return group


def _phrase(a: _Actor, states: list[_Actor]) -> list[_Actor]:
    """The actor with the others of its state that stand next to it in one phrase
    (رئيس الوزراء الإسرائيلي بنيامين نتنياهو: the demonym and the person)."""
    i = next((k for k, x in enumerate(states) if x is a), None)
    if i is None:
        return [a]
    group = [a]
    j = i
    while j + 1 < len(states) and states[j + 1].state == a.state and states[j + 1].np <= states[j].tj + 1:
        j += 1
        group.append(states[j])
    j = i
    while (
        j - 1 >= 0
        and states[j - 1].state == a.state
        and a.np <= states[j - 1].tj + 1
        and states[j - 1].tj <= a.ti
    ):
        j -= 1
        group.insert(0, states[j])
    return group


def _verb_subject(doc: _Doc, ti: int, clause0: int, s0: int, s1: int, states: list[_Actor]) -> list[_Actor]:
    lex = doc.lex
    # SVO: the nearest unmarked state before the verb in its clause.
    # A relative pronoun between them starts the verb's own clause (الاتفاق الذي أبرمته إيران).
    rel = [k for k in range(clause0, ti) if lex.is_word("relpro", doc.key(k))]
    start = rel[-1] + 1 if rel else clause0
    left = [a for a in states if start <= a.ti < ti and a.marker == "direct" and not _possessor(doc, a)]
    if left:
        head = left[-1]
        # the whole phrase: a demonym-title-name group ends at the verb
        grp = [a for a in left if a.np >= head.np - 6 and a.state == head.state and a.ti >= head.np]
        return grp or [head]
    # A pronoun subject (أنها تزود باكو، فهي …): the state it stands for is named before.
    for k in (ti - 1, ti - 2):
        if k >= s0 and lex.is_word("subjpron", doc.key(k)):
            referents = [a for a in states if a.tj <= k and not _adjectival(a.mention)]
            before = [a for a in referents if a.marker == "direct"] or referents
            return [before[-1]] if before else []
    # Relative clause: the antecedent of الذي/التي before the verb.
    for k in range(ti - 1, max(s0, ti - 12) - 1, -1):
        if lex.is_word("relpro", doc.key(k)):
            # only a state right before it (إسرائيل التي، أذربيجان، التي …), not the head noun of
            # another relative clause (قلق الرياض من الاتفاق الذي أبرمته إيران)
            ante = [a for a in states if a.tj <= k and all(doc.is_punct(m) for m in range(a.tj, k))]
            if ante:
                return [ante[-1]]
            break
        if doc.tokens[k].text in _STRONG_PUNCT:
            break
    # A person named at the head of the sentence, then described between commas
    # (بنيامين نتنياهو، المتوقع أن …، زار أذربيجان).
    topic = [a for a in states if a.np <= s0 + 1 and a.mention.type == "PERSON" and a.marker == "direct"]
    if topic and topic[0].tj < clause0 and doc.tokens[topic[0].tj].text in CLAUSE_PUNCT:
        return _phrase(topic[0], states)
    # VSO: the first unmarked state after the verb, close to it.
    for a in states:
        if a.ti > ti and a.marker == "direct" and a.np <= ti + 4:
            return _with_coordinated(doc, a, states)
        if a.ti > ti + 4:
            break
    return []


def _pronoun_prep(key: str) -> bool:
    """A preposition with a pronoun suffix (فيها، عليه، لها)."""
    return any(key.startswith(p) and key[len(p) :] in _PRONOUN_SUFFIXES for p in ("في", *_PRONOUN_PREPS))


def _thing_arrives(doc: _Doc, ti: int) -> bool:
    """Is the subject of a movement verb a thing: «أي» right after it (لم يصل أي طحين), or a
    relative pronoun right before it whose antecedent names no actor (المساعدات التي وصلت)?"""
    if ti + 1 < len(doc.tokens) and doc.lex.is_word("any", doc.key(ti + 1)):
        return True
    return ti >= 2 and doc.lex.is_word("relpro", doc.key(ti - 1)) and ti - 2 not in doc.actor_at


def _relative_with_object(doc: _Doc, k: int) -> bool:
    """A relative pronoun at k whose verb has no object pronoun (الذين يقاتلون الجيش السوري: the
    state after it is the verb's object). With one (الإجراءات التي تتخذها المملكة) the state is
    the verb's subject and the noun still belongs to it."""
    if not doc.lex.is_word("relpro", doc.key(k)):
        return False
    nxt = doc.key(k + 1) if k + 1 < len(doc.tokens) else ""
    return not (len(nxt) >= 5 and nxt.endswith(("ها", "هم", "ه")))


def _charge_after(doc: _Doc, k: int, s1: int) -> bool:
    """Does a ب phrase (the charge of an accusation: بدعم، بالمساهمة) start at token k?"""
    return k < s1 and _word_marker(doc.key(k), construct=True)[0] == "ب"


def _possessor(doc: _Doc, a: _Actor) -> bool:
    """Is the actor the genitive of a noun (معارضة طهران، العلاقات الإسرائيلية) rather than a
    subject? Only nouns that show it are recognised: definite (ال…) or ending in taa marbuta."""
    if a.gen_of is None or a.gen_of in doc.trigger_tokens or _adjectival(a.mention):
        return False
    tok = doc.tokens[a.gen_of]
    return tok.key.startswith(("ال", "وال", "فال")) or tok.text.rstrip(
        "\u064b\u064c\u064d\u064e\u064f\u0650"
    ).endswith("ة")


def _genitive(doc: _Doc, ti: int, states: list[_Actor]) -> list[_Actor]:
    """The state named right after a noun (allowing one adjective between), with those joined to it."""
    for a in states:
        if a.ti <= ti:
            continue
        if a.np <= ti + 2 and a.marker == "direct" and not a.coord:
            return _with_coordinated(doc, a, states)
        break
    return []


def _light_verb(doc: _Doc, ti: int, clause0: int) -> int | None:
    for k in range(ti - 1, max(clause0, ti - 8) - 1, -1):
        if doc.lex.is_word("light", doc.key(k)):
            return k
    return None


def _lam_after(doc: _Doc, k: int, s1: int) -> bool:
    """A ل complement follows at token k (لنظام، للحوثيين، لـ"حزب الله")."""
    if k >= s1:
        return False
    key = doc.key(k)
    if key in ("ل", "لـ"):
        return True
    return any(p in ("ل", "لل") for p, _s in clitic_splits(key)[1:])


def _goods_after(doc: _Doc, k: int, s1: int) -> bool:
    """A ب complement follows (تزويد سوريا بالغاز، تزويدها بصواريخ): the genitive is the recipient."""
    return k < s1 and doc.key(k)[:1] == "ب" and any(p[:1] == "ب" for p, _s in clitic_splits(doc.key(k))[1:])


def _noun_subject(
    doc: _Doc, trig: _Trigger, clause0: int, s0: int, s1: int, states: list[_Actor]
) -> list[_Actor]:
    lex = doc.lex
    ti = trig.ti
    gen = _genitive(doc, ti, states)
    light = _light_verb(doc, ti, clause0)
    left_clause = [
        a
        for a in states
        if clause0 <= a.ti < ti and a.marker == "direct" and not a.coord and not _possessor(doc, a)
    ]
    # The genitive is the agent (زيارة نتنياهو، الدعم الإسرائيلي، صادرات الأسلحة الإسرائيلية)
    # unless the clause has its own subject and the genitive is a name that the noun acts on:
    # after a light verb (تقوم … بتزويد إسرائيل), before a ب complement (تزويد سوريا بالغاز), or
    # with a subject before it (تدرس أذربيجان … تزويد سوريا).
    if gen:
        nisba = all(_adjectival(a.mention) for a in gen if a.mention.type == "COUNTRY")
        if (
            trig.entry.genobj
            and not nisba
            and not any(a.titled or a.mention.type != "COUNTRY" for a in gen)
            and not _lam_after(doc, gen[-1].tj, s1)
        ):
            gen = []  # دعم إيران، تهديد إيران: a bare state name after the noun is what it acts on
            # (but with a ل complement after it, دعم طهران لنظام الأسد, the genitive is the agent)
    if gen:
        object_like = (
            not nisba
            and trig.entry.frame in ("agent", "mission")
            and (light is not None or _goods_after(doc, gen[-1].tj, s1))
        )
        if not object_like:
            return gen
    # Adjunct nouns (خلال الحرب، بعد الزيارة) take no outer subject (but من خلال is "by means of").
    for k in (ti - 1, ti - 2):
        by_means = doc.key(k) == "خلال" and k - 1 >= s0 and doc.key(k - 1) == "من"
        if k >= s0 and lex.is_word("adjunct", doc.key(k)) and not by_means:
            return []
    # Object of a light verb (قام … بزيارة): the light verb's subject.
    if light is not None:
        inner = [a for a in states if light < a.ti < ti and a.marker == "direct"]
        if inner:
            return _phrase(inner[0], states)
        left = [a for a in states if clause0 <= a.ti < light and a.marker == "direct"]
        if left:
            return _phrase(left[-1], states)
        if doc.key(light)[:1] in "تي" or doc.key(light)[1:2] in "تي":
            # a present-tense light verb with no subject of its own (ولن تتوانى عن دعم سوريا)
            # continues the sentence's topic: the last unmarked state named before it
            topic = [a for a in states if s0 <= a.ti < light and a.marker == "direct" and not a.coord]
            if topic:
                return _phrase(topic[-1], states)
    # The nearest unmarked state before the noun in its clause.
    if left_clause:
        return _phrase(left_clause[-1], states)
    return []


def _object(
    doc: _Doc,
    start: int,
    s1: int,
    preps: frozenset[str],
    actors: list[_Actor],
    exclude: set[int],
    noun: bool = False,
) -> list[_Actor]:
    """The first actor after ``start`` whose marker ``preps`` allows, with those joined to it.
    The object of a noun is looked for in its own clause only."""
    any_marker = "*" in preps
    reach = 8 if noun else 14
    first = doc.mention_at.get(start)
    if (
        noun
        and first is not None
        and first.type in ("ORG", "PERSON")
        and start not in doc.actor_at
        and doc.key(start)[:1] == "ل"
        and "ل" in preps
    ):
        return []  # دعم إيران للحوثيين: the partner is named right after, and it is no state
    fallback: list[_Actor] = []
    for a in actors:
        if a.ti < start or id(a) in exclude:
            continue
        if a.ti > start + reach:
            break
        if any(
            doc.tokens[k].text in _STRONG_PUNCT
            or (
                noun
                and (
                    doc.tokens[k].text in CLAUSE_PUNCT
                    or plain_verb(doc.key(k))
                    or _is_cue_verb(doc, k)
                    or (a.marker == "direct" and _relative_with_object(doc, k))
                )
            )
            for k in range(start, a.np)
        ):
            # a noun's object is not past a verb (زيارة ظريف قام الجبير …), nor the direct object
            # of a relative clause (بدعم «الإرهابيين» الذين يقاتلون الجيش السوري); a preposition
            # phrase there may still be its own (الحرب التي استمرت ستة أسابيع مع أرمينيا)
            break
        if not a.is_state and a.marker not in ("في", "الي", "لدي"):
            continue
        if (any_marker and a.marker != "في") or a.marker in preps:
            if a.coord and a.marker == "direct":
                continue
            grp = _with_coordinated(doc, a, actors)
            return [x for x in grp if id(x) not in exclude]
        if any_marker and not fallback:
            fallback = [a]  # مع أصدقائنا في باكو: a place is the partner only if nothing else is
    return fallback


def _mission_host(doc: _Doc, trig: _Trigger, actors: list[_Actor], s1: int) -> list[str]:
    """The state where the mission is: the place after في/لدى/إلى/ب following the mission noun."""
    lex = doc.lex
    after = [k for k in trig.class_hits if k > trig.ti and "mission" in lex.classes_of(doc.key(k))]
    start = after[0] if after else trig.ti
    for a in actors:
        if a.ti <= start or a.ti > start + 8:
            continue
        if a.marker in ("في", "لدي", "الي", "ب"):
            st = a.state or a.place_of
            return [st] if st else []
    return []


# --- complements, dates, status -------------------------------------------------------------------


def _governors(doc: _Doc, drafts: list[_Draft]) -> None:
    """An intent/threat trigger governs the event noun right after it (نيته زيارة، قرار بفتح سفارة)."""
    by_ti: dict[int, list[_Draft]] = {}
    for d in drafts:
        by_ti.setdefault(d.trig.ti, []).append(d)
    for d in drafts:
        if d.trig.entry.type not in _GOVERNING:
            continue
        s1 = doc.sent_bounds[doc.sent_of[d.trig.ti]][1]
        for k in range(d.trig.ti + 1, min(s1, d.trig.ti + 1 + max(d.trig.entry.window, 4))):
            if doc.lex.is_word("adjunct", doc.key(k)):
                break  # القرار بعد أن أبرمت واشنطن اتفاقا: a time clause, not the decision's content
            inner = by_ti.get(k)
            if not inner:
                continue
            for c in inner:
                if c.trig.entry.type in _GOVERNING:
                    continue
                c.governor = d
                if d.trig.entry.type == "threaten":
                    c.drop = True  # the content of a threat has not happened
                    d.variant = "military" if c.trig.entry.type == "armed_conflict" else d.variant
                    if c.source and not _genitive(doc, d.trig.ti, [a for a in doc.actors if a.is_state]):
                        # تهديدات بشن هجوم إسرائيلي على …: the threat is the attacker's
                        d.source = list(c.source)
                        d.target = [t for t in (c.target or d.target) if t not in d.source]
                elif d.trig.entry.type == "accuse":
                    # اتهمت إيران … باستخدام الأراضي: the accusation's content; «متورطون في صفقات» in
                    # the outlet's own voice (no accuser) states it
                    c.alleged = c.alleged or d.trig.entry.frame != "speaker" or bool(d.source)
                else:
                    if not c.source and d.source:
                        c.source = [s for s in d.source if s not in c.target]
                    if not d.target and c.target:
                        d.target = [t for t in c.target if t not in d.source]
            break


def _dates(doc: _Doc, drafts: list[_Draft], cues: CueMap) -> list[_Draft]:
    """Give each event the time expression of its clause; see the module docstring."""
    ctx = doc.ctx
    if doc.timexes and drafts:
        lex = doc.lex
        trig_pos = {d.trig.ti for d in drafts}
        speech = {
            c.ti: c.kind for c in cues.cues if c.kind in ("report", "announce") and _is_cue_verb(doc, c.ti)
        }
        # time expressions by sentence, as token ranges
        spans: dict[int, list[tuple[int, int, Timex]]] = {}
        for tx in doc.timexes:
            if tx.value.startswith("P"):
                continue
            ta, tb = doc.token_range(tx.start, tx.end)
            if ta < len(doc.tokens):
                spans.setdefault(doc.sent_of[ta], []).append((ta, tb, tx))
        # a time expression next to a verb of saying dates the saying, not the events it reports
        owned: dict[int, int] = {}
        for sid, lst in spans.items():
            for ta, tb, _tx in lst:
                for c in speech:
                    if doc.sent_of[c] != sid:
                        continue
                    if 0 < c - tb + 1 <= 3:
                        owned[ta] = c  # في ديسمبر، أعلنت … / في ذلك الوقت، قال …
                    elif 0 < ta - c <= 5 and any(
                        lex.is_word("comp", doc.key(k)) for k in range(tb, min(tb + 2, len(doc.tokens)))
                    ):
                        owned[ta] = c  # قال علييف في ذلك الوقت أن …
        # triggers that compete for a time expression: not event nouns in an adjunct (خلال صراعها)
        adjunct = {p for p in trig_pos if _is_adjunct(doc, p)}
        competitors = trig_pos - adjunct

        def cost(p: int, ta: int, tb: int) -> int | None:
            lo, hi = (p + 1, ta) if p < ta else (tb, p)
            dist = hi - lo + 1
            if dist > _DATE_REACH:
                return None
            between = range(lo, hi)
            if any(doc.tokens[k].text in _STRONG_PUNCT for k in between):
                return None
            commas = sum(1 for k in between if doc.tokens[k].text in CLAUSE_PUNCT)
            if ta < p and commas and not _clause_initial(doc, ta):
                return None  # … عام 1992، وافتتحت …: the date closes the clause before
            return dist + 3 * commas

        for d in drafts:
            ti = d.trig.ti
            sid = doc.sent_of[ti]
            best = None
            best_cost = None
            for ta, tb, tx in spans.get(sid, []):
                if ta in owned:
                    continue
                c = cost(ti, ta, tb)
                if c is None:
                    continue
                lo, hi = (ti + 1, ta) if ti < ta else (tb, ti)
                inner = {k + 1 for k in d.trig.class_hits if k > ti}  # توقيع عقود شراء …
                if any(k in competitors and k != ti and k not in inner for k in range(lo, hi)):
                    continue
                # another trigger closer to this date takes it
                if (
                    any(
                        (oc := cost(p, ta, tb)) is not None and oc < c
                        for p in competitors
                        if p != ti and doc.sent_of[p] == sid
                    )
                    and ti not in adjunct
                ):
                    continue
                if best_cost is None or c < best_cost:
                    best, best_cost = (ta, tb, tx), c
            if best is not None:
                ta, tb, tx = best
                d.date, d.date_text, d.date_ti = tx.value, tx.text, ta
                # coordinated dates after it (عامي 1997 و2016): one event each
                last_end = tb
                for ta2, tb2, tx2 in sorted(spans.get(sid, [])):
                    if ta2 < last_end:
                        continue
                    gap = [doc.tokens[k].text for k in range(last_end, ta2)]
                    if gap and len(gap) <= 2 and all(g in ("و", "،", ",") for g in gap):
                        d.more_dates.append((tx2.value, tx2.text, ta2))
                        last_end = tb2
                    elif ta2 >= last_end:
                        break
        # what an announcement verb's date says holds for the event it announces (the first after it)
        for ta, c in owned.items():
            if not lex.cue_kinds(doc.key(c)) & {"announce"}:
                continue
            tx = next(t for a_, _b, t in spans[doc.sent_of[ta]] if a_ == ta)
            after = sorted(p for p in trig_pos if p > c and doc.sent_of[p] == doc.sent_of[c])
            if not after:
                continue
            first = after[0]
            for d in drafts:
                if d.date is None and d.trig.ti == first:
                    d.date, d.date_text = tx.value, tx.text
        # عندما/حين: the clause and the main clause share their time (… عام 1998، عندما قام …;
        # اعترفت بأذربيجان عندما أعلنت استقلالها عام 1991)
        for d in drafts:
            if d.date is not None:
                continue
            ti = d.trig.ti
            sid = doc.sent_of[ti]
            s0, s1 = doc.sent_bounds[sid]
            whens = [k for k in range(s0, s1) if lex.is_word("when", doc.key(k))]
            for w in whens:
                if w + 1 < s1 and w + 1 in speech:
                    continue  # حيث قال …: a report, whose content has its own time
                if w < ti and ti - w <= 10:
                    prior = [(ta, tx) for ta, _tb, tx in spans.get(sid, []) if ta < w]
                    if prior:
                        d.date, d.date_text = prior[-1][1].value, prior[-1][1].text
                        break
                elif w > ti and w - ti <= 6:
                    after = [(ta, tx) for ta, _tb, tx in spans.get(sid, []) if w < ta <= w + 12]
                    if after:
                        d.date, d.date_text = after[0][1].value, after[0][1].text
                        break
    # a trigger inside another's object (اتفاقية تجارة حرة، توقيع عقود شراء الأسلحة) shares its date
    for d in drafts:
        if d.date is not None or not d.trig.class_hits:
            continue
        for o in drafts:
            if (
                o is not d
                and o.date is not None
                and o.trig.ti - 1 in d.trig.class_hits
                and o.trig.ti > d.trig.ti
            ):
                d.date, d.date_text = o.date, o.date_text
                break
    # a complement and its governor (قرار بفتح سفارة، نيته زيارة) share their date
    for d in drafts:
        g = d.governor
        if g is None:
            continue
        if d.date is None and g.date is not None:
            d.date, d.date_text = g.date, g.date_text
        elif g.date is None and d.date is not None:
            g.date, g.date_text = d.date, d.date_text
    if ctx.published and ctx.title_span:
        # a headline in the present tense reports the day's news
        for d in drafts:
            tok = doc.tokens[d.trig.ti]
            in_title = ctx.title_span[0] <= tok.start < ctx.title_span[1]
            if d.date is None and d.trig.is_verb and in_title and tok.key[len(d.trig.prefix) :][:1] in "يتن":
                d.date = ctx.published
    out: list[_Draft] = []
    for d in drafts:
        out.append(d)
        for value, text, ta in d.more_dates:
            out.append(
                _Draft(
                    d.trig,
                    d.source,
                    d.target,
                    d.participants,
                    d.location,
                    d.variant,
                    value,
                    text,
                    ta,
                    d.governor,
                )
            )
    return out


def _is_adjunct(doc: _Doc, ti: int) -> bool:
    """An event noun after خلال/بعد/منذ… (a time or cause adjunct of another event)."""
    s0 = doc.sent_bounds[doc.sent_of[ti]][0]
    return any(k >= s0 and doc.lex.is_word("adjunct", doc.key(k)) for k in (ti - 1, ti - 2))


def _clause_initial(doc: _Doc, ta: int) -> bool:
    """Does the time expression starting at token ``ta`` open its clause (في أكتوبر، قام …)?"""
    s0 = doc.sent_bounds[doc.sent_of[ta]][0]
    k = ta - 1
    while (
        k >= s0 and k >= ta - 2 and (doc.lex.is_word("prep", doc.key(k)) or doc.key(k) in ("و", "عام", "سنه"))
    ):
        k -= 1
    return k < s0 or doc.tokens[k].text in CLAUSE_PUNCT


def _is_cue_verb(doc: _Doc, ti: int) -> bool:
    key = doc.key(ti)
    return any(stem in doc.lex.cue_verbs for _p, stem in clitic_splits(key))


def _finish(doc: _Doc, d: _Draft, cues: CueMap) -> Event | None:
    lex = doc.lex
    trig = d.trig
    past = trig.is_verb and doc.key(trig.ti)[len(trig.prefix) :] in lex.past_forms
    a = cues.assess(
        trig.ti,
        is_verb=trig.is_verb,
        prefix=trig.prefix,
        is_intent=(d.etype or trig.entry.type) in _INTENT_TYPES,
        past=past,
    )
    if a.hypothetical:
        return None
    status = a.status
    certainty = a.certainty
    if (
        status == "occurred"
        and trig.is_verb
        and not past
        and d.date_text
        and any("upcoming" in lex.cue_kinds(w) for w in fold(d.date_text).split())
    ):
        status = "planned"  # يزور الرئيس مصر الأسبوع المقبل، يلتقي نظيره اليوم: ahead of the writing
    if d.alleged and status == "occurred":
        status, certainty = "alleged", "hedged"
    elif d.governor is not None and d.governor.trig.entry.type != "accuse" and status in ("occurred", "announced"):
        status = "announced" if d.governor.trig.entry.lemma in ("قرار", "قرر") else "planned"
    sent = doc.sentences[doc.sent_of[trig.ti]]
    tok = doc.tokens[trig.ti]
    row = lex.mapping_for(d.etype or trig.entry.type, d.variant)
    plover = None
    cameo = None
    if row is not None:
        context = list(row.context)
        if status == "planned":
            context.append("future")
        if a.negated:
            context.append("negation")
        plover = {"event_type": row.event_type, "mode": row.mode, "context": context}
        cameo = row.cameo
    ident = hashlib.sha256(
        f"{doc.ctx.id}:{tok.start}:{d.etype or trig.entry.type}:{d.date}:{','.join(d.source)}>{','.join(d.target)}".encode()
    ).hexdigest()[:12]
    ev = Event(
        id="e-" + ident,
        type=d.etype or trig.entry.type,
        status=status,  # type: ignore[arg-type]
        source=list(d.source),
        target=list(d.target),
        start=sent.start,
        end=sent.end,
        text=sent.text,
        participants=list(d.participants),
        location=list(d.location),
        date=d.date,
        date_text=d.date_text,
        attribution=a.attribution,
        certainty=certainty,  # type: ignore[arg-type]
        trigger=(tok.start, tok.end),
        negated=a.negated,
        plover=plover,
        cameo=cameo,
    )
    return ev


def _back_reference(doc: _Doc, ti: int) -> bool:
    """Does the clause of ``ti`` open with وهو ما / وهي ما (…، وهو ما يمثل 17٪ من صادرات الأسلحة),
    i.e. speak again of what the clause before said?"""
    k = _clause_start(doc, ti)
    keys = [doc.key(j) for j in range(k, min(k + 2, len(doc.tokens)))]
    return len(keys) == 2 and keys[0] in ("وهو", "وهي", "هو", "هي") and keys[1] == "ما"


def _orient_undirected(doc: _Doc, events: list[Event], frames: dict[str, str]) -> None:
    """A directed type read from a word that gives no direction (تجارة النفط بين البلدين) takes
    the direction the document states elsewhere for the same pair (الغاز الأذربيجاني إلى إسرائيل)."""
    lex = doc.lex
    undirected = [
        e
        for e in events
        if not lex.symmetric(e.type) and e.source and e.target and frames.get(e.id) == "symmetric"
    ]
    if not undirected:
        return
    votes: dict[tuple[str, frozenset[str]], dict[str, int]] = {}
    for e in events:
        if e in undirected or not e.source or not e.target or lex.symmetric(e.type):
            continue
        pair = frozenset(e.source + e.target)
        for st in e.source:
            v = votes.setdefault((e.type, pair), {})
            v[st] = v.get(st, 0) + 1
    for e in undirected:
        v = votes.get((e.type, frozenset(e.source + e.target)))
        if not v:
            continue
        supplier = max(v, key=lambda st: v[st])
        if supplier in e.target and v[supplier] > sum(n for st, n in v.items() if st != supplier):
            both = e.source + e.target
            e.source = [supplier]
            e.target = [st for st in both if st != supplier]


def _compatible(a: list[str], b: list[str]) -> bool:
    return not a or not b or set(a) <= set(b) or set(b) <= set(a)


def _merge_same_sentence(doc: _Doc, events: list[Event]) -> list[Event]:
    """One event per sentence, type, actors and date: repeated triggers of one act merge."""
    lex = doc.lex
    out: list[Event] = []
    for ev in events:
        merged = False
        for prev in out:
            if prev.type != ev.type or prev.start != ev.start:
                continue
            if ev.date != prev.date:
                # one undated mention merges with a dated one only inside one clause
                if ev.date and prev.date:
                    continue
                ta, _ = doc.token_range(*prev.trigger)  # type: ignore[misc]
                tb, _ = doc.token_range(*ev.trigger)  # type: ignore[misc]
                if any(doc.tokens[k].text in CLAUSE_PUNCT for k in range(min(ta, tb), max(ta, tb))) and not (
                    _back_reference(doc, max(ta, tb))
                ):
                    continue
            if prev.negated != ev.negated:
                continue
            pairs = [(ev.source, ev.target)]
            if lex.symmetric(ev.type):
                pairs.append((ev.target, ev.source))
            if not any(_compatible(prev.source, s) and _compatible(prev.target, t) for s, t in pairs):
                continue
            if set(ev.source) | set(ev.target) and not (set(prev.source) | set(prev.target)) & (
                set(ev.source) | set(ev.target)
            ):
                continue
            # keep the fuller record
            if len(ev.source) + len(ev.target) > len(prev.source) + len(prev.target):
                prev.source, prev.target = ev.source, ev.target
            prev.date = prev.date or ev.date
            prev.date_text = prev.date_text or ev.date_text
            prev.participants = _uniq(prev.participants + ev.participants)
            prev.location = _uniq(prev.location + ev.location)
            merged = True
            break
        if not merged:
            out.append(ev)
    return out


# --- numbers --------------------------------------------------------------------------------------

_MEASURE_TYPES = {
    "weapons": "arms_transfer",
    "energy": "energy_trade",
}


def _measure_states(doc: _Doc, q: Quantity) -> list[str]:
    """States named in the quantity's measured phrase (من الحدود الإيرانية → Iran)."""
    if q.measure_span is None:
        return []
    a, b = q.measure_span
    return _uniq([x.state or x.place_of for x in doc.actors if a <= x.mention.start and x.mention.end <= b])


def _link_quantities(doc: _Doc, events: list[Event], quantities: list[Quantity]) -> None:
    """Each quantity measures the event of its sentence that its measured phrase names."""
    if not quantities or not events:
        return
    lex = doc.lex
    by_sentence: dict[int, list[Event]] = {}
    for ev in events:
        if ev.trigger is None:
            continue
        a, _b = doc.token_range(*ev.trigger)
        by_sentence.setdefault(doc.sent_of[a], []).append(ev)
    for q in quantities:
        qa, qb = doc.token_range(q.start, q.end)
        if qa >= len(doc.tokens):
            continue
        cands = by_sentence.get(doc.sent_of[qa])
        if not cands:
            continue
        wanted: set[str] = set()
        span = q.measure_span or (q.end, min(len(doc.ctx.text), q.end + 60))
        ma, mb = doc.token_range(*span)
        for k in range(ma, min(mb + 1, len(doc.tokens))):
            for cls in lex.classes_of(doc.key(k)):
                if cls in _MEASURE_TYPES:
                    wanted.add(_MEASURE_TYPES[cls])
        pool = [e for e in cands if e.type in wanted] or [
            e for e in cands if e.type in lex.measurable(q.unit)
        ]
        if not pool:
            continue  # nothing here that this number measures (a distance, tourists …)

        best = min(pool, key=lambda e, qa=qa: abs(doc.token_range(*e.trigger)[0] - qa))  # type: ignore[misc]
        if q.id not in best.quantities:
            best.quantities.append(q.id)
        # the states involved: the event's sides, then the states its measured phrase names
        # (24 كيلومترا من الحدود الإيرانية keeps Iran besides Israel and Turkmenistan)
        q.entities = _uniq(best.source + best.target + _measure_states(doc, q))
