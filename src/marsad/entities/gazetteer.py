"""Gazetteers: the data files of src/marsad/data/gazetteer/ loaded once into one automaton.

Every Arabic or Latin form of every entry is tokenised with :func:`marsad.text.tokenize`
and its folded token keys (:func:`marsad.text.fold`) joined by single spaces; the keys
go into one pyahocorasick automaton. A text is matched by joining the folded keys of its
tokens the same way and running the automaton once. A hit counts only when it ends at
the end of a token and starts at the start of a token or right after a proclitic
sequence of that token (و، ف، ب، ك، ل، لل، وال…, see :data:`marsad.text.tokenize.PROCLITICS`),
so ``لإسرائيل`` gives the mention ``إسرائيل`` and ``والإسرائيلي`` gives ``الإسرائيلي``:
conjunctions and prepositions stay outside the span, the article stays inside it when the
entry itself is written with it (العراق، الأذربيجاني، الدولة العبرية).

:func:`token_tags` gives each token a gazetteer tag, for the statistical tagger's features.
"""

from __future__ import annotations

import csv
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import ahocorasick

from marsad.text.normalize import fold, normalize_text
from marsad.text.tokenize import PROCLITICS, Token, tokenize

__all__ = [
    "Entry",
    "Gazetteer",
    "Hit",
    "PersonInfo",
    "EntityInfo",
    "load",
    "token_tags",
    "form_key",
    "TAG_OF_KIND",
]

# Kinds of entries and the tag token_tags() gives their tokens.
TAG_OF_KIND: dict[str, str] = {
    "country": "COUNTRY",
    "official": "COUNTRY",
    "historic": "COUNTRY",
    "epithet": "COUNTRY",
    "demonym": "DEMONYM",
    "capital": "CAPITAL",
    "place": "LOCATION",
    "person": "PERSON",
    "surname": "PERSON",
    "org": "ORG",
    "facility": "FACILITY",
    "weapon": "WEAPON",
    "event": "EVENT",
    "title": "TITLE",
    "construct": "TITLE",
    "counterpart": "TITLE",
    "past": "TIME",
    "current": "TIME",
    "given": "GIVEN",
    "orghead": "HEAD",
    "ministry": "ORG",
}
# Which entry wins when one key has several (lower first).
_PRIORITY = {
    k: i
    for i, k in enumerate(
        [
            "person",
            "event",
            "facility",
            "weapon",
            "org",
            "ministry",
            "official",
            "country",
            "historic",
            "epithet",
            "capital",
            "place",
            "demonym",
            "surname",
            "title",
            "construct",
            "counterpart",
            "past",
            "current",
            "orghead",
            "given",
        ]
    )
}
_PROCLITIC_SET = frozenset(p for p in PROCLITICS if p)
# Proclitics that end in the article: after them the entry must not itself begin with ال.
_SEP = " "


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # see TAG_OF_KIND
    id: str | None = None  # entity id (or None for cues)
    type: str | None = None  # Marsad entity type of the mention it makes
    info: str | None = None  # role (titles), state iso3 a capital acts for, head type


@dataclass(frozen=True, slots=True)
class Hit:
    """A gazetteer match: tokens [i, j), the span without proclitics, and its entries."""

    i: int
    j: int
    start: int
    end: int
    key: str
    entries: tuple[Entry, ...]

    @property
    def best(self) -> Entry:
        return self.entries[0]


@dataclass
class EntityInfo:
    id: str
    type: str
    name_ar: str
    name_en: str | None
    country: str | None = None


@dataclass
class PersonInfo:
    id: str
    name_en: str
    name_ar: str
    country: str | None
    surnames: tuple[str, ...]  # folded keys
    alone: bool
    offices: list[tuple[str, str, int | None, int | None]] = field(default_factory=list)  # role, of, from, to

    def offices_at(self, published: str | None) -> list[tuple[str, str, int | None, int | None]] | None:
        """The offices held in the year of ``published`` (an ISO date); None without a year."""
        year = int(published[:4]) if published and published[:4].isdigit() else None
        if year is None:
            return None
        return [o for o in self.offices if (o[2] or 0) <= year <= (o[3] or 9999)]


def form_key(form: str) -> str:
    """The match key of a written form: folded token keys joined by single spaces."""
    return _SEP.join(t.key for t in tokenize(form))


def _read(name: str) -> list[dict[str, str]]:
    text = resources.files("marsad").joinpath("data", "gazetteer", name).read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return [
        {k: (v or "").strip() for k, v in row.items()}
        for row in csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE)
    ]


def _forms(cell: str) -> list[str]:
    return [f.strip() for f in cell.split("|") if f.strip()]


def _offices(cell: str) -> list[tuple[str, str, int | None, int | None]]:
    out = []
    for item in filter(None, (x.strip() for x in cell.split(";"))):
        role, _, rest = item.partition("@")
        of, _, years = rest.rpartition(":")
        a, _, b = years.partition("-")
        of_id = of if of.startswith("org:") else "country:" + of
        out.append((role, of_id, int(a) if a else None, int(b) if b else None))
    return out


class Gazetteer:
    """All gazetteer data, indexed for matching (build with :func:`load`)."""

    def __init__(self) -> None:
        self.entries: dict[str, list[Entry]] = {}
        self.entities: dict[str, EntityInfo] = {}
        self.persons: dict[str, PersonInfo] = {}
        self.surnames: dict[str, list[str]] = {}  # folded surname key → person ids
        self.person_keys: dict[str, str] = {}  # folded full-name key → person id
        self.given: set[str] = set()
        self.stop: set[str] = set()
        self.context_states: dict[str, tuple[str, ...]] = {}  # المملكة -> the kingdoms it may stand for
        self.holders: dict[tuple[str, str], list[str]] = {}  # (role, "country:ISO3" or org id) -> person ids
        self.titles: dict[str, tuple[str, str]] = {}  # key → (role, kind)
        self.heads: dict[str, str] = {}  # key → type
        self.country_iso3: dict[str, str] = {}  # iso3 → name_en
        # key → {form as written → entity id}: when one key has several entities (عمان: Oman,
        # عمّان: Amman), the one written exactly as the text wins
        self.written: dict[str, dict[str, str]] = {}
        # keys whose every entry is written "=…": they match only the exact written form
        self.exact_only: dict[str, set[str]] = {}
        self._inexact: set[str] = set()
        self.ll_keys: dict[str, str] = {}  # key without its article → key (after لل)
        # keys that never match after the article (person names, data/gazetteer/no_article.tsv)
        self.no_article: set[str] = set()
        self._automaton = ahocorasick.Automaton()
        self._build()

    # -- loading -------------------------------------------------------------------------
    def _add(self, form: str, entry: Entry) -> None:
        exact = form.startswith("=")
        form = form.lstrip("=")
        key = form_key(form)
        if not key:
            return
        if exact:
            self.exact_only.setdefault(key, set()).add(_plain(form))
        else:
            self.exact_only.pop(key, None)
            self._inexact.add(key)
        if entry.id:
            self.written.setdefault(key, {}).setdefault(" ".join(form.split()), entry.id)
        lst = self.entries.setdefault(key, [])
        if entry not in lst:
            lst.append(entry)

    def _entity(self, info: EntityInfo) -> None:
        self.entities.setdefault(info.id, info)

    def _build(self) -> None:
        stop_country = {(r["iso3"], form_key(r["form"])) for r in _read("country_stop.tsv")}
        cldr_name: dict[str, str] = {}
        for r in _read("countries.tsv"):
            iso3 = r["iso3"]
            self.country_iso3[iso3] = r["name_en"]
            if r["name_ar"]:
                cldr_name[iso3] = r["name_ar"]
                if (iso3, form_key(r["name_ar"])) not in stop_country:
                    self._add(r["name_ar"], Entry("country", "country:" + iso3, "COUNTRY"))
        short: dict[str, str] = {}
        for r in _read("country_names.tsv"):
            iso3, form, kind = r["iso3"], r["form"], r["kind"]
            if kind in ("short", "variant"):
                kind = "country"
                short.setdefault(iso3, form)
            self._add(form, Entry(kind, "country:" + iso3, "COUNTRY"))
            if kind == "historic":
                short.setdefault(iso3, form)
        for iso3, name_en in self.country_iso3.items():
            name_ar = short.get(iso3) or cldr_name.get(iso3) or name_en
            if iso3 in cldr_name and iso3 not in ("PSE",):
                name_ar = cldr_name[iso3]
            self._entity(EntityInfo("country:" + iso3, "COUNTRY", name_ar, name_en, iso3))
        for r in _read("demonyms.tsv"):
            self._add(r["form"], Entry("demonym", "country:" + r["iso3"], "COUNTRY"))
        for r in _read("places.tsv"):
            forms = _forms(r["forms"])
            lid = "location:" + r["slug"]
            self._entity(EntityInfo(lid, "LOCATION", forms[0], r["name_en"], r["country"] or None))
            kind = "capital" if r["acts_for"] else "place"
            for f in forms:
                self._add(f, Entry(kind, lid, "LOCATION", r["acts_for"] or None))
        for fname, kind, etype, prefix in (
            ("organizations.tsv", "org", "ORG", "org:"),
            ("facilities.tsv", "facility", "FACILITY", "facility:"),
            ("weapons.tsv", "weapon", "WEAPON", "weapon:"),
            ("named_events.tsv", "event", "EVENT_NAME", "event:"),
        ):
            for r in _read(fname):
                forms = _forms(r["forms"])
                eid = prefix + r["slug"]
                self._entity(EntityInfo(eid, etype, forms[0], r["name_en"], r.get("country") or None))
                for f in forms:
                    self._add(f, Entry(kind, eid, etype))
        for r in _read("persons.tsv"):
            forms = _forms(r["forms"])
            pid = "person:" + r["slug"]
            surnames = tuple(form_key(s) for s in _forms(r["surnames"]))
            p = PersonInfo(
                pid,
                r["name_en"],
                forms[0],
                r["country"] or None,
                surnames,
                r["alone"] == "yes",
                _offices(r["offices"]),
            )
            self.persons[pid] = p
            for role, of, _a, _b in p.offices:
                holders = self.holders.setdefault((role, of), [])
                if pid not in holders:
                    holders.append(pid)
            self._entity(EntityInfo(pid, "PERSON", forms[0], r["name_en"], r["country"] or None))
            for f in forms:
                self._add(f, Entry("person", pid, "PERSON"))
                self.person_keys[form_key(f)] = pid
            for s in _forms(r["surnames"]):
                self._add(s, Entry("surname", pid, "PERSON"))
                self.surnames.setdefault(form_key(s), []).append(pid)
        for r in _read("titles.tsv"):
            self.titles[form_key(r["phrase"])] = (r["role"], r["kind"])
            self._add(r["phrase"], Entry(r["kind"], None, None, r["role"]))
        for r in _read("org_heads.tsv"):
            self.heads[form_key(r["head"])] = r["type"]
            self._add(r["head"], Entry("orghead", None, None, r["type"]))
        for r in _read("ministries.tsv"):
            self._add("وزارة " + r["portfolio"], Entry("ministry", None, "ORG", r["name_en"] + "|" + r["minister"]))
        for r in _read("given_names.tsv"):
            self.given.add(form_key(r["name"]))
            self._add(r["name"], Entry("given"))
        self.stop = {form_key(r["word"]) for r in _read("name_stop.tsv")}
        self.context_states = {form_key(r["form"]): tuple(r["states"].split()) for r in _read("context_states.tsv")}
        for r in _read("office_holders.tsv"):
            self._add(r["form"], Entry("holder", None, "PERSON", r["role"] + "@" + r["state"]))
        self.no_article = {form_key(r["form"]) for r in _read("no_article.tsv")}
        self.no_article |= {
            key for key, lst in self.entries.items() if all(e.kind in ("person", "surname", "given") for e in lst)
        }

        for key in self._inexact:
            self.exact_only.pop(key, None)
        for key, lst in self.entries.items():
            lst.sort(key=lambda e: _PRIORITY.get(e.kind, 99))
            self._automaton.add_word(key, key)
        # ل + ال is written لل: "للعراق" holds "عراق" after the proclitic لل, so every key
        # with the article is also looked for without it, after لل only (span: عراق)
        for key in list(self.entries):
            if key.startswith("ال") and len(key) >= 5 and _arabic(key[2]):
                self.ll_keys.setdefault(key[2:], key)
                if key[2:] not in self.entries:
                    self._automaton.add_word(key[2:], key[2:])
        self._automaton.make_automaton()

    # -- matching ------------------------------------------------------------------------
    def lookup(self, key: str) -> tuple[Entry, ...]:
        return tuple(self.entries.get(key, ()))

    def hits(self, tokens: list[Token], text: str | None = None) -> list[Hit]:
        """Every gazetteer hit over ``tokens`` (overlapping; see :meth:`select`).

        With ``text``, no hit runs across a line break or a stretch left out of ``tokens``.
        """
        if not tokens:
            return []
        parts: list[str] = []
        starts: list[int] = []  # offset of each token's key in the joined string
        pos = 0
        for n, t in enumerate(tokens):
            if n:
                sep = _SEP
                gap = text[tokens[n - 1].end : t.start] if text is not None else ""
                if "\n" in gap or (gap and not gap.isspace()):
                    sep = "\n"  # a line break, or text left out (boilerplate) between the tokens
                parts.append(sep)
                pos += 1
            starts.append(pos)
            parts.append(t.key)
            pos += len(t.key)
        joined = "".join(parts)
        n_tok = len(tokens)
        out: list[Hit] = []
        entries = self.entries
        for end_idx, akey in self._automaton.iter(joined):
            end = end_idx + 1
            if end < len(joined) and joined[end] not in " \n":
                continue
            begin = end - len(akey)
            ti = bisect_right(starts, begin) - 1
            prefix = joined[starts[ti] : begin]
            key = akey
            if prefix.endswith("لل") and akey in self.ll_keys and prefix in _PROCLITIC_SET:
                key = self.ll_keys[akey]
            elif akey not in entries:
                continue
            if prefix:
                if prefix not in _PROCLITIC_SET or not _arabic(key[0]):
                    continue
                if prefix.endswith("ال") and (key.startswith("ال") or key in self.no_article):
                    continue
            tj = bisect_right(starts, end - 1)
            if tj > n_tok:
                tj = n_tok
            lst = entries[key]
            if prefix and not prefix.endswith("ل") and lst[0].kind == "demonym" and len(key) <= 3:
                continue
            tok0 = tokens[ti]
            start = tok0.start + _orig_offset(tok0, len(prefix)) if prefix else tok0.start
            end_c = tokens[tj - 1].end
            if key in self.exact_only:
                surface = (
                    text[start:end_c] if text is not None else " ".join(t.text for t in tokens[ti:tj])
                )
                if _plain(surface[len(prefix) :] if text is None else surface) not in self.exact_only[key]:
                    continue
            ents = tuple(lst)
            if len({e.id for e in lst if e.id}) > 1 and text is not None:
                exact = self.written.get(key, {}).get(" ".join(text[start:end_c].split()))
                if exact:
                    ents = tuple(sorted(lst, key=lambda e: e.id != exact))
            out.append(Hit(ti, tj, start, end_c, key, ents))
        return out

    @staticmethod
    def select(hits: list[Hit], keep=None) -> list[Hit]:
        """Non-overlapping hits, longest (in characters) first; ``keep`` filters candidates."""
        cands = [h for h in hits if keep is None or keep(h)]
        cands.sort(key=lambda h: (-(h.end - h.start), h.start, _PRIORITY.get(h.best.kind, 99)))
        taken: list[tuple[int, int]] = []
        out: list[Hit] = []
        for h in cands:
            if any(s < h.end and h.start < e for s, e in taken):
                continue
            taken.append((h.start, h.end))
            out.append(h)
        out.sort(key=lambda h: h.start)
        return out


def _plain(s: str) -> str:
    """Matching-level normalisation without folding (hamza kept), spaces collapsed."""
    return " ".join(normalize_text(s).split())


def _arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


def _orig_offset(tok: Token, n_key_chars: int) -> int:
    """Offset in ``tok.text`` of the key character ``n_key_chars`` (keys drop diacritics)."""
    if len(tok.key) == len(tok.text):
        return n_key_chars
    seen = 0
    for i, ch in enumerate(tok.text):
        f = fold(ch)
        if seen >= n_key_chars and f:
            return i  # diacritics of the proclitic (لِ) stay outside with it
        seen += len(f)
    return len(tok.text)


@lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer, loaded once per process."""
    return Gazetteer()


def token_tags(tokens: list[Token]) -> list[str | None]:
    """A gazetteer tag for each token (None when no entry covers it).

    Tags: COUNTRY (names, official names, epithets), DEMONYM, CAPITAL (capitals and seats of
    government), LOCATION, PERSON (full names and known surnames), ORG, FACILITY, WEAPON,
    EVENT (named events), TITLE (offices that introduce names), TIME (آنذاك، السابق…),
    GIVEN (given names), HEAD (organisation head nouns). Longest match wins.
    """
    gz = load()
    tags: list[str | None] = [None] * len(tokens)
    for h in gz.select(gz.hits(tokens)):
        tag = TAG_OF_KIND.get(h.best.kind)
        for k in range(h.i, h.j):
            tags[k] = tag
    return tags
