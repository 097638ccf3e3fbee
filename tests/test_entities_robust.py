"""Robustness: diacritics and tatweel around clitics, random text, the tagger absent or present."""

from __future__ import annotations

import sys
import types

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.entities import extract
from marsad.model import DocContext


def test_diacritics_of_a_proclitic_stay_outside():
    text = "وَلِإسْرائيل علاقات مع بِـباكو وَأذربيجانَ"
    ms, _ = extract(DocContext.build(text))
    got = {m.text: m.entity for m in ms}
    assert got["إسْرائيل"] == "country:ISR"
    assert got["أذربيجانَ"] == "country:AZE"
    assert any(m.entity == "location:baku" and m.text == "باكو" for m in ms)


_ALPHABET = st.sampled_from(list("وبلكفالإسرائيلأذربيجانباكوطهران ،.\"\nَُِّـ") + ["الرئيس ", "وزير الخارجية ", "علييف "])


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_random_text_offsets_hold(text):
    ms, ents = extract(DocContext.build(text))
    ids = {e.id for e in ents}
    for m in ms:
        assert text[m.start : m.end] == m.text and m.text.strip() == m.text and m.text
        assert m.entity in ids


def _fake_tagger(spans):
    mod = types.ModuleType("marsad.entities.tagger")
    mod.available = lambda: True
    mod.tag = lambda tokens: spans(tokens)
    return mod


def test_extraction_works_without_the_tagger(monkeypatch):
    monkeypatch.setitem(sys.modules, "marsad.entities.tagger", None)  # import fails
    ms, _ = extract(DocContext.build("زار نتنياهو باكو"))
    assert {m.text for m in ms} == {"نتنياهو", "باكو"}


def test_broken_tagger_is_ignored(monkeypatch):
    def boom(tokens):
        raise RuntimeError("model file missing")

    monkeypatch.setitem(sys.modules, "marsad.entities.tagger", _fake_tagger(boom))
    ms, _ = extract(DocContext.build("زار نتنياهو باكو"))
    assert {m.text for m in ms} == {"نتنياهو", "باكو"}


def test_tagger_spans_fill_gaps_but_never_override(monkeypatch):
    text = "التقى نتنياهو والسيد كارلوس مارتينيز في القاهرة"

    def spans(tokens):
        words = [t.text for t in tokens]
        out = [(words.index("نتنياهو"), words.index("نتنياهو") + 1, "ORG")]  # wrong type: gazetteer wins
        j = words.index("كارلوس")
        out.append((j, j + 2, "PERSON"))
        k = words.index("والسيد")
        out.append((k, k + 1, "PERSON"))  # a cue-like word alone
        return out

    monkeypatch.setitem(sys.modules, "marsad.entities.tagger", _fake_tagger(spans))
    ms, ents = extract(DocContext.build(text))
    by = {m.text: m for m in ms}
    assert by["نتنياهو"].type == "PERSON" and by["نتنياهو"].how != "model"
    assert by["كارلوس مارتينيز"].how == "model" and by["كارلوس مارتينيز"].type == "PERSON"
    e = {x.id: x for x in ents}[by["كارلوس مارتينيز"].entity]
    assert e.name_en_transliterated


def test_tagger_span_with_a_proclitic_is_trimmed(monkeypatch):
    text = "وصل الوفد ولأوزبكستان علاقات"

    def spans(tokens):
        i = [t.text for t in tokens].index("ولأوزبكستان")
        return [(i, i + 1, "COUNTRY")]

    monkeypatch.setitem(sys.modules, "marsad.entities.tagger", _fake_tagger(spans))
    ms, _ = extract(DocContext.build(text))
    assert [(m.text, m.entity) for m in ms] == [("أوزبكستان", "country:UZB")]


def test_no_mention_spans_a_boilerplate_gap():
    text = "زار تل [إعلان] أبيب اليوم"
    s = text.index("[")
    e = text.index("]") + 1
    ms, _ = extract(DocContext.build(text, boilerplate=[(s, e)]))
    assert not [m for m in ms if m.start < e and s < m.end]
