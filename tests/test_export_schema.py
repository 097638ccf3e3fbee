"""schema.json encodes spec/export-schema.md; exports validate against it and keep the cross-record rules."""

from __future__ import annotations

import copy
from importlib import resources

import pytest
from jsonschema import Draft202012Validator

from marsad.export import analyses_to_export, check_integrity, load_schema, schema_errors
from marsad.model import RawDocument
from test_export_build import make_analyses


@pytest.fixture(scope="module")
def data() -> dict:
    return analyses_to_export(make_analyses())


def test_schema_is_a_valid_2020_12_schema():
    schema = load_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


def test_enums_match_the_spec():
    d = load_schema()["$defs"]
    assert d["entity_type"]["enum"] == ["PERSON", "COUNTRY", "ORG", "LOCATION", "FACILITY", "WEAPON", "EVENT_NAME"]
    assert d["mention"]["properties"]["how"]["enum"] == ["gazetteer", "model", "pattern", "coreference"]
    assert d["quantity"]["properties"]["comparator"]["enum"] == ["eq", "approx", "gt", "gte", "lt", "lte"]
    assert d["certainty"]["enum"] == ["asserted", "reported", "hedged", "denied"]
    assert d["event"]["properties"]["status"]["enum"] == ["occurred", "announced", "planned", "alleged", "denied"]
    assert d["finding"]["properties"]["kind"]["enum"] == ["conflict", "corroboration"]
    assert d["document"]["properties"]["published_from"]["enum"] == ["metadata", "html", "text", "inferred", None]
    assert len(d["event_type"]["enum"]) == 22


def test_built_export_validates(data):
    assert schema_errors(data) == []
    assert check_integrity(data) == []


def test_empty_export_validates():
    from marsad.export import empty_export

    assert schema_errors(empty_export()) == []


@pytest.mark.parametrize(
    "path,value",
    [
        (("documents", 0, "published_from"), "guessed"),
        (("documents", 0, "id"), "d-XYZ"),
        (("entities", 0, "type"), "PLACE"),
        (("entities", 0, "name_ar"), None),
        (("mentions", 0, "how"), "magic"),
        (("timexes", 0, "anchored"), "yes"),
        (("quantities", 0, "comparator"), "about"),
        (("quantities", 0, "certainty"), "sure"),
        (("quantities", 0, "attribution"), "somebody"),
        (("events", 0, "type"), "dance"),
        (("events", 0, "status"), "rumoured"),
        (("events", 0, "cluster"), "cluster-1"),
        (("schema_version",), 2),
    ],
)
def test_schema_rejects_values_outside_the_spec(data, path, value):
    bad = copy.deepcopy(data)
    obj = bad
    for p in path[:-1]:
        obj = obj[p]
    obj[path[-1]] = value
    assert schema_errors(bad)


@pytest.mark.parametrize(
    "kind,key", [("documents", "boilerplate"), ("entities", "aliases"), ("events", "cluster"), ("quantities", "period")]
)
def test_required_keys(data, kind, key):
    bad = copy.deepcopy(data)
    del bad[kind][0][key]
    assert any("required" in e for e in schema_errors(bad))


def test_extra_keys_are_rejected(data):
    bad = copy.deepcopy(data)
    bad["mentions"][0]["confidence"] = 0.9
    assert schema_errors(bad)


def test_nullable_fields_accept_null(data):
    ok = copy.deepcopy(data)
    d = ok["documents"][0]
    d["outlet"] = d["title"] = d["published"] = d["published_from"] = None
    ok["entities"][0]["name_en"] = None
    ok["entities"][0]["country"] = None
    q = ok["quantities"][0]
    q["unit"] = q["measure"] = q["period"] = q["attribution"] = None
    e = ok["events"][0]
    e["date"] = e["date_text"] = e["plover"] = e["cameo"] = e["cluster"] = None
    assert schema_errors(ok) == []


def test_integrity_catches_broken_rules(data):
    bad = copy.deepcopy(data)
    bad["mentions"][0]["start"] += 1
    assert any("!= document text" in p for p in check_integrity(bad))

    bad = copy.deepcopy(data)
    bad["events"][0]["source"] = ["country:XXX"]
    assert any("unknown entity country:XXX" in p for p in check_integrity(bad))

    bad = copy.deepcopy(data)
    doc = bad["documents"][0]
    m = bad["mentions"][0]
    doc["boilerplate"].append([m["start"], m["end"]])
    assert any("inside boilerplate" in p for p in check_integrity(bad))

    bad = copy.deepcopy(data)
    q = bad["quantities"][0]["id"]
    bad["findings"] = [
        {"id": "f-x", "kind": "conflict", "topic": "t", "items": [q, bad["events"][0]["id"]], "values": [],
         "explanation": "x"}
    ]
    assert any("fewer than two documents" in p for p in check_integrity(bad))
    bad["findings"][0]["items"] = [q, "q-nowhere"]
    assert any("unknown items" in p for p in check_integrity(bad))


def test_demo_corpus_through_the_pipeline_validates():
    """The real per-document pipeline on the five seed articles: schema, spans, ids, boilerplate."""
    from marsad.pipeline import analyze

    corpus = resources.files("marsad.demo").joinpath("corpus")
    analyses = []
    for f in sorted(corpus.iterdir(), key=lambda f: f.name):
        if f.name.endswith(".txt"):
            text = f.read_text(encoding="utf-8").replace("\r\n", "\n").lstrip("\ufeff")
            analyses.append(analyze(RawDocument(text=text, source=f"demo/{f.name}")))
    data = analyses_to_export(analyses)
    assert len(data["documents"]) == 5
    assert schema_errors(data) == []
    assert check_integrity(data) == []
    # nothing was dropped at the boundary: the stages themselves keep the span rules
    from marsad.export.build import check_analysis

    assert [p for a in analyses for p in check_analysis(a)[1]] == []


def test_validate_export_full_and_sampled(data):
    from marsad.export import validate_export

    assert validate_export(data) == []
    bad = copy.deepcopy(data)
    bad["mentions"] = bad["mentions"] * 3000  # many records: the sample covers both ends
    bad["mentions"][-1] = dict(bad["mentions"][-1], how="magic")
    assert any("magic" in p for p in validate_export(bad, full=False))
    assert any(f"mentions/{len(bad['mentions']) - 1}/how" in p for p in validate_export(bad, full=True))
    bad["schema_version"] = 7
    assert any("schema_version" in p for p in validate_export(bad, full=False))
