"""The normalised view: what it folds, and that its offset map is exact."""

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text import fold, normalize, normalize_text

# Characters the normaliser treats specially, mixed with ordinary text, so that random
# strings exercise deletions, one-to-one replacements and one-to-many expansions.
SPECIAL = (
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٪٫٬ـًٌٍَُِّْٰ"
    "أإآٱىةؤئیک\u200f\u200e\ufeff\u00adﻻﷲﺍﺏ"
    "abcXYZ 123.,%\n"
    "اإسرائيلباكو"
)
texts = st.text(alphabet=st.sampled_from(SPECIAL) | st.characters(), max_size=80)


def test_digits_percent_and_separators_become_ascii():
    view = normalize("۲٥ ديسمبر ۱۹۹۱ و ٦٩٪ و ٣٫٥")
    assert view.text == "25 ديسمبر 1991 و 69% و 3.5"


def test_diacritics_tatweel_and_controls_are_removed():
    assert normalize("الرئيسيّة").text == "الرئيسية"
    assert normalize("مـــرصد").text == "مرصد"
    assert normalize("\u200fباكو\u200e").text == "باكو"


def test_fold_merges_spelling_variants_of_names():
    assert fold("إلهام علييف") == fold("الهام علييف")
    assert fold("عشق آباد") == fold("عشق اباد")
    assert fold("الجمهورية") == "الجمهوريه"
    assert fold("مصطفى") == fold("مصطفي")
    assert fold("رئيس") == "رييس"
    assert fold("  Baku   City ") == "baku city"


def test_fold_does_not_touch_plain_matching_view():
    view = normalize("إسرائيل")
    assert view.text == "إسرائيل"
    assert view.index_map is None


def test_ligature_expands_and_maps_back_to_one_character():
    text = "ﻻ يوجد"
    view = normalize(text)
    assert view.text.startswith("لا")
    assert view.to_original(0, 2) == (0, 1)
    assert view.to_original(0, 1) == (0, 1)


def test_span_of_normalised_year_maps_to_persian_digits():
    text = "في ۲٥ ديسمبر ۱۹۹۱ اعترفت"
    view = normalize(text, fold=True)
    s = view.text.index("1991")
    start, end = view.to_original(s, s + 4)
    assert text[start:end] == "۱۹۹۱"


def test_span_across_deleted_diacritics_maps_to_whole_word():
    text = "قال الرئيسُ الأذربيجانيّ ذلك"
    view = normalize(text, fold=True)
    s = view.text.index("الاذربيجاني")
    start, end = view.to_original(s, s + len("الاذربيجاني"))
    assert text[start:end] == "الأذربيجانيّ"[:-1]  # the trailing shadda is not part of the view's span


def test_normalize_text_matches_view():
    raw = "حوالي ٥٠٠٠٠ سائح"
    assert normalize_text(raw) == normalize(raw).text == "حوالي 50000 سائح"


@settings(max_examples=400, deadline=None)
@given(texts, st.booleans())
def test_offset_map_is_exact_for_every_character(text, folded):
    view = normalize(text, fold=folded)
    # Each character of the view comes from one original character, in order.
    previous = -1
    for i, ch in enumerate(view.text):
        o = view.orig_index(i)
        assert 0 <= o < len(text)
        assert o >= previous
        previous = o
        assert ch in normalize(text[o], fold=folded).text
    assert view.orig_index(len(view.text)) == len(text)


@settings(max_examples=400, deadline=None)
@given(texts, st.booleans(), st.data())
def test_spans_map_back_to_original_slices_that_normalise_to_them(text, folded, data):
    view = normalize(text, fold=folded)
    n = len(view.text)
    start = data.draw(st.integers(0, n))
    end = data.draw(st.integers(start, n))
    o_start, o_end = view.to_original(start, end)
    assert 0 <= o_start <= o_end <= len(text)
    # The original slice normalises to a string that contains the view span.
    assert view.text[start:end] in normalize(text[o_start:o_end], fold=folded).text
    # And the round trip from a non-empty original span covers the view span.
    if end > start:
        back_start, back_end = view.from_original(o_start, o_end)
        assert back_start <= start and back_end >= end


@settings(max_examples=200, deadline=None)
@given(texts)
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


def test_fold_of_every_presentation_form_is_idempotent():
    # ﹱ (tatweel with fathatan) decomposes to tatweel + a diacritic: both must go
    for cp in list(range(0xFB50, 0xFE00)) + list(range(0xFE70, 0xFF00)):
        assert fold(fold(chr(cp))) == fold(chr(cp)), hex(cp)
