"""The knowledge base: migrations, pragmas, default path, round trips, cross-document step."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from marsad import entities as entities_stage
from marsad import events as events_stage
from marsad.export.build import analyses_to_export
from marsad.kb import AmbiguousDocument, DocumentNotFound, default_db_path, open_kb, resolve_db_path
from marsad.kb import db as kbdb
from marsad.kb.models import Base
from marsad.model import content_hash, document_id
from test_export_build import make_analyses


def test_upgrade_head_on_fresh_file_yields_the_orm_tables(tmp_path: Path):
    kb = open_kb(tmp_path / "kb.db")
    with kb.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
    assert kbdb.current_revision(kb.engine) == kbdb.head_revision()
    tables = set(sqlite3.connect(kb.path).execute("select name from sqlite_master where type='table'").fetchall())
    assert {(t,) for t in Base.metadata.tables} <= tables
    kb.close()


def test_open_twice_is_idempotent(tmp_path: Path):
    p = tmp_path / "kb.db"
    kb = open_kb(p)
    for a in make_analyses():
        kb.add_analysis(a)
    kb.close()
    kb2 = open_kb(p)
    assert kbdb.current_revision(kb2.engine) == kbdb.head_revision()
    assert len(kb2.document_ids()) == 2
    kb3 = open_kb(p)  # a second connection while the first is open
    assert kb3.stats()["documents"] == 2
    kb2.close()
    kb3.close()


def test_revision_1_database_is_upgraded_without_data_loss(tmp_path: Path):
    p = tmp_path / "old.db"
    engine = kbdb.make_engine(p)
    kbdb.upgrade(engine, "0001")
    assert kbdb.current_revision(engine) == "0001"
    engine.dispose()
    con = sqlite3.connect(p)
    cols = [r[1] for r in con.execute("pragma table_info(documents)")]
    assert "warnings" not in cols  # revision 0001 has no warnings column
    text = "زار الرئيس باكو."
    con.execute(
        "insert into documents (id, content_hash, source, language, text, boilerplate, article, raw, ingested_at)"
        " values (?, ?, ?, 'ar', ?, '[]', '{}', '{}', '2026-01-01T00:00:00Z')",
        (document_id(text), content_hash(text), "old.txt", text),
    )
    con.execute("insert into entities (id, type, name_ar) values ('country:AZE', 'COUNTRY', 'باكو')")
    con.execute(
        "insert into mentions (document_id, entity_id, start, end, text, type, how, metonym, extra)"
        " values (?, 'country:AZE', 11, 15, 'باكو', 'COUNTRY', 'gazetteer', 1, '{}')",
        (document_id(text),),
    )
    con.commit()
    con.close()

    kb = open_kb(p)  # upgrades to head
    assert kbdb.current_revision(kb.engine) == kbdb.head_revision() != "0001"
    [a] = kb.load_analyses()
    assert a.document.text == text and a.document.source == "old.txt"
    assert a.warnings == []
    assert [(m.start, m.end, m.text, m.entity, m.metonym) for m in a.mentions] == [
        (11, 15, "باكو", "country:AZE", True)
    ]
    data = kb.export_data()
    assert data["documents"][0]["id"] == document_id(text)
    assert data["entities"][0]["id"] == "country:AZE"
    kb.close()


def test_wal_and_foreign_keys(tmp_path: Path):
    kb = open_kb(tmp_path / "kb.db")
    with kb.engine.connect() as conn:
        assert conn.exec_driver_sql("pragma journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("pragma foreign_keys").scalar() == 1
    with pytest.raises(Exception, match="FOREIGN KEY"), kb.engine.begin() as conn:
        conn.exec_driver_sql(
            "insert into timexes (document_id, start, end, text, value, anchored, kind, extra)"
            " values ('d-nope', 0, 1, 'x', '2020', 1, 'date', '{}')"
        )
    kb.close()


def test_default_path(monkeypatch, tmp_path: Path):
    monkeypatch.delenv("MARSAD_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_db_path() == tmp_path / "xdg" / "marsad" / "marsad.db"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_db_path() == tmp_path / "home" / ".local" / "share" / "marsad" / "marsad.db"
    monkeypatch.setenv("MARSAD_DB", str(tmp_path / "env.db"))
    assert default_db_path() == tmp_path / "env.db"
    assert resolve_db_path(None) == tmp_path / "env.db"
    assert resolve_db_path(tmp_path / "flag.db") == tmp_path / "flag.db"
    kb = open_kb(None)
    assert kb.path == tmp_path / "env.db" and kb.path.exists()
    kb.close()


def test_round_trip_equals_memory(tmp_path: Path):
    kb = open_kb(tmp_path / "kb.db")
    analyses = make_analyses()
    analyses[0].timexes[0].kind = "year"
    for a in analyses:
        assert kb.add_analysis(a) == []
    back = kb.load_analyses()
    assert back == analyses
    for a, b in zip(analyses, back, strict=True):
        assert b.mentions == a.mentions
        assert b.entities == a.entities
        assert b.timexes == a.timexes
        assert b.quantities == a.quantities
        assert b.events == a.events
        assert b.boilerplate == a.boilerplate
        assert b.published == a.published and b.published_from == a.published_from
    assert kb.export_data() == analyses_to_export(analyses)
    kb.close()


def test_unknown_dataclass_fields_survive_in_extra(tmp_path: Path):
    from dataclasses import dataclass

    from marsad.model import Timex

    @dataclass
    class TimexPlus(Timex):
        mod_test: str | None = None

    a = make_analyses()[0]
    t = a.timexes[0]
    a.timexes = [TimexPlus(t.start, t.end, t.text, t.value, mod_test="late")]
    kb = open_kb(tmp_path / "kb.db")
    kb.add_analysis(a)
    with kb.engine.connect() as conn:
        extra = conn.exec_driver_sql("select extra from timexes").scalar()
    assert json.loads(extra)["mod_test"] == "late"
    kb.close()


def test_bad_records_dropped_and_kept_as_warnings(tmp_path: Path):
    from marsad.model import Mention

    a = make_analyses()[0]
    a.mentions.append(Mention(0, 4, "اقرأ", "ORG", "org:x"))  # inside the boilerplate
    kb = open_kb(tmp_path / "kb.db")
    problems = kb.add_analysis(a)
    assert len(problems) == 1 and "boilerplate" in problems[0]
    [b] = kb.load_analyses()
    assert b.warnings == problems
    assert all(m.entity != "org:x" for m in b.mentions)
    assert kb.stats()["documents_with_warnings"] == 1
    kb.close()


def test_subset_export_and_prefix_resolution(tmp_path: Path):
    kb = open_kb(tmp_path / "kb.db")
    a1, a2 = make_analyses()
    kb.add_analysis(a1)
    kb.add_analysis(a2)
    d1 = a1.document.id
    data = kb.export_data([d1])
    assert [d["id"] for d in data["documents"]] == [d1]
    assert {m["document"] for m in data["mentions"]} == {d1}
    assert "location:baku" not in {e["id"] for e in data["entities"]}
    assert kb.resolve_document(d1) == d1
    assert kb.resolve_document(d1[:7]) == d1
    assert kb.resolve_document(d1[2:8]) == d1
    with pytest.raises(DocumentNotFound):
        kb.resolve_document("d-zzzz")
    with pytest.raises(AmbiguousDocument):
        kb.resolve_document("d-")
    kb.close()


def test_crossdoc_stores_merges_clusters_and_findings(tmp_path: Path, monkeypatch):
    seen = {}

    def merge_across(ents):
        seen["entities"] = ents
        return {"person:alham-aliyev": "person:ilham-aliyev"}

    def consolidate(documents, events, quantities):
        seen["consolidate"] = (documents, events, quantities)
        ids = [e["id"] for e in events]
        return {i: "ec-1" for i in ids}, [
            {"id": "f-1", "kind": "corroboration", "topic": "t", "items": ids + ["q-1"], "values": ["a", "b"],
             "explanation": "x", "score": 0.5},
            {"id": "f-2", "kind": "conflict", "topic": "t", "items": ["q-missing"], "values": [], "explanation": "x"},
        ]

    monkeypatch.setattr(entities_stage, "merge_across", merge_across)
    monkeypatch.setattr(events_stage, "consolidate", consolidate)
    kb = open_kb(tmp_path / "kb.db")
    for a in make_analyses():
        kb.add_analysis(a)
    res = kb.run_crossdoc()
    assert (res.merges, res.clusters, res.findings) == (1, 1, 1)
    # merge_across gets the per-document records (the same id may appear more than once)
    assert {e.id for e in seen["entities"]} == {"person:ilham-aliyev", "country:ISR", "person:alham-aliyev"}
    docs, evs, qs = seen["consolidate"]
    assert len(docs) == 2 and len(evs) == 1 and len(qs) == 1
    data = kb.export_data()
    assert "person:alham-aliyev" not in {e["id"] for e in data["entities"]}
    assert {m["entity"] for m in data["mentions"]} >= {"person:ilham-aliyev"}
    assert data["events"][0]["cluster"] == "ec-1"
    assert data["findings"] == [
        {"id": "f-1", "kind": "corroboration", "topic": "t", "items": ["e-1", "q-1"], "values": ["a", "b"],
         "explanation": "x"}
    ]
    assert kb.findings()[0]["score"] == 0.5  # fields beyond the schema stay in the database
    # recomputed each run: a second run with nothing to report clears them
    monkeypatch.setattr(entities_stage, "merge_across", lambda ents: {})
    monkeypatch.setattr(events_stage, "consolidate", lambda d, e, q: ({}, []))
    kb.run_crossdoc()
    data = kb.export_data()
    assert data["findings"] == [] and data["events"][0]["cluster"] is None
    assert kb.stats()["event_clusters"] == 0
    kb.close()


def test_light_load_gives_the_same_export_of_ids_quantities_and_events(tmp_path: Path):
    from marsad.model import Mention

    kb = open_kb(tmp_path / "kb.db")
    analyses = make_analyses()
    t = analyses[1].document.text
    i = t.rindex("باكو")
    analyses[1].mentions.append(Mention(i, i + 4, "باكو", "LOCATION", "location:baku"))  # a second one
    for a in analyses:
        kb.add_analysis(a)
    full = analyses_to_export(kb.load_analyses())
    light_analyses = kb.load_analyses(light=True)
    light = analyses_to_export(light_analyses)
    assert [e["id"] for e in light["entities"]] == [e["id"] for e in full["entities"]]
    assert light["quantities"] == full["quantities"] and light["events"] == full["events"]
    assert light["documents"] == full["documents"]
    assert light["timexes"] == [] and len(light["mentions"]) == 1  # baku, once
    assert len(kb.load_analyses([analyses[1].document.id], light=True)[0].mentions) == 1
    kb.close()
