"""English names for Arabic names the gazetteer does not know.

:func:`transliterate` spells a name letter by letter in plain ASCII; entity ids of new
entities are built from it (``person:`` + slug), so it must stay stable. :func:`romanize`
gives a person the spelling people bearing the name use (عثمان عبيدات → Osman Obeidat, not
Thman Bidat): name units of one to three words from ``data/names/romanization.tsv`` (Wikidata
labels via arabic-name-romanizer, see that folder's SOURCE.md), particles from
``particles.tsv`` (بن bin, أبو Abu), the article as ``al-``; a word in neither is transliterated.
A name with a word that only the curated lists of foreign given and family names know
(``data/lexicon/world_given_names.tsv``, ``world_surnames.tsv``: أنجيلا ميركل), or whose words
all are in them (جورج بوش), is a foreign name: its words take the Latin spelling of those lists
(Angela Merkel, not Angela Mirkl; George Bush, not George Baouche) — the last word as a family
name, the others as given names.
"""

from __future__ import annotations

from collections.abc import Container
from functools import lru_cache

from marsad.data_files import data_rows
from marsad.entities.gazetteer import form_key
from marsad.text.normalize import fold

__all__ = ["romanize", "transliterate", "org_name", "org_by_key"]

_TRANS = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j",
    "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s",
    "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l",
    "م": "m", "ن": "n", "ه": "h", "ة": "a", "و": "u", "ي": "i", "ى": "a", "ء": "", "ؤ": "",
    "ئ": "", "پ": "p", "گ": "g", "چ": "ch", "ژ": "zh", "ڤ": "v",
}


def transliterate(name: str) -> str:
    """A plain ASCII transliteration (for names the gazetteer does not know)."""
    words = []
    for w in name.split():
        out = []
        for n, ch in enumerate(w):
            if ch == "و" and n == 0:
                out.append("w")
            elif ch == "ي" and (n == 0 or (n + 1 < len(w) and w[n + 1] in "اوي")):
                out.append("y")
            else:
                out.append(_TRANS.get(ch, ch if ch.isascii() and ch.isalnum() else ""))
        s = "".join(out)
        if s:
            words.append(s[0].upper() + s[1:])
    return " ".join(words)


@lru_cache(maxsize=1)
def _units() -> tuple[dict[str, str], int]:
    table = {key: latin for key, latin in data_rows("names", "romanization.tsv")}
    for form, latin in data_rows("names", "particles.tsv")[1:]:
        table[fold(form)] = latin
    return table, max(key.count(" ") + 1 for key in table)


@lru_cache(maxsize=1)
def _foreign() -> tuple[dict[str, str], dict[str, str]]:
    """Folded foreign given names and family names -> their Latin spelling (curated lexicon files)."""
    given = {fold(row[0]): row[2] for row in data_rows("lexicon", "world_given_names.tsv")}
    family = {fold(row[0]): row[2] for row in data_rows("lexicon", "world_surnames.tsv")}
    return given, family


def _foreign_spelling(key: str, last: bool) -> str | None:
    """The foreign spelling of a name word: a family name if it ends the name, else a given name."""
    given, family = _foreign()
    if last:
        return family.get(key) or given.get(key)
    return given.get(key)


def _word(word: str, key: str, table: dict[str, str], foreign: str | None = None) -> str:
    if foreign is not None:
        return foreign
    article = word.startswith("ال") and len(key) > 3  # the article, not إلهام or ألفت
    if article:
        rest = table.get(key[2:])
        if rest is not None:
            return "al-" + rest
    hit = table.get(key)
    if hit is not None:
        return hit
    if article:
        return "al-" + transliterate(word[2:])
    return transliterate(word)


def romanize(name: str) -> str:
    """A readable English spelling of a person's name (longest known name units first)."""
    table, longest = _units()
    words = name.split()
    keys = [fold(w) for w in words]
    spell = [_foreign_spelling(k, n == len(keys) - 1) for n, k in enumerate(keys)]
    # foreign: a word only the foreign lists know (أنجيلا ميركل), or every word in them (جورج بوش)
    foreign = bool(keys) and (
        any(sp is not None and k not in table for sp, k in zip(spell, keys, strict=True))
        or all(sp is not None for sp in spell)
    )
    out: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 1, -1):
            hit = table.get(" ".join(keys[i : i + n]))
            if hit is not None:
                out.append(hit)
                i += n
                break
        else:
            out.append(_word(words[i], keys[i], table, spell[i] if foreign else None))
            i += 1
    return " ".join(x for x in out if x)


@lru_cache(maxsize=1)
def _org_names() -> dict[str, tuple[str, str | None]]:
    """Folded organisation names -> (English name, ISO alpha-3 or None), data/names/org_names.tsv."""
    out: dict[str, tuple[str, str | None]] = {}
    for form, _kind, iso3, name_en in data_rows("names", "org_names.tsv"):
        out.setdefault(form_key(form), (name_en, iso3 or None))
    return out


def org_name(name: str, heads: Container[str] = frozenset()) -> tuple[str, str | None] | None:
    """English name and country of an organisation named ``name`` in Arabic, if the curated list has it.

    Tried as written, then without a leading head noun from ``heads`` (folded keys such as
    شركة، صحيفة: the tagger may keep it where the list does not, or the reverse).
    """
    return org_by_key(form_key(name), heads)


def org_by_key(key: str, heads: Container[str] = frozenset()) -> tuple[str, str | None] | None:
    """:func:`org_name` for a name already turned into its form key (``gazetteer.form_key``)."""
    table = _org_names()
    hit = table.get(key)
    if hit is None and " " in key:
        head, rest = key.split(" ", 1)
        if head in heads:
            hit = table.get(rest)
    return hit
