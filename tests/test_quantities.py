"""Tests of the quantity stage: invented sentences for each rule, and the fixture targets."""

from __future__ import annotations

import pytest

from marsad.model import DocContext, Mention, Timex
from marsad.quantities import extract
from marsad.quantities.evaluate import default_fixtures, evaluate, load_cases


def q(text: str, timexes: list[Timex] | None = None, mentions: list[Mention] | None = None):
    ctx = DocContext.build(text)
    out = extract(ctx, timexes or [], mentions or [])
    for x in out:
        assert text[x.start : x.end] == x.text
        if x.measure_span:
            assert text[x.measure_span[0] : x.measure_span[1]] == x.measure
    return out


def one(text: str, **kw):
    out = q(text, **kw)
    assert len(out) == 1, [(x.text, x.value, x.unit) for x in out]
    return out[0]


@pytest.mark.parametrize(
    "text,value,unit",
    [
        ("سافر حوالي 50000 سائح إلى البلاد", 50000, "tourist"),
        ("سافر نحو 50,000 سائح إلى البلاد", 50000, "tourist"),
        ("بلغت الصفقة 1.5 مليار دولار", 1.5e9, "USD"),
        ("بلغت الصفقة ١٫٥ مليار دولار", 1.5e9, "USD"),
        ("سلمت دفعة بقيمة 7,16 مليارات يورو", 7.16e9, "EUR"),
        ("دفع كفالة قدرها عشرة ملايين دولار", 1e7, "USD"),
        ("اشترت أنظمة بقيمة 5 مليارات دولار", 5e9, "USD"),
        ("هاجر 70 ألف يهودي إلى البلاد", 70000, "person"),
        ("بدأ نحو ألف سوري اعتصاما", 1000, "person"),
        ("خسرت الشركة مليار ونصف دولار", 1.5e9, "USD"),
        ("نزح ثلاثة ملايين مواطن", 3e6, "citizen" if False else "person"),
        ("وصل عدد اللاجئين إلى مليوني لاجئ", 2e6, "refugee"),
        ("تشارك 20 شركة إسرائيلية في المعرض", 20, "company"),
        ("أودت الحرب بحياة 6000 جندي", 6000, "soldier"),
        ("قطع 963 كم في رحلته", 963, "km"),
        ("على بعد 24 كيلومترا فقط من الحدود", 24, "km"),
        ("تقع على بعد 17 كيلومترًا من الحدود", 17, "km"),
        ("استمرت الحرب ستة أسابيع مع أرمينيا", 6, "week"),
        ("وبعد قرابة ۳۰ عامًا من الاتصالات", 30, "year"),
        ("تنتج 500 ألف برميل يوميا من النفط", 500000, "barrel/day"),
        ("تم تداول مليونين و193 ألفاً و968 طن بضائع", 2193968, "ton"),
        ("قُدِّر الإنتاج بخمسة وعشرين ألف طن", 25000, "ton"),
        ("بلغت الخسائر 1ر20 مليون يورو", 20.1e6, "EUR"),
        ("يقع على مساحة ٢٤ متراً مربعا", 24, "m2"),
        ("قدمت 69٪ من واردات باكو", 69, "percent"),
        ("ارتفع المؤشر 0.5 في المئة", 0.5, "percent"),
        ("تراجعت المبيعات بنسبة 25 في المائة", 25, "percent"),
        ("زادت النسبة حتى 200 بالمائة", 200, "percent"),
        ("ونصف مقعد لاتحاد أوقيانوسية", 0.5, "seat"),
        ("تحظى أفريقيا بأربعة مقاعد ونصف المقعد", 4.5, "seat"),
        ("بلغ أعلى مستوى في 18 عاما ونصف العام", 18.5, "year"),
    ],
)
def test_values_and_units(text, value, unit):
    x = [x for x in q(text) if x.unit == unit]
    assert x, [(y.text, y.value, y.unit) for y in q(text)]
    assert x[0].value == pytest.approx(value)


@pytest.mark.parametrize(
    "text,comparator,span",
    [
        ("تشتري أكثر من 30٪ من نفطها", "gt", "أكثر من 30٪"),
        ("قتل ما يزيد على 120 شخصا", "gt", "ما يزيد على 120 شخصا"),
        ("قتل ما يزيد عن 120 شخصا", "gt", "ما يزيد عن 120 شخصا"),
        ("يعيش أزيد من 300 شخص", "gt", "أزيد من 300 شخص"),
        ("استورد حوالي 40% من النفط", "approx", "حوالي 40%"),
        ("قتل نحو 50 ألف شخص", "approx", "نحو 50 ألف شخص"),
        ("قتل قرابة ألفين", "approx", "قرابة ألفين"),
        ("حضر زهاء 500 شخص", "approx", "زهاء 500 شخص"),
        ("حضر ما يقارب 500 شخص", "approx", "ما يقارب 500 شخص"),
        ("جلبت 3.5 مليون يورو تقريبا", "approx", "3.5 مليون يورو تقريبا"),
        ("بعد أقل من شهرين من الموافقة", "lt", "أقل من شهرين"),
        ("قتل 21 شخصا على الأقل في هجوم", "gte", "21 شخصا على الأقل"),
        ("السجن مدة لا تقل عن خمس سنوات", "gte", "لا تقل عن خمس سنوات"),
        ("عروضا تصل إلى خمسة آلاف ريال", "lte", "تصل إلى خمسة آلاف ريال"),
        ("غرامة ما لا يزيد عن 500 ريال", "lte", "ما لا يزيد عن 500 ريال"),
        ("بنسبة تجاوزت 700%", "gt", "تجاوزت 700%"),
    ],
)
def test_comparators(text, comparator, span):
    x = one(text)
    assert (x.comparator, x.text) == (comparator, span)


def test_comparator_verb_apart_from_number():
    x = one("في حال تجاوزت مديونياتها 15 مليون")
    assert (x.comparator, x.value, x.measure) == ("gt", 15e6, "مديونياتها")


def test_ranges():
    x = one("تتراوح أعمارهن ما بين 11 و 46 عاما")
    assert (x.value, x.value_max, x.unit, x.text) == (11, 46, "year", "ما بين 11 و 46 عاما")
    x = one("تتراوح الأسعار بين 10 و20 ألف دولار")
    assert (x.value, x.value_max, x.unit) == (10000, 20000, "USD")
    x = one("أصيب 10-15 شخصا")
    assert (x.value, x.value_max, x.unit) == (10, 15, "person")


def test_fractions():
    x = one("إنها أشبه بجبل جليدي، تسعة أعشاره غير مرئية")
    assert (x.text, x.value, x.unit) == ("تسعة أعشاره", pytest.approx(90), "percent")
    x = one("تبرع بثلثي ثروته")
    assert (x.text, x.value, x.unit, x.measure) == ("ثلثي", pytest.approx(200 / 3), "percent", "ثروته")
    x = one("استوردت نصف وارداتها النفطية")
    assert (x.value, x.measure) == (50, "وارداتها النفطية")
    assert q("تأهل الفريق إلى نصف النهائي") == []
    assert q("في الربع الثاني من العام") == []


def test_measures():
    assert one("حوالي 40% من واردات إسرائيل النفطية").measure == "من واردات إسرائيل النفطية"
    assert one("قدمت 69٪ من واردات باكو الرئيسية من الأسلحة في 2016-2020، وهو كثير").measure == (
        "من واردات باكو الرئيسية من الأسلحة"
    )
    assert one("بلغ حجم التجارة بين البلدين حوالي 200 مليون دولار").measure == "حجم التجارة بين البلدين"
    assert one("وصعد مؤشر سوق دبي 0.5 في المئة").measure == "مؤشر سوق دبي"
    assert one("سافر حوالي 50000 سائح إسرائيلي إلى أذربيجان").measure is None
    assert one("صفقة محتملة للسعودية قيمتها 5.4 مليار دولار").measure == "صفقة محتملة"


def test_partitives():
    x = one("يعتقد أن 3500 من المهاجرين لقوا حتفهم")
    assert (x.value, x.unit, x.measure) == (3500, "migrant", "من المهاجرين")
    x = one("قتلوا اثنين من جنوده")
    assert (x.value, x.unit) == (2, "soldier")
    x = one("قتل ثلاثة من رجال الشرطة")
    assert (x.value, x.unit) == (3, "man")


def test_post_nominal_numbers():
    x = one("إحدى دول آسيا الوسطى الخمس التي")
    assert (x.text, x.value, x.unit) == ("الخمس", 5, "country")
    x = one("على مدى السنوات الأربع التالية")
    assert (x.value, x.unit) == (4, "year")
    assert q("وصل يوم الاثنين الماضي") == []


@pytest.mark.parametrize(
    "text",
    [
        "أعلن الرئيس في عام 1992 قراره",
        "في 26 تشرين الثاني/ نوفمبر الماضي أعلن",
        "السبت 10 أكتوبر 2020 12:16 م",
        "باعتها طائرات من نوع \"هيرمس 45\" بدون طيار",
        "اشترت مقاتلات إف-16 ونظام S-400",
        "قبل تفشي وباء COVID-19 سافر الناس",
        "للتواصل أرسل رسالة إلى 88591 أو اتصل على 0501234567",
        "((2))",
        "16- إتاحة مزيد من الفرص",
        "لرحلة رقم 301 المتجهة إلى الرياض",
        "في الفصل 13 من القانون",
        "سجل في الدقيقة 37 هدفا",
        "خسر بنتيجة 2-1",
        "هاجر آلاف اليهود وملايين النساء",
        "كانت كتلة واحدة ويد واحدة",
        "افتتحت سفارة لها قبل 25 عاما",
        "العلاقات بين البلدين في الفترة ٢٠١٦-٢٠٢٠",
        "زار البلاد مرتين",
    ],
)
def test_not_quantities(text):
    assert q(text) == [], [(x.text, x.value, x.unit) for x in q(text)]


def test_numbers_inside_timexes_are_skipped_but_not_durations():
    text = "في عام 2020 بقي ستة أسابيع"
    s = text.index("عام")
    tx = Timex(s, s + len("عام 2020"), "عام 2020", "2020", kind="year")
    out = q(text, timexes=[tx])
    assert [(x.value, x.unit, x.period) for x in out] == [(6, "week", "2020")]
    d = text.index("ستة")
    dur = Timex(d, d + len("ستة أسابيع"), "ستة أسابيع", "P6W", kind="duration")
    assert [(x.value, x.unit) for x in q(text, timexes=[tx, dur])] == [(6, "week")]


def test_period_and_entities_from_the_same_clause():
    text = "وفقا للمعهد، قدمت إسرائيل 69٪ من واردات باكو في 2016-2020، وهو ما يمثل 17٪ من صادراتها."
    s = text.index("2016")
    tx = Timex(s, s + 9, "2016-2020", "2016/2020", kind="range")
    isr = text.index("إسرائيل")
    bak = text.index("باكو")
    ms = [
        Mention(isr, isr + 7, "إسرائيل", "COUNTRY", "country:ISR"),
        Mention(bak, bak + 4, "باكو", "COUNTRY", "country:AZE", metonym=True),
    ]
    first, second = q(text, timexes=[tx], mentions=ms)
    assert (first.value, first.period, first.entities) == (69, "2016/2020", ["country:ISR", "country:AZE"])
    assert (second.value, second.period, second.entities) == (17, None, [])


def test_ids_are_stable_and_boilerplate_is_skipped():
    text = "قتل 25 شخصا.\nاقرأ أيضا: 40 شخصا"
    bp = (text.index("اقرأ"), len(text))
    ctx = DocContext.build(text, boilerplate=[bp])
    a = extract(ctx, [], [])
    b = extract(DocContext.build(text, boilerplate=[bp]), [], [])
    assert [x.id for x in a] == [x.id for x in b]
    assert len(a) == 1 and a[0].id.startswith("q-") and a[0].value == 25


def test_every_seed_article_keeps_offsets():
    for case in load_cases(default_fixtures()[0]):
        for x in q(case.text):
            assert case.text[x.start : x.end] == x.text


@pytest.fixture(scope="module")
def scores():
    return evaluate(default_fixtures(), use_stages=False)


@pytest.mark.parametrize("name", ["seeds.json", "sentences.json"])
def test_fixture_targets(scores, name):
    sc = scores[name]
    assert sc.gold >= (24 if name == "seeds.json" else 150)
    assert sc.value_accuracy >= 0.95, sc.as_dict()
    assert sc.measure_accuracy >= 0.85, sc.as_dict()
    assert sc.f1 >= 0.90, sc.as_dict()


def test_eval_command():
    import typer
    from typer.testing import CliRunner

    from marsad.quantities.commands import register

    app, eval_app, train_app = typer.Typer(), typer.Typer(), typer.Typer()
    app.add_typer(eval_app, name="eval")
    app.add_typer(train_app, name="train")
    register(app, eval_app, train_app)
    res = CliRunner().invoke(app, ["eval", "quantities", "--no-stages", "--fixture", str(default_fixtures()[0])])
    assert res.exit_code == 0, res.output
    assert "seeds.json" in res.output and "v+u+c" in res.output


def test_an_abbreviated_unit_takes_no_accusative_ending():
    # كما is "as", not كم ("km") with the accusative alef that كيلومترا takes
    found = q("بلغت الأصول 29 مليار دولار وليس 100 مليار كما أعلنت واشنطن، على بعد 24 كيلومترا.")
    assert [(x.text, x.unit) for x in found] == [
        ("29 مليار دولار", "USD"),
        ("100 مليار", None),
        ("24 كيلومترا", "km"),
    ]


def test_exceeding_with_the_measured_noun_between_verb_and_preposition():
    # تزيد قيمتها على 1.3 مليار دولار: more than; without على/عن it is an increase, not a comparison
    (x,) = q("وسمح بتسليم أسلحة أمريكية تزيد قيمتها على 1.3 مليار دولار.")
    assert (x.value, x.unit, x.comparator, x.measure) == (1.3e9, "USD", "gt", "قيمتها")
    (y,) = q("وزادت صادراتها 15 في المائة.")
    assert y.comparator == "eq"


def test_a_counted_noun_the_lists_do_not_know_is_the_measure():
    (x,) = q("وبدأت الجمعية توزيع المساعدات في حي الشيخ عثمان بمعدل 15 ألف حصة غذائية يوميا.")
    assert (x.value, x.unit, x.measure) == (15000, None, "حصة غذائية")
    # ... but not a verb or «آخرين» after the number
    assert [y.measure for y in q("قتل 25 شخصا وأصيب 40 آخرون.")] == [None, None]
