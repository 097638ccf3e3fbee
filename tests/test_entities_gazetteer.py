"""The gazetteer matcher and token_tags: clitics outside spans, longest match, tags."""

from marsad.entities.gazetteer import form_key, load, token_tags
from marsad.text import tokenize


def _hits(text):
    gz = load()
    return [(text[h.start : h.end], h.best.kind, h.best.id) for h in gz.select(gz.hits(tokenize(text), text))]


def test_proclitics_stay_outside_the_span():
    text = "زار الوزير بالرئيس لإسرائيل وأذربيجان وقدم الدعم للأذربيجانيين والإسرائيلي"
    got = _hits(text)
    spans = [s for s, _k, i in got if i]
    assert "إسرائيل" in spans
    assert "أذربيجان" in spans
    assert "أذربيجانيين" in spans
    assert "الإسرائيلي" in spans
    for s in spans:
        assert not s.startswith(("و", "ل", "ب"))


def test_longest_match_wins():
    got = _hits("نشرت صحيفة واشنطن بوست تقريرا عن بحر قزوين وحرب ناغورنو كاراباخ الثانية")
    assert ("واشنطن بوست", "org", "org:washington-post") in got
    assert ("بحر قزوين", "place", "location:caspian-sea") in got
    assert ("حرب ناغورنو كاراباخ الثانية", "event", "event:second-nagorno-karabakh-war") in got
    assert not any(s == "واشنطن" for s, _k, _i in got)


def test_word_boundaries():
    # "روس" (Russians) must not match inside دروس, nor "إيران" inside a longer word
    got = _hits("قدم دروسا في الإيرانيات")
    assert all(i != "country:RUS" for _s, _k, i in got)


def test_names_that_never_take_the_article():
    # الحماس (enthusiasm), المبارك (blessed), الرئيسي (main), حمص vs الحمص (chickpeas): no entity
    got = _hits("أبدى الجمهور الحماس في رمضان المبارك وهو الهدف الرئيسي وطبق الحمص")
    assert got == [] or all(i is None for _s, _k, i in got)
    # the same names without the article, and behind other proclitics, still match
    ids = {i for _s, _k, i in _hits("قالت حماس إن رئيسي زار حمص ولحماس موقف")}
    assert {"org:hamas", "location:homs"} <= ids
    assert any(i and i.startswith("person:") for i in ids)
    # a country written with the article (الكاميرون) is not the person كاميرون and still matches
    assert ("الكاميرون", "country", "country:CMR") in _hits("فازت الكاميرون")


def test_token_tags():
    toks = tokenize("قال وزير الخارجية الإسرائيلي إيلي كوهين في باكو إن أذربيجان")
    tags = dict(zip([t.text for t in toks], token_tags(toks), strict=True))
    assert tags["وزير"] == "TITLE" and tags["الخارجية"] == "TITLE"
    assert tags["الإسرائيلي"] == "DEMONYM"
    assert tags["إيلي"] == "PERSON" and tags["كوهين"] == "PERSON"
    assert tags["باكو"] == "CAPITAL"
    assert tags["أذربيجان"] == "COUNTRY"
    assert tags["قال"] is None
    assert token_tags([]) == []


def test_form_key_folds_and_tokenizes():
    assert form_key("تل أبيب") == form_key("تل ابيب")
    assert form_key("باكو-تبليسي-جيهان") == "باكو - تبليسي - جيهان"


def test_demonyms_of_every_state_by_rule_with_exceptions():
    # the rule derives them from the states' names: فنزويلا → الفنزويلية، كينيا → الكيني، الأرجنتين → الأرجنتيني
    got = _hits("الحكومة الفنزويلية والرئيس الكيني والوزير الأرجنتيني والقوات النمساوية والجنوب أفريقي")
    ids = {s: i for s, _k, i in got}
    assert ids.get("الفنزويلية") == "country:VEN"
    assert ids.get("الكيني") == "country:KEN"
    assert ids.get("الأرجنتيني") == "country:ARG"
    assert ids.get("النمساوية") == "country:AUT"  # an exception: النمسا → نمساوي
    assert ids.get("الجنوب أفريقي") == "country:ZAF"
    # ... but not where the form is an ordinary word: مالي "financial", قمري "lunar"
    got = _hits("قدمت الدعم المالي والتقويم القمري")
    assert not [i for _s, _k, i in got if i in ("country:MLI", "country:COM")]


def test_capitals_of_more_states_are_places_of_their_state():
    got = _hits("وصل الوفد إلى كمبالا ثم إلى بوغوتا وكيغالي")
    assert ("كمبالا", "place", "location:kampala") in got
    assert ("بوغوتا", "place", "location:bogota") in got
    assert ("كيغالي", "place", "location:kigali") in got


def test_place_homographs_follow_the_states_the_document_names():
    from marsad.entities import extract
    from marsad.model import DocContext

    def ids(text):
        mentions, _ = extract(DocContext.build(text))
        return {m.text: m.entity for m in mentions}

    # «عمان» is Amman in a report on Jordan, Oman otherwise; «طرابلس» is Lebanon's in a Lebanese story
    assert ids("وصل الوفد إلى عمان في زيارة للأردن تلبية لدعوة الحكومة الأردنية.")["عمان"] == "location:amman"
    assert ids("وصل الوفد إلى عمان والتقى نظيره العماني في مسقط.")["عمان"] == "country:OMN"
    assert ids("زار الوزير عمان.")["عمان"] == "country:OMN"
    assert ids("وقعت اشتباكات في طرابلس شمال لبنان.")["طرابلس"] == "location:tripoli-lebanon"
    assert ids("أعلنت حكومة طرابلس الليبية.")["طرابلس"] == "location:tripoli"
