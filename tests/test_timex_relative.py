"""Relative expressions: resolved against the publication date, never against today."""

import pytest

from marsad.model import DocContext
from marsad.timex import extract, infer_published


def found(text: str, published: str | None = None):
    out = extract(DocContext.build(text, published=published))
    for t in out:
        assert text[t.start : t.end] == t.text
    return out


def one(text: str, published: str | None = None):
    out = found(text, published)
    assert len(out) == 1, [(t.text, t.value) for t in out]
    return out[0]


# 2020-10-10 is a Saturday (ISO week 2020-W41).
PUB = "2020-10-10"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("قال أمس إن", "2020-10-09"),
        ("وصل اليوم إلى باكو", "2020-10-10"),
        ("سيصل غدا إلى باكو", "2020-10-11"),
        ("وقال أول من أمس", "2020-10-08"),
        ("التقى الشهر الماضي بنظيره", "2020-09"),
        ("زاره العام الماضي", "2019"),
        ("في السنة الماضية", "2019"),
        ("خلال هذا العام", "2020"),
        ("العام المقبل", "2021"),
        ("الأسبوع الماضي", "2020-W40"),
        ("هذا الأسبوع", "2020-W41"),
        ("قبل 25 عاما", "1995"),
        ("قبل ثلاثة أشهر", "2020-07"),
        ("في العقدين الماضيين", "2000/2020"),
        ("افتتحت في أكتوبر من هذا العام", "2020-10"),
        ("وقعت في مارس الماضي", "2020-03"),
        ("في الرابع عشر من الشهر الماضي", "2020-09-14"),
        ("خلال الربع الثالث من العام الجاري", "2020-Q3"),
    ],
)
def test_resolved_against_publication(text, value):
    t = one(text, PUB)
    assert t.value == value
    assert t.anchored


def test_weekday_of_the_publication_week():
    # Past tense: the latest Wednesday on or before publication, and the rule says so.
    t = one("التقى الرئيس يوم الأربعاء في باكو", PUB)
    assert (t.value, t.rule) == ("2020-10-07", "past:latest-on-or-before-publication")
    # The publication day itself when it is that weekday.
    assert one("أعلن السبت أن", PUB).value == "2020-10-10"
    # Future tense: the next one on or after publication.
    t = one("وسيلتقي بنظيره الأربعاء", PUB)
    assert t.value == "2020-10-14" and t.rule.startswith("future")
    assert one("ومن الخطط أن يعود صباح الجمعة", PUB).value == "2020-10-16"
    assert one("التقى يوم الجمعة الماضي", PUB).value == "2020-10-09"
    assert one("يلتقي يوم الجمعة المقبل", PUB).value == "2020-10-16"


def test_month_without_year_past_and_future():
    assert one("أعلن عن نيته زيارة باكو في مارس، عندما زار", "2023-04-20").value == "2023-03"
    assert one("زار باكو في مايو", "2023-04-20").value == "2022-05"
    assert one("سيزور باكو في مايو", "2023-04-20").value == "2023-05"
    t = one("في 26 تشرين الثاني/ نوفمبر الماضي، أعلن", "2022-12-05")
    assert (t.text, t.value) == ("26 تشرين الثاني/ نوفمبر الماضي", "2022-11-26")


def test_day_word_with_a_weekday_follows_the_weekday():
    # The article says "today Monday" but was dated a day later: the named weekday wins.
    assert one("قالت اليوم الاثنين", "2015-07-21").value == "2015-07-20"
    assert one("وتستأنف غداً الأحد", "2015-07-24").value == "2015-07-26"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("التقى أمس", "XXXX-XX-XX"),
        ("في 26 نوفمبر الماضي", "XXXX-11-26"),
        ("في أكتوبر من هذا العام", "XXXX-10"),
        ("الشهر الماضي", "XXXX-XX"),
        ("العام الماضي", "XXXX"),
        ("الأسبوع الماضي", "XXXX-WXX"),
        ("يوم الأربعاء", "XXXX-WXX-3"),
        ("قبل 25 عاما", "XXXX"),
        ("في العقدين الماضيين", "P20Y"),
    ],
)
def test_unknown_publication_date_stays_unanchored(text, value):
    t = one(text)
    assert t.value == value
    assert not t.anchored


def test_then_refers_to_the_preceding_time():
    out = found("زار أذربيجان في عامي 1997 و2016. وقال علييف في ذلك الوقت إن")
    assert [(t.text, t.value) for t in out] == [("عامي 1997", "1997"), ("2016", "2016"), ("ذلك الوقت", "2016")]
    assert out[-1].kind == "relative"
    out = found("في أكتوبر، قام وزير الدفاع آنذاك بزيارة", PUB)
    assert [(t.text, t.value) for t in out] == [("أكتوبر", "2020-10"), ("آنذاك", "2020-10")]


def test_hijri_months_without_a_year():
    # 2015-08-04 is 19 Shawwal 1436; Dhu al-Qadah 5 is ahead (future clause).
    t = one("وستتواصل الجهود حتى الخامس من ذي القعدة", "2015-08-04")
    assert (t.value, t.hijri) == ("2015-08-20", "1436-11-05")
    t = one("منذ بداية الموسم في شهر صفر الماضي", "2015-07-21")
    assert t.value == "2014-11-23/2014-12-22"


def test_names_and_sets_are_not_dates():
    assert found("كانت تنتقد ثورة 23 يوليو بأسلوب غير مباشر", "2015-08-03") == []
    assert found("وأفضل فترات السياحة شهر سبتمبر من كل عام", "2015-08-11") == []
    assert found("منبر الجمعة وسيلة إعلامية مؤثرة", "2015-08-11") == []
    assert found("قالت قناة روسيا اليوم إن", "2015-08-11") == []
    assert found("في اليوم التاسع لفعاليات المهرجان", "2015-08-11") == []


def test_infer_published_is_the_latest_explicit_mention():
    text = "في عام 2016 زار باكو، وفي يوليو ۲۰۲۱ افتتح مكتبا، وأمس التقى نظيره. وسيزورها في عام 2030."
    out = found(text)
    assert infer_published(out) == "2021-07"
    assert infer_published(found("وقع الاتفاق في 13 أغسطس 2025 في باكو")) == "2025-08-13"
    assert infer_published(found("التقى أمس نظيره")) is None
    assert infer_published([]) is None


def test_a_forecast_year_is_no_lower_bound_of_the_publication_date():
    # a decimal number does not end the sentence that holds the forecast verb
    text = "وقعت الأزمة في 2014. وكانت «أوبك» قد توقعت نمو الطلب بواقع 1.34 مليون برميل يوميا في 2016."
    out = found(text)
    assert [t.rule for t in out if t.value == "2016"] == ["future-clause"]
    assert infer_published(out) == "2014"
    assert infer_published(found("وتتوقع الوكالة ارتفاع الطلب في 2017.")) is None


def test_exact_day_soon_after_publication_is_the_coming_one():
    t = one("مباراة السوبر التي تجمعه بالهلال في 12 أغسطس بلندن", "2015-07-23")
    assert t.value == "2015-08-12" and t.rule.startswith("day-within")
    # Further ahead than that, the past reading stands.
    assert one("وقعت الحادثة في 20 ديسمبر بلندن", "2015-07-23").value == "2014-12-20"
    assert found("في أمس الحاجة إليها", "2015-07-23") == []


def test_a_named_target_year_is_no_lower_bound_of_the_publication_date():
    # رؤية الكويت لعام 2020، بحلول عام 2030: plans named by their year, not dates already reached
    text = "وقعت الأزمة في عام 2014. وصب تركيز رؤية الكويت لعام 2020 على تطوير الموانئ."
    out = found(text)
    assert [t.rule for t in out if t.value == "2020"] == ["target"]
    assert infer_published(out) == "2014"
    assert infer_published(found("وتهدف المملكة بحلول عام 2030 إلى تنويع الاقتصاد.")) is None
    # a bond due in March 2023, written in 2015
    assert infer_published(found("وتراجع العائد على الصكوك المستحقة في مارس 2023، وفي عام 2015 ارتفع.")) == "2015"
