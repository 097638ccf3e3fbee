"""Status, certainty and attribution cues (marsad.events.attribution), on invented sentences."""

from __future__ import annotations

import pytest

from marsad.events import extract
from marsad.model import DocContext, Entity, Mention, Quantity
from test_events_extract import analyse, iso, only


def test_outlet_voice_is_asserted():
    ev = only(analyse("افتتحت تركيا سفارتها في القاهرة."), "open_mission")
    assert (ev.status, ev.certainty, ev.attribution) == ("occurred", "asserted", "outlet")


@pytest.mark.parametrize(
    "text",
    [
        "وفقا لمعهد الأبحاث الدولي، باعت روسيا لباكستان صواريخ.",
        "باعت روسيا لباكستان صواريخ، بحسب معهد الأبحاث الدولي.",
        "وأكد معهد الأبحاث الدولي أن روسيا باعت لباكستان صواريخ.",
    ],
)
def test_named_source_is_reported_and_attributed(text):
    ev = only(analyse(text), "arms_transfer")
    assert ev.status == "occurred" and ev.certainty == "reported"
    assert ev.attribution is not None and ev.attribution.startswith("org:")
    # the institute is the source of the claim, not a party to it
    assert iso(ev.source) == ["RUS"] and iso(ev.target) == ["PAK"]


def test_a_person_speaking_is_the_attribution():
    ev = only(
        analyse("قال الرئيس الفرنسي إيمانويل ماكرون إن فرنسا باعت لمصر طائرات مقاتلة."), "arms_transfer"
    )
    assert ev.certainty == "reported" and ev.attribution.startswith("person:")
    assert iso(ev.source) == ["FRA"] and iso(ev.target) == ["EGY"]


def test_quotation_opened_by_a_source_covers_the_next_sentences_of_its_paragraph():
    text = 'ويرى معهد الأبحاث الدولي أن "العلاقات قوية. وقد باعت روسيا لباكستان صواريخ.\nوافتتحت مصر قنصلية في إسطنبول.'
    events = analyse(text)
    arms = only(events, "arms_transfer")
    assert arms.certainty == "reported" and arms.attribution.startswith("org:")
    mission = only(events, "open_mission")  # a new paragraph: the outlet speaks again
    assert mission.certainty == "asserted" and mission.attribution == "outlet"


@pytest.mark.parametrize(
    "text",
    [
        "أشارت تقارير أجنبية إلى أن إيران تزود روسيا بطائرات مسيرة.",
        "ويعتقد أن إيران تزود روسيا بطائرات مسيرة.",
        "وتزود إيران روسيا على الأرجح بطائرات مسيرة.",
    ],
)
def test_unnamed_or_uncertain_sources_are_alleged(text):
    ev = only(analyse(text), "arms_transfer")
    assert (ev.status, ev.certainty) == ("alleged", "hedged")
    assert ev.attribution is None
    assert iso(ev.source) == ["IRN"] and iso(ev.target) == ["RUS"]


def test_hedging_adjective_covers_only_its_noun():
    events = analyse("تزود قطر اليابان بالغاز، بالإضافة إلى التعاون العسكري المزعوم بينهما.")
    assert only(events, "energy_trade").status == "occurred"
    assert only(events, "military_cooperation").status == "alleged"


def test_denial_and_its_negation():
    ev = only(analyse("نفت الجزائر أنها قطعت علاقاتها مع المغرب."), "reduce_relations")
    assert (ev.status, ev.certainty, ev.attribution) == ("denied", "denied", "country:DZA")
    ev = only(analyse("فهي لا تنفي أن روسيا تبيع لباكستان الأسلحة."), "arms_transfer")
    assert ev.status == "occurred" and ev.certainty != "denied"


@pytest.mark.parametrize(
    "text",
    [
        "لم تعترف السعودية بكوريا الشمالية.",
        "لن تعترف السعودية بكوريا الشمالية.",
        "ورفضت السعودية الاعتراف بكوريا الشمالية.",
    ],
)
def test_negation_particles_and_refusal(text):
    ev = only(analyse(text), "recognize")
    assert ev.negated and ev.status == "denied"


def test_the_future_prefix_and_plans():
    assert only(analyse("وسيلتقي وزير الخارجية السعودي بنظيره الإيراني."), "meet").status == "planned"
    # a plan mentioned in an aside does not make a past visit planned
    text = "إيمانويل ماكرون، المتوقع أن يفوز في الانتخابات، زار الجزائر."
    assert only(analyse(text), "visit").status == "occurred"


def test_quantities_get_their_attribution():
    text = "وبحسب وكالة الأنباء، بلغ حجم التجارة بين الصين وفيتنام 200 مليار دولار. وتبلغ حصة قطر 30٪."
    ctx = DocContext.build(text)
    ms = []
    ents = []
    for surface, typ, eid in (
        ("وكالة الأنباء", "ORG", "org:agency"),
        ("الصين", "COUNTRY", "country:CHN"),
        ("فيتنام", "COUNTRY", "country:VNM"),
        ("قطر", "COUNTRY", "country:QAT"),
    ):
        s = text.index(surface)
        ms.append(Mention(s, s + len(surface), surface, typ, eid))
        ents.append(Entity(eid, typ, surface))
    q1 = Quantity("q-1", text.index("200"), text.index("200") + 15, "200 مليار دولار", 2e11, "USD")
    q2 = Quantity("q-2", text.index("30٪"), text.index("30٪") + 3, "30٪", 30.0, "percent")
    events = extract(ctx, ms, ents, [], [q1, q2])
    assert (q1.attribution, q1.certainty) == ("org:agency", "reported")
    assert (q2.attribution, q2.certainty) == ("outlet", "asserted")
    trade = only(events, "trade")
    assert trade.quantities == ["q-1"] and set(q1.entities) == {"country:CHN", "country:VNM"}
