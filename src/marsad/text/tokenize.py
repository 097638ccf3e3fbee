"""Sentences, tokens and proclitics, with offsets into the original text.

Tokens are runs of Arabic letters (with their diacritics and tatweel), runs of
Latin letters, numbers (digits of any script with their separators), or single
punctuation marks. Every token carries its span in the original text and its
folded key (see :func:`marsad.text.normalize.fold`).

Proclitics (و، ف، ب، ل، ك and the article ال) are not removed from tokens: a word
that begins with و may be a conjunction plus a word or simply a word (وزير).
:func:`clitic_splits` lists the readings, and matchers pick the one their
lexicon knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.text.normalize import fold

__all__ = ["Token", "Sentence", "tokenize", "sentences", "clitic_splits", "strip_proclitics", "PROCLITICS"]

_AR_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff\ufb50-\ufdff\ufe70-\ufefc"
_AR_MARKS = "\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d"
_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"

TOKEN_RE = re.compile(
    rf"[{_DIGITS}]+(?:[.,\u066b\u066c][{_DIGITS}]+)*"  # numbers with separators
    rf"|[{_AR_LETTERS}][{_AR_LETTERS}{_AR_MARKS}]*"  # Arabic words
    r"|[A-Za-z\u00c0-\u024f]+(?:['’][A-Za-z]+)?"  # Latin words
    r"|[^\s]",  # any other single character
)

# Sentence ends: full stop, question marks (Latin and Arabic), exclamation, Arabic
# semicolon is kept inside; a line break always ends a sentence.
_SENT_END_RE = re.compile(r"(?:[.!?؟…]+[\"'”’»)\]]*(?=\s|$))|\n+")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    key: str  # folded form for look-ups

    @property
    def is_arabic(self) -> bool:
        return bool(self.text) and "\u0600" <= self.text[0] <= "\u06ff"

    @property
    def is_number(self) -> bool:
        return self.key[:1].isdigit()


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    if end is None:
        end = len(text)
    return [Token(m.start(), m.end(), m.group(), fold(m.group())) for m in TOKEN_RE.finditer(text, start, end)]


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentence spans of ``text[start:end]``, trimmed of surrounding white space."""
    if end is None:
        end = len(text)
    out: list[Sentence] = []
    pos = start
    for m in _SENT_END_RE.finditer(text, start, end):
        _add_sentence(text, pos, m.end(), out)
        pos = m.end()
    _add_sentence(text, pos, end, out)
    return out


def _add_sentence(text: str, s: int, e: int, out: list[Sentence]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append(Sentence(s, e, text[s:e]))


# Proclitic sequences on folded keys, longest first. و/ف (conjunction) may precede
# ب/ل/ك (preposition) which may precede ال (article); ل+ال is written لل.
PROCLITICS: tuple[str, ...] = tuple(
    sorted(
        {
            c + p + a
            for c in ("", "و", "ف")
            for p in ("", "ب", "ك", "ل")
            for a in ("", "ال")
            if not (p == "ل" and a == "ال")
        }
        | {c + "لل" for c in ("", "و", "ف")}
        | {"س", "وس", "فس"},
        key=len,
        reverse=True,
    )
)


@lru_cache(maxsize=65536)
def clitic_splits(key: str, min_stem: int = 2) -> tuple[tuple[str, str], ...]:
    """Readings of a folded word as (proclitics, stem), the unsplit reading first.

    ``clitic_splits("والاسرائيلي")`` gives ``(("", "والاسرائيلي"), ("وال", "اسرائيلي"),
    ("و", "الاسرائيلي"))``. Stems shorter than ``min_stem`` letters are not offered.
    """
    readings = [("", key)]
    for p in PROCLITICS:
        if p and key.startswith(p) and len(key) - len(p) >= min_stem:
            readings.append((p, key[len(p) :]))
    return tuple(readings)


def strip_proclitics(key: str, known: frozenset[str] | set[str], min_stem: int = 2) -> tuple[str, str] | None:
    """The first reading of ``key`` whose stem is in ``known``, or None."""
    for prefix, stem in clitic_splits(key, min_stem):
        if stem in known:
            return prefix, stem
    return None
