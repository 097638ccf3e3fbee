"""Tokens, sentences and proclitics keep exact offsets into the original text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text import clitic_splits, sentences, strip_proclitics, tokenize


def test_tokens_have_exact_offsets_and_folded_keys():
    text = "افتتحت إسرائيل سفارتها في باكو عام ۱۹۹۲، وقدمت 69٪."
    toks = tokenize(text)
    for t in toks:
        assert text[t.start : t.end] == t.text
    words = [t.text for t in toks]
    assert words == ["افتتحت", "إسرائيل", "سفارتها", "في", "باكو", "عام", "۱۹۹۲", "،", "وقدمت", "69", "٪", "."]
    assert toks[1].key == "اسراييل"
    assert toks[6].key == "1992" and toks[6].is_number


def test_numbers_keep_their_separators():
    toks = tokenize("بلغ 1,500.75 و٣٫٥ مليار")
    assert [t.text for t in toks] == ["بلغ", "1,500.75", "و", "٣٫٥", "مليار"]


def test_sentences_split_on_stops_and_lines_not_inside_numbers():
    text = "زار الوزير باكو. ثم غادر إلى عشق آباد؟ نعم\nسطر جديد بنسبة 3.5 في المئة"
    sents = sentences(text)
    assert [s.text for s in sents] == [
        "زار الوزير باكو.",
        "ثم غادر إلى عشق آباد؟",
        "نعم",
        "سطر جديد بنسبة 3.5 في المئة",
    ]
    for s in sents:
        assert text[s.start : s.end] == s.text


def test_sentence_range_limits():
    text = "أ ب. ج د. هـ و."
    sents = sentences(text, 5, len(text))
    assert sents[0].text == "ج د."


def test_clitic_readings():
    readings = clitic_splits("والاسراييلي")
    assert readings[0] == ("", "والاسراييلي")
    assert ("وال", "اسراييلي") in readings
    assert ("و", "الاسراييلي") in readings
    assert ("ل", "اسراييل") in clitic_splits("لاسراييل")
    assert ("لل", "اذربيجانيين") in clitic_splits("للاذربيجانيين")


def test_strip_proclitics_prefers_unsplit_word_when_known():
    known = {"وزير", "اذربيجان"}
    assert strip_proclitics("وزير", known) == ("", "وزير")
    assert strip_proclitics("واذربيجان", known) == ("و", "اذربيجان")
    assert strip_proclitics("بالاذربيجان", {"اذربيجان"}) == ("بال", "اذربيجان")
    assert strip_proclitics("كتاب", known) is None


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_tokens_and_sentences_never_break_offsets(text):
    for t in tokenize(text):
        assert text[t.start : t.end] == t.text
        assert not t.text.isspace()
    last = 0
    for s in sentences(text):
        assert text[s.start : s.end] == s.text
        assert s.start >= last
        last = s.end
