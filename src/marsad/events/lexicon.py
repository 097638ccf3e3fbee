"""The event stage's data: trigger lexicon, word classes, cues, function words, CAMEO/PLOVER map.

Everything is read once from ``marsad/data/events/*.tsv`` and turned into look-up tables
over folded keys (:func:`marsad.text.fold`). Word forms are generated here from the stems
in the data files by the inflection rules of Arabic verbs and nouns, so that ``افتتح``,
``افتتحت``, ``افتُتحت``, ``يفتتح``, ``افتتاح``, ``افتتاحها`` all come from one row; the
proclitics (``و``, ``ف``, ``ب``, ``ل``, ``ال``, ``س`` …) are stripped at match time with
:func:`marsad.text.clitic_splits`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from marsad.data_files import data_rows
from marsad.text import clitic_splits, fold

__all__ = [
    "TriggerEntry",
    "MappingRow",
    "Lexicon",
    "lexicon",
    "verb_forms",
    "noun_forms",
    "adj_forms",
]


# --- inflection -------------------------------------------------------------------------------

# Subject suffixes of the past tense (he, she, they m., they dual, they f., we, you…).
_PAST_SUBJ = ("", "ت", "وا", "ا", "تا", "ن", "نا", "تم", "تما", "تن")
# Person prefixes and suffixes of the present tense (indicative, subjunctive/jussive).
_PRES_PREF = ("ي", "ت", "ن")  # not the 1st person singular ا: أصل، أرحب are other words
_PRES_SUFF = ("", "ون", "ان", "ين", "ن", "وا", "ا", "و")
# Object / possessive pronoun suffixes (folded: taa marbuta and hamza seats already folded).
_PRON = ("", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "ني", "نا")
# (no 1st person singular ـي: اجتماعي is "social" far more often than "my meeting")
_NOUN_PRON = ("", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا")


def verb_forms(past: tuple[str, ...], present: tuple[str, ...], objects: bool = True) -> dict[str, bool]:
    """Folded surface forms of a verb from its past and present stems (no proclitics).

    Maps each form to True when it carries an object pronoun suffix (باعتها، تزويدها).
    """
    out: dict[str, bool] = {}
    prons = _PRON if objects else ("",)

    def add(form: str, pron: bool) -> None:
        if len(form) >= 2:
            out[form] = out.get(form, True) and pron

    for stem in past:
        for subj in _PAST_SUBJ:
            for obj in prons:
                if obj and subj == "وا":
                    add(stem + "و" + obj, True)  # باعوها
                elif obj and subj == "تم":
                    add(stem + "تمو" + obj, True)
                else:
                    add(stem + subj + obj, bool(obj))
    for stem in present:
        for pre in _PRES_PREF:
            for suf in _PRES_SUFF:
                for obj in prons:
                    if obj and suf == "وا":
                        add(pre + stem + "و" + obj, True)
                    else:
                        add(pre + stem + suf + obj, bool(obj))
    return out


def noun_forms(stem: str) -> dict[str, bool]:
    """Folded forms of a noun: taa marbuta, sound plurals, duals, accusative alef, possessives.

    Maps each form to True when it carries a possessive pronoun suffix (زيارته، حربها).
    """
    out: dict[str, bool] = {}

    def add(form: str, pron: bool) -> None:
        if len(form) >= 2:
            out[form] = out.get(form, True) and pron

    if stem.endswith("ه"):  # folded taa marbuta
        base = stem[:-1]
        add(stem, False)
        add(base + "ت", False)
        for tail in ("ات", "تان", "تين", "تا", "تي"):
            add(base + tail, False)
        add(base + "اتا", False)
        for pron in _NOUN_PRON[1:]:
            for mid in ("ت", "ات", "تا", "تي"):
                add(base + mid + pron, True)
    else:
        # the construct plural ending ـي/ـو only for participles (موردي الأسلحة): on other nouns
        # it would read nisba adjectives (اجتماعي، الاجتماعية) as the noun
        construct = ("ي", "و") if stem.startswith("م") else ()
        for tail in ("", "ا", "ات", "ان", "ين", "ون", *construct):
            add(stem + tail, False)
        for pron in _NOUN_PRON[1:]:
            for mid in ("", "ات", "ا"):
                add(stem + mid + pron, True)
    return out


def adj_forms(stem: str) -> set[str]:
    """Folded forms of a nisba adjective (عسكري → عسكريه، عسكريين، عسكريا، عسكريات…)."""
    out = {stem}
    base = stem[:-1] if stem.endswith("ي") else stem
    for tail in ("ي", "يه", "ين", "يون", "يا", "يات", "ييه", "يتين", "يتان", "يان"):
        out.add(base + tail)
    return out


# --- data -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TriggerEntry:
    type: str
    pos: str  # v | n | p
    lemma: str  # first stem as written in the data file (for debugging and tests)
    requires: tuple[
        tuple[str, str], ...
    ]  # alternatives: ("class", NAME) | ("actor", "") | ("comp", "") | ("target", "")
    frame: str  # agent | recipient | symmetric | mission | speaker
    preps: frozenset[str]  # folded markers; "direct" = no preposition; "*" = any
    excl: frozenset[str] = frozenset()
    block: frozenset[str] = frozenset()
    window: int = 6
    order: int = 0
    need: frozenset[str] = frozenset()  # arguments that must be found: source, target
    nocomplete: bool = False  # the other side is never guessed from the sentence
    genobj: bool = False  # a bare state name after the noun is its object (دعم إيران), not its agent
    indefinite: bool = False  # never with the article (المعارضة names a group)
    nopron: bool = False  # never with an object pronoun (توجهها إليها "directed it at her" is no trip)


@dataclass(frozen=True)
class MappingRow:
    type: str
    variant: str
    cameo: str
    event_type: str
    mode: str | None
    context: tuple[str, ...]
    symmetric: bool
    one_sided: bool = False


@dataclass
class Lexicon:
    # folded form → [(entry, is_verb_form)]
    triggers: dict[str, list[tuple[TriggerEntry, bool]]] = field(default_factory=dict)
    # folded trigger forms that carry a pronoun suffix (object of a verb, possessor of a noun)
    pronominal: set[str] = field(default_factory=set)
    # folded form → set of class names
    classes: dict[str, set[str]] = field(default_factory=dict)
    class_roles: dict[str, str] = field(default_factory=dict)
    # folded form → set of cue kinds
    cues: dict[str, set[str]] = field(default_factory=dict)
    # cue phrases: first folded word → [(kind, tuple of folded words)]
    cue_phrases: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)
    particles: dict[str, frozenset[str]] = field(default_factory=dict)
    cue_verbs: set[str] = field(default_factory=set)  # forms of the verbs among the cues
    past_forms: set[str] = field(default_factory=set)  # trigger forms of past-tense verbs
    mapping: dict[tuple[str, str], MappingRow] = field(default_factory=dict)
    measures: dict[str, frozenset[str]] = field(default_factory=dict)  # quantity unit → event types

    # -- look-ups over folded token keys, with proclitics --

    def trigger_readings(self, key: str) -> list[tuple[str, TriggerEntry, bool]]:
        """(proclitics, entry, is_verb_form) for every reading of ``key`` the lexicon knows."""
        out: list[tuple[str, TriggerEntry, bool]] = []
        for prefix, stem in clitic_splits(key):
            hits = self.triggers.get(stem)
            if not hits:
                continue
            for entry, is_verb in hits:
                if is_verb and not _verb_prefix_ok(prefix):
                    continue
                if is_verb and "س" in prefix and stem in self.past_forms:
                    continue  # the future prefix goes with the present tense (سنوي is "annual")
                if not is_verb and "س" in prefix:
                    continue
                if entry.indefinite and prefix.endswith(("ال", "لل")):
                    continue  # المعارضة is "the opposition", معارضة طهران is Tehran's opposing
                out.append((prefix, entry, is_verb))
        return out

    def classes_of(self, key: str) -> set[str]:
        found: set[str] = set()
        for _prefix, stem in clitic_splits(key):
            c = self.classes.get(stem)
            if c:
                found |= c
        return found

    def cue_kinds(self, key: str) -> set[str]:
        found: set[str] = set()
        for _prefix, stem in clitic_splits(key):
            c = self.cues.get(stem)
            if c:
                found |= c
        return found

    def is_word(self, kind: str, key: str) -> bool:
        """Is ``key`` (possibly with proclitics) a function word of ``kind``?"""
        words = self.particles.get(kind, frozenset())
        if key in words:
            return True
        return any(stem in words for _p, stem in clitic_splits(key)[1:])

    def mapping_for(self, etype: str, variant: str = "default") -> MappingRow | None:
        return self.mapping.get((etype, variant)) or self.mapping.get((etype, "default"))

    def symmetric(self, etype: str) -> bool:
        row = self.mapping.get((etype, "default"))
        return bool(row and row.symmetric)

    def measurable(self, unit: str | None) -> frozenset[str]:
        """Event types a quantity of ``unit`` can measure (measures.tsv)."""
        if not unit:
            return frozenset()
        if unit in self.measures:
            return self.measures[unit]
        if len(unit) == 3 and unit.isupper():
            return self.measures.get("currency", frozenset())
        return frozenset()

    def one_sided(self, etype: str) -> bool:
        row = self.mapping.get((etype, "default"))
        return bool(row and row.one_sided)


_VERB_PREFIXES = frozenset({"", "و", "ف", "س", "وس", "فس", "ل", "ول", "فل"})


def _verb_prefix_ok(prefix: str) -> bool:
    """Verbs take conjunctions, the future س and the subjunctive ل, never the article or ب/ك."""
    return prefix in _VERB_PREFIXES


def _rows(name: str) -> list[list[str]]:
    return data_rows("events", name)


def _split(s: str) -> tuple[str, ...]:
    return tuple(fold(x) for x in s.split(",") if x.strip())


def _verb_stems(stems: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    past, _, present = stems.partition("|")
    return _split(past), _split(present)


def _forms(pos: str, stems: str, objects: bool = True) -> dict[str, bool]:
    """Forms of a data-file row, each with whether it carries a pronoun suffix."""
    if pos == "v":
        past, present = _verb_stems(stems)
        return verb_forms(past, present, objects)
    if pos == "n":
        out: dict[str, bool] = {}
        for stem in _split(stems):
            for f, pron in noun_forms(stem).items():
                out[f] = out.get(f, True) and pron
        return out
    if pos == "a":
        return {f: False for s in _split(stems) for f in adj_forms(s)}
    if pos == "p":
        return {s + p: bool(p) for s in _split(stems) for p in _NOUN_PRON}
    return dict.fromkeys(_split(stems), False)  # w: literal words


def _parse_preps(spec: str) -> frozenset[str]:
    if spec == "-":
        return frozenset()
    if spec == "*":
        return frozenset({"*"})
    return frozenset(p if p == "direct" else fold(p) for p in spec.split(","))


def _parse_requires(spec: str) -> tuple[tuple[str, str], ...]:
    if spec in ("", "-"):
        return ()
    out = []
    for alt in spec.split("|"):
        kind, _, arg = alt.partition(":")
        out.append((kind, arg))
    return tuple(out)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The event lexicon, loaded once per process."""
    lex = Lexicon()
    pronominal: set[str] = set()
    plain: set[str] = set()
    for order, row in enumerate(_rows("triggers.tsv")):
        etype, pos, stems, requires, frame, preps, flags = (row + ["-"] * 7)[:7]
        options: dict[str, set[str]] = {"excl": set(), "block": set(), "need": set(), "window": {"6"}}
        switches: set[str] = set()
        for flag in flags.split(","):
            name, _, value = flag.strip().partition(":")
            if value:
                options[name] = options[name] | {value} if name != "window" else {value}
            elif name != "-":
                switches.add(name)
        entry = TriggerEntry(
            type=etype,
            pos=pos,
            lemma=stems.split("|")[0].split(",")[0] or stems,
            requires=_parse_requires(requires),
            frame=frame,
            preps=_parse_preps(preps),
            excl=frozenset(options["excl"]),
            block=frozenset(options["block"]),
            window=int(next(iter(options["window"]))),
            order=order,
            need=frozenset(options["need"]),
            nocomplete="nocomplete" in switches,
            genobj="genobj" in switches,
            indefinite="indefinite" in switches,
            nopron="nopron" in switches,
        )
        is_verb = pos == "v"
        if is_verb:
            lex.past_forms.update(verb_forms(_verb_stems(stems)[0], ()))
        for form, pron in _forms(pos, stems).items():
            lex.triggers.setdefault(form, []).append((entry, is_verb))
            if pron:
                pronominal.add(form)
            else:
                plain.add(form)
    lex.pronominal = pronominal - plain
    for row in _rows("classes.tsv"):
        name, pos, stems, role = (row + ["-"] * 4)[:4]
        for form in _forms(pos, stems):
            lex.classes.setdefault(form, set()).add(name)
        if role != "-":
            lex.class_roles[name] = role
    for row in _rows("cues.tsv"):
        kind, pos, stems = row[:3]
        if pos == "phrase":
            words = tuple(fold(w) for w in stems.split())
            lex.cue_phrases.setdefault(words[0], []).append((kind, words))
            continue
        # Cue verbs without object pronouns: أضافه would also read the noun إضافة.
        for form in _forms(pos, stems, objects=False):
            lex.cues.setdefault(form, set()).add(kind)
            if pos == "v":
                lex.cue_verbs.add(form)
    for row in _rows("particles.tsv"):
        kind, words = row[:2]
        lex.particles[kind] = frozenset(_split(words)) | lex.particles.get(kind, frozenset())
    for row in _rows("mapping.tsv"):
        etype, variant, cameo, ev_type, mode, context, symmetric, one_sided = (row + ["0"])[:8]
        lex.mapping[(etype, variant)] = MappingRow(
            type=etype,
            variant=variant,
            cameo=cameo,
            event_type=ev_type,
            mode=None if mode == "-" else mode,
            context=() if context == "-" else tuple(c for c in context.split(";") if c),
            symmetric=symmetric.strip() == "1",
            one_sided=one_sided.strip() == "1",
        )
    for row in _rows("measures.tsv"):
        lex.measures[row[0]] = frozenset(row[1].split())
    # Rows are tried in file order for a token.
    for hits in lex.triggers.values():
        hits.sort(key=lambda h: h[0].order)
    return lex
