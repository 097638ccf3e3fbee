"""Normalised views of Arabic text with an exact mapping back to the original.

The original text is never changed. A :class:`NormalizedView` holds a normalised
copy made character by character, and for every character of that copy the index
of the original character it came from. Characters are only replaced (one to
one, or one to several, e.g. the lam-alef ligature) or dropped (diacritics,
tatweel, format controls), so a span of the view maps back to a span of the
original with :meth:`NormalizedView.to_original`.

Two levels:

* ``normalize(text)`` — for matching numbers and words as written: Arabic-Indic
  (٠–٩) and Persian (۰–۹) digits to ASCII, ``٪`` to ``%``, ``٫`` to ``.``, ``٬`` to
  ``,``, tatweel, diacritics and zero-width/bidi controls removed, Persian
  yeh/kaf to Arabic, presentation forms to base letters.
* ``normalize(text, fold=True)`` — keys for lexicon look-ups: additionally
  alef with hamza or madda and alef wasla to bare alef, alef maqsura to yaa,
  taa marbuta to haa, hamza on waw/yaa to waw/yaa, and Latin lower-cased.
"""

from __future__ import annotations

import unicodedata
from array import array
from dataclasses import dataclass

__all__ = [
    "NormalizedView",
    "normalize",
    "fold",
    "folded_prefix_chars",
    "normalize_text",
    "ARABIC_DIACRITICS",
    "TATWEEL",
]

TATWEEL = "\u0640"
# Harakat, tanwin, shadda, sukun, superscript alef, Quranic marks.
ARABIC_DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0660)) + "\u0670" + "".join(
    chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06DE, 0x06E9)
) + "\u0610\u0611\u0612\u0613\u0614\u0615\u0616\u0617\u0618\u0619\u061a"
# Zero-width and bidirectional format controls that sites sprinkle into text.
FORMAT_CONTROLS = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u00ad"


def _base_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for i in range(10):
        table[0x0660 + i] = str(i)  # Arabic-Indic
        table[0x06F0 + i] = str(i)  # Extended Arabic-Indic (Persian, Urdu)
    table[ord("٪")] = "%"
    table[ord("٫")] = "."
    table[ord("٬")] = ","
    table[ord("ی")] = "ي"  # Persian yeh
    table[ord("ک")] = "ك"  # Persian kaf
    table[ord("ۀ")] = "ه"
    for ch in TATWEEL + ARABIC_DIACRITICS + FORMAT_CONTROLS:
        table[ord(ch)] = ""
    # Arabic presentation forms (FB50–FDFF, FE70–FEFF) to their base letters.
    for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
        ch = chr(cp)
        name = unicodedata.name(ch, "")
        if not name.startswith("ARABIC"):
            continue
        decomposed = unicodedata.normalize("NFKC", ch)
        if decomposed != ch:
            # the base letters, themselves normalised (ﹱ is tatweel + fathatan: nothing is left)
            cleaned = "".join(table.get(ord(c), c) for c in decomposed if c != " ")
            table[cp] = cleaned
    return table


def _fold_table(base: dict[int, str]) -> dict[int, str]:
    table = dict(base)
    folds = {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
    }
    for src, dst in folds.items():
        table[ord(src)] = dst
    for key, value in list(table.items()):
        if value:
            table[key] = "".join(folds.get(c, c) for c in value)
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    return table


_BASE = _base_table()
_FOLD = _fold_table(_BASE)


@dataclass(frozen=True, slots=True)
class NormalizedView:
    """A normalised copy of ``original`` with a character map back to it."""

    original: str
    text: str
    # index_map[i] is the original index of text[i]; None when the view is the identity.
    index_map: array | None

    def orig_index(self, i: int) -> int:
        """Original index of the view character at ``i`` (``len(text)`` maps to ``len(original)``)."""
        if self.index_map is None:
            return i
        if i >= len(self.text):
            return len(self.original)
        return self.index_map[i]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the view span ``[start, end)`` to the smallest original span holding it."""
        if self.index_map is None:
            return start, end
        if start >= end:
            o = self.orig_index(start)
            return o, o
        return self.index_map[start], self.index_map[end - 1] + 1

    def from_original(self, start: int, end: int) -> tuple[int, int]:
        """Map an original span to the view span made of the characters it produced."""
        if self.index_map is None:
            return start, end
        import bisect

        s = bisect.bisect_left(self.index_map, start)
        e = bisect.bisect_left(self.index_map, end)
        return s, e


def normalize(text: str, fold: bool = False) -> NormalizedView:
    """Return the normalised view of ``text`` (see the module docstring)."""
    table = _FOLD if fold else _BASE
    out = text.translate(table)
    # Nothing changed, or only one-to-one replacements: the identity map holds (a deletion
    # and an expansion could cancel out in length, hence the second check).
    if len(out) == len(text) and (
        out == text or all(len(table.get(ord(c), c)) == 1 for c in text if ord(c) in table)
    ):
        return NormalizedView(text, out, None)
    index_map = array("i")
    pieces: list[str] = []
    get = table.get
    for i, ch in enumerate(text):
        rep = get(ord(ch))
        if rep is None:
            pieces.append(ch)
            index_map.append(i)
        elif rep:
            pieces.append(rep)
            index_map.extend([i] * len(rep))
    return NormalizedView(text, "".join(pieces), index_map)


def fold(text: str) -> str:
    """The folded lexicon key of ``text`` (no offsets), whitespace collapsed."""
    return " ".join(text.translate(_FOLD).split())


def folded_prefix_chars(text: str, n_key: int) -> int:
    """How many characters of ``text`` make its first ``n_key`` folded characters (a proclitic
    of the folded key: «بقاعدة» with n_key 1 → 1; diacritics and tatweel after it are skipped)."""
    seen = 0
    for i, ch in enumerate(text):
        f = fold(ch)
        if seen >= n_key and f:
            return i
        seen += len(f)
    return len(text)


def normalize_text(text: str) -> str:
    """The matching-level normalisation of ``text`` as a plain string (no offsets)."""
    return text.translate(_BASE)
