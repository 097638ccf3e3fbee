"""The command line, through typer.testing.CliRunner and temporary databases."""

from __future__ import annotations

import json
import shutil
import sys
import types
from importlib import resources
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from marsad import cli
from marsad import ingest as ingest_mod
from marsad.export import check_integrity, read_jsonl, record_schema_errors, schema_errors
from marsad.kb import open_kb
from test_ingest import fake_analyze

runner = CliRunner()


def run(*args: str, **kw):
    return runner.invoke(cli.app, [str(a) for a in args], **kw)


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    d = tmp_path / "seeds"
    d.mkdir()
    corpus = resources.files("marsad.demo").joinpath("corpus")
    for f in corpus.iterdir():
        if f.name.endswith(".txt"):
            (d / f.name).write_bytes(f.read_bytes())
    return d


@pytest.fixture
def fake(monkeypatch):
    """Analyses by a stand-in pipeline, and no-op cross-document hooks."""
    from marsad import entities, events

    monkeypatch.setattr(ingest_mod, "ANALYZE", fake_analyze)
    monkeypatch.setattr(entities, "merge_across", lambda ents: {})
    monkeypatch.setattr(events, "consolidate", lambda d, e, q: ({}, []))


def write_articles(d: Path, n: int) -> list[Path]:
    d.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        p = d / f"a{i}.txt"
        p.write_text(f"عنوان الخبر {i}\nقالت إسرائيل في بيان رقم {i} إن العلاقات مع أذربيجان قوية.\n", "utf-8")
        out.append(p)
    return out


def test_help_lists_the_commands():
    r = run("--help")
    assert r.exit_code == 0
    for c in ("ingest", "demo", "docs", "show", "stats", "export", "eval", "train"):
        assert c in r.output
    assert run("--version").output.strip() == "marsad 0.3.0"


def test_ingest_demo_files_twice_with_the_real_pipeline(tmp_path, demo_dir):
    db = tmp_path / "kb.db"
    r = run("ingest", demo_dir, "--db", db, "-q")
    assert r.exit_code == 0, r.output
    assert "new 5" in r.output and "failed 0" in r.output
    r = run("ingest", demo_dir, "--db", db, "-q")
    assert r.exit_code == 0, r.output
    assert "new 0" in r.output and "already present 5" in r.output
    with open_kb(db) as kb:
        assert kb.stats()["documents"] == 5
        data = kb.export_data()
    assert schema_errors(data) == [] and check_integrity(data) == []


def test_ingest_reports_failures_and_exits_non_zero(tmp_path, fake):
    d = tmp_path / "in"
    write_articles(d, 2)
    (d / "bad.txt").write_bytes(b"\xff\xfe\x00\xd8garbage \x81\x8d\x8f\x90\x9d")
    (d / "boom.txt").write_text("BOOM", "utf-8")
    r = run("ingest", d, tmp_path / "missing.txt", "--db", tmp_path / "kb.db", "-q")
    assert r.exit_code == 1
    assert "new 2" in r.output and "failed 3" in r.output
    out = " ".join(r.output.split())
    assert "cannot analyse this one" in out and "no such file" in out


def test_ingest_workers_and_include(tmp_path, fake):
    d = tmp_path / "in"
    write_articles(d, 6)
    (d / "notes.md").write_text("ملاحظات", "utf-8")
    r = run("ingest", d, "--db", tmp_path / "kb.db", "--workers", "2", "--include", "*.txt", "-q")
    assert r.exit_code == 0, r.output
    assert "new 6" in r.output


def test_db_from_environment(tmp_path, fake, monkeypatch):
    db = tmp_path / "env.db"
    monkeypatch.setenv("MARSAD_DB", str(db))
    d = tmp_path / "in"
    write_articles(d, 1)
    assert run("ingest", d, "-q").exit_code == 0
    assert db.exists()
    r = run("stats", "--json")
    assert json.loads(r.output)["documents"] == 1


def test_docs_show_stats(tmp_path, fake):
    db = tmp_path / "kb.db"
    r = run("docs", "--db", db)
    assert r.exit_code == 0 and "No documents" in r.output
    d = tmp_path / "in"
    write_articles(d, 3)
    assert run("ingest", d, "--db", db, "-q").exit_code == 0
    with open_kb(db) as kb:
        ids = kb.document_ids()
    r = run("docs", "--db", db)
    assert r.exit_code == 0
    assert all(i in r.output for i in ids)
    r = run("show", ids[0][:8], "--db", db)
    assert r.exit_code == 0, r.output
    assert ids[0] in r.output and "legend" in r.output and "إسرائيل" in r.output
    assert run("show", "d-ffffffffffff", "--db", db).exit_code == 1
    r = run("show", "d-", "--db", db)
    assert r.exit_code == 1 and "matches 3 documents" in " ".join(r.output.split())
    r = run("stats", "--db", db)
    assert r.exit_code == 0 and "documents" in r.output
    s = json.loads(run("stats", "--db", db, "--json").output)
    assert s["documents"] == 3 and s["mentions"] == 3 and s["entities"] == 1


def test_show_highlights_in_distinct_styles():
    from test_export_build import make_analyses

    a = make_analyses()[0]
    t = cli.highlighted_text(a)
    styled = {(s.start, s.end): str(s.style) for s in t.spans}
    m, tx, q = a.mentions[0], a.timexes[0], a.quantities[0]
    (bs, be), = a.boilerplate
    assert styled[(m.start, m.end)] == cli.STYLES["mention"]
    assert styled[(tx.start, tx.end)] == cli.STYLES["timex"]
    assert styled[(q.start, q.end)] == cli.STYLES["quantity"]
    assert styled[(bs, be)] == cli.STYLES["boilerplate"]
    assert len(set(cli.STYLES.values())) == len(cli.STYLES)


def test_demo_into_a_tmp_database(tmp_path):
    db = tmp_path / "demo.db"
    r = run("demo", "--db", db, "-q")
    assert r.exit_code == 0, r.output
    assert "new 5" in r.output and "Documents" in r.output and "Knowledge base" in r.output
    r = run("demo", "--db", db, "-q")
    assert "already present 5" in r.output
    with open_kb(db) as kb:
        srcs = sorted(d["source"] for d in kb.documents())
    assert srcs[0] == "marsad:demo/corpus/000_ad3fb1714588e155.txt"


def test_export_formats_validate(tmp_path, fake):
    db = tmp_path / "kb.db"
    d = tmp_path / "in"
    write_articles(d, 3)
    assert run("ingest", d, "--db", db, "-q").exit_code == 0

    out = tmp_path / "out.json"
    r = run("export", "--format", "json", out, "--db", db)
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text("utf-8"))
    assert schema_errors(data) == [] and check_integrity(data) == []
    assert len(data["documents"]) == 3

    out = tmp_path / "out.jsonl"
    assert run("export", "-f", "jsonl", out, "--db", db).exit_code == 0
    lines = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert lines[0]["kind"] == "header" and lines[0]["counts"]["documents"] == 3
    for rec in lines[1:]:
        kind = rec.pop("kind")
        assert record_schema_errors(kind, rec) == []
    with out.open(encoding="utf-8") as fh:
        assert read_jsonl(fh) == data

    out = tmp_path / "csv"
    assert run("export", "-f", "csv", out, "--db", db).exit_code == 0
    import csv

    with (out / "documents.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == [x["id"] for x in data["documents"]]
    assert rows[0]["text"] == data["documents"][0]["text"]
    with (out / "mentions.csv").open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 3
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{n}.csv" for n in ("documents", "entities", "roles", "mentions", "timexes", "quantities", "events", "findings")
    )

    one = data["documents"][0]["id"]
    r = run("export", "-f", "json", "-", "--db", db, "--document", one[:9])
    assert r.exit_code == 0
    assert [x["id"] for x in json.loads(r.stdout)["documents"]] == [one]

    assert run("export", "-f", "xml", tmp_path / "x", "--db", db).exit_code == 2


def test_export_plover(tmp_path, fake, monkeypatch):
    db = tmp_path / "kb.db"
    try:
        import marsad.events.plover  # noqa: F401

        has_plover = True
    except ModuleNotFoundError:
        has_plover = False
    if not has_plover:
        r = run("export", "-f", "plover", tmp_path / "p.jsonl", "--db", db)
        assert r.exit_code == 2
        assert "PLOVER export is not available" in " ".join(r.output.split())
    fake_mod = types.ModuleType("marsad.events.plover")

    def write_plover(data, out):
        out.write(json.dumps({"n": len(data["events"])}) + "\n")

    fake_mod.write_plover = write_plover  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "marsad.events.plover", fake_mod)
    r = run("export", "-f", "plover", tmp_path / "p.jsonl", "--db", db)
    assert r.exit_code == 0, r.output
    assert json.loads((tmp_path / "p.jsonl").read_text()) == {"n": 0}


def test_stage_command_registration(monkeypatch):
    calls = []

    good = types.ModuleType("marsad_test_stage_good")

    def register(app, eval_app, train_app):
        calls.append((app, eval_app, train_app))

        @eval_app.command("fake-stage")
        def fake_stage():
            typer.echo("fake stage evaluated")

    good.register = register  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "marsad_test_stage_good", good)
    monkeypatch.setattr(cli, "STAGE_COMMAND_MODULES", ("marsad_test_stage_absent", "marsad_test_stage_good"))
    assert cli.register_stage_commands() == ["marsad_test_stage_good"]
    assert calls == [(cli.app, cli.eval_app, cli.train_app)]
    r = run("eval", "fake-stage")
    assert r.exit_code == 0 and "fake stage evaluated" in r.output



def test_stage_import_error_inside_a_present_module_surfaces(monkeypatch, tmp_path):
    pkg = tmp_path / "marsad_test_stage_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "commands.py").write_text("import marsad_test_no_such_dependency\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(cli, "STAGE_COMMAND_MODULES", ("marsad_test_stage_pkg.commands", "marsad_test_stage_pkg.absent"))
    with pytest.raises(ModuleNotFoundError, match="marsad_test_no_such_dependency"):
        cli.register_stage_commands()
    shutil.rmtree(pkg)


def test_many_failures_are_summarised_and_written_to_a_file(tmp_path, fake):
    d = tmp_path / "in"
    d.mkdir()
    for i in range(25):
        (d / f"boom{i:02}.txt").write_text(f"BOOM {i}", "utf-8")
    tsv = tmp_path / "failures.tsv"
    r = run("ingest", d, "--db", tmp_path / "kb.db", "-q", "--failures", tsv)
    assert r.exit_code == 1
    out = " ".join(r.output.split())
    assert "failed 25" in out and "… and 15 more failures" in out
    assert "25 (analysis) ValueError: cannot analyse this one" in out
    rows = tsv.read_text("utf-8").splitlines()
    assert rows[0] == "source\tline\tstage\treason" and len(rows) == 26
