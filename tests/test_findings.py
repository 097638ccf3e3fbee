"""Conflicts and corroborations on invented reports (other countries, other wording than the seeds)."""

import re

from fixtures.findings.builder import Doc, entity, export
from marsad.events.crossdoc import consolidate

IND, RUS, JPN, SAU, SYR, JOR, IRQ = (
    "country:IND",
    "country:RUS",
    "country:JPN",
    "country:SAU",
    "country:SYR",
    "country:JOR",
    "country:IRQ",
)
EGY, SDN, TUR, QAT = "country:EGY", "country:SDN", "country:TUR", "country:QAT"
ERDOGAN = "person:recep-tayyip-erdogan"
SISI = "person:abdel-fattah-el-sisi"

ENTITIES = [
    entity(IND, "India", "الهند"),
    entity(RUS, "Russia", "روسيا"),
    entity(JPN, "Japan", "اليابان"),
    entity(SAU, "Saudi Arabia", "السعودية"),
    entity(SYR, "Syria", "سوريا"),
    entity(JOR, "Jordan", "الأردن"),
    entity(IRQ, "Iraq", "العراق"),
    entity(EGY, "Egypt", "مصر"),
    entity(SDN, "Sudan", "السودان"),
    entity(TUR, "Turkey", "تركيا"),
    entity(QAT, "Qatar", "قطر"),
    entity(ERDOGAN, "Recep Tayyip Erdogan", "رجب طيب أردوغان", type="PERSON", country="TUR"),
    entity(SISI, "Abdel Fattah el-Sisi", "عبد الفتاح السيسي", type="PERSON", country="EGY"),
    entity("org:sipri", "SIPRI", "معهد ستوكهولم", type="ORG"),
]


def run(*docs, timexes=True):
    data = export(*docs, entities=ENTITIES)
    _, findings = consolidate(
        data["documents"],
        data["events"],
        data["quantities"],
        entities=data["entities"],
        timexes=data["timexes"] if timexes else None,
    )
    doc_of = {r["id"]: r["document"] for r in data["quantities"] + data["events"]}
    for f in findings:  # the export-schema contract for every finding
        assert f["id"].startswith("f-")
        assert f["kind"] in ("conflict", "corroboration")
        assert f["topic"]
        assert len({doc_of[i] for i in f["items"]}) >= 2
        assert all(isinstance(v, str) for v in f["values"])
        assert f["explanation"].endswith(".")
        assert not re.search(r"\.\s+[A-Z]", f["explanation"]), "one sentence"
    return findings


def conflicts(findings):
    return [f for f in findings if f["kind"] == "conflict"]


def corroborations(findings):
    return [f for f in findings if f["kind"] == "corroboration"]


# --------------------------------------------------------------------------- quantities


def test_share_conflict_across_wordings_and_times():
    a = Doc(
        "وتعتمد اليابان على السعودية، إذ تستورد حوالي 40% من واردات اليابان النفطية من المملكة.",
        outlet="وكالة الأنباء أ",
        published="2019-05-01",
    )
    b = Doc("كما تشتري اليابان أكثر من 30٪ من نفطها من السعودية.", outlet="صحيفة ب", published="2023-02-10")
    c = Doc(
        "وتسعى اليابان إلى تنويع مصادر البترول؛ حيث صارت تستورد 40% من حاجاتها منه من السعودية.",
        outlet="إذاعة ج",
        published="2020-10-10",
    )
    qa = a.quantity(
        "40%", 40, "percent", comparator="approx", measure="من واردات اليابان النفطية", entities=(JPN, SAU)
    )
    qb = b.quantity("30٪", 30, "percent", comparator="gt", measure="من نفطها", entities=(JPN, SAU))
    qc = c.quantity("40%", 40, "percent", measure="من حاجاتها منه", entities=(JPN, SAU))
    [f] = run(a, b, c)
    assert f["kind"] == "conflict"
    assert set(f["items"]) == {qa["id"], qb["id"], qc["id"]}
    assert f["values"] == ["30%", "40%"]
    assert "oil" in f["topic"] and "Japan" in f["topic"]
    assert "change over time" in f["explanation"]
    assert "more than 30%" in f["explanation"] and "about 40%" in f["explanation"]


def test_same_period_says_so():
    a = Doc("بلغت حصة الهند 25% من واردات الغاز الروسي عام 2022.", outlet="أ")
    b = Doc("وشكلت الهند 35% من واردات الغاز الروسي في 2022.", outlet="ب")
    a.quantity("25%", 25, "percent", measure="من واردات الغاز الروسي", entities=(IND, RUS), period="2022")
    b.quantity("35%", 35, "percent", measure="من واردات الغاز الروسي", entities=(IND, RUS), period="2022")
    [f] = run(a, b)
    assert f["kind"] == "conflict"
    assert "same time" in f["explanation"] and "change over time" not in f["explanation"]


def test_imports_and_exports_in_one_article_pair_with_their_counterparts():
    a = Doc(
        "وفقا للمعهد، قدمت روسيا 60٪ من واردات الهند الرئيسية من الأسلحة في 2016-2020، "
        "وهو ما يمثل 20٪ من صادرات الأسلحة الروسية خلال تلك الفترة.",
        outlet="موقع أ",
    )
    b = Doc(
        "ووفقاً للمعهد، فإن 60٪ من الأسلحة التي استوردتها الهند في الفترة 2016-2020 كانت من روسيا، "
        "وهو ما يمثل 20٪ من إجمالي حجم صادرات الأسلحة الروسية.",
        outlet="موقع ب",
    )
    kw = {"attribution": "org:sipri", "period": "2016/2020"}
    a60 = a.quantity(
        "60٪", 60, "percent", measure="من واردات الهند الرئيسية من الأسلحة", entities=(RUS, IND), **kw
    )
    a20 = a.quantity("20٪", 20, "percent", measure="من صادرات الأسلحة الروسية", entities=(RUS,), **kw)
    b60 = b.quantity(
        "60٪", 60, "percent", measure="من الأسلحة التي استوردتها الهند", entities=(IND, RUS), **kw
    )
    b20 = b.quantity(
        "20٪", 20, "percent", measure="من إجمالي حجم صادرات الأسلحة الروسية", entities=(RUS,), **kw
    )
    findings = run(a, b)
    assert not conflicts(findings)
    assert {frozenset(f["items"]) for f in corroborations(findings)} == {
        frozenset({a60["id"], b60["id"]}),
        frozenset({a20["id"], b20["id"]}),
    }
    assert all("SIPRI" in f["explanation"] for f in findings)


def test_different_commodities_states_and_units_are_not_compared():
    a = Doc("تستورد الأردن 30% من الغاز من مصر.", outlet="أ")
    b = Doc("تستورد الأردن 45% من النفط من العراق.", outlet="ب")
    c = Doc("تستورد اليابان 50% من الغاز من روسيا.", outlet="ج")
    d = Doc("تستورد الأردن 200 مليون دولار من الغاز المصري.", outlet="د")
    a.quantity("30%", 30, "percent", measure="من الغاز", entities=(JOR, EGY))
    b.quantity("45%", 45, "percent", measure="من النفط", entities=(JOR, IRQ))
    c.quantity("50%", 50, "percent", measure="من الغاز", entities=(JPN, RUS))
    d.quantity("200 مليون دولار", 200e6, "USD", measure="من الغاز المصري", entities=(JOR, EGY))
    assert run(a, b, c, d) == []


def test_unrelated_measures_do_not_match():
    a = Doc("احتلت الصناعة العسكرية التركية 20% من مساحة المعرض في الدوحة.", outlet="أ")
    b = Doc("وتورد قطر أكثر من 30٪ من غاز تركيا.", outlet="ب")
    a.quantity("20%", 20, "percent", measure="من مساحة المعرض", entities=(TUR, QAT))
    b.quantity("30٪", 30, "percent", comparator="gt", measure="من غاز تركيا", entities=(QAT, TUR))
    assert run(a, b) == []


def test_distance_of_the_embassy_being_opened():
    """Numbers in reports of one one-time event (the embassy opened) are about the same thing."""
    a = Doc(
        "وتوجه وزير الخارجية التركي إلى عمّان لافتتاح سفارة تركيا، على بعد 24 كيلومترا فقط من الحدود السورية.",
        outlet="أ",
    )
    b = Doc("حيث افتتح الوزير التركي السفارة التي تقع على بعد 17 كيلومترًا فقط من سوريا.", outlet="ب")
    qa = a.quantity("24 كيلومترا", 24, "km", measure="من الحدود السورية", entities=(TUR, JOR, SYR))
    qb = b.quantity("17 كيلومترًا", 17, "km", measure="من سوريا", entities=(TUR, SYR))
    assert run(a, b) == []  # one shared word is not enough on its own
    a.event(a.text, "open_mission", (TUR,), (JOR,), status="planned")
    b.event(b.text, "open_mission", (TUR,), ())
    [f] = run(a, b)
    assert f["kind"] == "conflict" and set(f["items"]) == {qa["id"], qb["id"]}
    assert f["values"] == ["17 km", "24 km"]
    assert "distance" in f["topic"] and "Turkey" in f["topic"]


def test_two_shared_words_anchor_a_measure():
    a = Doc("ويبلغ عدد الطلاب الأردنيين في الجامعات السورية 3000 طالب.", outlet="أ")
    b = Doc("ويدرس نحو 5000 طالب من الأردن في الجامعات السورية.", outlet="ب")
    a.quantity("3000 طالب", 3000, "student", measure="في الجامعات السورية", entities=(JOR, SYR))
    b.quantity(
        "نحو 5000 طالب",
        5000,
        "student",
        comparator="approx",
        measure="في الجامعات السورية",
        entities=(JOR, SYR),
    )
    [f] = run(a, b)
    assert f["kind"] == "conflict" and f["values"] == ["3000 student", "5000 student"]


def test_changes_without_a_period_are_not_claims():
    a = Doc("ارتفعت صادرات الهند من النفط إلى روسيا بنسبة 20% هذا الشهر.", outlet="أ")
    b = Doc("وقفزت صادرات الهند من النفط إلى روسيا 35% الأسبوع الماضي.", outlet="ب")
    a.quantity("20%", 20, "percent", measure="صادرات الهند من النفط", entities=(IND, RUS))
    b.quantity("35%", 35, "percent", measure="صادرات الهند من النفط", entities=(IND, RUS))
    assert run(a, b) == []


def test_numbers_without_states_are_not_compared():
    a = Doc("يبلغ سعر الأوقية 1100 دولار.", outlet="أ")
    b = Doc("يبلغ سعر الأوقية 1200 دولار.", outlet="ب")
    a.quantity("1100 دولار", 1100, "USD", measure="سعر الأوقية")
    b.quantity("1200 دولار", 1200, "USD", measure="سعر الأوقية")
    assert run(a, b) == []


def test_two_figures_in_one_article_are_not_a_finding():
    a = Doc("هاجر 70 ألف شخص من السودان إلى مصر، وبقي 30 ألف شخص في الخرطوم.", outlet="أ")
    a.quantity("70 ألف شخص", 70000, "person", measure="من السودان إلى مصر", entities=(SDN, EGY))
    a.quantity("30 ألف شخص", 30000, "person", measure="في الخرطوم", entities=(SDN,))
    assert run(a) == []


def test_corroboration_needs_independent_outlets():
    a = Doc("تستورد الهند 35% من نفطها من روسيا.", outlet="الصحيفة نفسها", published="2023-01-01")
    b = Doc("ما زالت الهند تشتري 35% من نفطها من روسيا.", outlet="الصحيفة نفسها", published="2023-03-01")
    a.quantity("35%", 35, "percent", measure="من نفطها", entities=(IND, RUS))
    b.quantity("35%", 35, "percent", measure="من نفطها", entities=(IND, RUS))
    assert run(a, b) == []
    b.record["outlet"] = "وكالة أخرى"
    [f] = run(a, b)
    assert f["kind"] == "corroboration" and f["values"] == ["35%"]


def test_denied_figures_are_not_claims():
    a = Doc("تستورد الهند 35% من نفطها من روسيا.", outlet="أ")
    b = Doc("نفت الحكومة أن الهند تستورد 50% من نفطها من روسيا.", outlet="ب")
    a.quantity("35%", 35, "percent", measure="من نفطها", entities=(IND, RUS))
    q = b.quantity("50%", 50, "percent", measure="من نفطها", entities=(IND, RUS))
    q["certainty"] = "denied"
    assert run(a, b) == []


# --------------------------------------------------------------------------- events


def test_one_time_event_with_two_dates_is_a_conflict():
    a = Doc("وافتتحت مصر سفارة لها في السودان عام 1992.", outlet="أ")
    b = Doc("افتُتحت سفارة مصرية في السودان عام 1993.", outlet="ب")
    c = Doc("افتتحت مصر سفارة في الخرطوم في عهد الحكومة السابقة.", outlet="ج")
    ea = a.event(a.text, "open_mission", (EGY,), (SDN,), date="1992")
    eb = b.event(b.text, "open_mission", (EGY,), (SDN,), date="1993")
    c.event(c.text, "open_mission", (EGY,), (SDN,))
    [f] = run(a, b, c)
    assert f["kind"] == "conflict"
    assert set(f["items"]) == {ea["id"], eb["id"]}
    assert f["values"] == ["1992", "1993"]
    assert f["topic"] == "year of the opening of Egypt's embassy in Sudan"


def test_one_time_event_dates_that_agree_corroborate():
    a = Doc("كانت مصر من أوائل الدول التي اعترفت باستقلال السودان عام 1956.", outlet="أ")
    b = Doc("اعترفت مصر رسميا باستقلال السودان في 1 يناير 1956.", outlet="ب")
    a.event(a.text, "recognize", (EGY,), (SDN,), date="1956")
    b.event(b.text, "recognize", (EGY,), (SDN,), date="1956-01-01")
    [f] = run(a, b)
    assert f["kind"] == "corroboration"
    assert f["values"] == ["1956", "1956-01-01"]


def test_trade_office_and_embassy_are_different_one_time_events():
    a = Doc("افتتحت قطر مكتبا تجاريا في الأردن عام 2019.", outlet="أ")
    b = Doc("وافتتحت قطر سفارتها في عمان في مارس 2023.", outlet="ب")
    c = Doc("وكخطوة أولى قبل السفارة، افتتحت قطر في 2019 مكتبا تجاريا في الأردن.", outlet="ج")
    a.event(a.text, "open_mission", (QAT,), (JOR,), date="2019")
    b.event(b.text, "open_mission", (QAT,), (JOR,), date="2023-03")
    c.event(c.text, "open_mission", (QAT,), (JOR,), date="2019")
    assert not conflicts(run(a, b, c))


def test_decision_and_opening_do_not_conflict():
    a = Doc("أعلن الرئيس أن بلاده اتخذت قرارا بفتح سفارة لدى قطر.", outlet="أ", published="2022-11-30")
    b = Doc("افتتحت تركيا سفارتها في الدوحة في مارس 2023.", outlet="ب")
    a.event(a.text, "open_mission", (TUR,), (QAT,), date="2022-11-26", status="announced")
    b.event(b.text, "open_mission", (TUR,), (QAT,), date="2023-03")
    assert run(a, b) == []


def test_recurring_events_do_not_conflict_by_date():
    a = Doc("زار أردوغان الدوحة عام 2017.", outlet="أ")
    b = Doc("زار أردوغان قطر عام 2019.", outlet="ب")
    c = Doc("أجرت تركيا تدريبات عسكرية في قطر عام 2018.", outlet="ج")
    d = Doc("نفذت تركيا مناورات عسكرية في قطر عام 2021.", outlet="د")
    a.event(a.text, "visit", (TUR,), (QAT,), date="2017", participants=(ERDOGAN,))
    b.event(b.text, "visit", (TUR,), (QAT,), date="2019", participants=(ERDOGAN,))
    c.event(c.text, "military_exercise", (TUR,), (QAT,), date="2018")
    d.event(d.text, "military_exercise", (TUR,), (QAT,), date="2021")
    assert run(a, b, c, d) == []


def test_enumerated_visits_conflict_with_an_unlisted_date():
    a = Doc("زار أردوغان قطر مرتين كرئيس للوزراء في عامي 2010 و2013.", outlet="أ", published="2022-01-01")
    b = Doc("وعقد اللقاء التالي عام 2011 عندما قام أردوغان بزيارة رسمية إلى الدوحة.", outlet="ب")
    ea = a.event(a.text, "visit", (TUR,), (QAT,), date="2010", participants=(ERDOGAN,))
    a.timex("2010", "2010")
    a.timex("2013", "2013")
    eb = b.event(b.text, "visit", (TUR,), (QAT,), date="2011", participants=(ERDOGAN,))
    [f] = conflicts(run(a, b))
    assert set(f["items"]) == {ea["id"], eb["id"]}
    assert f["values"] == ["2010", "2011"]
    assert f["topic"] == "year of Recep Tayyip Erdogan's first visit to Qatar"
    # without the time expressions, two events for the two dates say the same
    a.events.append(dict(ea, id=ea["id"] + "-2013", date="2013"))
    assert len(conflicts(run(a, b, timexes=False))) == 1


def test_enumeration_is_not_contradicted_by_a_listed_date_or_a_later_visit():
    a = Doc("زار أردوغان قطر مرتين في عامي 2010 و2013.", outlet="أ", published="2014-01-01")
    b = Doc("زار أردوغان الدوحة عام 2013.", outlet="ب")
    c = Doc("زار أردوغان الدوحة عام 2020.", outlet="ج")
    a.event(a.text, "visit", (TUR,), (QAT,), date="2010", participants=(ERDOGAN,))
    a.timex("2010", "2010")
    a.timex("2013", "2013")
    b.event(b.text, "visit", (TUR,), (QAT,), date="2013", participants=(ERDOGAN,))
    c.event(c.text, "visit", (TUR,), (QAT,), date="2020", participants=(ERDOGAN,))
    assert not conflicts(run(a, b, c))


def test_first_visit_conflicts_with_an_earlier_one_only():
    a = Doc("وكانت أول زيارة للسيسي إلى السودان عام 2014.", outlet="أ")
    b = Doc("زار السيسي الخرطوم عام 2012.", outlet="ب")
    c = Doc("زار السيسي الخرطوم عام 2018.", outlet="ج")
    ea = a.event(a.text, "visit", (EGY,), (SDN,), date="2014", participants=(SISI,))
    eb = b.event(b.text, "visit", (EGY,), (SDN,), date="2012", participants=(SISI,))
    c.event(c.text, "visit", (EGY,), (SDN,), date="2018", participants=(SISI,))
    [f] = conflicts(run(a, b, c))
    assert set(f["items"]) == {ea["id"], eb["id"]}
    assert "first visit" in f["topic"]


def test_the_same_sentence_in_two_outlets_is_one_source():
    # a wire story carried by two sites (the second cut differently) corroborates nothing
    wire = "وقالت الوكالة إن الهند استوردت 60٪ من أسلحتها الرئيسية من روسيا خلال السنوات الخمس الماضية وفق التقرير السنوي."
    a = Doc(wire, outlet="موقع أ")
    b = Doc("وفي سياق آخر، " + wire + " وأضافت أن الصفقات مستمرة.", outlet="موقع ب")
    kw = {"measure": "من أسلحتها الرئيسية", "entities": (IND, RUS)}
    a.quantity("60٪", 60, "percent", **kw)
    b.quantity("60٪", 60, "percent", **kw)
    assert not corroborations(run(a, b))
    # the same figure in the words of another outlet is a second source
    c = Doc("ونقلت صحيفة عن معهد ستوكهولم أن روسيا زودت الهند بنحو 60٪ من وارداتها من الأسلحة.", outlet="صحيفة ج")
    c.quantity("60٪", 60, "percent", measure="من وارداتها من الأسلحة", entities=(IND, RUS))
    [f] = corroborations(run(a, b, c))
    assert f["explanation"].startswith("2 independent reports")
