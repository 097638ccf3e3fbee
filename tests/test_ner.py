"""The statistical NER tagger: shipped model, features, corpus readers, evaluation, training."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from marsad.entities import corpora, features, ner_commands, ner_eval, tagger
from marsad.entities.train import TrainConfig, train
from marsad.text import tokenize

FIXTURES = Path(__file__).parent / "fixtures" / "ner"


def _named(tokens, spans):
    return {(" ".join(t.text for t in tokens[i:j]), typ) for i, j, typ in spans}


# ---------------------------------------------------------------------------
# shipped model


def test_shipped_model_is_available_and_small():
    assert tagger.available()
    models = tagger.default_model_dir()
    assert (models / "ner_crf.crfsuite").stat().st_size < 5_000_000
    assert (models / "MODEL_CARD.md").exists()
    meta = json.loads((models / "ner_crf.json").read_text(encoding="utf-8"))
    assert meta["features"] == features.FEATURE_VERSION


def test_shipped_model_tags_an_invented_sentence():
    toks = tokenize("قال الرئيس الفرنسي إيمانويل ماكرون في باريس إن فرنسا ستدعم الأمم المتحدة.")
    found = _named(toks, tagger.tag(toks))
    assert ("إيمانويل ماكرون", "PERSON") in found
    assert ("فرنسا", "COUNTRY") in found
    assert ("الأمم المتحدة", "ORG") in found
    assert any(name == "باريس" for name, _ in found)


def test_tag_spans_are_token_ranges_of_known_types():
    text = "التقى وزير الخارجية السعودي فيصل بن فرحان نظيره الإيراني في طهران.\nوأعلنت الحكومة اللبنانية ذلك."
    toks = tokenize(text)
    spans = tagger.tag(toks)
    assert spans
    for i, j, typ in spans:
        assert 0 <= i < j <= len(toks)
        assert typ in {"PERSON", "ORG", "COUNTRY", "LOCATION", "FACILITY", "WEAPON", "EVENT_NAME"}
    assert ("فيصل بن فرحان", "PERSON") in _named(toks, spans)
    assert tagger.tag([]) == []


def test_tag_accepts_precomputed_gazetteer_tags():
    toks = tokenize("وصل الرئيس إيمانويل ماكرون إلى بيروت.")
    assert tagger.tag(toks, [None] * len(toks)) is not None


def _valid_bilou(labels):
    prev = "O"
    for lab in labels + ["O"]:
        p, _, t = lab.partition("-")
        if prev[0] in "BI":
            if p not in "IL" or t != prev[2:]:
                return False
        elif p in ("I", "L"):
            return False
        prev = lab
    return True


def test_posterior_decoder_gives_valid_bilou_and_trades_precision_for_recall():
    m = tagger.Model(tagger.default_model_dir())
    assert m.meta["inference"]["o_penalty"] > 0 and m._decoder is not None
    text = ("وقال المدرب فينغر إن اللاعب سيبقى مع آرسنال حتى نهاية الموسم، وأكد مسؤول في شركة أرامكو "
            "السعودية أن الاتفاق مع وزارة الطاقة الروسية سيوقع في موسكو الأسبوع المقبل.")
    toks = tokenize(text)
    feats = m.fx.sequence(toks, m.fx.gazetteer_tags(toks))
    tagger_ = m.tagger  # one pass is enough to exercise the decoder
    viterbi = tagger_.tag(feats)
    counts = []
    for penalty in (0.0, 1.0, 30.0):
        tagger_.set(feats)
        labs = m._decoder.decode(tagger_, len(feats), penalty)
        assert len(labs) == len(toks) and set(labs) <= set(m.labels)
        assert _valid_bilou(labs), labs
        counts.append(sum(lab != "O" for lab in labs))
    # more O penalty, never fewer name tokens; a huge one leaves only tokens the CRF is sure of as O
    assert counts[0] <= counts[1] <= counts[2]
    assert counts[2] > sum(lab != "O" for lab in viterbi)
    # with no penalty the marginal path agrees with the CRF's own path on this plain sentence
    assert counts[0] == sum(lab != "O" for lab in viterbi)


# ---------------------------------------------------------------------------
# features


def test_features_are_deterministic():
    toks = tokenize("وقال وزير الخارجية الأذربيجاني جيهون بيراموف في باكو إن بلاده لن تتراجع.")
    a = features.FeatureExtractor(use_gazetteer=False).sequence(toks)
    b = features.FeatureExtractor(use_gazetteer=False).sequence(list(toks))
    assert a == b
    assert len(a) == len(toks)
    first = a[0]
    assert "w=وقال" in first and "s=قال" in first and "p=و" in first and "BOS" in first
    assert "EOS" in a[-1]
    # context window: the next word's key is visible
    assert "+1w=وزير" in first


def test_features_fold_orthographic_variants():
    fx = features.FeatureExtractor(use_gazetteer=False)
    a = fx.sequence(tokenize("إسرائيل"))[0]
    b = fx.sequence(tokenize("اسرائيل"))[0]
    assert a == b


def test_known_filter_and_lexicon_features():
    fx = features.FeatureExtractor(known={"w=بيروت", "lx=LOCATION"}, use_gazetteer=False,
                                   lexicon={"بيروت": "LOCATION"})
    f = fx.sequence(tokenize("بيروت"))[0]
    assert set(f) == {"w=بيروت", "lx=LOCATION", "BOS", "EOS"}


def _wc(word):
    from marsad.text import clitic_splits, fold

    key = fold(word)
    return features._word_class(key, [stem for _p, stem in clitic_splits(key)[1:]])


def test_word_class_features_from_the_dictionary():
    # a common noun as written, with proclitics, with a suffix; inflected verbs; proper nouns
    assert _wc("حكومة")[0] == "wc=NOUN"
    assert _wc("والحكومة")[0] == "wc=pNOUN"
    assert _wc("حكومات")[0].startswith("wc=x")
    assert _wc("قالت") == ["wc=vVERB"] and _wc("ويقولون") == ["wc=vVERB"] and _wc("يعلن") == ["wc=vVERB"]
    assert _wc("شيكاغو")[0] == "wc=PROP"
    # a foreign surname the dictionary does not know, and one that only looks like a verb
    assert _wc("اوسلت") == ["wc=NONE"] and _wc("فيرغسون") == ["wc=NONE"]


def test_place_name_tags_match_longest_name_with_clitics():
    toks = tokenize("وصل إلى بكراتشي ثم ساو باولو والفلوجة أمس")
    tags = dict(zip([t.text for t in toks], features.place_tags(toks), strict=True))
    assert tags["بكراتشي"].startswith("U") and tags["والفلوجة"].startswith("U")
    assert tags["ساو"].startswith("B") and tags["باولو"] == "I"
    assert tags["وصل"] is None and tags["أمس"] is None


def test_club_names_match_longest_with_clitics_and_feed_features():
    toks = tokenize("فاز الوحدات على الرجاء البيضاوي وإن للفيصلي فرصة")
    tags = dict(zip([t.text for t in toks], features.club_names().tags(toks), strict=True))
    assert tags["الوحدات"] == "U" and tags["للفيصلي"] == "U"  # لل = ل + ال
    assert tags["الرجاء"] == "B" and tags["البيضاوي"] == "I"
    assert tags["فاز"] is None and tags["فرصة"] is None
    f = features.FeatureExtractor(use_gazetteer=True).sequence(toks)
    assert "cl=U" in f[1] and "cl=B" in f[3] and not any(x.startswith("cl=") for x in f[0])
    # without the gazetteer layer no lexicon phrase features at all
    g = features.FeatureExtractor(use_gazetteer=False).sequence(toks)
    assert not any(x.startswith(("cl=", "pn=")) for x in g[1] + g[3])


def test_foreign_given_names_are_a_person_name_feature():
    f = features.FeatureExtractor(use_gazetteer=True).sequence(tokenize("وقال بيتر كينيون وأنجيلا ميركل"))
    assert "nm=W" in f[1] and "nm=W" in f[3]  # also behind a conjunction
    assert "nm=WS" in f[2] and "nm=WS" in f[4]  # the family names (world_surnames.tsv)
    assert not any(x.startswith("nm=") for x in f[0])


def test_foreign_surnames_are_a_person_name_feature():
    f = features.FeatureExtractor(use_gazetteer=True).sequence(tokenize("ويريد أرسنال الاحتفاظ بفينغر وقال ماكرون"))
    assert "nm=WS" in f[3] and "nm=WS" in f[5]  # also behind a preposition
    assert "-1nm=WS" in f[4]
    assert not any(x.startswith("nm=") for x in f[2])


def test_person_name_and_place_features_in_sequences():
    fx = features.FeatureExtractor(use_gazetteer=True)
    toks = tokenize("وقال وعلي كرتي في مومباي")
    f = fx.sequence(toks)
    assert "nm=G" in f[1] and "+1nm=G" in f[0]
    # Wikidata name units: a given name behind a conjunction, a family name, with the bearer band;
    # the word as written wins over its stem (وعلي is also the Algerian surname Ouali)
    g = fx.sequence(tokenize("وسجل وجمال عبيدات هدفين"))
    assert "nu=G" in g[1] and "nu=G|2" in g[1] and "nu=F" in g[2] and "nu=F|0" in g[2]
    assert not any(x.startswith("nu=") for x in g[3])
    assert "nu=F" in f[1]
    assert any(x.startswith("pn=U") for x in f[4])
    assert not any(x.startswith("pn=") for x in f[0])


def test_feature_lexicons_name_their_sources():
    from importlib import resources

    for name, source in (("wordclass.tsv", "Arramooz"), ("place_names.tsv", "GeoNames"),
                         ("person_names.tsv", "Faker"), ("name_units.tsv", "Wikidata"),
                         ("club_names.tsv", "Curated"), ("world_given_names.tsv", "Curated"),
                         ("world_surnames.tsv", "Curated")):
        head = resources.files("marsad").joinpath("data", "lexicon", name).read_text(encoding="utf-8")
        first, rest = head.split("\n", 1)
        made_by = "# Curated by the Marsad developers" if source == "Curated" else "# Generated by scripts/build_ner_lexicons.py"
        assert first.startswith(made_by) and (source == "Curated" or source in first)
        assert len(rest.splitlines()) > (800 if source == "Curated" else 1000)


def test_features_without_gazetteer_module(monkeypatch):
    monkeypatch.setattr(features, "_gaz_checked", True)
    monkeypatch.setattr(features, "_gaz_fn", None)
    fx = features.FeatureExtractor(use_gazetteer=True)
    toks = tokenize("زار الوزير بغداد")
    assert fx.gazetteer_tags(toks) is None
    assert len(fx.sequence(toks, None)) == 3


def test_sentence_chunks():
    toks = tokenize("جملة أولى. جملة ثانية؟ بقية")
    chunks = features.sentence_chunks(toks)
    assert [(toks[a].text, toks[b - 1].text) for a, b in chunks] == [
        ("جملة", "."), ("جملة", "؟"), ("بقية", "بقية")
    ]
    assert features.sentence_chunks(toks, max_len=2)[0] == (0, 2)


# ---------------------------------------------------------------------------
# corpus readers


def test_newsfane_reader_joins_clitics_and_maps_types():
    sents = corpora.read_newsfane(FIXTURES / "newsfane_gold" / "NewsFANE_Gold_2014_170K.txt")
    assert len(sents) == 8
    s0 = sents[0]
    assert "\u200e" not in s0.text and "\ufeff" not in s0.text and "\r" not in s0.text
    names = _named(s0.tokens, s0.spans)
    assert ("فرانكفورت", "LOCATION") in names
    assert ("المانيا", "COUNTRY") in names
    assert ("اتحاد صناعة السيارات", "ORG") in names
    # split clitics are glued back: "و الصادرات" -> "والصادرات", "و هي" -> "وهي"
    words = s0.text.split()
    assert "والصادرات" in words and "وهي" in words
    s1 = sents[1]
    assert s1.text.startswith("وقال ")
    assert ("برند جوتشولك", "PERSON") in _named(s1.tokens, s1.spans)
    s2 = sents[2]
    assert "انه" in s2.text.split() and "نموها" in s2.text.split() and "لتصل" in s2.text.split()
    # tokens are Marsad's tokens of the joined text
    assert [t.text for t in s0.tokens] == [t.text for t in tokenize(s0.text)]


def test_attach_clitics_rules():
    rows = [("و", "O"), ("ل", "O"), ("الاتحاد", "B-Government"), ("ه", "O"), ("ك", "O"), ("ما", "O")]
    out = corpora._attach_clitics(rows)
    assert out == [("وللاتحاده", "B-Government"), ("كما", "O")]
    # ك after a word is an enclitic
    assert corpora._attach_clitics([("عن", "O"), ("ك", "O")]) == [("عنك", "O")]
    # a proclitic before an entity word joins it; the entity keeps its label
    assert corpora._attach_clitics([("ب", "O"), ("بيروت", "B-Population-Center")]) == [
        ("ببيروت", "B-Population-Center")
    ]


def test_newsfane_lone_hamza_is_a_quotation_mark(tmp_path):
    # NewsFANE writes quotation marks as a lone ء (صحيفة ء دايلي ميرور ء): it must not
    # be glued onto the name as an enclitic.
    rows = ["\u200eذكرت\tO", "\u200eصحيفة\tO", "\u200eء\tO", "\u200eدايلي\tB-Media",
            "\u200eميرور\tI-Media", "\u200eء\tO", "\u200eامس\tO", "\t"]
    f = tmp_path / "nf.txt"
    f.write_text("\r\n".join(rows) + "\r\n", encoding="utf-8-sig")
    (s,) = corpora.read_newsfane(f)
    assert [t.text for t in s.tokens] == ["ذكرت", "صحيفة", '"', "دايلي", "ميرور", '"', "امس"]
    assert s.spans == [(3, 5, "ORG")]


def test_newsfane_split_rule():
    assert corpora.newsfane_split(0) == "train"
    assert corpora.newsfane_split(8 * 50) == "dev"
    assert corpora.newsfane_split(9 * 50 + 49) == "test"
    assert corpora.newsfane_split(10 * 50) == "train"
    assert corpora.newsfane_split(18 * 50 + 3) == "dev"


def test_wojood_reader_nested_layers():
    splits = corpora.load_splits(FIXTURES, "wojood")
    assert [len(splits[k]) for k in ("train", "dev", "test")] == [4, 2, 2]
    s = splits["train"][1]
    names = _named(s.tokens, s.spans)
    # OCC (not a Marsad type) encloses ORG and GPE: the inner ones are kept
    assert ("اللجنة القومية العربية", "ORG") in names
    assert ("نابلس", "GPE") in names
    s0 = splits["train"][0]
    assert ("روسيا", "ORG") in _named(s0.tokens, s0.spans)


def test_aqmar_reader_and_lists():
    splits = corpora.load_splits(FIXTURES, "aqmar")
    assert len(splits["dev"]) == 4 and len(splits["test"]) == 3
    s = splits["dev"][0]
    assert ("دمشق", "LOCATION") in _named(s.tokens, s.spans)
    assert corpora._aqmar_tag("I--ORG") == "I-ORG"
    assert corpora._aqmar_tag("B-MIS1`") == "B-MISC"
    assert corpora._aqmar_tag("OO") == "O"


def test_missing_corpus_gives_no_splits(tmp_path):
    for name in corpora.CORPORA:
        assert corpora.load_splits(tmp_path, name) == {}
    with pytest.raises(ValueError):
        corpora.load_splits(tmp_path, "nope")


def test_bio_spans_conlleval_style():
    assert corpora.bio_spans(["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG"]) == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "LOC"), (5, 6, "ORG")
    ]


# ---------------------------------------------------------------------------
# evaluation


def test_score_counts_exact_matches_only():
    gold = [[(0, 2, "PERSON"), (3, 4, "COUNTRY"), (5, 6, "ORG")], [(0, 1, "LOCATION")]]
    pred = [[(0, 2, "PERSON"), (3, 4, "LOCATION"), (5, 7, "ORG")], [(0, 1, "LOCATION"), (2, 3, "PERSON")]]
    strict = ner_eval.score(gold, pred, ner_eval.STRICT, headline=ner_eval.HEADLINE_STRICT)
    assert (strict.by_type["PERSON"].tp, strict.by_type["PERSON"].fp, strict.by_type["PERSON"].fn) == (1, 1, 0)
    assert (strict.by_type["COUNTRY"].tp, strict.by_type["COUNTRY"].fn) == (0, 1)
    assert (strict.by_type["LOCATION"].tp, strict.by_type["LOCATION"].fp) == (1, 1)
    assert (strict.by_type["ORG"].tp, strict.by_type["ORG"].fp, strict.by_type["ORG"].fn) == (0, 1, 1)
    m = strict.micro  # tp 2, fp 3, fn 2
    assert (m.tp, m.fp, m.fn) == (2, 3, 2)
    assert m.precision == pytest.approx(2 / 5)
    assert m.recall == pytest.approx(2 / 4)
    assert m.f1 == pytest.approx(2 * 0.4 * 0.5 / 0.9)
    merged = ner_eval.score(gold, pred, ner_eval.MERGED)
    place = merged.by_type[ner_eval.PLACE]  # COUNTRY vs LOCATION now agree
    assert (place.tp, place.fp, place.fn) == (2, 0, 0)
    assert merged.micro.tp == 3


def test_score_ignores_types_the_corpus_lacks():
    rep = ner_eval.score([[(0, 1, "PERSON")]], [[(0, 1, "PERSON"), (2, 3, "FACILITY")]],
                         types=("PERSON", "ORG"))
    assert "FACILITY" not in rep.by_type
    assert rep.micro.precision == 1.0


def test_counts_with_nothing_are_zero():
    c = ner_eval.Counts()
    assert c.precision == c.recall == c.f1 == 0.0


# ---------------------------------------------------------------------------
# label decoding, second-pass features and propagation


def test_label_spans_bio_and_bilou():
    assert features.label_spans(["B-PERSON", "L-PERSON", "U-LOCATION", "O", "I-ORG", "L-ORG"]) == [
        (0, 2, "PERSON"), (2, 3, "LOCATION"), (4, 6, "ORG")
    ]
    assert features.label_spans(["B-ORG", "I-ORG", "B-ORG", "O", "U-COUNTRY", "U-COUNTRY"]) == [
        (0, 2, "ORG"), (2, 3, "ORG"), (4, 5, "COUNTRY"), (5, 6, "COUNTRY")
    ]


def test_stack_features_carry_document_memory():
    s1 = tokenize("قال صامويل ايتو")
    s2 = tokenize("وايتو لاعب")
    labels = [["O", "B-PERSON", "L-PERSON"], ["O", "O"]]
    f1, f2 = features.stack_features([s1, s2], labels)
    assert "q=B-PERSON" in f1[1] and "-1q=O" in f1[1] and "+1q=L-PERSON" in f1[1]
    # the same name (clitic aside) was a person elsewhere in the document
    assert "m=PERSON" in f2[0]
    # a token's own first-pass label does not count as "elsewhere"
    assert not any(x.startswith("m=") for x in f1[2])
    assert features.name_key("للاتحاد") == "الاتحاد" and features.name_key("وبالعراق") == "العراق"


def test_propagate_tags_repeated_names_and_surnames():
    toks = tokenize("قال صامويل ايتو إن ايتو سيعود. وقال ايتو")
    spans = [(1, 3, "PERSON")]
    out = tagger.propagate(toks, spans, lexicon={})
    assert (4, 5, "PERSON") in out and (8, 9, "PERSON") in out
    # words the training data knows as ordinary words are not propagated alone
    out2 = tagger.propagate(toks, spans, lexicon={"ايتو": "O"})
    assert out2 == spans


# ---------------------------------------------------------------------------
# training and the commands (tiny, on the fixture)


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    out = tmp_path_factory.mktemp("ner_model")
    cfg = TrainConfig(max_iterations=15, corpora=("newsfane", "wojood"), use_gazetteer=False)
    train(FIXTURES, out, cfg, log=lambda *a: None)
    return out


def test_tiny_training_is_deterministic(tiny_model, tmp_path):
    cfg = TrainConfig(max_iterations=15, corpora=("newsfane", "wojood"), use_gazetteer=False)
    train(FIXTURES, tmp_path, cfg, log=lambda *a: None)
    a = (tiny_model / "ner_crf.crfsuite").read_bytes()
    b = (tmp_path / "ner_crf.crfsuite").read_bytes()
    assert a == b
    meta = json.loads((tmp_path / "ner_crf.json").read_text(encoding="utf-8"))
    assert meta["corpora"] == {"newsfane/train": 8, "newsfane/dev": 0, "wojood/train": 4, "wojood/dev": 2}
    assert meta["gazetteer"] is False
    assert meta["stack"]["pass1"] == "ner_crf_pass1.crfsuite"
    assert (tmp_path / "ner_crf_pass1.crfsuite").read_bytes() == (tiny_model / "ner_crf_pass1.crfsuite").read_bytes()


def test_tiny_model_tags_training_sentence(tiny_model):
    m = tagger.Model(tiny_model)
    s = corpora.read_newsfane(FIXTURES / "newsfane_gold" / "NewsFANE_Gold_2014_170K.txt")[0]
    found = m.tag(s.tokens)
    assert all(0 <= i < j <= len(s.tokens) for i, j, _ in found)
    assert (set(found) & set(s.spans))


def _ner_cli():
    app = typer.Typer()
    eval_app = typer.Typer()
    train_app = typer.Typer()
    app.add_typer(eval_app, name="eval")
    app.add_typer(train_app, name="train")
    ner_commands.register(app, eval_app, train_app)
    return app, CliRunner()


def test_commands_train_and_eval(tmp_path, tiny_model):
    app, runner = _ner_cli()
    res = runner.invoke(app, ["train", "ner", "--data", str(FIXTURES), "--out", str(tmp_path / "m"),
                              "--max-iterations", "5", "--no-gazetteer", "--no-stack", "--splits", "train"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "m" / "ner_crf.crfsuite").exists()
    assert not (tmp_path / "m" / "ner_crf_pass1.crfsuite").exists()
    assert json.loads((tmp_path / "m" / "ner_crf.json").read_text(encoding="utf-8"))["splits"] == ["train"]
    res = runner.invoke(app, ["eval", "ner", "--data", str(FIXTURES), "--model", str(tiny_model),
                              "--split", "test", "--json", str(tmp_path / "s.json")])
    assert res.exit_code == 0, res.output
    assert "wojood/test (merged)" in res.output and "aqmar/test (merged)" in res.output
    assert "micro" in res.output
    assert "not held out" not in res.output
    res = runner.invoke(app, ["eval", "ner", "--data", str(FIXTURES), "--model", str(tiny_model),
                              "--split", "dev", "--corpus", "wojood"])
    assert res.exit_code == 0, res.output
    assert "trained on wojood/dev" in res.output
    scores = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in scores} >= {"wojood/test (merged)", "aqmar/test (merged)"}


# ---------------------------------------------------------------------------
# the whole entity stage scored like the tagger


@pytest.fixture
def shipped_tagger():
    tagger.load()
    yield
    tagger.load()  # commands tests may have loaded another model globally


def test_stage_spans_map_mentions_onto_sentence_tokens(shipped_tagger):
    s1 = corpora.from_words("t", "d", 0, ["وقال", "الرئيس", "الفرنسي", "إن", "وفرنسا", "تدعم", "الحل", "."], [])
    s2 = corpora.from_words("t", "d", 1, ["واستقبل", "إلهام", "علييف", "الوفد", "في", "باكو", "."], [])
    out = ner_eval.stage_spans([s1, s2])
    names1 = _named(s1.tokens, out[0])
    names2 = _named(s2.tokens, out[1])
    # the proclitic stays inside the token span, as in the gold annotation
    assert ("وفرنسا", "COUNTRY") in names1
    # a demonym is not a name in the corpora's sense
    assert not any(n == "الفرنسي" for n, _t in names1)
    assert ("إلهام علييف", "PERSON") in names2
    assert all(0 <= i < j <= len(s2.tokens) for i, j, _t in out[1])


def test_eval_ner_stage_command(shipped_tagger):
    app, runner = _ner_cli()
    res = runner.invoke(app, ["eval", "ner", "--data", str(FIXTURES), "--split", "test", "--corpus", "aqmar",
                              "--system", "stage"])
    assert res.exit_code == 0, res.output
    assert "aqmar/test (merged)" in res.output and "micro" in res.output
    res = runner.invoke(app, ["eval", "ner", "--data", str(FIXTURES), "--system", "everything"])
    assert res.exit_code == 2
