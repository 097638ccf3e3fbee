"""The seed corpus through the real pipeline: the findings annotated in seed_findings.json must be found.

Path: ``marsad.pipeline.analyze(RawDocument(text, source))`` for each bundled demo article
→ ``marsad.export.build.analyses_to_export`` → ``marsad.events.consolidate`` (the call the
knowledge base makes). At most two conflicts may be spurious (match no annotation).
"""

import json
from pathlib import Path

import pytest

from marsad import events
from marsad.events.commands import demo_export

FIXTURE = Path(__file__).parent / "fixtures" / "findings" / "seed_findings.json"
MAX_SPURIOUS_CONFLICTS = 2


@pytest.fixture(scope="module")
def seed_export() -> dict:
    data = demo_export()
    assert data["events"], "the event stage found no events in the demo corpus"
    return data


@pytest.fixture(scope="module")
def predicted(seed_export) -> list[dict]:
    _clusters, findings = events.consolidate(
        seed_export["documents"], seed_export["events"], seed_export["quantities"]
    )
    return findings


def _spans(data: dict) -> dict[str, tuple[str, int, int]]:
    return {r["id"]: (r["document"], r["start"], r["end"]) for r in data["quantities"] + data["events"]}


def matches(expected: dict, found: dict, spans: dict) -> bool:
    """Same kind, the expected values, and items overlapping claims of at least two documents."""
    if found["kind"] != expected["kind"] or not set(expected["values"]) <= set(found["values"]):
        return False
    docs = set()
    for item in found["items"]:
        doc, s, e = spans[item]
        for c in expected["claims"]:
            if c["document"] == doc and s < c["end"] and c["start"] < e:
                docs.add(doc)
    return len(docs) >= 2


def test_fixture_offsets_match_the_corpus():
    from importlib import resources

    from marsad.model import document_id

    corpus = resources.files("marsad.demo").joinpath("corpus")
    for f in json.loads(FIXTURE.read_text(encoding="utf-8"))["findings"]:
        assert len({c["document"] for c in f["claims"]}) >= 2
        for c in f["claims"]:
            text = corpus.joinpath(c["file"]).read_text(encoding="utf-8")
            assert document_id(text) == c["document"]
            assert text[c["start"] : c["end"]] == c["text"]


def test_seed_findings_are_found(seed_export, predicted):
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))["findings"]
    spans = _spans(seed_export)
    missing = [e["topic"] for e in expected if not any(matches(e, f, spans) for f in predicted)]
    assert not missing, (
        f"not found: {missing}; predicted: {[(f['kind'], f['topic'], f['values']) for f in predicted]}"
    )


def test_few_spurious_conflicts(seed_export, predicted):
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))["findings"]
    spans = _spans(seed_export)
    spurious = [
        (f["topic"], f["values"])
        for f in predicted
        if f["kind"] == "conflict" and not any(matches(e, f, spans) for e in expected)
    ]
    assert len(spurious) <= MAX_SPURIOUS_CONFLICTS, spurious


def test_explanations_note_time_and_comparators(seed_export, predicted):
    spans = _spans(seed_export)
    oil = next(e for e in json.loads(FIXTURE.read_text(encoding="utf-8"))["findings"] if "oil" in e["topic"])
    [f] = [f for f in predicted if matches(oil, f, spans)]
    assert "change over time" in f["explanation"]
    assert "more than 30%" in f["explanation"] and "about 40%" in f["explanation"]


def test_commands_on_a_database_of_the_demo_corpus(tmp_path, seed_export):
    """`marsad demo` into a fresh database, then the events commands read it back."""
    from typer.testing import CliRunner

    from marsad.cli import app

    db = str(tmp_path / "kb.db")
    runner = CliRunner()
    r = runner.invoke(app, ["demo", "--db", db, "--quiet"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["timeline", "ISR", "أذربيجان", "--db", db, "--json"])
    assert r.exit_code == 0, r.output
    tl = json.loads(r.output)
    assert tl["a"] == "country:ISR" and tl["b"] == "country:AZE" and tl["entries"]
    starts = [e["date"] for e in tl["entries"] if e["date"]]
    assert starts and all(s["sentence"] for e in tl["entries"] for s in e["sources"])
    r = runner.invoke(app, ["timeline", "Israel", "Azerbaijan", "--db", db])
    assert r.exit_code == 0 and "1991" in r.output
    r = runner.invoke(app, ["profile", "ISR", "AZE", "--db", db, "--json"])
    prof = json.loads(r.output)
    assert {"diplomatic", "military"} <= {p["pillar"] for p in prof["pillars"]}
    assert prof["conflicts"]
    r = runner.invoke(app, ["findings", "--db", db, "--json"])
    report = json.loads(r.output)
    assert any(f["kind"] == "conflict" for f in report)
    assert all(len({s["document"] for s in f["sources"]}) >= 2 for f in report)
    out = tmp_path / "events.plover.jsonl"
    r = runner.invoke(app, ["export", "--format", "plover", str(out), "--db", db])
    assert r.exit_code == 0, r.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert records and all(rec["id"] and rec["event"] and "actor" in rec for rec in records)


def test_eval_events_command(seed_export):
    from typer.testing import CliRunner

    from marsad.cli import app

    r = CliRunner().invoke(app, ["eval", "events", "--json"])
    assert r.exit_code == 0, r.output
    scores = json.loads(r.output)
    assert scores["predicted"] > 0 and "per_type" in scores
    r = CliRunner().invoke(app, ["eval", "events", "--fixture", "no/such/file.json"])
    assert r.exit_code == 2
