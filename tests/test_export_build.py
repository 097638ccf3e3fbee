"""analyses_to_export: in-memory analyses → the export-schema object."""

from __future__ import annotations

from marsad.export.build import analyses_to_export, check_analysis, resolve_merges
from marsad.model import (
    Analysis,
    ArticleInfo,
    Entity,
    Event,
    Mention,
    Quantity,
    RawDocument,
    Role,
    Timex,
)

TEXT1 = "اقرأ أيضا\nزار الرئيس إلهام علييف تل أبيب في 2023 وقال إن 69٪ من الأسلحة من إسرائيل."
TEXT2 = "التقى الرئيس الهام علييف وزير الخارجية الإسرائيلي في باكو."


def span(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return i, i + len(sub)


def mention(text: str, sub: str, typ: str, eid: str, how: str = "gazetteer") -> Mention:
    s, e = span(text, sub)
    return Mention(s, e, sub, typ, eid, how)  # type: ignore[arg-type]


def make_analyses() -> list[Analysis]:
    raw1 = RawDocument(text=TEXT1, source="a.txt", title="t1", outlet="o1")
    bp1 = [span(TEXT1, "اقرأ أيضا\n")]
    m1 = [
        mention(TEXT1, "إلهام علييف", "PERSON", "person:ilham-aliyev"),
        mention(TEXT1, "تل أبيب", "COUNTRY", "country:ISR"),
        mention(TEXT1, "إسرائيل", "COUNTRY", "country:ISR"),
    ]
    e1 = [
        Entity(
            "person:ilham-aliyev",
            "PERSON",
            "إلهام علييف",
            "Ilham Aliyev",
            aliases=["إلهام علييف"],
            country="AZE",
            roles=[Role("president", "country:AZE")],
        ),
        Entity("country:ISR", "COUNTRY", "إسرائيل", "Israel", aliases=["تل أبيب", "إسرائيل"], country="ISR"),
    ]
    ts, te = span(TEXT1, "2023")
    qs, qe = span(TEXT1, "69٪")
    q = Quantity("q-1", qs, qe, "69٪", 69.0, "percent", entities=["country:ISR", "country:XXX"], attribution="outlet")
    sent_s = TEXT1.index("زار")
    ev = Event(
        "e-1",
        "visit",
        "occurred",
        ["person:ilham-aliyev"],
        ["country:ISR"],
        sent_s,
        len(TEXT1),
        TEXT1[sent_s:],
        participants=["person:nobody"],
        date="2023",
        date_text="2023",
        plover={"event_type": "CONSULT", "mode": "visit", "context": ["diplomatic"]},
        cameo="042",
        quantities=["q-1"],
    )
    a1 = Analysis(
        document=raw1,
        article=ArticleInfo(boilerplate=bp1),
        boilerplate=bp1,
        mentions=m1,
        entities=e1,
        timexes=[Timex(ts, te, "2023", "2023")],
        quantities=[q],
        events=[ev],
        published="2023-05-01",
        published_from="inferred",
    )
    raw2 = RawDocument(text=TEXT2, source="b.txt")
    m2 = [
        mention(TEXT2, "الهام علييف", "PERSON", "person:alham-aliyev"),
        mention(TEXT2, "باكو", "LOCATION", "location:baku"),
    ]
    e2 = [Entity("person:alham-aliyev", "PERSON", "الهام علييف", "Alham Aliyev", True, ["الهام علييف"])]
    a2 = Analysis(document=raw2, article=ArticleInfo(), boilerplate=[], mentions=m2, entities=e2)
    return [a1, a2]


def test_structure_and_ids_resolved():
    data = analyses_to_export(make_analyses())
    assert data["schema_version"] == 1
    assert set(data) == {
        "schema_version",
        "generator",
        "documents",
        "entities",
        "mentions",
        "timexes",
        "quantities",
        "events",
        "findings",
    }
    docs = {d["id"]: d for d in data["documents"]}
    assert len(docs) == 2
    d1 = data["documents"][0]
    assert d1["boilerplate"] == [[0, len("اقرأ أيضا\n")]]
    assert d1["published_from"] == "inferred"
    ents = {e["id"]: e for e in data["entities"]}
    # location:baku had only a mention: a minimal record made from it
    assert ents["location:baku"]["name_ar"] == "باكو" and ents["location:baku"]["type"] == "LOCATION"
    # role.of pointing to an entity without a record is nulled; the role is kept
    assert ents["person:ilham-aliyev"]["roles"] == [{"role": "president", "of": None, "document": d1["id"]}]
    q = data["quantities"][0]
    assert q["entities"] == ["country:ISR"]  # unknown id dropped
    ev = data["events"][0]
    assert ev["participants"] == [] and ev["cluster"] is None
    for rec in data["mentions"] + data["timexes"] + data["quantities"] + data["events"]:
        assert docs[rec["document"]]["text"][rec["start"] : rec["end"]] == rec["text"]


def test_merges_clusters_findings():
    merges = {"person:alham-aliyev": "person:ilham-aliyev"}
    finding = {"id": "f-1", "kind": "corroboration", "topic": "x", "items": ["q-1", "e-1"], "values": [], "explanation": "."}
    stale = dict(finding, id="f-2", items=["q-404"])
    data = analyses_to_export(
        make_analyses(), merges=merges, clusters={"e-1": "ec-9"}, findings=[finding, stale]
    )
    ents = {e["id"]: e for e in data["entities"]}
    assert "person:alham-aliyev" not in ents
    ilham = ents["person:ilham-aliyev"]
    assert ilham["name_ar"] == "إلهام علييف" and ilham["name_en"] == "Ilham Aliyev"
    assert set(ilham["aliases"]) == {"إلهام علييف", "الهام علييف"}
    assert {m["entity"] for m in data["mentions"]} <= set(ents)
    assert data["events"][0]["cluster"] == "ec-9"
    assert [f["id"] for f in data["findings"]] == ["f-1"]


def test_sources_override_and_duplicates():
    a = make_analyses()
    data = analyses_to_export(a + a, sources={a[0].document.id: "elsewhere/a.txt"})
    assert len(data["documents"]) == 2
    assert data["documents"][0]["source"] == "elsewhere/a.txt"
    assert len(data["quantities"]) == 1 and len(data["events"]) == 1


def test_bad_spans_dropped_and_reported():
    a = make_analyses()[0]
    s, e = span(TEXT1, "اقرأ")
    a.mentions.append(Mention(s, e, "اقرأ", "ORG", "org:x"))  # inside boilerplate
    a.timexes.append(Timex(0, 3, "nope", "2020"))  # text mismatch
    clean, problems = check_analysis(a)
    assert len(problems) == 2
    assert len(clean.mentions) == len(a.mentions) - 1
    data = analyses_to_export([a])
    assert "org:x" not in {m["entity"] for m in data["mentions"]}
    assert all(t["text"] != "nope" for t in data["timexes"])


def test_resolve_merges_chains_and_cycles():
    assert resolve_merges({"a": "b", "b": "c"}) == {"a": "c", "b": "c"}
    r = resolve_merges({"x": "y", "y": "x"})
    assert r == {"y": "x"}
