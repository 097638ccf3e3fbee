"""The quantity lexicons (``marsad/data/quantities/*.tsv``) loaded into look-up tables.

Every form is folded with :func:`marsad.text.fold` so that look-ups are made with the
``key`` of tokens. Multi-word forms become tuples of keys.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from marsad.data_files import data_rows
from marsad.text import fold

# Proclitics a number word, unit or cue may carry (folded).
NUMBER_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")
DEFINITE_CLITICS = ("ال", "وال", "بال", "فال", "كال", "لل", "ولل")
PRONOUN_SUFFIXES = ("هما", "هم", "هن", "ها", "ه", "نا", "كم", "ي")


@dataclass(frozen=True)
class NumberWord:
    value: float
    kind: str


@dataclass(frozen=True)
class Unit:
    unit: str
    kind: str  # percent | currency | measure | distance | duration | counted
    count: float | None = None  # the number a dual form carries
    plural: bool = False


@dataclass(frozen=True)
class Comparator:
    words: tuple[str, ...]
    comparator: str
    position: str
    clitics: tuple[str, ...]


@dataclass
class Lexicon:
    numbers: dict[str, NumberWord] = field(default_factory=dict)
    # first key -> list of (keys, Unit), longest first
    units: dict[str, list[tuple[tuple[str, ...], Unit]]] = field(default_factory=dict)
    comparators_before: dict[str, list[Comparator]] = field(default_factory=dict)  # by last word
    comparators_after: dict[str, list[Comparator]] = field(default_factory=dict)  # by first word
    comparator_verbs: dict[str, str] = field(default_factory=dict)
    comparator_prep_verbs: dict[str, str] = field(default_factory=dict)  # need على/عن: تزيد قيمتها على
    labels: frozenset[str] = frozenset()
    date_words: frozenset[str] = frozenset()
    verbs: frozenset[str] = frozenset()
    connectors: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()
    stops: frozenset[str] = frozenset()
    count_verbs: frozenset[str] = frozenset()
    # every token key that can start a quantity: number words with proclitics, fractions with
    # pronoun suffixes, dual units
    candidates: frozenset[str] = frozenset()


def _rows(name: str) -> list[list[str]]:
    return data_rows("quantities", name, strip=True)


def _keys(form: str) -> tuple[str, ...]:
    return tuple(fold(form).split())


def _add_unit(lex: Lexicon, form: str, unit: Unit) -> None:
    keys = _keys(form)
    if not keys:
        return
    bucket = lex.units.setdefault(keys[0], [])
    if any(k == keys for k, _ in bucket):
        return
    bucket.append((keys, unit))
    bucket.sort(key=lambda kv: -len(kv[0]))


def _sound_plurals(singular: str, marker: str) -> list[str]:
    if marker == "+ون":
        return [singular + "ون", singular + "ين"]
    if marker == "+ات":
        base = singular[:-1] if singular.endswith(("ة", "ه")) else singular
        return [base + "ات"]
    return []


@lru_cache(maxsize=1)
def load() -> Lexicon:
    lex = Lexicon()
    for form, value, kind in _rows("numbers.tsv"):
        lex.numbers.setdefault(fold(form), NumberWord(float(value), kind))

    for row in _rows("units.tsv"):
        form, unit, kind = row[:3]
        count = float(row[3]) if len(row) > 3 and row[3] else None
        _add_unit(lex, form, Unit(unit, kind, count))

    for row in _rows("counted.tsv"):
        unit = row[0]
        singulars = [s.strip() for s in row[1].split(",") if s.strip()] if len(row) > 1 else []
        plurals = [p.strip() for p in row[2].split(",") if p.strip()] if len(row) > 2 else []
        for s in singulars:
            _add_unit(lex, s, Unit(unit, "counted"))
        for p in plurals:
            if p.startswith("+"):
                for s in singulars:
                    for form in _sound_plurals(s, p):
                        _add_unit(lex, form, Unit(unit, "counted", plural=True))
            else:
                _add_unit(lex, p, Unit(unit, "counted", plural=True))

    for row in _rows("comparators.tsv"):
        phrase, comp, pos = row[:3]
        clitics = tuple([""] + list(row[3])) if len(row) > 3 and row[3] else ("", "و", "ف", "ب", "ل")
        c = Comparator(_keys(phrase), comp, pos, clitics)
        if pos == "verbprep":
            lex.comparator_prep_verbs[c.words[0]] = comp
            continue
        if pos == "verb":
            lex.comparator_verbs[c.words[0]] = comp
            c = Comparator(c.words, comp, "before", clitics)
        if c.position == "before":
            lex.comparators_before.setdefault(c.words[-1], []).append(c)
        else:
            lex.comparators_after.setdefault(c.words[0], []).append(c)
    for bucket in list(lex.comparators_before.values()) + list(lex.comparators_after.values()):
        bucket.sort(key=lambda c: -len(c.words))

    lex.labels = frozenset(fold(r[0]) for r in _rows("labels.tsv"))
    lex.date_words = frozenset(fold(r[0]) for r in _rows("date_words.tsv"))
    cues: dict[str, set[str]] = {}
    for form, kind in _rows("measure_cues.tsv"):
        cues.setdefault(kind, set()).add(fold(form))
    lex.verbs = frozenset(cues.get("verb", ()))
    lex.connectors = frozenset(cues.get("connector", ()))
    lex.heads = frozenset(cues.get("head", ()))
    lex.stops = frozenset(cues.get("stop", ()))
    lex.count_verbs = frozenset(cues.get("count_verb", ()))

    cands: set[str] = set()
    for key, nw in lex.numbers.items():
        prefixes = NUMBER_CLITICS + DEFINITE_CLITICS
        for p in prefixes:
            cands.add(p + key)
        if nw.kind.startswith("fraction"):
            for p in NUMBER_CLITICS:
                for s in PRONOUN_SUFFIXES:
                    cands.add(p + key + s)
    for bucket in lex.units.values():
        for keys, unit in bucket:
            if unit.count is not None and len(keys) == 1:
                for p in NUMBER_CLITICS:
                    cands.add(p + keys[0])
    lex.candidates = frozenset(cands)
    return lex
