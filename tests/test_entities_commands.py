"""`marsad entities`, `marsad entity NAME` and `marsad eval entities` on hand-made export data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from marsad.entities import commands

TEXT = "التقى الرئيس إلهام علييف بوزير الخارجية إيلي كوهين في باكو. وكان حيدر علييف رئيسا."
DATA = {
    "schema_version": 1,
    "documents": [{"id": "d-1", "title": "لقاء", "source": "a.txt", "text": TEXT}],
    "entities": [
        {
            "id": "person:ilham-aliyev", "type": "PERSON", "name_ar": "إلهام علييف", "name_en": "Ilham Aliyev",
            "aliases": ["إلهام علييف", "الهام علييف"], "country": "AZE",
            "roles": [{"role": "president", "of": "country:AZE", "current": None, "document": "d-1"}],
        },
        {
            "id": "person:heydar-aliyev", "type": "PERSON", "name_ar": "حيدر علييف", "name_en": "Heydar Aliyev",
            "aliases": ["حيدر علييف"], "country": "AZE", "roles": [],
        },
        {
            "id": "location:baku", "type": "LOCATION", "name_ar": "باكو", "name_en": "Baku",
            "aliases": ["باكو"], "country": "AZE", "roles": [],
        },
    ],
    "mentions": [
        {"entity": eid, "document": "d-1", "start": TEXT.index(t), "end": TEXT.index(t) + len(t), "text": t, "how": "gazetteer"}
        for eid, t in (
            ("person:ilham-aliyev", "إلهام علييف"),
            ("location:baku", "باكو"),
            ("person:heydar-aliyev", "حيدر علييف"),
        )
    ],
}


def test_mentions_in_the_hand_made_data_are_exact():
    for m in DATA["mentions"]:
        assert TEXT[m["start"] : m["end"]] == m["text"]


def test_entity_rows_counts_and_roles():
    rows = commands.entity_rows(DATA)
    ilham = next(r for r in rows if r["id"] == "person:ilham-aliyev")
    assert ilham["mentions"] == 1 and ilham["documents"] == 1
    assert ilham["roles"] == ["president of AZE"]
    assert [r["id"] for r in commands.entity_rows(DATA, "location")] == ["location:baku"]


def test_find_entities_by_name_alias_id_and_part():
    assert [e["id"] for e in commands.find_entities(DATA, "الهام علييف")] == ["person:ilham-aliyev"]
    assert [e["id"] for e in commands.find_entities(DATA, "Ilham Aliyev")] == ["person:ilham-aliyev"]
    assert [e["id"] for e in commands.find_entities(DATA, "baku")] == ["location:baku"]
    both = {e["id"] for e in commands.find_entities(DATA, "علييف")}
    assert both == {"person:ilham-aliyev", "person:heydar-aliyev"}


def test_entity_report_gives_sentences():
    rep = commands.entity_report(DATA, "person:heydar-aliyev")
    assert rep["documents"][0]["id"] == "d-1"
    assert rep["sentences"][0]["text"] == "وكان حيدر علييف رئيسا."
    with pytest.raises(KeyError):
        commands.entity_report(DATA, "person:nobody")


def _app():
    import typer

    app = typer.Typer()
    eval_app = typer.Typer()
    app.add_typer(eval_app, name="eval")
    commands.register(app, eval_app, typer.Typer())
    return app


def test_cli_commands(monkeypatch):
    monkeypatch.setattr(commands, "_export", lambda db: DATA)
    runner = CliRunner()
    app = _app()
    r = runner.invoke(app, ["entities", "--json"])
    assert r.exit_code == 0, r.output
    assert {row["id"] for row in json.loads(r.output)} == {e["id"] for e in DATA["entities"]}
    r = runner.invoke(app, ["entity", "إلهام علييف", "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["id"] == "person:ilham-aliyev"
    r = runner.invoke(app, ["entity", "علييف"])
    assert r.exit_code == 1
    r = runner.invoke(app, ["entity", "nobody"])
    assert r.exit_code == 1
    r = runner.invoke(app, ["entities"])
    assert r.exit_code == 0 and "Entities (3 shown)" in r.output


def test_eval_entities_command():
    fixture = Path(__file__).parent / "fixtures" / "entities" / "seed_entities.json"
    r = CliRunner().invoke(_app(), ["eval", "entities", "--fixture", str(fixture), "--json"])
    assert r.exit_code == 0, r.output
    scores = json.loads(r.output)
    assert scores["ALL"]["recall"] >= 0.95 and scores["ALL"]["precision"] >= 0.90
