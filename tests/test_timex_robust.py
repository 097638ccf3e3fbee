"""extract() never fails and its offsets always hold, whatever the text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.model import DocContext
from marsad.timex import extract, infer_published

PIECES = [
    "عام", "في", "منذ", "2020", "۲۰۲۱", "١٩٩٥", "-", "/", "و", "هـ", "م", "أكتوبر", "تشرين الأول", "رمضان", "شهر",
    "الماضي", "المقبل", "أمس", "اليوم", "الأربعاء", "(", ")", "،", ".", "\n", " ", "13", "31", "2/30/1436",
    "قبل", "عاما", "الخمسينات", "الـ", "ّ", "ـ", "\u200f", "آنذاك", "من", "إلى", "الرابع عشر", "النصف الأول",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30), st.sampled_from([None, "2020-10-10", "2015-07-21"]))
def test_offsets_hold(pieces, published):
    text = " ".join(pieces)
    found = extract(DocContext.build(text, published=published))
    for t in found:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.value
        if published is None and t.kind == "relative" and t.anchored:
            # Without a publication date only a reference to an earlier explicit time is anchored.
            assert "previous-timex" in (t.rule or ""), (t.text, t.value, t.rule)
    starts = [t.start for t in found]
    assert starts == sorted(starts)
    infer_published(found)
