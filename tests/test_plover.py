"""PLOVER export: the record format of the PLOVER manual (chapter "Data Fields")."""

import io
import json
import re

from fixtures.findings.builder import Doc, entity, export
from marsad.events.crossdoc import read_tsv
from marsad.events.plover import write_plover

# PLOVER_MANUAL.tex, table "PLOVER JSON": name -> required?
MANUAL_FIELDS = {
    "id": True,
    "has_event": False,
    "date": True,
    "time": False,
    "enddate": False,
    "endtime": False,
    "actor": True,
    "recipient": False,
    "event": True,
    "event_loc": False,
    "event_text": False,
    "quad_code": False,
    "event_scale": False,
    "mode": False,
    "context": False,
    "link": False,
    "text": False,
    "text_info": False,
    "cite_info": False,
    "coder": False,
    "coded_date": False,
    "coded_time": False,
    "comment": False,
}
# table "Information object for entities"
ENTITY_FIELDS = {
    "code",
    "sector",
    "entity_text",
    "identifier_id",
    "identifier_text",
    "religion",
    "ethnicity",
    "office",
    "gender",
    "age",
    "country_name",  # used in the manual's example actor block
}
TEXT_INFO_FIELDS = {"sequence", "start", "end", "text_story"}
CITE_FIELDS = {
    "corpus",
    "citation",
    "url",
    "title",
    "language",
    "publication",
    "license",
    "copyright",
    "coder",
    "codebook",
    "version",
}
CATEGORIES = {c for c, _q in read_tsv("plover.tsv")}

TUR, QAT, JOR = "country:TUR", "country:QAT", "country:JOR"
ERDOGAN = "person:recep-tayyip-erdogan"


def make_export():
    d = Doc(
        "زار الرئيس التركي رجب طيب أردوغان الدوحة في يناير 2023. والتقى وزيرا خارجية قطر وتركيا. "
        "وافتتحت قطر سفارة في عمان.",
        outlet="وكالة أ",
        published="2023-01-20",
        title="أردوغان في الدوحة",
    )
    ents = [
        entity(TUR, "Turkey", "تركيا"),
        entity(QAT, "Qatar", "قطر"),
        entity(JOR, "Jordan", "الأردن"),
        {
            **entity(ERDOGAN, "Recep Tayyip Erdogan", "رجب طيب أردوغان", type="PERSON", country="TUR"),
            "roles": [{"role": "president", "of": TUR, "document": d.id}],
        },
        entity("location:doha", "Doha", "الدوحة", type="LOCATION", country="QAT"),
    ]
    v = d.event(
        "زار الرئيس التركي رجب طيب أردوغان الدوحة في يناير 2023.",
        "visit",
        (TUR,),
        (QAT,),
        date="2023-01",
        participants=(ERDOGAN,),
        location=("location:doha",),
    )
    v["plover"] = {"event_type": "CONSULT", "mode": "visit", "context": []}
    v["cameo"] = "042"
    v["cluster"] = "ec-000000000001"
    m = d.event("والتقى وزيرا خارجية قطر وتركيا.", "meet", (QAT,), (TUR,))
    m["plover"] = {"event_type": "CONSULT", "mode": None, "context": ["diplomatic"]}
    o = d.event("وافتتحت قطر سفارة في عمان.", "open_mission", (QAT,), (JOR,))
    o["plover"] = None  # no category: not written
    data = export(d, entities=ents)
    data["mentions"] = [
        {
            "entity": ERDOGAN,
            "document": d.id,
            "start": s,
            "end": s + 15,
            "text": d.text[s : s + 15],
            "how": "gazetteer",
        }
        for s in [d.text.index("رجب طيب أردوغان")]
    ]
    return data


def records(data):
    out = io.StringIO()
    n = write_plover(data, out)
    lines = out.getvalue().splitlines()
    assert n == len(lines)
    return [json.loads(line) for line in lines]


def test_records_follow_the_manual():
    data = make_export()
    recs = records(data)
    assert len(recs) == 2  # the event without a PLOVER category is left out
    docs = {d["id"]: d["text"] for d in data["documents"]}
    for r in recs:
        for field, required in MANUAL_FIELDS.items():
            if required:
                assert field in r, field
        assert r["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"])
        if r["date"] is None:
            assert r["comment"]
        assert isinstance(r["actor"], list) and r["actor"]
        for ent in r["actor"] + r["recipient"]:
            assert set(ent) <= ENTITY_FIELDS
            assert re.fullmatch(r"[A-Z]{3}", ent["code"])
        assert isinstance(r["event"], list) and set(r["event"]) <= CATEGORIES
        assert isinstance(r["mode"], list) and isinstance(r["context"], list)
        assert r["quad_code"] in (1, 2, 3, 4)
        assert set(r["text_info"]) <= TEXT_INFO_FIELDS
        assert set(r["cite_info"]) - {"source", "published"} <= CITE_FIELDS
        text = docs[r["cite_info"]["citation"]]
        assert text[r["text_info"]["start"] : r["text_info"]["end"]] == r["event_text"][0]
    visit, meet = recs
    assert visit["date"] == "2023-01-01" and visit["enddate"] == "2023-01-31"
    assert visit["date_precision"] == "month"
    [actor] = visit["actor"]  # the person stands for Turkey
    assert actor["code"] == "TUR" and actor["identifier_text"] == "Recep Tayyip Erdogan"
    assert actor["entity_text"] == "رجب طيب أردوغان" and actor["office"] == "president"
    assert actor["sector"] == "GOV"
    assert [e["code"] for e in visit["recipient"]] == ["QAT"]
    assert visit["mode"] == ["visit"] and visit["link"] == "ec-000000000001"
    assert visit["event_loc"]["resolved_place"] == "Doha" and visit["event_loc"]["country_code"] == "QAT"
    assert visit["text_info"]["sequence"] == 0
    # reciprocal event: every side is an actor, no recipient (manual, "Compound and Reciprocal Actors")
    assert {e["code"] for e in meet["actor"]} == {"QAT", "TUR"} and meet["recipient"] == []
    assert meet["date"] is None and "no date" in meet["comment"]
    assert meet["text_info"]["sequence"] == 1
