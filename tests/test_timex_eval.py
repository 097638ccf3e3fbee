"""The hand-annotated fixtures: offsets hold and the scores meet the targets."""

from pathlib import Path

import pytest

from marsad.timex.evaluate import FIXTURE_DIR, load_fixture, score_fixture

FIXTURES = ["seeds.json", "sentences.json", "heldout.json"]


@pytest.mark.parametrize("name", FIXTURES)
def test_fixture_offsets_hold(name):
    docs = load_fixture(FIXTURE_DIR / name)  # raises if any offset is wrong
    assert docs and all(d.gold is not None for d in docs)


def test_sentence_sample_is_big_enough():
    assert len(load_fixture(FIXTURE_DIR / "sentences.json")) >= 150


@pytest.mark.parametrize("name", ["seeds.json", "sentences.json"])
def test_targets_on_development_fixtures(name):
    s = score_fixture(FIXTURE_DIR / name)
    assert s.accuracy("explicit") >= 0.97
    assert s.accuracy("relative") >= 0.90
    assert s.strict[2] >= 0.90  # span F1, exact boundaries
    assert s.lenient[0] >= 0.95  # nothing spurious


def test_heldout_fixture():
    s = score_fixture(FIXTURE_DIR / "heldout.json")
    assert s.accuracy("explicit") >= 0.90
    assert s.accuracy("relative") >= 0.90
    assert s.lenient[2] >= 0.90


def test_seeds_unanchored_values():
    s = score_fixture(FIXTURE_DIR / "seeds.json")
    assert s.accuracy("unanchored") >= 0.90


def test_eval_command(tmp_path: Path):
    typer_testing = pytest.importorskip("typer.testing")
    from marsad.cli import app

    result = typer_testing.CliRunner().invoke(
        app, ["eval", "time", "--fixture", str(FIXTURE_DIR / "seeds.json"), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert '"explicit"' in result.output
