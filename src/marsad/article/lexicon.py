"""The cue-phrase lexicons of ``src/marsad/data/article/``, folded and indexed for matching."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.data_files import data_rows
from marsad.text import fold

__all__ = ["Cue", "Lexicons", "lexicons"]


@dataclass(frozen=True, slots=True)
class Cue:
    keys: tuple[str, ...]  # folded words
    kind: str = ""  # boilerplate kind, or byline field (author/outlet)
    flag: str = ""  # position (start/anywhere) or separator (required/optional)


@dataclass(frozen=True, slots=True)
class Lexicons:
    boilerplate: tuple[Cue, ...]
    boilerplate_start: tuple[Cue, ...]
    boilerplate_anywhere: tuple[Cue, ...]
    related: tuple[Cue, ...]
    byline: tuple[Cue, ...]
    dateline_labels: tuple[Cue, ...]


def _rows(name: str) -> list[list[str]]:
    return data_rows("article", name, strip=True)


def _cues(name: str, columns: int) -> tuple[Cue, ...]:
    out = []
    for row in _rows(name):
        if len(row) < columns:
            raise ValueError(f"{name}: expected {columns} tab-separated columns in {row!r}")
        keys = tuple(fold(row[0]).split())
        out.append(Cue(keys, row[1] if columns > 1 else "", row[2] if columns > 2 else ""))
    # Longest first, so that "اشترك في قناتنا" is tried before a shorter cue.
    return tuple(sorted(out, key=lambda c: -len(c.keys)))


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    boilerplate = _cues("boilerplate_cues.tsv", 3)
    for cue in boilerplate:
        if cue.flag not in ("start", "anywhere"):
            raise ValueError(f"boilerplate_cues.tsv: position must be start or anywhere, not {cue.flag!r}")
    byline = _cues("byline_cues.tsv", 3)
    for cue in byline:
        if cue.kind not in ("author", "outlet") or cue.flag not in ("required", "optional"):
            raise ValueError(f"byline_cues.tsv: bad field or separator in {cue!r}")
    return Lexicons(
        boilerplate=boilerplate,
        boilerplate_start=tuple(c for c in boilerplate if c.flag == "start"),
        boilerplate_anywhere=tuple(c for c in boilerplate if c.flag == "anywhere"),
        related=_cues("related_cues.tsv", 1),
        byline=byline,
        dateline_labels=_cues("dateline_labels.tsv", 1),
    )
