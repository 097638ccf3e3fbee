"""The time lexicons of ``src/marsad/data/time/`` as folded look-up tables and regex pieces."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from marsad.data_files import data_rows
from marsad.text import fold


def _rows(name: str) -> list[list[str]]:
    return data_rows("time", name)


def alt(keys: set[str] | list[str] | tuple[str, ...]) -> str:
    """A non-capturing alternation of folded keys, longest first; spaces match any white space."""
    ordered = sorted(set(keys), key=lambda k: (-len(k), k))
    return "(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in ordered) + ")"


def with_lam(keys: set[str]) -> set[str]:
    """Add the لل spelling (ل + ال) of every key that starts with the article."""
    return set(keys) | {"لل" + k[2:] for k in keys if k.startswith("ال")}


@dataclass
class Lexicon:
    months: dict[str, int] = field(default_factory=dict)  # folded name -> month
    months_need_number: set[str] = field(default_factory=set)
    hijri_months: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)  # folded name -> ISO weekday
    weekdays_need_cue: set[str] = field(default_factory=set)
    rel: dict[str, dict[str, str]] = field(default_factory=dict)  # category -> folded word -> value

    def cat(self, name: str) -> dict[str, str]:
        return self.rel.get(name, {})


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lex = Lexicon()
    for row in _rows("months.tsv"):
        key = fold(row[0])
        lex.months[key] = int(row[1])
        if len(row) > 3 and "needs_number" in row[3]:
            lex.months_need_number.add(key)
    for row in _rows("hijri_months.tsv"):
        lex.hijri_months[fold(row[0])] = int(row[1])
    for row in _rows("weekdays.tsv"):
        key = fold(row[0])
        lex.weekdays[key] = int(row[1])
        if len(row) > 2 and "needs_cue" in row[2]:
            lex.weekdays_need_cue.add(key)
    for row in _rows("relative.tsv"):
        cat, word = row[0], fold(row[1])
        value = row[2] if len(row) > 2 else ""
        lex.rel.setdefault(cat, {})[word] = value
    return lex
