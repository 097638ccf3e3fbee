"""Who says so, and how sure: status, certainty and attribution cues around an event or a number.

The cue lists are data (``marsad/data/events/cues.tsv``). For a position in a document,
:meth:`CueMap.assess` looks at the cues of its sentence (and at a quotation that an
attribution opened in an earlier sentence of the same paragraph) and answers:

* ``negated`` — a negation particle (لم، لا، لن، عدم…) or a refusal (رفض) governs it; an
  exceptive after the negation (لم يفتتح … إلا في يوليو) cancels it: the thing happened;
* ``status`` — ``denied`` (negated, or a denial: نفى), ``alleged`` (unnamed or uncertain
  sources: أشارت تقارير، يعتقد، على الأرجح، المزعوم), ``planned`` (من المقرر، سوف، the
  future prefix س), ``announced`` (أعلن، وافق، قرار before an event noun), else ``occurred``;
* ``certainty`` — ``denied`` (a denial cue), ``hedged`` (hedge cues), ``reported`` (a named
  source: وفقاً ل، بحسب، قال، ويرى، أكدت صحيفة…), else ``asserted`` (the outlet's own voice);
* ``attribution`` — the entity id of the named source (person, organisation or state), or
  ``"outlet"`` when the outlet asserts it, or None when the source is unnamed;
* ``hypothetical`` — a conditional (في حال، إذا، لو) opens its clause: no event.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from marsad.entities.features import future_form, plain_verb, verb_form
from marsad.events.lexicon import Lexicon
from marsad.model import Mention, Quantity
from marsad.text import Token, clitic_splits

__all__ = ["Assessment", "CueMap", "attribute_quantities"]

QUOTES = frozenset('"“”«»')
CLAUSE_PUNCT = frozenset("،,؛;:()")


_SOURCE_TYPES = ("PERSON", "ORG")


@dataclass(frozen=True)
class Assessment:
    status: str = "occurred"
    certainty: str = "asserted"
    attribution: str | None = "outlet"
    negated: bool = False
    hypothetical: bool = False


@dataclass
class _Cue:
    ti: int  # token index of the cue (first word of a phrase)
    tj: int  # token index after the cue
    kind: str


class CueMap:
    """The cues of one document, indexed by token, and the attribution scopes they open."""

    def __init__(
        self,
        text: str,
        tokens: list[Token],
        sent_of: list[int],
        sent_bounds: list[tuple[int, int]],
        mentions_at: dict[int, Mention],
        lex: Lexicon,
        pronoun_state=None,
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.sent_of = sent_of
        self.sent_bounds = sent_bounds
        self.mentions_at = mentions_at  # token index → mention starting or covering it
        self.lex = lex
        self.pronoun_state = pronoun_state
        self.cues: list[_Cue] = []
        self.by_sentence: dict[int, list[_Cue]] = {}
        self.sources: dict[int, str | None] = {}  # cue ti → attribution entity id
        self.source_tokens: set[int] = set()  # tokens of mentions that are attribution sources
        self.quote_scopes: list[tuple[int, int, str | None]] = []  # (first ti, last ti, source)
        self._find_cues()
        self._find_sources_and_quotes()

    # -- construction --

    def _find_cues(self) -> None:
        toks = self.tokens
        lex = self.lex
        for i, tok in enumerate(toks):
            key = tok.key
            phrases = lex.cue_phrases.get(key) or next(
                (lex.cue_phrases[s] for _p, s in _splits(key) if s in lex.cue_phrases), None
            )
            if phrases:
                for kind, words in phrases:
                    n = len(words)
                    if (
                        i + n <= len(toks)
                        and all(_eq_word(toks[i + k].key, words[k]) for k in range(1, n))
                        and self.sent_of[i + n - 1] == self.sent_of[i]
                    ):
                        self._add(_Cue(i, i + n, kind))
            for kind in lex.cue_kinds(key):
                if kind in ("negate", "except", "hypo", "plan", "adverbial") and not _bare_or_conj(
                    key, lex, kind
                ):
                    continue
                self._add(_Cue(i, i + 1, kind))

    def _add(self, cue: _Cue) -> None:
        toks = self.tokens
        if (
            cue.kind == "deny"
            and cue.ti >= 2
            and toks[cue.ti - 1].key in ("او", "ولا")
            and toks[cue.ti - 2].key.endswith("تاكيد")
        ):
            cue = _Cue(cue.ti, cue.tj, "hedge")  # (رفضت) تأكيد أو نفي …: neither confirmed nor denied
        self.cues.append(cue)
        self.by_sentence.setdefault(self.sent_of[cue.ti], []).append(cue)

    def _find_sources_and_quotes(self) -> None:
        for cue in self.cues:
            if cue.kind not in ("report", "adverbial", "deny"):
                continue
            src = self._source_after(cue)
            self.sources[cue.ti] = src
            # A quotation opened after the cue in its sentence and not closed there.
            s0, s1 = self.sent_bounds[self.sent_of[cue.ti]]
            q = next((k for k in range(cue.tj, min(s1, cue.tj + 12)) if self.tokens[k].text in QUOTES), None)
            if q is None:
                continue
            close = next((k for k in range(q + 1, s1) if self.tokens[k].text in QUOTES), None)
            if close is not None:
                continue
            end = self._quote_end(q)
            if end > s1 - 1:
                self.quote_scopes.append((q, end, src))

    def _quote_end(self, q: int) -> int:
        """Token index of the closing quote after ``q``, or of the paragraph's last token."""
        toks = self.tokens
        para_end = self.text.find("\n", toks[q].end)
        if para_end < 0:
            para_end = len(self.text)
        k = q + 1
        while k < len(toks) and toks[k].start < para_end:
            if toks[k].text in QUOTES:
                return k
            k += 1
        return k - 1

    def _source_after(self, cue: _Cue) -> str | None:
        """The person/organisation (else state) named just after a cue, or just before a verb cue."""
        s0, s1 = self.sent_bounds[self.sent_of[cue.ti]]
        if cue.ti > s0 and self.tokens[cue.ti - 1].key in ("في", "خلال", "عبر") and cue.kind == "report":
            # قالت البحرين في بيان استدعاء سفيرها من طهران: the statement is the verb's, its source
            # the verb's subject, not the state named after it
            return None
        best: Mention | None = None
        fallback: Mention | None = None
        # a noun cue (بيان، تصريحات) names its source in the genitive right after it; further on
        # (التصريحات تعكس الموقف العدائي لإيران) the words are what was said
        noun = not any(stem in self.lex.cue_verbs for _p, stem in clitic_splits(self.tokens[cue.ti].key))
        for k in range(cue.tj, min(s1, cue.tj + (3 if noun else 7))):
            m = self.mentions_at.get(k)
            if m is None:
                if self.lex.is_word("comp", self.tokens[k].key) or self.tokens[k].key in ("الي", "عن"):
                    break  # the reported clause begins: what follows is its content, not its source
                if noun and plain_verb(self.tokens[k].key):
                    break
                continue
            if m.type in _SOURCE_TYPES:
                best = m
                break
            if m.type == "COUNTRY" and fallback is None:
                fallback = m
        if best is None and fallback is None and cue.kind == "report":
            for k in range(cue.ti - 1, max(s0, cue.ti - 4) - 1, -1):
                m = self.mentions_at.get(k)
                if m is not None and m.type in _SOURCE_TYPES + ("COUNTRY",):
                    best = m
                    break
        if best is None and fallback is None and self.pronoun_state is not None:
            for k in range(cue.tj, min(s1, cue.tj + 3)):
                if self.lex.is_word("pronoun", self.tokens[k].key):
                    st = self.pronoun_state(k)
                    if st:
                        return st
        chosen = best or fallback
        if chosen is None:
            return None
        if chosen.type == "ORG":
            # an institute or a newspaper quoted as the source is not a party to the event
            for k in range(max(s0, cue.ti - 4), min(s1, cue.tj + 8)):
                if self.mentions_at.get(k) is chosen:
                    self.source_tokens.add(k)
        return chosen.entity

    # -- queries --

    def _future_verb_after(self, ti: int, clause1: int) -> bool:
        """Is the event noun the subject of a future verb later in its clause (الزيارة ستبحث،
        الاجتماع … سيركز)? The first verb after it decides."""
        toks = self.tokens
        for k in range(ti + 1, min(clause1, ti + 14)):
            key = toks[k].key
            core = key[1:] if key[:1] in "وف" and key[1:2] == "س" else key
            if core[:1] == "س" and core[1:2] in "يتن" and len(core) >= 5 and future_form(core):
                # … كلمة سيلقيها: a verb with an object pronoun is a relative clause of the noun
                # before it, not the event's own predicate
                return not (core.endswith(("ها", "هم")) and len(core) >= 7)
            if plain_verb(key) or verb_form(key):
                return False
        return False

    def _plan_phrase(self, k: int) -> bool:
        """A plan word with the article plans only in its phrase (من المقرر، من المخطط أن): المخطط
        الإيراني alone is "the Iranian scheme", المتوقع an adjective."""
        toks = self.tokens
        key = toks[k].key
        if key[:1] in "وف" and key[1:3] == "ال":
            key = key[1:]
        if not key.startswith("ال"):
            return True
        return (k > 0 and toks[k - 1].key in ("من", "ومن")) or (k + 1 < len(toks) and toks[k + 1].key in ("ان", "انه"))

    def _object_after_comma(self, cue_end: int, clause0: int, ti: int) -> bool:
        """Is the trigger's clause the object of a cue in the clause just before it: one comma
        between them and no verb before the trigger (نفى المندوب …، إجراء أي مسؤول زيارة)?"""
        toks = self.tokens
        if clause0 < 1 or toks[clause0 - 1].text not in ("،", ","):
            return False
        if any(toks[k].text in CLAUSE_PUNCT for k in range(cue_end, clause0 - 1)):
            return False
        if any(toks[k].key in ("رغم", "ورغم", "برغم", "بالرغم") for k in range(max(0, cue_end - 3), cue_end)):
            return False  # ورغم نفي باكو، فقد اتهمت …: a concession, the main clause stands
        return not any(
            plain_verb(toks[k].key) or any(v for _p, _e, v in self.lex.trigger_readings(toks[k].key))
            for k in range(clause0, ti + 1)
        )

    def assess(
        self, ti: int, is_verb: bool = False, prefix: str = "", is_intent: bool = False, past: bool = False
    ) -> Assessment:
        """Status, certainty and attribution of an event (or number) whose trigger is token ``ti``."""
        sid = self.sent_of[ti]
        s0, s1 = self.sent_bounds[sid]
        cues = self.by_sentence.get(sid, [])
        toks = self.tokens
        clause0 = ti
        while clause0 > s0 and toks[clause0 - 1].text not in CLAUSE_PUNCT:
            clause0 -= 1

        negated = False
        denied = False
        hedged = False
        planned = "س" in prefix and is_verb
        announced = False
        hypothetical = False
        report: str | None = None
        reported = False
        denier: str | None = None
        clause1 = _clause_end(toks, ti, s1)
        for cue in cues:
            before = cue.tj <= ti
            dist = ti - cue.tj
            kind = cue.kind
            if kind in ("negate", "refuse") and before:
                # لم تعترف، لن تعترف، لم قد… ; رفضت الاعتراف
                reach = 3 if kind == "refuse" else 1
                negated = negated or dist <= reach or (dist == 2 and toks[ti - 1].key == "قد")
            elif kind == "deny" and before and (
                (dist <= 8 and cue.ti >= clause0)
                or (dist <= 14 and not is_verb and self._object_after_comma(cue.tj, clause0, ti))
            ):
                # the denied claim is the object of the denial, in its clause (ورغم نفيه مزاعم وجود
                # قواعد …), or after its subject set off by a comma (ونفى المندوب الدائم للمملكة،
                # إجراء أي مسؤول زيارة …); لا تنفي is no denial
                if not any(c.kind == "negate" and c.tj == cue.ti for c in cues):
                    denied = True
                    denier = self.sources.get(cue.ti) or denier
            elif kind == "hedge":
                hedged = hedged or (before and cue.ti >= clause0)
            elif kind == "hedgeclause":
                hedged = hedged or clause0 <= cue.ti <= clause1
            elif kind == "hedgepost":
                hedged = hedged or 0 < cue.ti - ti <= 2
            elif kind == "plan":
                planned = planned or (before and not past and self._plan_phrase(cue.ti))
            elif kind == "planpost":
                planned = planned or (not is_verb and not past and 0 < cue.ti - ti <= 6 and cue.ti <= clause1)
            elif kind == "announce":
                announced = announced or (before and dist <= 6 and not is_verb and not is_intent)
            elif kind == "hypo":
                hypothetical = hypothetical or (before and cue.ti >= clause0 - 1)
            elif (kind == "report" and before) or kind == "adverbial":
                reported = True
                if self.sources.get(cue.ti):
                    report = self.sources[cue.ti]
        if not is_verb and not past and self._future_verb_after(ti, clause1):
            planned = True  # زيارة الوزير إلى بغداد ستبحث …، مباحثات الجبير مع لافروف ستتضمن …
        if negated and any(c.kind == "except" and c.ti > ti for c in cues):
            negated = False
        if not reported:
            for q0, q1, src in self.quote_scopes:
                if q0 < ti <= q1:
                    reported = True
                    report = src
                    break

        if negated or denied:
            status = "denied"
        elif hedged:
            status = "alleged"
        elif planned:
            status = "planned"
        elif announced:
            status = "announced"
        else:
            status = "occurred"
        if denied:
            certainty = "denied"
        elif hedged:
            certainty = "hedged"
        elif reported:
            certainty = "reported"
        else:
            certainty = "asserted"
        if denied and denier:
            attribution = denier  # نفت الجزائر …: the one who denies
        elif reported:
            attribution = report
        elif hedged:
            attribution = None
        else:
            attribution = "outlet"
        return Assessment(status, certainty, attribution, negated, hypothetical)


def _clause_end(toks: list[Token], ti: int, s1: int) -> int:
    """Index of the last token of the comma-clause of ``ti``."""
    k = ti
    while k + 1 < s1 and toks[k + 1].text not in CLAUSE_PUNCT:
        k += 1
    return k


def attribute_quantities(quantities: list[Quantity], tokens: list[Token], cues: CueMap) -> None:
    """Fill ``attribution`` and ``certainty`` of each quantity from the cues of its sentence."""
    starts = [t.start for t in tokens]
    for q in quantities:
        ti = bisect.bisect_right(starts, q.start) - 1
        if ti < 0 or ti >= len(tokens):
            continue
        a = cues.assess(ti)
        q.certainty = a.certainty  # type: ignore[assignment]
        q.attribution = a.attribution


def _splits(key: str):
    from marsad.text import clitic_splits

    return clitic_splits(key)


def _eq_word(key: str, word: str) -> bool:
    return key == word or any(stem == word for _p, stem in _splits(key)[1:])


def _bare_or_conj(key: str, lex: Lexicon, kind: str) -> bool:
    """Function-word cues count bare or after و/ف only (لم، ولم; not a clitic reading like بلا)."""
    return any(prefix in ("", "و", "ف") and kind in lex.cues.get(stem, ()) for prefix, stem in _splits(key))
