"""The entity rules on invented sentences: other states, other leaders, unknown names."""

from __future__ import annotations

from marsad.entities import extract
from marsad.model import DocContext


def _run(text: str):
    mentions, entities = extract(DocContext.build(text))
    for m in mentions:
        assert text[m.start : m.end] == m.text
    return mentions, {e.id: e for e in entities}


def _m(mentions, text):
    return [m for m in mentions if m.text == text]


def test_titles_demonyms_and_roles_for_other_states():
    text = "استقبل الرئيس التركي رجب طيب أردوغان وزير الخارجية الروسي سيرغي لافروف في أنقرة."
    ms, ents = _run(text)
    assert _m(ms, "التركي")[0].entity == "country:TUR" and _m(ms, "التركي")[0].metonym
    assert ents["person:recep-tayyip-erdogan"].roles[0].role == "president"
    assert ents["person:recep-tayyip-erdogan"].roles[0].of == "country:TUR"
    lavrov = ents["person:sergey-lavrov"].roles[0]
    assert (lavrov.role, lavrov.of) == ("foreign minister", "country:RUS")
    assert text[lavrov.start : lavrov.end].startswith("وزير الخارجية")
    # a capital after في is the place of the meeting
    assert _m(ms, "أنقرة")[0].type == "LOCATION" and _m(ms, "أنقرة")[0].entity == "location:ankara"


def test_capitals_acting_are_their_state():
    ms, ents = _run("وقالت موسكو إن طهران هددت واشنطن، بينما رحبت بكين بالقرار.")
    for name, iso in (("موسكو", "RUS"), ("طهران", "IRN"), ("واشنطن", "USA"), ("بكين", "CHN")):
        m = _m(ms, name)[0]
        assert (m.type, m.entity, m.metonym) == ("COUNTRY", "country:" + iso, True)
        assert name in ents["country:" + iso].aliases


def test_capital_as_place_with_clitic_and_coordination():
    ms, _ = _run("وصل الوفد إلى القاهرة وعمّان، ثم عقد اجتماعا ببغداد.")
    assert [m.type for m in ms if m.text in ("القاهرة", "عمّان", "بغداد")] == ["LOCATION"] * 3
    assert _m(ms, "بغداد")[0].start == ms[-1].start  # the ب of ببغداد stays outside


def test_counterpart_gets_the_office_in_his_own_state():
    text = "والتقى وزير الخارجية المصري سامح شكري بنظيره الأردني أيمن الصفدي في عمّان."
    _ms, ents = _run(text)
    r = ents["person:ayman-safadi"].roles[0]
    assert (r.role, r.of) == ("foreign minister", "country:JOR")


def test_unknown_name_after_a_title_is_a_pattern_person_with_a_transliteration():
    ms, ents = _run("وقال وزير الدفاع الأرميني سورين بابيكيان إن الوضع خطير.")
    m = _m(ms, "سورين بابيكيان")[0]
    assert (m.type, m.how) == ("PERSON", "pattern")
    e = ents[m.entity]
    assert e.name_en_transliterated and e.name_en
    assert (e.roles[0].role, e.roles[0].of) == ("defence minister", "country:ARM")
    assert e.country == "ARM"
    # a known name unit is spelled as its bearers spell it; the id stays the letter-by-letter one
    ms, ents = _run("وقال وزير الخارجية الأردني عثمان عبيدات إن الوضع خطير.")
    e = ents[_m(ms, "عثمان عبيدات")[0].entity]
    assert (e.id, e.name_en, e.name_en_transliterated) == ("person:thman-bidat", "Osman Obeidat", True)


def test_verbs_after_titles_are_not_names():
    ms, _ = _run("وفد وزير الخارجية الإسرائيلي سلط بالفعل الضوء على العلاقات. الرئيس يلتقي الوفد غدا.")
    assert not [m for m in ms if m.type == "PERSON"]


def test_past_role_markers():
    _ms, ents = _run("وانتقد وزير الدفاع السابق موشيه يعالون القرار، كما انتقده رئيس الوزراء آنذاك إيهود أولمرت.")
    assert ents["person:moshe-yaalon"].roles[0].current is False
    olmert = ents["person:ehud-olmert"].roles[0]
    assert (olmert.role, olmert.of, olmert.current) == ("prime minister", "country:ISR", False)


def test_title_disambiguates_a_shared_surname():
    # without a full name in the document, "الرئيس علييف" is the president in office (Ilham)
    ms, _ = _run("وقال الرئيس علييف إن بلاده ستواصل التعاون.")
    assert _m(ms, "علييف")[0].entity == "person:ilham-aliyev"
    # with the father named first, a later bare surname refers back to him
    ms, _ = _run("أسس الرئيس الأذربيجاني حيدر علييف الحزب عام 1993. وقد حكم علييف البلاد عشر سنوات.")
    assert {m.entity for m in ms if m.text == "علييف"} == {"person:heydar-aliyev"}
    assert _m(ms, "علييف")[0].how == "coreference"


def test_a_bare_common_surname_names_no_one():
    ms, _ = _run("قال كوهين إن الطقس جميل.")
    assert not [m for m in ms if m.type == "PERSON"]


def test_surname_refers_back_to_an_unknown_full_name():
    ms, ents = _run("انتخب يوسف شاغال لعضوية البرلمان. وترأس شاغال الرابطة.")
    ids = {m.entity for m in ms if m.type == "PERSON"}
    assert len(ids) == 1
    later = [m for m in ms if m.text == "شاغال"]
    assert later and later[0].how == "coreference"


def test_quoted_names_after_heads():
    text = 'نشرت صحيفة "كومرسانت" تقريرا عن حزب "الشعب الجمهوري" وطائرات من نوع "أكينجي".'
    ms, _ = _run(text)
    assert {(m.text, m.type) for m in ms} >= {
        ("كومرسانت", "ORG"),
        ("الشعب الجمهوري", "ORG"),
        ("أكينجي", "WEAPON"),
    }


def test_ministries_with_and_without_demonym():
    ms, ents = _run("أعلنت وزارة الدفاع الروسية أن وزير الخارجية سيرغي لافروف سيزور أنقرة. وقالت وزارة الخارجية إن…")
    m = _m(ms, "وزارة الدفاع الروسية")[0]
    assert (m.type, m.entity) == ("ORG", "org:russia-ministry-of-defense")
    assert ents[m.entity].name_en == "Ministry of Defense of Russia"
    bare = _m(ms, "وزارة الخارجية")[0]
    assert bare.entity == "org:russia-ministry-of-foreign-affairs"


def test_clitics_outside_every_span():
    text = "وللأتراك ولروسيا وبالسعودية فالعراق كمصر وبموسكو والإيرانيون"
    ms, _ = _run(text)
    got = {m.text for m in ms}
    assert got == {"أتراك", "روسيا", "السعودية", "العراق", "مصر", "موسكو", "الإيرانيون"}


def test_named_events_weapons_facilities_organisations():
    text = (
        "وقعت الإمارات والبحرين اتفاقيات أبراهام، واشترت أذربيجان منظومة باراك 8 وصواريخ سبايك، "
        "بينما يمر النفط عبر خط أنابيب باكو تبليسي جيهان وتراقب الوكالة الدولية للطاقة الذرية منشأة نطنز."
    )
    ms, _ = _run(text)
    got = {(m.text, m.type, m.entity) for m in ms}
    assert ("اتفاقيات أبراهام", "EVENT_NAME", "event:abraham-accords") in got
    assert ("باراك 8", "WEAPON", "weapon:barak-8") in got
    assert ("خط أنابيب باكو تبليسي جيهان", "FACILITY", "facility:btc-pipeline") in got
    assert ("الوكالة الدولية للطاقة الذرية", "ORG", "org:iaea") in got
    assert ("الإمارات", "COUNTRY", "country:ARE") in got


def test_empty_and_boilerplate_only_documents():
    assert extract(DocContext.build("")) == ([], [])
    text = "إسرائيل وأذربيجان"
    ctx = DocContext.build(text, boilerplate=[(0, len(text))])
    assert extract(ctx) == ([], [])


def test_package_function_survives_submodule_imports():
    import marsad.entities as ents
    from marsad.entities import extractor  # noqa: F401

    ents.extract(DocContext.build("أذربيجان"))
    assert callable(ents.extract) and callable(ents.merge_across)


def test_two_people_sharing_a_surname_by_office():
    # two Cohens in the gazetteer: the title decides which one a bare surname is
    ms, ents = _run("وقال رئيس الموساد كوهين إن العملية نجحت.")
    assert _m(ms, "كوهين")[0].entity == "person:yossi-cohen"
    ms, _ = _run("وقال وزير الخارجية كوهين إن الزيارة نجحت.")
    assert _m(ms, "كوهين")[0].entity == "person:eli-cohen"


def test_one_word_tagger_person_stays_but_bare_gazetteer_surname_does_not():
    from marsad.entities import tagger

    tagger.load()
    text = "وقال بوش في خطاب امس ان الحرب مستمرة . وقال كوهين إن الاتفاق قريب ."
    mentions, entities = _run(text)
    bush = _m(mentions, "بوش")
    assert len(bush) == 1 and bush[0].type == "PERSON" and bush[0].how == "model"
    assert entities[bush[0].entity].name_en_transliterated
    # a gazetteer surname with no full name in the document names no one (several Cohens)
    assert not _m(mentions, "كوهين")


def test_the_kingdom_is_the_kingdom_the_document_names():
    text = (
        "أكد وزير الخارجية السعودي أن المملكة حريصة على أمن الخليج. وقال إن دعم المملكة لمصر ثابت، "
        "وإن للمملكة دوراً تقدره الرياض."
    )
    ms, ents = _run(text)
    kingdom = [m for m in ms if m.text in ("المملكة", "مملكة")]
    assert len(kingdom) == 3
    assert all((m.type, m.entity, m.how, m.metonym) == ("COUNTRY", "country:SAU", "coreference", True) for m in kingdom)
    # in a Moroccan story the same word is Morocco
    ms, _ = _run("أعلن المغرب أن الحكومة المغربية ستستضيف القمة، وأن المملكة جاهزة لاستقبال الوفود.")
    assert [m.entity for m in ms if m.text == "المملكة"] == ["country:MAR"]
    # a kingdom named in full is another's: a Saudi cabinet statement on an agreement with Jordan
    ms, _ = _run("وافق مجلس الوزراء على اتفاقية بين المملكة والمملكة الأردنية الهاشمية، وأشاد بالأردن.")
    assert not [m for m in ms if m.text == "المملكة"]
    # two kingdoms named equally often, one named once, or none: the word stays unresolved
    ms, _ = _run("قال الأردن والسعودية إن المملكة ملتزمة.")
    assert not [m for m in ms if m.text == "المملكة"]
    ms, _ = _run("قالت المملكة إنها ملتزمة بالاتفاق.")
    assert not ms


def test_short_references_to_people_named_in_full():
    text = (
        "التقى كيري وزير الخارجية الصيني وانغ يي. وقال مسؤول بعد لقاء كيري ووانغ إن وانغ كرر موقفه. "
        "واستقبل الأمير تميم بن حمد آل ثاني الوفد، وقال أمير قطر الشيخ تميم إن العلاقات قوية."
    )
    ms, ents = _run(text)
    # Chinese family names come first; the conjunction never stays in the name
    wang = [m for m in ms if m.entity == "person:wang-yi"]
    assert [m.text for m in wang] == ["وانغ يي", "وانغ", "وانغ"]
    # a first name after an honorific refers back to the full name
    assert "تميم" in ents["person:tamim-bin-hamad"].aliases
    assert not [e for e in ents if e.startswith("person:") and e not in ("person:wang-yi", "person:tamim-bin-hamad", "person:john-kerry")]


def test_prince_nationality_and_the_kingdom_title():
    text = "استقبل الأمير محمد بن سلمان الخبير النفطي الكويتي حجاج بوخضور في الرياض."
    ms, ents = _run(text)
    assert [(r.role, r.of) for r in ents["person:mohammed-bin-salman"].roles] == [("prince", None)]
    kuwaiti = [e for e in ents.values() if e.type == "PERSON" and e.id != "person:mohammed-bin-salman"]
    assert len(kuwaiti) == 1 and kuwaiti[0].country == "KWT" and not kuwaiti[0].roles


def test_quoted_clauses_are_no_names():
    text = (
        'وقال المدرب: "نحن جاهزون للمباراة". وأضاف: "الفريق قادر على الفوز". '
        'وذكرت وكالة "الطائرات الأميركية بدأت الوصول" أن. وأعلنت شركة "آي. دي. إي. ووتر" أنها.'
    )
    ms, _ = _run(text)
    assert not [m for m in ms if m.type in ("WEAPON", "ORG") and m.how == "pattern" and "وأضاف" in m.text]
    assert not [m for m in ms if "بدأت" in m.text]
    # initials keep their full stops inside a quoted name
    assert [m.text for m in ms if m.type == "ORG"] == ["آي. دي. إي. ووتر"]


def test_a_capital_after_a_place_noun_and_demonym_is_the_city():
    ms, _ = _run("عقد اللقاء في العاصمة القطرية الدوحة، ثم قالت الدوحة إنها ترحب.")
    doha = [(m.type, m.entity) for m in ms if m.text == "الدوحة"]
    assert doha == [("LOCATION", "location:doha"), ("COUNTRY", "country:QAT")]


def test_names_that_begin_with_a_head_noun_and_groups_of_states():
    ms, ents = _run("وقال البنك التجاري الدولي إن الأسهم تراجعت. ووقعت إيران الاتفاق مع مجموعة 5+1 والقوى الكبرى الست.")
    bank = [m for m in ms if "التجاري" in m.text][0]
    assert (bank.text, bank.type) == ("البنك التجاري الدولي", "ORG")  # the article stays
    assert [m.entity for m in ms if m.entity == "org:p5-plus-1"] == ["org:p5-plus-1"] * 2
    assert ents["org:p5-plus-1"].name_en == "P5+1"


def test_an_office_named_instead_of_its_holder_is_the_holder():
    text = "وقال سفير خادم الحرمين الشريفين لدى مصر إن خادم الحرمين الشريفين الملك سلمان يدعم القاهرة."
    ms, ents = _run(text)
    # the second is a title right before the king's name: the name is the mention
    assert [m.entity for m in ms if m.text.startswith("خادم")] == ["person:salman-bin-abdulaziz"]
    assert all(m.type == "PERSON" and m.how == "coreference" for m in ms if m.text.startswith("خادم"))
    assert [m.text for m in ms if m.entity == "person:salman-bin-abdulaziz"] == ["خادم الحرمين الشريفين", "الملك سلمان"]
    # the deputy's title contains the king's: نائب خادم الحرمين الشريفين is not the king but
    # the crown prince, the one in office in the publication year
    text = "وقال نائب خادم الحرمين الشريفين إن المملكة ملتزمة."
    ms, _ = extract(DocContext.build(text, published="2016-08-01"))
    assert [(m.text, m.entity) for m in ms if m.type == "PERSON"] == [
        ("نائب خادم الحرمين الشريفين", "person:mohammed-bin-nayef")
    ]
    # an office of the past: the holder the document names (ولي ولي العهد, 2015-2017)
    ms, _ = _run("استقبل الملك عبد الله الثاني الأمير محمد بن سلمان. وتناولت التقارير محادثات ولي ولي العهد.")
    assert [m.entity for m in ms if m.text == "ولي ولي العهد"] == ["person:mohammed-bin-salman"]
    # right after the holder's name it is an apposition, not a second mention
    ms, _ = _run("وأكد الأمير محمد بن سلمان ولي ولي العهد أن العلاقات قوية.")
    assert [m.text for m in ms if m.type == "PERSON"] == ["محمد بن سلمان"]
    # without a name in the text, the holder in office in the publication year
    ms, _ = extract(DocContext.build("أكد خادم الحرمين الشريفين دعم المملكة للبنان.", published="2012-05-01"))
    assert [m.entity for m in ms if m.text.startswith("خادم")] == ["person:abdullah-bin-abdulaziz"]


def test_an_office_after_a_known_person_who_never_held_it_is_anothers():
    # التقى X وزير الخارجية اليمني: the minister is the one met, not X (a UN envoy)
    _, ents = _run("والتقى المبعوث الأممي إسماعيل ولد الشيخ أحمد وزير الخارجية اليمني في الرياض.")
    assert ents["person:ismail-ould-cheikh-ahmed"].roles == []
    _, ents = _run("التقى بنيامين نتنياهو رئيس الوزراء الإسرائيلي أمس.")
    assert [(r.role, r.of) for r in ents["person:benjamin-netanyahu"].roles] == [("prime minister", "country:ISR")]


def test_later_surnames_of_known_people_and_no_verbs_or_titles_in_tagger_names():
    text = (
        "التقى الرئيس اليمني عبد ربه منصور هادي الوفد. وقال هادي إن الحوثيين. "
        "وقالت رئيسة الوزراء البريطانية تيريزا ماي إن. وأضافت ماي أن الأسعار. "
        "واستقبل الملك عبد الله الثاني الوفد في الشوط الثاني."
    )
    ms, _ = _run(text)
    assert [m.entity for m in ms if m.text == "هادي"] == ["person:abdrabbuh-mansur-hadi"]
    assert [m.entity for m in ms if m.text == "ماي"] == ["person:theresa-may"]
    assert not [m for m in ms if m.text == "الثاني"]  # a monarch's ordinal is no surname
    ms, _ = _run("والتقى السفير بدر عبدالعاطي بالوفد المصري.")
    assert [m.text for m in ms if m.type == "PERSON"] == ["بدر عبدالعاطي"]


def test_weapon_systems_in_arms_news():
    ms, _ = _run("قامت واشنطن بتسليم أبراج لدبابات «أبرامز» لمصر، وتحصل مصر على 24 طائرة «رافال» من فرنسا.")
    assert [(m.text, m.entity) for m in ms if m.type == "WEAPON"] == [
        ("أبرامز", "weapon:m1-abrams"),
        ("رافال", "weapon:rafale"),
    ]


def test_a_title_of_another_state_before_a_known_person_and_a_verb_after_a_title():
    from marsad.entities import extract
    from marsad.model import DocContext

    # «الرئيس المصري الملك سلمان» (a list of tags): King Salman never held an Egyptian office
    text = "أجرى الملك سلمان اتصالا بالرئيس عبدالفتاح السيسي. سمات الرئيس المصري الملك سلمان بن عبدالعزيز"
    _m, ents = extract(DocContext.build(text))
    salman = next(e for e in ents if e.id == "person:salman-bin-abdulaziz")
    assert not [r for r in salman.roles if r.of == "country:EGY"]
    # رئيس جمهورية مصر العربية أكدا خلاله: a dual verb after a title is no name
    text = "اتصل الملك سلمان بالرئيس عبدالفتاح السيسي رئيس جمهورية مصر العربية أكدا خلاله أهمية التعاون."
    mentions, _e = extract(DocContext.build(text))
    assert not [m for m in mentions if m.text.startswith("أكدا")]


def test_a_person_named_in_a_facility_or_institution_is_part_of_its_name():
    ms, _ = _run("وزار ولي العهد قاعدة الملك فهد الجوية، ثم وصل بقاعدة الملك فهد الجوية.")
    assert [(m.text, m.type) for m in ms if "فهد" in m.text] == [("قاعدة الملك فهد الجوية", "FACILITY")] * 2
    ms, _ = _run("وقال رئيس مجلس أمناء مؤسسة زايد بن سلطان آل نهيان للأعمال الخيرية إن الملك فهد كان محبوبا.")
    assert ("مؤسسة زايد بن سلطان آل نهيان للأعمال الخيرية", "ORG") in [(m.text, m.type) for m in ms]
    assert [m.entity for m in ms if m.text == "الملك فهد"] == ["person:fahd-bin-abdulaziz"]


def test_named_operations_and_accords_of_the_region():
    ms, _ = _run("ويصادق مجلس الأمن على اتفاق فيينا، فيما تتواصل عملية إعادة الأمل بعد عاصفة الحزم.")
    assert {m.entity for m in ms if m.type == "EVENT_NAME"} == {
        "event:jcpoa", "event:operation-restoring-hope", "event:operation-decisive-storm"
    }


def test_idioms_and_datelines():
    # مسقط رأسه (birthplace), جنة عدن (Eden), إنه مصر على (he insists): no names
    ms, _ = _run("وقال إنه مصر على موقفه، ودفن في مسقط رأسه، وفي جنة عدن. وزار الرئيس مصر على رأس وفد.")
    assert [(m.text, m.entity) for m in ms if m.type in ("COUNTRY", "LOCATION")] == [("مصر", "country:EGY")]
    assert ms[-1].start > 50  # the one found is the visit's
    # a capital that opens a dateline is the place
    ms, _ = _run("القاهرة 25 شوال 1436هـ (واس)\\nأكدت القاهرة أن العلاقات قوية.")
    assert [(m.text, m.type) for m in ms if m.text == "القاهرة"] == [("القاهرة", "LOCATION"), ("القاهرة", "COUNTRY")]


def test_outlets_cited_by_their_bare_name_in_quotes():
    ms, _ = _run('وقال لـ«عكاظ» إن «المدينة» علمت بذلك، وزار الوفد الرياض.')
    assert [(m.text, m.entity) for m in ms] == [
        ("عكاظ", "org:okaz"), ("المدينة", "org:al-madina"), ("الرياض", "country:SAU")
    ]


def test_a_ministry_named_by_its_portfolio_and_state_alone():
    ms, _ = _run("وأوضح المتحدث باسم الخارجية المصرية أن السياسة الخارجية الأمريكية لن تتغير.")
    assert [(m.text, m.type, m.entity) for m in ms] == [
        ("الخارجية المصرية", "ORG", "org:egypt-ministry-of-foreign-affairs"),
        ("الأمريكية", "COUNTRY", "country:USA"),
    ]
