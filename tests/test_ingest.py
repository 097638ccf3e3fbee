"""Ingest robustness: failures per document, interruption, idempotence, parallel workers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from marsad import ingest as ingest_mod
from marsad.ingest import Progress, ingest
from marsad.kb import open_kb
from marsad.model import Analysis, ArticleInfo, Entity, Mention, RawDocument

ISR = "إسرائيل"


def fake_analyze(raw: RawDocument) -> Analysis:
    """A stand-in for the pipeline: mentions of إسرائيل, and a failure on demand."""
    if "BOOM" in raw.text:
        raise ValueError("cannot analyse this one")
    mentions = []
    i = raw.text.find(ISR)
    while i >= 0:
        mentions.append(Mention(i, i + len(ISR), ISR, "COUNTRY", "country:ISR"))
        i = raw.text.find(ISR, i + 1)
    ents = [Entity("country:ISR", "COUNTRY", ISR, "Israel", aliases=[ISR], country="ISR")] if mentions else []
    raw.title = raw.title or raw.text.split("\n", 1)[0][:40]
    return Analysis(document=raw, article=ArticleInfo(), boilerplate=[], mentions=mentions, entities=ents)


def docs(n: int, prefix: str = "خبر") -> list[RawDocument]:
    return [RawDocument(text=f"{prefix} رقم {i} عن {ISR} وأذربيجان.", source=f"s{i}.txt") for i in range(n)]


@pytest.fixture(autouse=True)
def plain_crossdoc(monkeypatch):
    """These tests are about ingest itself: the cross-document hooks are replaced by no-ops."""
    from marsad import entities, events

    monkeypatch.setattr(entities, "merge_across", lambda ents: {})
    monkeypatch.setattr(events, "consolidate", lambda d, e, q: ({}, []))


@pytest.fixture
def kb(tmp_path: Path):
    k = open_kb(tmp_path / "kb.db")
    yield k
    k.close()


@pytest.mark.parametrize("workers", [1, 2])
def test_failure_is_the_documents_not_the_runs(kb, workers):
    items = docs(5)
    items.insert(2, RawDocument(text="BOOM هنا", source="bad.txt"))
    rep = ingest(kb, items, workers=workers, analyze_fn=fake_analyze)
    assert len(rep.new) == 5
    assert [(f.source, f.stage) for f in rep.failed] == [("bad.txt", "analysis")]
    assert "ValueError: cannot analyse this one" in rep.failed[0].reason
    assert not rep.ok
    assert kb.stats()["documents"] == 5
    # the failed one is retried (and fails again) on the next run; the rest are present
    rep2 = ingest(kb, items, workers=workers, analyze_fn=fake_analyze)
    assert len(rep2.present) == 5 and len(rep2.failed) == 1 and rep2.new == []


def test_read_errors_are_reported(kb):
    from marsad.readers import ReadError

    items = [*docs(2), ReadError("broken.txt", None, "could not determine the encoding"),
             ReadError("x.jsonl", 7, "invalid JSON")]
    rep = ingest(kb, items, analyze_fn=fake_analyze)
    assert len(rep.new) == 2
    assert [(f.where(), f.stage) for f in rep.failed] == [("broken.txt", "read"), ("x.jsonl:7", "read")]


class InterruptAfter(Progress):
    def __init__(self, n: int):
        self.n = n
        self.seen = 0

    def advance(self, source: str, ok: bool) -> None:
        self.seen += 1
        if self.seen == self.n:
            raise KeyboardInterrupt


@pytest.mark.parametrize("workers", [1, 2])
def test_interrupted_run_keeps_committed_and_rerun_adds_the_rest(kb, workers):
    items = docs(12)
    rep = ingest(kb, items, workers=workers, analyze_fn=fake_analyze, progress=InterruptAfter(4))
    assert rep.interrupted and not rep.ok
    assert len(rep.new) == 4
    assert kb.stats()["documents"] == 4
    # nothing half-written: every stored document has its mentions
    for a in kb.load_analyses():
        assert len(a.mentions) == 1 and a.entities
    rep2 = ingest(kb, items, workers=workers, analyze_fn=fake_analyze)
    assert len(rep2.present) == 4 and len(rep2.new) == 8 and rep2.ok
    assert kb.stats()["documents"] == 12


def test_interrupt_inside_a_write_rolls_that_document_back(kb, monkeypatch):
    items = docs(3)
    real = kb._write
    calls = {"n": 0}

    def write(conn, a, raw_fields):
        calls["n"] += 1
        real(conn, a, raw_fields)  # the rows are inserted…
        if calls["n"] == 2:
            raise KeyboardInterrupt  # …and the transaction is interrupted before its commit

    monkeypatch.setattr(kb, "_write", write)
    rep = ingest(kb, items, analyze_fn=fake_analyze)
    assert rep.interrupted and len(rep.new) == 1
    assert kb.stats()["documents"] == 1 and kb.stats()["mentions"] == 1


def test_same_files_twice_are_stored_once(kb):
    rep = ingest(kb, docs(3) + docs(3), analyze_fn=fake_analyze)  # duplicates within one run too
    assert len(rep.new) == 3 and len(rep.present) == 3
    rep2 = ingest(kb, docs(3), analyze_fn=fake_analyze)
    assert rep2.new == [] and len(rep2.present) == 3 and rep2.ok
    assert kb.stats()["documents"] == 3


def test_raw_metadata_as_read_is_kept_apart_from_what_analysis_filled_in(kb):
    rep = ingest(kb, docs(1), analyze_fn=fake_analyze)
    [(_, did)] = rep.new
    info = kb.document_info(did)
    assert info["raw"]["title"] is None and info["title"]  # the fake analysis filled the title


def test_crossdoc_runs_after_the_documents(kb, monkeypatch):
    from marsad import entities, events

    calls = []
    monkeypatch.setattr(entities, "merge_across", lambda ents: calls.append(("merge", len(ents))) or {})
    monkeypatch.setattr(events, "consolidate", lambda d, e, q: calls.append(("consolidate", len(d))) or ({}, []))
    rep = ingest(kb, docs(3), analyze_fn=fake_analyze)
    assert calls == [("merge", 3), ("consolidate", 3)]
    assert rep.crossdoc is not None and rep.crossdoc_error is None

    def broken(ents):
        raise RuntimeError("merge failed")

    monkeypatch.setattr(entities, "merge_across", broken)
    rep = ingest(kb, docs(4), analyze_fn=fake_analyze)
    assert len(rep.new) == 1 and rep.crossdoc_error == "RuntimeError: merge failed" and not rep.ok
    assert kb.stats()["documents"] == 4  # the documents are kept


def test_parallel_equals_serial(tmp_path: Path):
    items = docs(30)
    with open_kb(tmp_path / "a.db") as a, open_kb(tmp_path / "b.db") as b:
        ingest(a, items, workers=1, analyze_fn=fake_analyze)
        ingest(b, docs(30), workers=3, analyze_fn=fake_analyze, chunksize=2)
        assert a.export_data() == b.export_data()


def test_default_analyze_hook(kb, monkeypatch):
    monkeypatch.setattr(ingest_mod, "ANALYZE", fake_analyze)
    rep = ingest(kb, docs(2), workers=2)
    assert len(rep.new) == 2


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_pipeline_analyze_runs_in_workers(kb, monkeypatch):
    """The real (possibly still stub) pipeline, in two processes."""
    rep = ingest(kb, docs(4), workers=2)
    assert len(rep.new) + len(rep.failed) == 4
    assert kb.stats()["documents"] == len(rep.new)


def test_stored_meanwhile_by_another_run_counts_as_present(tmp_path: Path):
    p = tmp_path / "kb.db"
    with open_kb(p) as first, open_kb(p) as second:
        items = docs(3)

        class OtherRunFirst(Progress):
            def start(self, total: int) -> None:
                if total:  # the other run stores the same texts after this one checked its hashes
                    ingest(second, docs(3), analyze_fn=fake_analyze)

        rep = ingest(first, items, analyze_fn=fake_analyze, progress=OtherRunFirst())
        assert rep.new == [] and len(rep.present) == 3 and rep.failed == []


def test_duplicate_record_ids_fail_that_document_only(kb):
    from marsad.model import Quantity

    def with_quantity(raw: RawDocument) -> Analysis:
        a = fake_analyze(raw)
        i = raw.text.index("رقم")
        a.quantities = [Quantity("q-same", i, i + 3, "رقم", 1.0, None)]
        return a

    rep = ingest(kb, docs(2), analyze_fn=with_quantity)
    assert len(rep.new) == 1
    [f] = rep.failed
    assert f.stage == "store" and "UNIQUE constraint failed: quantities.id" in f.reason
    assert kb.stats()["documents"] == 1


def test_analysis_must_not_change_the_text(kb):
    def rewriting(raw: RawDocument) -> Analysis:
        a = fake_analyze(RawDocument(text=raw.text.strip() + " ", source=raw.source))
        return a

    rep = ingest(kb, docs(1), analyze_fn=rewriting)
    assert rep.new == [] and "changed the document text" in rep.failed[0].reason
