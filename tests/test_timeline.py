"""Timeline, profile and findings commands over a hand-made export (invented reports)."""

import json

import pytest
from typer.testing import CliRunner

from fixtures.findings.builder import Doc, entity, export
from marsad.events import commands
from marsad.events.profile import build_profile
from marsad.events.timeline import UnknownState, build_timeline, render_timeline, resolve_state

EGY, SDN, TUR = "country:EGY", "country:SDN", "country:TUR"
SISI = "person:abdel-fattah-el-sisi"
ENTITIES = [
    {**entity(EGY, "Egypt", "مصر"), "aliases": ["مصر", "القاهرة", "المصري"]},
    entity(SDN, "Sudan", "السودان"),
    entity(TUR, "Turkey", "تركيا"),
    entity(SISI, "Abdel Fattah el-Sisi", "عبد الفتاح السيسي", type="PERSON", country="EGY"),
    entity("location:khartoum", "Khartoum", "الخرطوم", type="LOCATION", country="SDN"),
]


def make_export() -> dict:
    a = Doc(
        "اعترفت مصر باستقلال السودان عام 1956. وزار السيسي الخرطوم في يوليو 2018 حيث التقى نظيره. "
        "ويصدر السودان 40% من صادراته من الماشية إلى مصر. وتدعم القاهرة الخرطوم.",
        outlet="وكالة أ",
        published="2019-01-10",
    )
    b = Doc(
        "كانت زيارة السيسي إلى الخرطوم عام 2018 محطة مهمة. وافتتحت مصر قنصلية في بورتسودان عام 2020.",
        outlet="صحيفة ب",
        published="2021-03-01",
    )
    c = Doc("زار أردوغان الخرطوم عام 2017.", outlet="موقع ج", published="2017-12-30")
    a.event("اعترفت مصر باستقلال السودان عام 1956.", "recognize", (EGY,), (SDN,), date="1956")
    a.event(
        "وزار السيسي الخرطوم في يوليو 2018 حيث التقى نظيره.",
        "visit",
        (EGY,),
        (SDN,),
        date="2018-07",
        participants=(SISI,),
        location=("location:khartoum",),
    )
    a.event("ويصدر السودان 40% من صادراته من الماشية إلى مصر.", "trade", (SDN,), (EGY,))
    a.quantity("40%", 40, "percent", measure="من صادراته من الماشية", entities=(SDN, EGY))
    a.event("وتدعم القاهرة الخرطوم.", "support", (EGY,), (SDN,))
    b.event(
        "كانت زيارة السيسي إلى الخرطوم عام 2018 محطة مهمة.",
        "visit",
        (EGY,),
        (SDN,),
        date="2018",
        participants=(SISI,),
    )
    b.event("وافتتحت مصر قنصلية في بورتسودان عام 2020.", "open_mission", (EGY,), (SDN,), date="2020")
    c.event(c.text, "visit", (TUR,), (SDN,), date="2017")
    return export(a, b, c, entities=ENTITIES)


def test_resolve_state_by_code_name_and_alias():
    data = make_export()
    assert resolve_state(data, "EGY") == EGY
    assert resolve_state(data, "egypt") == EGY
    assert resolve_state(data, "مصر") == EGY
    assert resolve_state(data, "القاهرة") == EGY
    assert resolve_state(data, "Sudan") == SDN
    with pytest.raises(UnknownState):
        resolve_state(data, "Atlantis")


def test_timeline_is_chronological_one_entry_per_cluster_and_traceable():
    data = make_export()
    tl = build_timeline(data, EGY, SDN)
    dates = [e["date"] for e in tl["entries"]]
    assert dates[:3] == ["1956", "2018-07", "2020"]
    assert dates[3:] == [None, None]  # undated last
    visit = tl["entries"][1]
    assert visit["type"] == "visit" and len(visit["sources"]) == 2  # two reports, one event
    assert "Abdel Fattah el-Sisi" in visit["description"]
    docs = {d["id"]: d["text"] for d in data["documents"]}
    for e in tl["entries"]:
        for s in e["sources"]:
            assert docs[s["document"]][s["start"] : s["end"]].strip() == s["sentence"]
    assert not any(e["type"] == "visit" and "Turkey" in e["description"] for e in tl["entries"])
    trade = next(e for e in tl["entries"] if e["type"] == "trade")
    assert trade["numbers"][0]["value"] == "40%"
    lines = render_timeline(tl)
    assert lines[1].startswith("1956")
    dated = build_timeline(data, EGY, SDN, include_undated=False)
    assert len(dated["entries"]) == 3 and dated["undated_excluded"] == 2
    assert "2 undated events not shown" in render_timeline(dated)[-1]


def test_profile_by_pillar():
    prof = build_profile(make_export(), EGY, SDN)
    pillars = {p["pillar"]: p for p in prof["pillars"]}
    assert pillars["diplomatic"]["events"] == 4  # recognition, one visit (two reports), consulate, support
    assert pillars["diplomatic"]["reports"] == 5
    assert pillars["diplomatic"]["first"] == "1956" and pillars["diplomatic"]["last"] == "2020"
    assert pillars["trade"]["numbers"][0]["value"] == "40%"
    assert [p["pillar"] for p in prof["pillars"]] == ["diplomatic", "trade"]


@pytest.fixture
def cli(monkeypatch):
    from marsad.cli import app

    data = make_export()
    monkeypatch.setattr(commands, "_export", lambda db: data)
    runner = CliRunner()
    return lambda *args: runner.invoke(app, list(args))


def test_commands_text_and_json(cli):
    r = cli("timeline", "Egypt", "السودان")
    assert r.exit_code == 0, r.output
    assert "1956" in r.output and "وكالة أ" in r.output
    r = cli("timeline", "EGY", "SDN", "--json")
    assert json.loads(r.output)["entries"][0]["date"] == "1956"
    r = cli("timeline", "EGY", "Atlantis")
    assert r.exit_code == 1
    r = cli("profile", "EGY", "SDN")
    assert r.exit_code == 0 and "diplomatic: 4 events" in r.output
    assert json.loads(cli("profile", "EGY", "SDN", "--json").output)["pillars"][0]["pillar"] == "diplomatic"
    r = cli("findings")
    assert r.exit_code == 0
    report = json.loads(cli("findings", "--json").output)
    [f] = report  # the two dated reports of one visit agree
    assert f["kind"] == "corroboration" and len(f["sources"]) == 2
    assert all(s["sentence"] for s in f["sources"])
    assert cli("findings", "--kind", "conflict", "--json").output.strip() == "[]"
    assert cli("findings", "--kind", "nonsense").exit_code == 2
