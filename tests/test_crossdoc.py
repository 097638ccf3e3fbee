"""Event clusters across and within documents, on invented reports about other countries."""

import random

from fixtures.findings.builder import Doc, entity, export
from marsad import events
from marsad.events.crossdoc import cluster_id, consolidate, date_interval, dates_compatible

EGY, SDN, TUR, QAT, JOR = "country:EGY", "country:SDN", "country:TUR", "country:QAT", "country:JOR"
SISI = "person:abdel-fattah-el-sisi"
ERDOGAN = "person:recep-tayyip-erdogan"

ENTITIES = [
    entity(EGY, "Egypt", "مصر"),
    entity(SDN, "Sudan", "السودان"),
    entity(TUR, "Turkey", "تركيا"),
    entity(QAT, "Qatar", "قطر"),
    entity(JOR, "Jordan", "الأردن"),
    entity(SISI, "Abdel Fattah el-Sisi", "عبد الفتاح السيسي", type="PERSON", country="EGY"),
    entity(ERDOGAN, "Recep Tayyip Erdogan", "رجب طيب أردوغان", type="PERSON", country="TUR"),
]


def run(*docs):
    data = export(*docs, entities=ENTITIES)
    return consolidate(data["documents"], data["events"], data["quantities"], entities=data["entities"])


def test_dates():
    assert date_interval("1992")[0].isoformat() == "1992-01-01"
    assert date_interval("2023-02")[1].isoformat() == "2023-02-28"
    assert date_interval("199X")[1].year == 1999
    assert date_interval("2016/2020")[1].year == 2020
    assert date_interval("XXXX-03-01") is None
    assert dates_compatible("2021", "2021-07")
    assert dates_compatible("2021-07-04", "2021")
    assert dates_compatible(None, "1990")
    assert not dates_compatible("1992", "1993")
    assert not dates_compatible("2021-07", "2021-08-01")


def test_same_event_across_documents_shares_a_cluster():
    a = Doc("افتتحت مصر سفارتها في الخرطوم عام 1995 وسط ترحيب رسمي.")
    b = Doc("وكانت القاهرة قد فتحت سفارة لها في السودان في مارس 1995.")
    e1 = a.event(a.text, "open_mission", (EGY,), (SDN,), date="1995")
    e2 = b.event(b.text, "open_mission", (EGY,), (SDN,), date="1995-03")
    clusters, _ = run(a, b)
    assert clusters[e1["id"]] == clusters[e2["id"]] == cluster_id([e1["id"], e2["id"]])
    assert clusters[e1["id"]].startswith("ec-")


def test_direction_matters_for_directed_types():
    a = Doc("افتتحت مصر سفارة في السودان.")
    b = Doc("افتتح السودان سفارة في مصر.")
    e1 = a.event(a.text, "open_mission", (EGY,), (SDN,))
    e2 = b.event(b.text, "open_mission", (SDN,), (EGY,))
    clusters, _ = run(a, b)
    assert clusters[e1["id"]] != clusters[e2["id"]]


def test_symmetric_types_match_in_either_order():
    a = Doc("التقى وزير الخارجية التركي نظيره القطري في الدوحة.")
    b = Doc("اجتمع وزيرا خارجية قطر وتركيا في الدوحة يوم الاثنين.")
    e1 = a.event(a.text, "meet", (TUR,), (QAT,), date="2024-05-06")
    e2 = b.event(b.text, "meet", (QAT,), (TUR,), date="2024-05-06")
    clusters, _ = run(a, b)
    assert clusters[e1["id"]] == clusters[e2["id"]]


def test_cooperation_is_symmetric_like_the_extractor_says():
    # the event lexicon (data/events/mapping.tsv) makes intelligence cooperation symmetric;
    # cross-document comparison follows it, so the two reports are one cluster
    from marsad.events.lexicon import lexicon

    assert lexicon().symmetric("intelligence_cooperation")
    a = Doc("وكشفت تقارير عن تعاون استخباري بين مصر والأردن.")
    b = Doc("وتتعاون الأجهزة الأمنية الأردنية مع نظيرتها المصرية في تبادل المعلومات.")
    e1 = a.event(a.text, "intelligence_cooperation", (EGY,), (JOR,))
    e2 = b.event(b.text, "intelligence_cooperation", (JOR,), (EGY,))
    clusters, _ = run(a, b)
    assert clusters[e1["id"]] == clusters[e2["id"]]


def test_within_document_mentions_cluster():
    d = Doc(
        "زار أردوغان الدوحة في يناير 2023. وخلال الزيارة وقع الطرفان اتفاقيات. وأشادت قطر بزيارة أردوغان."
    )
    e1 = d.event(
        "زار أردوغان الدوحة في يناير 2023.", "visit", (TUR,), (QAT,), date="2023-01", participants=(ERDOGAN,)
    )
    e2 = d.event("وأشادت قطر بزيارة أردوغان.", "visit", (TUR,), (QAT,), participants=(ERDOGAN,))
    clusters, _ = run(d)
    assert clusters[e1["id"]] == clusters[e2["id"]]


def test_different_dates_of_a_recurring_event_stay_apart_and_undated_ambiguous_report_alone():
    a = Doc("زار أردوغان قطر عام 2017. ثم زار أردوغان قطر مرة أخرى عام 2020.")
    b = Doc("زيارة أردوغان إلى قطر حظيت باهتمام واسع.")
    e1 = a.event("زار أردوغان قطر عام 2017.", "visit", (TUR,), (QAT,), date="2017", participants=(ERDOGAN,))
    e2 = a.event(
        "ثم زار أردوغان قطر مرة أخرى عام 2020.", "visit", (TUR,), (QAT,), date="2020", participants=(ERDOGAN,)
    )
    e3 = b.event(b.text, "visit", (TUR,), (QAT,), participants=(ERDOGAN,))
    clusters, findings = run(a, b)
    assert len({clusters[e1["id"]], clusters[e2["id"]], clusters[e3["id"]]}) == 3
    assert not [f for f in findings if f["kind"] == "conflict"]


def test_undated_report_joins_the_only_compatible_event():
    a = Doc("أقامت مصر والأردن علاقات دبلوماسية عام 1950.")
    b = Doc("ومنذ إقامة العلاقات الدبلوماسية بين الأردن ومصر تعاون البلدان.")
    e1 = a.event(a.text, "establish_relations", (EGY,), (JOR,), date="1950")
    e2 = b.event(b.text, "establish_relations", (JOR,), (EGY,))
    clusters, _ = run(a, b)
    assert clusters[e1["id"]] == clusters[e2["id"]]


def test_undated_recurring_report_of_another_article_needs_the_same_person():
    a = Doc("بلغ حجم التجارة بين مصر والسودان مليار دولار عام 2020. وزار السيسي الخرطوم عام 2021.")
    b = Doc("تنمو التجارة بين السودان ومصر. وكانت زيارة السيسي إلى الخرطوم ناجحة.")
    t1 = a.event(
        "بلغ حجم التجارة بين مصر والسودان مليار دولار عام 2020.", "trade", (EGY,), (SDN,), date="2020"
    )
    t2 = b.event("تنمو التجارة بين السودان ومصر.", "trade", (SDN,), (EGY,))
    v1 = a.event("وزار السيسي الخرطوم عام 2021.", "visit", (EGY,), (SDN,), date="2021", participants=(SISI,))
    v2 = b.event("وكانت زيارة السيسي إلى الخرطوم ناجحة.", "visit", (EGY,), (SDN,), participants=(SISI,))
    clusters, _ = run(a, b)
    assert clusters[t1["id"]] != clusters[t2["id"]]
    assert clusters[v1["id"]] == clusters[v2["id"]]


def test_different_people_are_different_visits():
    a = Doc("زار السيسي الخرطوم.")
    b = Doc("زار وزير الخارجية المصري الخرطوم.")
    e1 = a.event(a.text, "visit", (EGY,), (SDN,), participants=(SISI,))
    e2 = b.event(b.text, "visit", (EGY,), (SDN,), participants=("person:sameh-shoukry",))
    clusters, _ = run(a, b)
    assert clusters[e1["id"]] != clusters[e2["id"]]


def test_kind_of_mission_separates_events():
    a = Doc("افتتحت قطر مكتبا تجاريا في عمان عام 2019.")
    b = Doc("افتتحت قطر سفارة في الأردن.")
    e1 = a.event(a.text, "open_mission", (QAT,), (JOR,), date="2019")
    e2 = b.event(b.text, "open_mission", (QAT,), (JOR,))
    clusters, _ = run(a, b)
    assert clusters[e1["id"]] != clusters[e2["id"]]


def test_cluster_ids_do_not_depend_on_input_order():
    a = Doc("افتتحت مصر سفارتها في الخرطوم عام 1995.")
    b = Doc("فتحت مصر سفارة في السودان في مارس 1995.")
    c = Doc("زار السيسي الخرطوم عام 2021 ثم زار السيسي الخرطوم عام 2022.")
    a.event(a.text, "open_mission", (EGY,), (SDN,), date="1995")
    b.event(b.text, "open_mission", (EGY,), (SDN,), date="1995-03")
    c.event("زار السيسي الخرطوم عام 2021", "visit", (EGY,), (SDN,), date="2021", participants=(SISI,))
    c.event("زار السيسي الخرطوم عام 2022", "visit", (EGY,), (SDN,), date="2022", participants=(SISI,))
    data = export(a, b, c, entities=ENTITIES)
    first = consolidate(data["documents"], data["events"], data["quantities"], entities=ENTITIES)
    shuffled = list(data["events"])
    random.Random(7).shuffle(shuffled)
    second = consolidate(data["documents"], shuffled, data["quantities"], entities=ENTITIES)
    assert first == second


def test_stub_delegates_to_crossdoc():
    a = Doc("افتتحت مصر سفارتها في الخرطوم عام 1995.")
    b = Doc("فتحت مصر سفارة في السودان عام 1996.")
    a.event(a.text, "open_mission", (EGY,), (SDN,), date="1995")
    b.event(b.text, "open_mission", (EGY,), (SDN,), date="1996")
    data = export(a, b)
    clusters, findings = events.consolidate(data["documents"], data["events"], data["quantities"])
    assert len(clusters) == 2
    assert [f["kind"] for f in findings] == ["conflict"]


def test_one_sided_reports_of_different_articles_do_not_cluster():
    a = Doc("أعلنت مصر دعمها للمبادرة اليوم.")
    b = Doc("وأكدت مصر دعمها لجهود التهدئة اليوم.")
    c = Doc("وأعلنت مصر دعمها للمبادرة في اجتماع ثان اليوم.")
    e1 = a.event(a.text, "support", (EGY,), (), date="2015-07-22")
    e2 = b.event(b.text, "support", (EGY,), (), date="2015-07-22")
    clusters, _ = run(a, b)
    assert clusters[e1["id"]] != clusters[e2["id"]]
    # within one article the same reading is allowed (the article's own coreference)
    e3 = c.event("وأعلنت مصر دعمها للمبادرة", "support", (EGY,), (), date="2015-07-22")
    e4 = c.event("في اجتماع ثان اليوم", "support", (EGY,), (), date="2015-07-22")
    clusters, _ = run(c)
    assert clusters[e3["id"]] == clusters[e4["id"]]
