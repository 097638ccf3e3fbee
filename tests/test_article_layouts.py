"""article.parse on invented articles in other layouts: the rules are not tailored to the seeds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from marsad import timex
from marsad.article import parse
from marsad.model import ArticleInfo, RawDocument

PARA_1 = (
    "بيروت - افتتح رئيس الحكومة اللبنانية صباح اليوم مؤتمرا إقليميا للطاقة بمشاركة وزراء من سوريا "
    "والأردن والعراق، وقال في كلمته إن التعاون في مجال الكهرباء والغاز أصبح ضرورة لا خيارا."
)
PARA_2 = (
    "وأضاف أن الحكومة تعمل على خطة لتأمين الكهرباء على مدار الساعة خلال عامين، بالتعاون مع "
    "البنك الدولي وعدد من الشركاء الإقليميين والدوليين الذين أبدوا استعدادهم للتمويل."
)
PARA_3 = (
    "وقال وزير الطاقة إن المشروع سيوفر آلاف فرص العمل وسيخفض كلفة الطاقة على المواطنين، "
    "مضيفا أن الأعمال ستبدأ العام المقبل بتمويل مشترك من الحكومتين والقطاع الخاص."
)


def run(text: str, **raw) -> ArticleInfo:
    info = parse(RawDocument(text=text, source="test", **raw))
    check_spans(text, info)
    return info


def check_spans(text: str, info: ArticleInfo) -> None:
    if info.title_span:
        assert text[slice(*info.title_span)] == info.title
    for s, e in info.boilerplate:
        assert 0 <= s < e <= len(text)
    for para in (PARA_1, PARA_2, PARA_3):
        i = text.find(para)
        if i >= 0:
            assert not any(s < i + len(para) and i < e for s, e in info.boilerplate), para[:30]


def bp_texts(text: str, info: ArticleInfo) -> list[str]:
    return [text[s:e] for s, e in info.boilerplate]


def test_levantine_month_dateline_with_time_and_follow_line():
    text = (
        "بيروت تستضيف مؤتمرا إقليميا للطاقة\n\n"
        "الأحد 5 تشرين الأول 2025 - 10:30\n\n"
        f"{PARA_1}\n\n{PARA_2}\n\n"
        "تابعونا على فيسبوك وتويتر\n"
    )
    info = run(text)
    assert info.title == "بيروت تستضيف مؤتمرا إقليميا للطاقة"
    assert info.published == "2025-10-05" and info.published_from == "text"
    assert text[slice(*info.published_span)] == "الأحد 5 تشرين الأول 2025 - 10:30"
    assert bp_texts(text, info) == ["تابعونا على فيسبوك وتويتر"]


def test_maghrebi_place_dateline_above_the_title_and_copyright_line():
    text = (
        "الجزائر - 12 جويلية 2024\n\n"
        "الجزائر وتونس تبحثان تعزيز التعاون الحدودي\n\n"
        f"{PARA_1}\n"
        "© 2024 جميع الحقوق محفوظة\n"
    )
    info = run(text)
    assert info.published == "2024-07-12"
    assert text[slice(*info.published_span)] == "الجزائر - 12 جويلية 2024"
    assert info.title == "الجزائر وتونس تبحثان تعزيز التعاون الحدودي"
    assert bp_texts(text, info) == ["© 2024 جميع الحقوق محفوظة"]


def test_byline_and_source_at_the_top_and_read_also_block_in_the_middle():
    text = (
        "بقلم: سامر الخطيب\n"
        "المصدر: النهار\n\n"
        "الأردن والعراق يوقعان اتفاقية لنقل النفط\n\n"
        f"{PARA_1}\n\n"
        "اقرأ أيضاً:\n"
        "العراق يرفع صادراته النفطية إلى أعلى مستوى منذ 2019\n\n"
        f"{PARA_2}\n\n{PARA_3}\n"
    )
    info = run(text)
    assert info.author == "سامر الخطيب" and info.outlet == "النهار"
    assert info.title == "الأردن والعراق يوقعان اتفاقية لنقل النفط"
    assert info.published is None
    assert bp_texts(text, info) == [
        "بقلم: سامر الخطيب\nالمصدر: النهار",
        "اقرأ أيضاً:\nالعراق يرفع صادراته النفطية إلى أعلى مستوى منذ 2019",
    ]


def test_related_topics_block_at_the_end_with_tags_on_the_heading_line():
    text = (
        f"عنوان الخبر عن الطاقة\n\n{PARA_1}\n\n{PARA_2}\n\n"
        "الكلمات الدالة: لبنان، الطاقة، الكهرباء\n"
        "مواضيع ذات صلة\n"
        "• وزير الطاقة يزور عمان\n"
        "• انقطاع الكهرباء في الشمال\n"
    )
    info = run(text)
    start = text.index("الكلمات الدالة")
    assert info.boilerplate[-1] == (start, len(text) - 1)


def test_a_sentence_starting_like_a_byline_is_not_one():
    text = f"كتب الوزير في تغريدة أن المفاوضات مستمرة\n\n{PARA_1}\n"
    info = run(text)
    assert info.author is None and info.boilerplate == []
    assert info.title == "كتب الوزير في تغريدة أن المفاوضات مستمرة"


def test_byline_name_stops_at_a_place_after_a_dash():
    text = f"عنوان الخبر\nكتب: محمود حسن - القاهرة\n\n{PARA_1}\n"
    info = run(text)
    assert info.author == "محمود حسن"
    assert bp_texts(text, info) == ["كتب: محمود حسن - القاهرة"]


def test_source_credit_in_the_middle_of_a_long_article_is_left_alone():
    middle = "\n\n".join([PARA_1, PARA_2] * 6)
    text = f"عنوان\n\n{middle}\n\nالمصدر: وزارة الطاقة\n\n{middle}\n"
    info = run(text)
    assert info.outlet is None


def test_lone_year_at_the_top_is_noise_not_a_date_and_section_label_is_not_a_title():
    text = f"2026\nسياسة\nالبرلمان يقر الموازنة العامة\n\n{PARA_1}\n"
    info = run(text)
    assert info.published is None
    assert info.title == "البرلمان يقر الموازنة العامة"
    assert bp_texts(text, info) == ["2026"]


def test_undated_weekday_line_gives_no_date():
    text = f"عنوان الخبر\nالسبت 10 أكتوبر\n\n{PARA_1}\n"
    info = run(text)
    assert info.published is None and info.published_span is None
    assert info.title == "عنوان الخبر"


def test_a_date_inside_a_paragraph_is_not_a_dateline():
    text = f"عنوان الخبر\n\nوفي 10 أكتوبر 2020 {PARA_1}\n"
    info = run(text)
    assert info.published is None


def test_title_ending_with_a_full_stop_is_a_sentence_not_a_title():
    text = f"قال الوزير إن الاجتماع كان مثمرا.\n\n{PARA_1}\n"
    assert run(text).title is None


def test_known_title_is_located_even_when_the_rule_would_not_pick_it():
    text = f"سياسة عربية\nوزير الخارجية يزور باكو.\n\n{PARA_1}\n"
    info = run(text, title="وزير الخارجية يزور باكو.")
    assert info.title == "وزير الخارجية يزور باكو."
    assert text[slice(*info.title_span)] == info.title


def test_known_title_absent_from_the_text_gives_no_title_span():
    # Pasted bodies often open with an "author – outlet" line: with the title known from
    # metadata, that line is not taken for it.
    text = f"نايف السعدي – الطائف\n{PARA_1}\n"
    info = run(text, title="القبض على مواطن سرق سيارة")
    assert info.title is None and info.title_span is None


def test_dates_come_from_the_time_stage_and_iso_dates_are_read_only_as_a_fallback(monkeypatch):
    text = f"عنوان الخبر\nالسبت 10 أكتوبر 2020\n2020-10-11\n\n{PARA_1}\n"
    assert run(text).published == "2020-10-10"  # the time stage reads the month-name dateline
    monkeypatch.setattr(timex, "extract", lambda ctx: [])
    info = run(text)  # the stage finds nothing: month names are not parsed here, ISO dates are
    assert info.published == "2020-10-11"
    assert text[slice(*info.published_span)] == "2020-10-11"


def test_subscribe_and_share_lines_in_several_spellings():
    text = (
        f"عنوان الخبر\n\n{PARA_1}\n\n"
        "📢 اشترك في قناتنا على تلغرام\n"
        "لمتابعة آخر الأخبار حمل تطبيقنا\n"
        "شارك هذا المقال\n"
        "((3))\n"
        "* * *\n"
        f"{PARA_2}\n"
    )
    info = run(text)
    start = text.index("📢")
    end = text.index("* * *") + len("* * *")
    assert info.boilerplate == [(start, end)]


def test_empty_and_blank_texts():
    assert parse(RawDocument(text="", source="x")) == ArticleInfo()
    assert parse(RawDocument(text=" \n\u00a0\n", source="x")) == ArticleInfo()


LINES = st.sampled_from(
    [
        "",
        " ",
        "2026",
        "((2))",
        "السبت 10 أكتوبر 2020 12:16 م",
        "2025-08-13",
        "المصدر | مونت كارلو",
        "الكاتب: غرفة التحرير",
        "كلمات مفتاحية",
        "اقرأ أيضا:",
        "إشترك في قناتنا على",
        "رئيس التحرير",
        "عنوان قصير للخبر",
        "جملة تنتهي بنقطة.",
        PARA_1,
        PARA_2,
        "\u00a0 كلمات مفتاحية",
        "***",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINES, max_size=25), st.sampled_from(["\n", "\n\n"]))
def test_any_arrangement_keeps_spans_exact(lines, sep):
    text = sep.join(lines)
    info = run(text)
    if info.published_span:
        assert info.published_span[0] < info.published_span[1]
    spans = info.boilerplate
    assert spans == sorted(spans)
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False))
