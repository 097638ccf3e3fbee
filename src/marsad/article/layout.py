"""Reading a pasted news article: title, dateline, byline, credited source and boilerplate.

The text is looked at line by line (a line is what lies between two line breaks, trimmed
of white space). Nothing is deleted: every finding is a span into ``raw.text``, and
boilerplate is a list of spans, each made of whole lines (consecutive boilerplate lines
are merged into one span). Whatever is not found stays None.

The *head* of an article is its lines before the first paragraph (a line of at least
:data:`PARAGRAPH_WORDS` words, or a sentence of at least :data:`SENTENCE_WORDS` words
ending with a full stop), at most :data:`HEAD_LINES` lines. Its *tail* is its last
:data:`TAIL_LINES` lines.

* Masthead: a short line that occurs twice or more in the head (a site's header pasted
  twice, editor-in-chief lines…), every occurrence. A line that is only a year (``2026``)
  in the head is masthead or copyright noise, never a date.
* Dateline: a short head line that is a date with at most a weekday, a place, a time and
  labels such as ``نشر في`` around it. The date itself is read by the time-expression stage
  (:func:`marsad.timex.extract`); only a full date (year, month and day) is taken. Only when
  that stage finds no date in the head are bare ISO dates (``2025-08-13``) read here.
* Title: the first head line that is none of the above nor a byline nor a one-word label
  (a section name), if it is short, is not mostly digits and does not end with a full stop,
  colon or comma. When
  the reader already knows the title (HTML, metadata), only a head line saying exactly
  that is taken as the title (its span); otherwise the title stays None.
* Byline and credited source: a short line in the head or the tail made of a cue, a
  separator and a name (``الكاتب: …``, ``بقلم …``, ``كتب: …`` → author; ``المصدر | …``,
  ``المصدر: …`` → outlet). These lines are boilerplate.
* Boilerplate also: subscribe/follow/share/app/copyright lines, counters and markers such as
  ``((2))`` and lines of symbols only, and related-article blocks: a keywords or "read also"
  line and every following line shaped like a link title or a keyword list.

Cue phrases live in ``src/marsad/data/article/`` (see its ``SOURCE.md``).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

from marsad import timex
from marsad.article.lexicon import Cue, lexicons
from marsad.model import ArticleInfo, DocContext, RawDocument, Span
from marsad.text import Token, fold, tokenize

__all__ = ["parse"]

HEAD_LINES = 12
TAIL_LINES = 10
PARAGRAPH_WORDS = 25
SENTENCE_WORDS = 12
MAX_TITLE_WORDS = 25
MAX_TITLE_CHARS = 200
MAX_MASTHEAD_WORDS = 15
MAX_CUE_LINE_WORDS = 20
MAX_BYLINE_WORDS = 12
MAX_BYLINE_NAME_WORDS = 6
MAX_DATELINE_WORDS = 14
MAX_DATELINE_OTHER_WORDS = 2
MAX_LINK_WORDS = 20
MAX_LINK_CHARS = 200
_LONG_LINE_WORDS = 60  # above every threshold above: such a line is always a paragraph

_STRIP = " \t\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u200c\u200d\u200e\u200f\u2028\u2029\u202f\u205f\u2060\u3000\ufeff"
_SEPARATORS = frozenset(":|-–—/：")
_NAME_ENDS = frozenset("-–—|/،,;؛")
_DIGIT = "0-9\u0660-\u0669\u06f0-\u06f9"
_YEAR_RE = re.compile(rf"[{_DIGIT}]{{4}}")
_MARKER_RE = re.compile(rf"[(\[{{«<﴿]+\s*[{_DIGIT}]{{1,4}}\s*[)\]}}»>﴾]+")
_ISO_RE = re.compile(rf"([{_DIGIT}]{{4}})-([{_DIGIT}]{{1,2}})-([{_DIGIT}]{{1,2}})(?:[T ][{_DIGIT}]{{1,2}}:[{_DIGIT}]{{2}}(?::[{_DIGIT}]{{2}})?)?")
_FULL_DATE_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_NO_TITLE_END = (".", ":", "،", ",", ";", "؛")


@dataclass(slots=True)
class _Line:
    n: int  # index among the non-empty lines
    start: int
    end: int
    text: str
    tokens: list[Token]
    words: int  # tokens with letters
    numbers: int  # tokens with digits
    key: str  # folded text

    @property
    def span(self) -> Span:
        return (self.start, self.end)


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        s = pos + (len(raw) - len(raw.lstrip(_STRIP)))
        e = pos + len(raw.rstrip(_STRIP))
        pos += len(raw) + 1
        if e <= s:
            continue
        line = text[s:e]
        rough = len(line.split())
        if rough > _LONG_LINE_WORDS:  # a paragraph: no rule looks inside it, no need for tokens
            out.append(_Line(len(out), s, e, line, [], rough, 0, ""))
            continue
        toks = tokenize(text, s, e)
        words = sum(1 for t in toks if t.text[0].isalpha())
        numbers = sum(1 for t in toks if t.is_number)
        out.append(_Line(len(out), s, e, line, toks, words, numbers, fold(line)))
    return out


def _is_word(tok: Token) -> bool:
    return tok.text[0].isalnum()


def _match_at(tokens: list[Token], i: int, cue: Cue) -> bool:
    k = len(cue.keys)
    return i + k <= len(tokens) and all(tokens[i + j].key == cue.keys[j] for j in range(k))


def _first_word(tokens: list[Token]) -> int:
    for i, t in enumerate(tokens):
        if _is_word(t) or t.text == "©":
            return i
    return len(tokens)


def _starts_with(line: _Line, cues: tuple[Cue, ...]) -> tuple[Cue, int] | None:
    """The cue the line begins with (leading symbols skipped) and the token index after it."""
    i = _first_word(line.tokens)
    for cue in cues:
        if _match_at(line.tokens, i, cue):
            return cue, i + len(cue.keys)
    return None


def _contains(line: _Line, cue: Cue) -> bool:
    return any(_match_at(line.tokens, i, cue) for i in range(len(line.tokens)))


def _is_paragraph(line: _Line) -> bool:
    if line.words >= PARAGRAPH_WORDS:
        return True
    return line.words >= SENTENCE_WORDS and line.text.endswith(".") and not line.text.endswith("..")


# --- boilerplate lines -------------------------------------------------------------------------


def _is_marker(line: _Line) -> bool:
    if _MARKER_RE.fullmatch(line.text):
        return True
    # Symbols only: *** — • • • (a long line is left untokenised: never a marker).
    return bool(line.tokens) and not any(_is_word(t) for t in line.tokens)


def _is_cue_line(line: _Line) -> bool:
    if line.words + line.numbers > MAX_CUE_LINE_WORDS:
        return False
    lex = lexicons()
    if _starts_with(line, lex.boilerplate_start) is not None:
        return True
    return any(_contains(line, c) for c in lex.boilerplate_anywhere)


def _is_link_like(line: _Line) -> bool:
    """A related-article title or a keyword list: short, with letters, not a sentence or a lead-in."""
    if not 1 <= line.words <= MAX_LINK_WORDS or len(line.text) > MAX_LINK_CHARS:
        return False
    return not line.text.endswith(_NO_TITLE_END) or line.text.endswith("..")


def _masthead(head: list[_Line]) -> set[int]:
    counts: dict[str, int] = {}
    for line in head:
        if line.words and line.words <= MAX_MASTHEAD_WORDS:
            counts[line.key] = counts.get(line.key, 0) + 1
    return {line.n for line in head if counts.get(line.key, 0) >= 2}


def _byline(line: _Line) -> tuple[str, str] | None:
    """(field, name) when the line is a byline or a source credit."""
    if line.words + line.numbers > MAX_BYLINE_WORDS:
        return None
    hit = _starts_with(line, lexicons().byline)
    if hit is None:
        return None
    cue, i = hit
    toks = line.tokens
    if i < len(toks) and toks[i].text in _SEPARATORS:
        while i < len(toks) and toks[i].text in _SEPARATORS:
            i += 1
    elif cue.flag == "required":
        return None
    name = toks[i:]
    for j, t in enumerate(name):  # "كتب: فلان - القاهرة" → فلان
        if j and t.text in _NAME_ENDS:
            name = name[:j]
            break
    while name and not _is_word(name[-1]):
        name = name[:-1]
    n_words = sum(1 for t in name if _is_word(t))
    if not name or not name[0].text[0].isalpha() or not 1 <= n_words <= MAX_BYLINE_NAME_WORDS:
        return None
    return cue.kind, line.text[name[0].start - line.start : name[-1].end - line.start]


# --- dateline ----------------------------------------------------------------------------------


def _valid_date(y: int, m: int, d: int) -> str | None:
    try:
        return _dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def _only_date_left(line_text: str, spans: list[Span]) -> bool:
    """Whether, without ``spans``, labels, numbers and punctuation, at most two words remain."""
    chars = list(line_text)
    for s, e in spans:
        chars[s:e] = " " * (e - s)
    rest = tokenize("".join(chars))
    labels = lexicons().dateline_labels
    other = 0
    i = 0
    while i < len(rest):
        cue = next((c for c in labels if _match_at(rest, i, c)), None)
        if cue is not None:
            i += len(cue.keys)
            continue
        t = rest[i]
        if t.text[0].isalpha() and len(t.key) >= 2:
            other += 1
        i += 1
    return other <= MAX_DATELINE_OTHER_WORDS


def _timex_date(line: _Line) -> str | None:
    found = timex.extract(DocContext.build(line.text))
    for t in found:
        m = _FULL_DATE_RE.match(t.value or "")
        if not m:
            continue
        value = _valid_date(*(int(g) for g in m.groups()))
        if value and _only_date_left(line.text, [(x.start, x.end) for x in found]):
            return value
    return None


def _iso_date(line: _Line) -> str | None:
    for m in _ISO_RE.finditer(line.text):
        digits = [int(fold(g)) for g in m.groups()]
        value = _valid_date(*digits)
        if value and _only_date_left(line.text, [m.span()]):
            return value
    return None


def _is_dateish(line: _Line) -> bool:
    """Mostly digits (a date or time the stages could not read): never a title."""
    digits = sum(len(t.text) for t in line.tokens if t.is_number)
    letters = sum(len(t.text) for t in line.tokens if t.text[0].isalpha())
    return digits > 0 and digits >= 0.4 * (digits + letters)


# --- title ------------------------------------------------------------------------------------


def _is_title(line: _Line) -> bool:
    if not 2 <= line.words <= MAX_TITLE_WORDS or len(line.text) > MAX_TITLE_CHARS:
        return False
    if line.text.endswith(_NO_TITLE_END) and not line.text.endswith(".."):
        return False
    return not _is_dateish(line)


# --- putting it together -----------------------------------------------------------------------


def _merge(lines: list[_Line], marked: set[int]) -> list[Span]:
    spans: list[Span] = []
    last = -2
    for n in sorted(marked):
        line = lines[n]
        if n == last + 1 and spans:
            spans[-1] = (spans[-1][0], line.end)
        else:
            spans.append(line.span)
        last = n
    return spans


def parse(raw: RawDocument) -> ArticleInfo:
    """Find title, publication date, byline, credited source and boilerplate written in ``raw.text``."""
    text = raw.text
    lines = _lines(text)
    info = ArticleInfo()
    if not lines:
        return info
    lex = lexicons()

    head: list[_Line] = []
    for line in lines[:HEAD_LINES]:
        if _is_paragraph(line):
            break
        head.append(line)
    tail = lines[max(len(head), len(lines) - TAIL_LINES) :]

    marked: set[int] = set()
    masthead = _masthead(head)
    marked |= masthead
    marked |= {line.n for line in head if _YEAR_RE.fullmatch(line.text)}
    marked |= {line.n for line in lines if _is_marker(line) or _is_cue_line(line)}

    bylines: set[int] = set()
    for line in head + tail:
        found = _byline(line)
        if found is None:
            continue
        field, name = found
        bylines.add(line.n)
        if field == "author" and info.author is None:
            info.author = name
        elif field == "outlet" and info.outlet is None:
            info.outlet = name
    marked |= bylines

    n = 0
    while n < len(lines):
        line = lines[n]
        if line.words + line.numbers <= MAX_CUE_LINE_WORDS and _starts_with(line, lex.related) is not None:
            marked.add(n)
            n += 1
            while n < len(lines) and (n in marked or _is_link_like(lines[n])):
                marked.add(n)
                n += 1
            continue
        n += 1

    candidates = [
        line for line in head if line.n not in marked and line.words + line.numbers <= MAX_DATELINE_WORDS
    ]
    dateline: _Line | None = None
    for finder in (_timex_date, _iso_date):  # ISO dates here only when the time stage finds nothing
        for line in candidates:
            value = finder(line)
            if value is not None:
                info.published, info.published_from, info.published_span = value, "text", line.span
                dateline = line
                break
        if dateline is not None:
            break

    title_line: _Line | None = None
    if raw.title:
        # The reader knows the title: only a head line saying exactly that is its span (the
        # first line is then often a byline or a subtitle, not the title).
        wanted = fold(raw.title)
        title_line = next((x for x in head if x.key == wanted and x.n not in marked), None)
    else:
        for line in head:
            # Skipped: boilerplate, the dateline, unread dates and one-word labels (a section name,
            # "عاجل"); the first other line is the title or there is none.
            if line.n in marked or line is dateline or _is_dateish(line) or line.words < 2:
                continue
            if _is_title(line):
                title_line = line
            break
    if title_line is not None:
        info.title, info.title_span = title_line.text, title_line.span

    info.boilerplate = _merge(lines, marked)
    return info
