"""Readers for the annotated Arabic NER corpora, mapped onto Marsad's tokens and types.

Three corpora are read (see ``/work/shared/data/ner/README.md`` and docs/NER.md):

* **NewsFANE Gold** (newswire, 45 fine-grained types, CC BY-SA 3.0). Pre-tokenised
  with most clitics split off (``و``, ``ف``, ``ب``, ``ل``, ``ه``, ``ها``…) and hamza-less
  spelling. The reader glues split clitics back onto their host word so that the
  words look like running text, then tokenises with :func:`marsad.text.tokenize` —
  the tagger therefore sees exactly the tokens it sees at run time (a proclitic
  stays inside the first token of an entity, as in ``وأذربيجان``).
* **Wojood** public sample (mixed MSA/dialect, nested, 21 types, MIT): the outermost
  span of a type Marsad knows wins, nested inside unknown types (OCC…) are kept.
* **AQMAR** (Arabic Wikipedia, PER/LOC/ORG/MISC, CC BY-SA 3.0).

Every sentence becomes a :class:`NerSentence`: the words joined by single spaces,
the Marsad tokens of that text, and the gold entities as token-index spans
``(i, j, type)``. Orthography differences (hamza, alef maqsura, taa marbuta,
diacritics) are taken care of by the features, which use folded keys.

Types: PERSON, ORG, COUNTRY, LOCATION, FACILITY, EVENT_NAME, and ``GPE`` where a
corpus does not separate states from other places (Wojood). Corpora that only have
one place type (AQMAR ``LOC``) give LOCATION, and evaluation merges COUNTRY,
LOCATION and GPE into one place class for them (see :mod:`marsad.entities.ner_eval`).

Splits are fixed and deterministic (:func:`load_splits`):

* NewsFANE (no documents, no official split): sentences are cut into consecutive
  blocks of 50 by sentence index; block ``b`` goes to dev when ``b % 10 == 8``, to
  test when ``b % 10 == 9``, else to train (≈80/10/10, blocks keep neighbouring
  sentences of one article together).
* Wojood: its own train/val/test files (val is dev).
* AQMAR: the dev/test article lists shipped with it (no training part).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from marsad.text import Token, tokenize

__all__ = [
    "NerSentence",
    "NEWSFANE_TYPES",
    "WOJOOD_TYPES",
    "AQMAR_TYPES",
    "CORPORA",
    "read_newsfane",
    "read_wojood",
    "read_aqmar",
    "load_splits",
    "bio_spans",
    "from_words",
]

# NewsFANE fine-grained type -> Marsad type (None: not an entity for Marsad).
NEWSFANE_TYPES: dict[str, str | None] = {
    # persons
    "Politician": "PERSON",
    "Athlete": "PERSON",
    "Artist": "PERSON",
    "Other_PER": "PERSON",
    "Religious_PER": "PERSON",
    "Scientist": "PERSON",
    "Businessperson": "PERSON",
    "Lawyer": "PERSON",
    "Engineer": "PERSON",
    "Police": "PERSON",
    # "Group" is a people name (العرب، المسلمين، الاكراد), not a person: not tagged.
    "Group": None,
    # organisations
    "Government": "ORG",
    "Non-Governmental": "ORG",
    "Commercial": "ORG",
    "Media": "ORG",
    "Sports": "ORG",
    "Educational": "ORG",
    "Medical-Science": "ORG",
    "Entertainment": "ORG",
    "Religious_ORG": "ORG",
    # geo-political entities: the nation is the state, the rest are places
    "Nation": "COUNTRY",
    "Population-Center": "LOCATION",
    "State-or-Province": "LOCATION",
    "County-or-District": "LOCATION",
    "GPE-Cluster": "LOCATION",
    "Continent": "LOCATION",
    # natural locations
    "Water-Body": "LOCATION",
    "Land-Region-Natural": "LOCATION",
    "Celestial": "LOCATION",
    # facilities
    "Building-Grounds": "FACILITY",
    "Airport": "FACILITY",
    "Path": "FACILITY",
    "Subarea-Facility": "FACILITY",
    "Plant": "FACILITY",
    # vehicles, weapons (6 examples in all: too few to learn) and products: not tagged
    "Land": None,
    "Air": None,
    "Water": None,
    "Projectile": None,
    "Shooting": None,
    "Book": None,
    "Movie": None,
    "Software": None,
    "Hardware": None,
    "Food": None,
    "Drug": None,
}

WOJOOD_TYPES: dict[str, str | None] = {
    "PERS": "PERSON",
    "ORG": "ORG",
    "GPE": "GPE",
    "LOC": "LOCATION",
    "FAC": "FACILITY",
    "EVENT": "EVENT_NAME",
}

AQMAR_TYPES: dict[str, str | None] = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOCATION"}

CORPORA = ("newsfane", "wojood", "aqmar")

NEWSFANE_FILE = "newsfane_gold/NewsFANE_Gold_2014_170K.txt"
NEWSFANE_BLOCK = 50


@dataclass
class NerSentence:
    """One annotated sentence as Marsad tokens with gold token-index spans."""

    corpus: str
    doc: str
    index: int
    text: str
    tokens: list[Token]
    spans: list[tuple[int, int, str]] = field(default_factory=list)

    def labels(self) -> list[str]:
        """BIO labels of the tokens."""
        out = ["O"] * len(self.tokens)
        for i, j, t in self.spans:
            out[i] = "B-" + t
            for k in range(i + 1, j):
                out[k] = "I-" + t
        return out


# ---------------------------------------------------------------------------
# BIO helpers


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Spans ``(i, j, type)`` of a BIO sequence (conlleval: a stray I- starts an entity)."""
    spans: list[tuple[int, int, str]] = []
    start, cur = -1, None
    for k, tag in enumerate([*tags, "O"]):
        if tag == "O" or tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != cur):
            if cur is not None:
                spans.append((start, k, cur))
            cur = None
            if tag != "O":
                start, cur = k, tag[2:]
    return spans


def from_words(
    corpus: str,
    doc: str,
    index: int,
    words: list[str],
    word_spans: Iterable[tuple[int, int, str | None]],
) -> NerSentence:
    """Join ``words`` with spaces, tokenise, and map word spans onto token spans."""
    text = " ".join(words)
    starts: list[int] = []
    pos = 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    tokens = tokenize(text)
    tok_starts = [t.start for t in tokens]
    spans: list[tuple[int, int, str]] = []
    import bisect

    for a, b, typ in word_spans:
        if typ is None or b <= a:
            continue
        cs, ce = starts[a], starts[b - 1] + len(words[b - 1])
        i = bisect.bisect_left(tok_starts, cs)
        j = bisect.bisect_left(tok_starts, ce)
        if j > i:
            spans.append((i, j, typ))
    spans.sort()
    # Overlaps cannot come from one BIO layer; keep the first (outermost) of any overlap.
    kept: list[tuple[int, int, str]] = []
    for s in spans:
        if kept and s[0] < kept[-1][1]:
            continue
        kept.append(s)
    return NerSentence(corpus, doc, index, text, tokens, kept)


# ---------------------------------------------------------------------------
# NewsFANE

_AR_WORD = re.compile(r"^[\u0621-\u064a\u0671-\u06d3]+$")
_PROCLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "س"})
_ENCLITICS = frozenset({"ه", "ها", "هم", "هما", "هن", "كم", "كما", "كن", "نا", "ني", "ي", "ك"})


def _is_word(w: str) -> bool:
    return bool(_AR_WORD.match(w))


def _attach_clitics(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Glue NewsFANE's split clitics back onto their host words.

    Enclitics (ه، ها، هم، نا، ي، ك…) join the word before them and proclitics (و، ف،
    ب، ل، ك، س) the word after them, both only next to Arabic words. ``ك`` is an
    enclitic after a word unless ``ما`` follows (كما). ``ل`` + ``ال…`` is written
    ``لل…``. The joined word keeps the host's label, or the clitic's when the clitic
    itself opens the entity.
    """
    # enclitics first (left to right)
    out: list[list[str]] = []
    for k, (w, tag) in enumerate(rows):
        nxt = rows[k + 1][0] if k + 1 < len(rows) else ""
        is_enc = w in _ENCLITICS and out and _is_word(out[-1][0])
        if w == "ك" and nxt == "ما":
            is_enc = False
        if is_enc and w in _PROCLITICS and w != "ك":
            is_enc = False
        if is_enc:
            out[-1][0] += w
        else:
            out.append([w, tag])
    # proclitics (right to left, so و ب X becomes وبX)
    res: list[list[str]] = []
    for w, tag in reversed(out):
        if w in _PROCLITICS and res and _is_word(res[-1][0]) and len(res[-1][0]) > 1:
            host, htag = res[-1]
            if w == "ل" and host.startswith("ال"):
                host = host[1:]
            res[-1] = [w + host, htag if tag == "O" else tag]
        else:
            res.append([w, tag])
    res.reverse()
    return [(w, t) for w, t in res]


def _fix_lal(words: list[list[tuple[str, str]]]) -> None:
    """Repair NewsFANE's ``الال…`` for ``الل…`` (``الالبنانية`` for ``اللبنانية``).

    The corpus writes the article before a lam-initial word as ``الال``; a genuine
    hamza word (``الالماني`` = الألماني) looks the same. The reading whose stem (``ل…``
    or ``ال…`` without the article) is more frequent in the corpus wins.
    """
    counts = Counter(w for sent in words for w, _ in sent)
    for sent in words:
        for k, (w, tag) in enumerate(sent):
            for pre in ("الال", "والال", "فالال", "بالال"):
                if w.startswith(pre) and len(w) > len(pre) + 1:
                    rest = w[len(pre) :]
                    if counts["ل" + rest] > counts["ال" + rest]:
                        sent[k] = (w[: len(pre) - 2] + "ل" + rest, tag)
                    break


def _read_lines(path: Path) -> str:
    text = path.read_bytes().decode("utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u200e", "")


def read_newsfane(path: str | Path) -> list[NerSentence]:
    """All sentences of the NewsFANE Gold file (``…/NewsFANE_Gold_2014_170K.txt``)."""
    path = Path(path)
    raw_sents: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    for line in _read_lines(path).split("\n"):
        parts = line.strip().split("\t")
        if not parts[0]:
            if cur:
                raw_sents.append(cur)
                cur = []
            continue
        tag = parts[1].strip() if len(parts) > 1 else "O"
        # A lone "ء" is the corpus's stand-in for a quotation mark (قال ء ستكون…،
        # صحيفة ء دايلي ميرور ء): read it as one, so that it is not glued onto a name.
        cur.append(('"' if parts[0] == "ء" else parts[0], tag))
    if cur:
        raw_sents.append(cur)
    joined = [_attach_clitics(s) for s in raw_sents]
    _fix_lal(joined)
    out = []
    for n, sent in enumerate(joined):
        words = [w for w, _ in sent]
        spans = [(a, b, NEWSFANE_TYPES.get(t)) for a, b, t in bio_spans([t for _, t in sent])]
        out.append(from_words("newsfane", f"newsfane:{n // NEWSFANE_BLOCK}", n, words, spans))
    return out


def newsfane_split(index: int) -> str:
    """The split of NewsFANE sentence number ``index`` (0-based)."""
    b = (index // NEWSFANE_BLOCK) % 10
    return "dev" if b == 8 else "test" if b == 9 else "train"


# ---------------------------------------------------------------------------
# Wojood (nested, space separated: token TAG1 [TAG2 …])


def _columns_spans(rows: list[list[str]], types: dict[str, str | None]) -> list[tuple[int, int, str | None]]:
    """Spans of every tag column, outermost (longest) first, types mapped; unknown types dropped."""
    ncol = max((len(r) for r in rows), default=0)
    # a column holds the k-th tag of each token; nested layers are not aligned by column
    # in Wojood (a token's first tag is its outermost), so collect spans per type instead.
    spans: set[tuple[int, int, str]] = set()
    by_type: dict[str, list[str]] = {}
    for col in range(ncol):
        for k, r in enumerate(rows):
            if col < len(r) and r[col] != "O":
                typ = r[col][2:]
                by_type.setdefault(typ, ["O"] * len(rows))[k] = r[col][:2] + typ
    for tags in by_type.values():
        for a, b, t in bio_spans(tags):
            spans.add((a, b, t))
    mapped = [(a, b, types.get(t)) for a, b, t in spans]
    mapped = [s for s in mapped if s[2] is not None]
    mapped.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    chosen: list[tuple[int, int, str | None]] = []
    for s in mapped:
        if all(s[1] <= c[0] or c[1] <= s[0] for c in chosen):
            chosen.append(s)
    chosen.sort(key=lambda s: (s[0], s[1]))
    return chosen


def _read_space_bio(path: Path) -> Iterator[list[list[str]]]:
    cur: list[list[str]] = []
    for line in _read_lines(path).split("\n"):
        parts = line.split()
        if not parts:
            if cur:
                yield cur
                cur = []
            continue
        cur.append(parts)
    if cur:
        yield cur


def read_wojood(path: str | Path) -> list[NerSentence]:
    """Sentences of one Wojood sample file (``train.txt``, ``val.txt`` or ``test.txt``)."""
    path = Path(path)
    out = []
    for n, rows in enumerate(_read_space_bio(path)):
        words = [r[0] for r in rows]
        tags = [[t.upper() for t in r[1:]] or ["O"] for r in rows]
        spans = _columns_spans(tags, WOJOOD_TYPES)
        out.append(from_words("wojood", f"wojood:{path.stem}:{n}", n, words, spans))
    return out


# ---------------------------------------------------------------------------
# AQMAR (token TAG, noisy tags)

_AQMAR_FIX = re.compile(r"^([BI])-+(PER|LOC|ORG)$")


def _aqmar_tag(tag: str) -> str:
    tag = tag.strip("`")
    m = _AQMAR_FIX.match(tag)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    if tag.startswith(("B-", "I-")):
        return tag[:2] + "MISC"
    return "O"


def read_aqmar(path: str | Path) -> list[NerSentence]:
    """Sentences of one AQMAR article file."""
    path = Path(path)
    out = []
    for n, rows in enumerate(_read_space_bio(path)):
        words = [r[0] for r in rows]
        tags = [_aqmar_tag(r[1]) if len(r) > 1 else "O" for r in rows]
        spans = [(a, b, AQMAR_TYPES.get(t)) for a, b, t in bio_spans(tags)]
        out.append(from_words("aqmar", f"aqmar:{path.stem}", n, words, spans))
    return out


# ---------------------------------------------------------------------------
# Splits


def _list_file(path: Path) -> list[str]:
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


def load_splits(data_dir: str | Path, corpus: str) -> dict[str, list[NerSentence]]:
    """The fixed splits of ``corpus`` under ``data_dir``: {"train"?, "dev", "test"}.

    Missing corpora give an empty dict.
    """
    data_dir = Path(data_dir)
    if corpus == "newsfane":
        f = data_dir / NEWSFANE_FILE
        if not f.exists():
            return {}
        splits: dict[str, list[NerSentence]] = {"train": [], "dev": [], "test": []}
        for s in read_newsfane(f):
            splits[newsfane_split(s.index)].append(s)
        return splits
    if corpus == "wojood":
        d = data_dir / "wojood_sample"
        if not (d / "train.txt").exists():
            return {}
        return {
            "train": read_wojood(d / "train.txt"),
            "dev": read_wojood(d / "val.txt"),
            "test": read_wojood(d / "test.txt"),
        }
    if corpus == "aqmar":
        d = data_dir / "aqmar"
        if not (d / "split_test_files.lst").exists():
            return {}
        res: dict[str, list[NerSentence]] = {}
        for split in ("dev", "test"):
            res[split] = [s for name in _list_file(d / f"split_{split}_files.lst") for s in read_aqmar(d / name)]
        return res
    raise ValueError(f"unknown corpus {corpus!r} (known: {', '.join(CORPORA)})")
