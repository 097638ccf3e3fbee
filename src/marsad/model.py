"""The records Marsad's stages pass to each other.

These plain dataclasses are the contract between the stages of the pipeline
(readers → article → entities → time → quantities → events) and the knowledge
base. Every span is ``(start, end)`` into ``DocContext.text`` (Python indices,
end exclusive) and every record with a span keeps ``text == doc.text[start:end]``.

Ids:
  documents  ``d-`` + 12 hex of sha256(text)
  entities   ``country:`` + ISO alpha-3, else ``person:``/``org:``/``location:``/
             ``facility:``/``weapon:``/``event:`` + ascii slug
  quantities ``q-…``, events ``e-…``, clusters ``ec-…``, findings ``f-…``
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

from marsad.text.tokenize import Sentence, Token, sentences, tokenize

EntityType = Literal["PERSON", "COUNTRY", "ORG", "LOCATION", "FACILITY", "WEAPON", "EVENT_NAME"]
ENTITY_TYPES: tuple[str, ...] = ("PERSON", "COUNTRY", "ORG", "LOCATION", "FACILITY", "WEAPON", "EVENT_NAME")
ENTITY_ID_PREFIX: dict[str, str] = {
    "PERSON": "person",
    "COUNTRY": "country",
    "ORG": "org",
    "LOCATION": "location",
    "FACILITY": "facility",
    "WEAPON": "weapon",
    "EVENT_NAME": "event",
}
MentionHow = Literal["gazetteer", "model", "pattern", "coreference"]
PublishedFrom = Literal["metadata", "html", "text", "inferred"]
Comparator = Literal["eq", "approx", "gt", "gte", "lt", "lte"]
Certainty = Literal["asserted", "reported", "hedged", "denied"]
EventStatus = Literal["occurred", "announced", "planned", "alleged", "denied"]

Span = tuple[int, int]


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_id(text: str) -> str:
    return "d-" + content_hash(text)[:12]


@dataclass
class RawDocument:
    """One article as a reader found it, before analysis."""

    text: str
    source: str  # path (relative to what the user named) or URL, plus "#line" for JSONL
    title: str | None = None
    published: str | None = None  # ISO 8601 date
    published_from: PublishedFrom | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    language: str = "ar"

    @property
    def id(self) -> str:
        return document_id(self.text)


@dataclass
class ArticleInfo:
    """What :func:`marsad.article.parse` finds in the text itself."""

    title: str | None = None
    title_span: Span | None = None
    published: str | None = None
    published_from: PublishedFrom | None = None
    published_span: Span | None = None  # the dateline, when found in the text
    author: str | None = None  # byline (الكاتب: …)
    outlet: str | None = None  # credited source (المصدر | …)
    boilerplate: list[Span] = field(default_factory=list)


@dataclass
class DocContext:
    """A document ready for analysis: text, metadata, sentences and tokens outside boilerplate."""

    id: str
    text: str
    published: str | None
    boilerplate: list[Span]
    sentences: list[Sentence]
    tokens: list[Token]
    title_span: Span | None = None
    published_span: Span | None = None

    @classmethod
    def build(
        cls,
        text: str,
        published: str | None = None,
        boilerplate: list[Span] | None = None,
        title_span: Span | None = None,
        published_span: Span | None = None,
    ) -> DocContext:
        bp = sorted(boilerplate or [])
        sents: list[Sentence] = []
        toks: list[Token] = []
        for s, e in _complement(bp, len(text)):
            sents.extend(sentences(text, s, e))
            toks.extend(tokenize(text, s, e))
        return cls(document_id(text), text, published, bp, sents, toks, title_span, published_span)

    def in_boilerplate(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self.boilerplate)

    def sentence_at(self, pos: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return None


def _complement(spans: list[Span], length: int) -> list[Span]:
    out: list[Span] = []
    pos = 0
    for s, e in spans:
        if s > pos:
            out.append((pos, s))
        pos = max(pos, e)
    if pos < length:
        out.append((pos, length))
    return out


@dataclass
class Role:
    role: str  # "president", "foreign minister", "prime minister", "ambassador", …
    of: str | None  # entity id of the country or organisation
    current: bool | None = None  # False for آنذاك / السابق / الأسبق
    start: int | None = None  # span of the phrase that states the role
    end: int | None = None


@dataclass
class Entity:
    """An entity as one document knows it; the knowledge base merges them across documents."""

    id: str
    type: str
    name_ar: str
    name_en: str | None = None
    name_en_transliterated: bool = False  # True when name_en is a transliteration, not a known name
    aliases: list[str] = field(default_factory=list)  # surface forms as written
    country: str | None = None  # ISO alpha-3
    roles: list[Role] = field(default_factory=list)


@dataclass
class Mention:
    start: int
    end: int
    text: str
    type: str
    entity: str  # entity id
    how: MentionHow = "gazetteer"
    metonym: bool = False  # capital/epithet/demonym standing for a state


@dataclass
class Timex:
    start: int
    end: int
    text: str
    value: str  # TIMEX3-style: YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, 199X, YYYY/YYYY, XXXX-MM-DD
    anchored: bool = True
    kind: str = "date"  # date | year | range | decade | relative | duration | time
    # Optional refinements (all None unless stated): "early" | "mid" | "late" | "since" | "until" |
    # "before" | "after" for بداية/منتصف/أواخر/منذ/حتى/قبل/بعد; the Hijri date as written (YYYY, YYYY-MM or
    # YYYY-MM-DD in the Hijri calendar) when the value was converted from it; and, for relative
    # expressions, the rule that resolved them (see docs/TIME.md).
    mod: str | None = None
    hijri: str | None = None
    rule: str | None = None


@dataclass
class Quantity:
    id: str
    start: int
    end: int
    text: str
    value: float
    unit: str | None
    comparator: Comparator = "eq"
    measure: str | None = None
    measure_span: Span | None = None
    period: str | None = None
    entities: list[str] = field(default_factory=list)
    attribution: str | None = None  # entity id or "outlet"
    certainty: Certainty = "asserted"
    value_max: float | None = None  # for ranges (بين 10 و20)


@dataclass
class Event:
    id: str
    type: str
    status: EventStatus
    source: list[str]
    target: list[str]
    start: int  # the sentence or clause
    end: int
    text: str
    participants: list[str] = field(default_factory=list)
    location: list[str] = field(default_factory=list)
    date: str | None = None
    date_text: str | None = None
    attribution: str | None = "outlet"
    certainty: Certainty = "asserted"
    trigger: Span | None = None
    negated: bool = False
    plover: dict | None = None  # {"event_type": …, "mode": …, "context": [...]}
    cameo: str | None = None
    cluster: str | None = None
    quantities: list[str] = field(default_factory=list)  # ids of quantities that measure it


@dataclass
class Analysis:
    """Everything the pipeline learns from one document: a pure function of the RawDocument."""

    document: RawDocument
    article: ArticleInfo
    boilerplate: list[Span]
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    published: str | None = None
    published_from: PublishedFrom | None = None
    warnings: list[str] = field(default_factory=list)
