"""article.parse on the seed articles (copies under tests/fixtures/article/, see SOURCE.md there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from marsad.article import parse
from marsad.model import ArticleInfo, RawDocument

FIX = Path(__file__).parent / "fixtures" / "article"


def load(prefix: str) -> tuple[str, ArticleInfo]:
    [path] = FIX.glob(f"{prefix}_*.txt")
    text = path.read_text(encoding="utf-8")
    return text, parse(RawDocument(text=text, source=str(path)))


def lines_of(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        s = pos + len(line) - len(line.lstrip(" \u00a0\t"))
        e = pos + len(line.rstrip(" \u00a0\t"))
        if e > s:
            out.append((s, e, text[s:e]))
        pos += len(line) + 1
    return out


def covered(info: ArticleInfo, start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in info.boilerplate)


def overlaps(info: ArticleInfo, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in info.boilerplate)


def line_span(text: str, line: str, occurrence: int = 0) -> tuple[int, int]:
    spans = [(s, e) for s, e, t in lines_of(text) if t == line]
    return spans[occurrence]


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_spans_are_exact_and_boilerplate_never_covers_a_paragraph(prefix):
    text, info = load(prefix)
    if info.title is not None:
        assert text[slice(*info.title_span)] == info.title
    if info.published_span is not None:
        assert info.published is not None
    for s, e in info.boilerplate:
        assert 0 <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
    assert info.boilerplate == sorted(info.boilerplate)
    for s, e, line in lines_of(text):
        if len(line.split()) >= 25:  # every article paragraph
            assert not overlaps(info, s, e), line[:60]
    if info.title_span:
        assert not overlaps(info, *info.title_span)


def test_000_byline_author_and_no_date():
    text, info = load("000")
    assert info.author == "غرفة التحرير"
    assert info.published is None and info.published_from is None and info.published_span is None
    assert info.title is None  # the text opens with a paragraph
    assert covered(info, *line_span(text, "الكاتب: غرفة التحرير"))
    assert len(info.boilerplate) == 1


def test_001_title_is_first_line_and_no_date():
    text, info = load("001")
    first = text.split("\n", 1)[0]
    assert info.title == first == "وزير الخارجية كوهين يلتقي الرئيس الأذربيجاني لمناقشة التحديات الأمنية المشتركة"
    assert info.title_span == (0, len(first))
    assert info.published is None and info.published_span is None
    assert info.author is None and info.outlet is None
    assert info.boilerplate == []


def test_002_dateline_source_counter_and_related_block():
    text, info = load("002")
    assert info.title == "كيف أصبحت أذربيجان الحليف الإسلامي لإسرائيل في القوقاز؟"
    assert text[slice(*info.title_span)] == info.title
    assert info.published == "2020-10-10" and info.published_from == "text"
    assert text[slice(*info.published_span)] == "السبت 10 أكتوبر 2020 12:16 م"
    assert info.outlet == "مونت كارلو"
    assert info.author is None
    assert covered(info, *line_span(text, "((2))"))
    assert covered(info, *line_span(text, "المصدر | مونت كارلو"))
    keywords = text.index("كلمات مفتاحية")
    assert covered(info, keywords, len(text.rstrip()))  # from the keywords line to the end
    # and nothing before the counter is boilerplate
    assert min(s for s, _ in info.boilerplate) == text.index("((2))")


def test_003_repeated_masthead_and_title():
    text, info = load("003")
    for line in ("رئيس مجلسى الإدارة والتحرير", "محمد الباز"):
        for occurrence in (0, 1):
            assert covered(info, *line_span(text, line, occurrence)), (line, occurrence)
    assert info.title == "وحدة الجبهات.. ماذا وراء تحرك إسرائيل الدبلوماسى فى أذربيجان وتركمانستان؟"
    assert text[slice(*info.title_span)] == info.title
    assert info.published is None
    assert info.author is None  # the masthead's editor-in-chief is not the author


def test_004_iso_dateline_year_noise_and_subscribe_line():
    text, info = load("004")
    assert info.published == "2025-08-13" and info.published_from == "text"
    assert text[slice(*info.published_span)] == "2025-08-13"
    assert covered(info, *line_span(text, "2026"))
    assert covered(info, *line_span(text, "إشترك في قناتنا على"))
    assert info.title == "أسس وأهداف التحالف الأذربيجاني الإسرائيلي"
    assert not overlaps(info, *info.published_span)
