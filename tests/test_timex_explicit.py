"""Explicit dates: every month system, every digit script, datelines, numeric dates, years."""

import pytest

from marsad.model import DocContext
from marsad.timex import extract


def one(text: str, published: str | None = None):
    found = extract(DocContext.build(text, published=published))
    assert len(found) == 1, [(t.text, t.value) for t in found]
    t = found[0]
    assert text[t.start : t.end] == t.text
    return t


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("السبت 10 أكتوبر 2020 12:16 م", "السبت 10 أكتوبر 2020 12:16 م", "2020-10-10"),
        ("نشر في 2025-08-13", "2025-08-13", "2025-08-13"),
        ("في ۲٥ ديسمبر ۱۹۹۱.", "۲٥ ديسمبر ۱۹۹۱", "1991-12-25"),
        ("10 تشرين الأول 2020", "10 تشرين الأول 2020", "2020-10-10"),
        ("الأربعاء، 13/8/2025", "الأربعاء، 13/8/2025", "2025-08-13"),
        ("بتاريخ 2015/7/21 م", "2015/7/21 م", "2015-07-21"),
        ("في 5 جويلية 1962 استقلت", "5 جويلية 1962", "1962-07-05"),
        ("جانفي 2019", "جانفي 2019", "2019-01"),
        ("وفي أغسطس ۲۰۰۷، ناقش", "أغسطس ۲۰۰۷", "2007-08"),
        ("في أبريل نيسان 2021 لكنها", "أبريل نيسان 2021", "2021-04"),
        ("نيسان (أبريل) 2021", "نيسان (أبريل) 2021", "2021-04"),
        ("3 آب 2020", "3 آب 2020", "2020-08-03"),
        ("7 يونيه 2014م", "7 يونيه 2014م", "2014-06-07"),
        ("15 شعبان 1436هـ", "15 شعبان 1436هـ", "2015-06-02"),
        ("الموافق 5/10/1436هـ", "5/10/1436هـ", "2015-07-21"),
    ],
)
def test_explicit_dates(text, span, value):
    t = one(text)
    assert t.text == span
    assert t.value == value
    assert t.anchored


def test_hijri_month_is_a_gregorian_range():
    t = one("رمضان 1444")
    assert t.value == "2023-03-23/2023-04-20"
    assert t.kind == "range"
    assert t.hijri == "1444-09"


@pytest.mark.parametrize(
    ("text", "values", "kind"),
    [
        ("عام 1992", ["1992"], "year"),
        ("في 2016، قال", ["2016"], "year"),
        ("سنة ١٩٩٥", ["1995"], "year"),
        ("في عامي 1997 و2016.", ["1997", "2016"], "year"),
        ("في أعوام ۲۰۱٦ و۲۰۲۰ و۲۰۲۳.", ["2016", "2020", "2023"], "year"),
        ("في 2016-2020، وهو", ["2016/2020"], "range"),
        ("في الفترة ٢٠١٦-٢٠٢٠ كانت", ["2016/2020"], "range"),
        ("بين عامي 2010 و2015", ["2010/2015"], "range"),
        ("من 2016 إلى 2020", ["2016/2020"], "range"),
        ("في الخمسينات", ["195X"], "decade"),
        ("في بداية التسعينات", ["199X"], "decade"),
        ("منذ منتصف الـ۲۰۰۰يات.", ["200X"], "decade"),
        ("منذ أواخر العقد الأول من الألفية الثانية تدريجيا", ["200X"], "decade"),
    ],
)
def test_years_ranges_decades(text, values, kind):
    found = extract(DocContext.build(text))
    assert [t.value for t in found] == values
    assert all(t.kind == kind for t in found)


def test_since_and_modifiers():
    t = one("منذ عام 1992")
    assert (t.text, t.value, t.mod) == ("عام 1992", "1992", "since")
    assert one("في بداية التسعينات").mod == "early"


@pytest.mark.parametrize(
    "text",
    ["قدمت إسرائيل 69٪ من واردات باكو", "هاجر أكثر من 70 ألف يهودي", "طائرات من نوع هيرمس 45", "اتصل على 0112345678",
     "في 2000 منزل", "مارس الضغط على الحكومة", "زار آب المدينة", "قال رجب طيب أردوغان"],
)
def test_not_timexes(text):
    assert extract(DocContext.build(text)) == []


def test_boilerplate_produces_nothing():
    text = "في عام 2020 بدأ.\nحقوق النشر 2024"
    bp_start = text.index("حقوق")
    found = extract(DocContext.build(text, boilerplate=[(bp_start, len(text))]))
    assert [t.value for t in found] == ["2020"]
