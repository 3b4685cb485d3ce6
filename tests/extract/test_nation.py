"""England or Wales, from the report itself: its area, the bodies it copies in, its language."""

from __future__ import annotations

import random
import re

import pytest
from conftest import DATA, SOMERSET, ST_HELENS
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sqs_analysis.domain import slugify
from sqs_analysis.errors import VocabularyError
from sqs_analysis.extract import nation
from sqs_analysis.extract.nation import Decision, decide, gather, load_rules, parse_rules
from sqs_analysis.extract.parse import parse_file
from sqs_analysis.extract.records import Contact, ParsedReport

#: A copy list that says nothing of a nation: what every report copies in.
NEUTRAL = [
    Contact("YOT Head of Service", "Tom Whitworth"),
    Contact("Local Authority Chief Executive", "Patrick Flaherty"),
    Contact("Police and Crime Commissioner", "Sue Mountstevens"),
    Contact("YJB Business Area Manager", "Lisa Harvey-Messina"),
    Contact("HM Inspectorate of Constabulary", "Paul Eveleigh"),
]
#: Text every report has.
EVERY_REPORT = (
    "Arolygiad o Waith Troseddu Ieuenctid. A copy will be provided to partner inspectorates and "
    "to the Youth Justice Board (YJB). The published reoffending rate was 32.3%. This was better "
    "than the England and Wales average of 37.8%. HM Inspectorate of Probation."
)


def _decision(area: str, contacts=(), text: str = EVERY_REPORT) -> Decision:
    return decide(gather(area, list(contacts), text))


def _report(area: str, contacts=()) -> ParsedReport:
    report = ParsedReport("x.md", "0" * 64, area, "x-2016-01", contacts=list(contacts))
    return report


# --------------------------------------------------------------------------- areas


@pytest.mark.parametrize(
    "area, expected",
    [
        ("Cardiff", ("Wales", "area: Cardiff")),
        ("Caerdydd", ("Wales", "area: Caerdydd")),  # Cardiff's Welsh name
        ("Ynys Môn", ("Wales", "area: Ynys Môn")),
        ("Pen-y-bont ar Ogwr", ("Wales", "area: Pen-y-bont ar Ogwr")),
        ("Western Bay", ("Wales", "area: Western Bay")),  # a combined Welsh service
        ("Somerset", ("England", "area: Somerset")),
        ("St Helens", ("England", "area: St Helens")),
        ("West Mercia", ("England", "area: West Mercia")),
        ("City of London", ("England", "area: City of London")),
        ("Isles of Scilly", ("England", "area: Isles of Scilly")),
    ],
)
def test_an_area_of_one_nation_decides_it(area, expected):
    assert _decision(area, NEUTRAL) == Decision(*expected)


@pytest.mark.parametrize(
    "area, nation_",
    [
        ("Conwy and Denbighshire", "Wales"),
        ("Blaenau Gwent and Caerphilly", "Wales"),  # not listed: made of two listed areas
        ("Monmouthshire & Torfaen", "Wales"),
        ("Merthyr Tydfil/Rhondda Cynon Taf", "Wales"),
        ("Cheshire West, Halton and Warrington", "England"),
        ("Cheshire West, Halton, and Warrington", "England"),
        ("Cornwall and the Isles of Scilly", "England"),
        ("Bournemouth, Poole and Dorset", "England"),
    ],
)
def test_a_combined_area_of_known_areas_of_one_nation(area, nation_):
    assert _decision(area) == Decision(nation_, f"area: {area}")


@pytest.mark.parametrize(
    "area",
    ["Blackburn with Darwen", "Telford & Wrekin", "Telford and Wrekin", "Brighton and Hove",
     "Redcar and Cleveland", "Bath and North East Somerset", "Neath Port Talbot"],
)  # fmt: skip
def test_a_unitary_whose_name_has_and_or_with_in_it_is_one_area(area):
    assert area_evidence_words(area) == [f"area: {area}"]


def area_evidence_words(area: str) -> list[str]:
    return [e.words for e in nation.area_evidence(area)]


@pytest.mark.parametrize(
    "area",
    ["CARDIFF", "cardiff", "Cardiff.", "Ynys Mon", "YNYS MÔN", "Conwy & Denbighshire",
     "Conwy, and Denbighshire", "St. Helens", "Saint Helens", "ST HELENS", "Bath & N.E. Somerset",
     "Stoke on Trent", "Kingston-upon-Hull", "Rhondda Cynon Tâf", "Vale  of   Glamorgan"],
)  # fmt: skip
def test_case_accents_punctuation_and_ampersands_are_set_aside(area):
    assert nation.area_evidence(area)[0].words == f"area: {area}"


@pytest.mark.parametrize(
    "area, expected",
    [
        ("City and County of Swansea", "Wales"),
        ("Conwy County Borough", "Wales"),
        ("Cardiff Youth Offending Service", "Wales"),
        ("London Borough of Tower Hamlets", "England"),
        ("Royal Borough of Kensington & Chelsea", "England"),
        ("City of York", "England"),
        ("Wiltshire Council", "England"),
    ],
)
def test_administrative_words_are_taken_off_an_area(area, expected):
    assert _decision(area).nation == expected


@pytest.mark.parametrize(
    "area",
    [
        "King's Lynn",  # a town: its district (King's Lynn and West Norfolk) is lower tier
        "Newtown",  # a Welsh town, not a principal area
        "Area 0007",  # the synthetic corpus
        "Cardiff Bay",  # a known name and more is not that name
        "Cardiff and Nowhere",  # a combination must be all of known areas
        "Cheshire and Wrexham",  # Cheshire is not an authority since 2009
        "England",
        "Wales",
    ],
)
def test_an_area_that_is_not_a_known_area_gives_nothing(area):
    assert _decision(area, NEUTRAL) == Decision(None, None)


def test_a_combination_of_areas_of_both_nations_is_a_conflict():
    report = _report("Cheshire East and Wrexham")
    nation.read_nation(report, EVERY_REPORT)
    assert (report.nation, report.nation_evidence) == (None, None)
    assert [(i.severity, i.field, i.message) for i in report.issues] == [
        (
            "warning",
            "nation",
            "the report points to both England (area: Cheshire East) and Wales (area: Wrexham); "
            "nation left empty",
        )
    ]


def test_every_welsh_principal_area_in_both_languages_is_wales():
    names = [
        "Isle of Anglesey", "Ynys Môn", "Gwynedd", "Conwy", "Denbighshire", "Sir Ddinbych",
        "Flintshire", "Sir y Fflint", "Wrexham", "Wrecsam", "Powys", "Ceredigion", "Pembrokeshire",
        "Sir Benfro", "Carmarthenshire", "Sir Gaerfyrddin", "Swansea", "Abertawe",
        "Neath Port Talbot", "Castell-nedd Port Talbot", "Bridgend", "Pen-y-bont ar Ogwr",
        "Vale of Glamorgan", "Bro Morgannwg", "Cardiff", "Caerdydd", "Rhondda Cynon Taf",
        "Merthyr Tydfil", "Merthyr Tudful", "Caerphilly", "Caerffili", "Blaenau Gwent", "Torfaen",
        "Tor-faen", "Monmouthshire", "Sir Fynwy", "Newport", "Casnewydd",
    ]  # fmt: skip
    assert {n: _decision(n).nation for n in names} == dict.fromkeys(names, "Wales")
    welsh = [r for r in load_rules() if r.kind == "area" and r.nation == "Wales"]
    assert len(welsh) == 22 + 4  # the principal areas and four combined services


def test_the_english_upper_tier_authorities_are_england():
    english = [r for r in load_rules() if r.kind == "area" and r.nation == "England"]
    # 27 county councils, 55 unitaries and Scilly, 36 metropolitan boroughs, 32 London
    # boroughs and the City, and five combined services
    assert len(english) == 27 + 56 + 36 + 33 + 5
    for name in ("Norfolk", "Leeds", "Hackney", "Rutland", "Herefordshire", "Dorset Combined"):
        assert _decision(name).nation == "England", name


# --------------------------------------------------------------------------- bodies


def test_a_welsh_body_on_the_copy_list_decides_an_unknown_area():
    contacts = [*NEUTRAL, Contact("Youth Justice Board Cymru", "Dewi Jones")]
    assert _decision("Area 0007", contacts) == Decision(
        "Wales", "copy list: Youth Justice Board Cymru"
    )


def test_an_english_body_on_the_copy_list_decides_an_unknown_area():
    contacts = [*NEUTRAL, Contact("Area 0007 Clinical Commissioning Group", "Jan Fooks-Bale")]
    assert _decision("Area 0007", contacts) == Decision(
        "England", "copy list: Clinical Commissioning Group"
    )


@pytest.mark.parametrize(
    "role, name, expected",
    [
        ("Estyn", "Meilyr Rowlands", "Wales"),
        ("CSSIW", "Imelda Richardson", "Wales"),
        ("Welsh Government", "Sam Evans", "Wales"),
        ("Head of Youth Justice, Welsh Assembly Government", "Ann Lee", "Wales"),
        ("Betsi Cadwaladr University Health Board", "Gary Doherty", "Wales"),
        ("Police and Crime Commissioner for Gwent", "Ian Johnston", "Wales"),
        ("Chief Constable of Dyfed-Powys", "Mark Collins", "Wales"),
        ("Ofsted - Social Care", "Mary Candlin", "England"),
        ("Care Quality Commission", "Jan Fooks-Bale", "England"),
        ("Chair, NHS England", "Ann Lee", "England"),
        ("Police and Crime Commissioner for Merseyside", "Jane Kennedy", "England"),
        ("Avon and Somerset Constabulary", "Andy Marsh", "England"),
        ("Link staff", "OFSTED", "England"),  # names are searched too: a lost separator
    ],
)
def test_bodies_of_one_nation_on_the_copy_list(role, name, expected):
    decision = _decision("Area 0007", [*NEUTRAL, Contact(role, name)])
    assert decision.nation == expected
    assert decision.evidence.startswith("copy list: ")


def test_bodies_in_the_text_count_too():
    text = f"{EVERY_REPORT} The YOT worked with the Welsh Government's youth justice team."
    assert _decision("Area 0007", NEUTRAL, text) == Decision("Wales", "text: Welsh Government")


def test_all_the_evidence_of_one_nation_is_given_in_order():
    contacts = [
        Contact("Estyn", "A"),
        Contact("Police and Crime Commissioner for South Wales", "B"),
    ]
    text = f"{EVERY_REPORT} Cryfderau allweddol"
    assert _decision("Cardiff", contacts, text) == Decision(
        "Wales",
        "area: Cardiff; copy list: Estyn; "
        "copy list: Police and Crime Commissioner for South Wales; "
        "text in Welsh: Cryfderau allweddol",
    )


@pytest.mark.parametrize(
    "text",
    [
        EVERY_REPORT,
        "This was worse than the England and Wales average of 37.8%.",
        "The Youth Justice Board for England and Wales monitors the YOT.",
        "NHS England and Wales",  # no such body: "NHS England" must not be read in it
        "Gwent",  # a force's area alone is no force
        "the North Wales coast",
        "Welsh",
        "Arolygiad o Waith Troseddu leuenctid 0161 240 5336",  # the letterhead, as OCR gives it
    ],
)
def test_words_every_report_has_or_that_name_no_body_give_nothing(text):
    assert _decision("Area 0007", NEUTRAL, text) == Decision(None, None)


def test_evidence_of_both_nations_leaves_nation_empty_with_a_warning_naming_both():
    contacts = [Contact("Ofsted - Social Care", "Mary Candlin"), Contact("YJB Cymru", "Dewi Jones")]
    report = _report("Somerset", contacts)
    nation.read_nation(report, EVERY_REPORT)
    assert (report.nation, report.nation_evidence) == (None, None)
    assert [(i.field, i.message) for i in report.issues] == [
        (
            "nation",
            "the report points to both England (area: Somerset; copy list: Ofsted) and Wales "
            "(copy list: YJB Cymru); nation left empty",
        )
    ]


def test_no_evidence_leaves_nation_empty_without_a_warning():
    report = _report("Area 0007", NEUTRAL)
    nation.read_nation(report, EVERY_REPORT)
    assert (report.nation, report.nation_evidence, report.issues) == (None, None, [])


def test_a_report_written_in_welsh_is_wales():
    text = "Crynodeb. Roedd y gyfradd aildroseddu yn well na'r cyfartaledd."
    assert _decision("Area 0007", (), text) == Decision(
        "Wales", "text in Welsh: Crynodeb; text in Welsh: aildroseddu"
    )


# --------------------------------------------------------------------------- real reports


@pytest.mark.parametrize(
    "path, expected",
    [
        (SOMERSET, ("England", "area: Somerset; copy list: Ofsted; copy list: Care Quality "
                    "Commission; copy list: Police and Crime Commissioner for Avon and Somerset")),
        (ST_HELENS, ("England", "area: St Helens; copy list: Ofsted; copy list: Care Quality "
                     "Commission; copy list: Police and Crime Commissioner for Merseyside")),
        (DATA / "st-helens-pdf-text.txt", ("England", "area: St Helens; copy list: Ofsted; "
            "copy list: Care Quality Commission; copy list: Police and Crime Commissioner for "
            "Merseyside")),
        (DATA / "truncated-somerset.md", ("England", "area: Somerset")),
        (DATA / "telford-and-wrekin-2014-05.md", ("England", "area: Telford & Wrekin")),
        # King's Lynn is a town of a lower-tier district; its copy list names Norfolk's force
        (DATA / "kings-lynn-2016-03.txt",
         ("England", "copy list: Police and Crime Commissioner for Norfolk")),
        (DATA / "newtown-2016-05.md", (None, None)),
        (DATA / "riverside-2017-01.md", (None, None)),
        (DATA / "eastshire-2015-12.txt", (None, None)),
        (DATA / "westshire-2015-12.txt", (None, None)),
    ],
    ids=lambda v: getattr(v, "name", ""),
)  # fmt: skip
def test_each_report_of_ours_gives(path, expected):
    report = parse_file(path)
    assert (report.nation, report.nation_evidence) == expected
    assert not [i for i in report.issues if i.field == "nation"]


def test_the_welsh_letterhead_every_report_has_is_not_welsh_text():
    assert "Arolygiad o Waith Troseddu" in SOMERSET.read_text(encoding="utf-8")
    assert "text in Welsh" not in parse_file(SOMERSET).nation_evidence


# --------------------------------------------------------------------------- properties

_NAME_WORD = st.from_regex(r"[A-Z][a-z]{2,9}", fullmatch=True)
_KNOWN_WORDS = {w for r in load_rules() for name in r.names for w in name.split("-")}


@settings(max_examples=200, deadline=None)
@given(words=st.lists(_NAME_WORD, min_size=1, max_size=4), joiner=st.sampled_from([" ", " and "]))
def test_an_area_of_unknown_names_with_no_bodies_gives_nothing(words, joiner):
    assume(not {w for word in words for w in slugify(word).split("-")} & _KNOWN_WORDS)
    area = joiner.join(words)
    assume(not any(r.regex.search(area) for r in load_rules() if r.regex))  # no body named
    assert _decision(area, NEUTRAL, f"{EVERY_REPORT} We inspected {area}.") == Decision(None, None)


_CONTACTS = st.lists(
    st.sampled_from(
        [*NEUTRAL, Contact("Estyn", "A B"), Contact("Ofsted", "C D"), Contact("OFSTED", "E F"),
         Contact("YJB Cymru", "G H"), Contact("Police and Crime Commissioner for Gwent", "I J"),
         Contact("Cheshire Constabulary", "K L"), Contact("Chair", "Welsh Government")]
    ),
    max_size=8,
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    area=st.sampled_from(["Area 0007", "Cardiff", "Somerset", "Conwy and Denbighshire"]),
    contacts=_CONTACTS,
    seed=st.integers(0, 2**32),
)
def test_the_order_of_the_copy_list_never_changes_the_result(area, contacts, seed):
    shuffled = list(contacts)
    random.Random(seed).shuffle(shuffled)
    first, second = _decision(area, contacts), _decision(area, shuffled)
    assert first == second
    assert (first.nation is None) == (first.evidence is None)
    assert first.conflict is None or first.nation is None


_WORDS = st.sampled_from(
    ["Police", "and", "Crime", "Commissioner", "for", "the", "Gwent", "North", "Wales", "Ofsted",
     "OFSTED", "Ofsteds", "Welsh", "Government", "NHS", "England", "Youth", "Justice", "Board",
     "Cymru", "YJB", "Constabulary", "Kent", "Kentish", "Chief", "Constable", "of", "Health",
     "University", "Boards", "CCGs", "Clinical", "Commissioning", "Group", "Crynodeb", "Môn",
     ",", ".", "-", "(", ")", "Dyfed", "Powys", "Dyfed-Powys", "x"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_WORDS, max_size=30), joiners=st.lists(st.sampled_from([" ", "", "\n"])))
def test_looking_only_where_a_rules_words_are_finds_what_a_full_search_finds(words, joiners):
    text = "".join(w + (joiners[i % len(joiners)] if joiners else " ") for i, w in enumerate(words))
    low = text.lower() if text.isascii() else text.translate(nation._ASCII_LOWER)
    for rule in load_rules():
        if rule.regex is None:
            continue
        fast, full = nation._first(rule, text, low), rule.regex.search(text)
        assert (fast and fast.span()) == (full and full.span()), (rule.pattern, text)


# --------------------------------------------------------------------------- the vocabulary


def test_every_rule_has_a_kind_a_nation_and_a_note():
    rules = load_rules()
    assert {r.kind for r in rules} == set(nation.KINDS)
    assert {r.nation for r in rules} == {"England", "Wales"}
    assert all(r.note for r in rules)


def test_every_body_force_and_welsh_words_rule_can_be_looked_for_by_its_words():
    """The fast path: each rule names words to look for first (a rule without them is slow)."""
    for rule in load_rules():
        if rule.kind != "area":
            assert rule.literals and rule.anchors, rule.pattern


HEADER = "kind,pattern,nation,note\n"
NOTHING_OF_A_NATION = "which says nothing of a nation"


@pytest.mark.parametrize(
    "rows, reason",
    [
        ("county,Fife,Scotland,x\n",
         "line 2: kind 'county' is not one of area, body, police, language"),
        ("area,Fife,Scotland,A Scottish council.\n",
         "line 2: nation 'Scotland' is not England or Wales"),
        ("body,Estyn,Wales,\n", "line 2: no note"),
        ("body,,Wales,x\n", "line 2: no pattern"),
        ("body,Estyn,Wales\n", "line 2: no note"),
        ("body,Estyn,Wales,x,y\n",
         "line 2: too many fields (a comma in a pattern or note needs quotes)"),
        ("body,Est(yn,Wales,x\n", "line 2: pattern 'Est(yn' is not a regular expression: "
         "missing ), unterminated subpattern at position 3"),
        ("body,Wales,Wales,x\n", "line 2: pattern 'Wales' matches "
         f"'the England and Wales average of 37.8%', {NOTHING_OF_A_NATION}"),
        ("body,HM Inspectorate,England,x\n", "line 2: pattern 'HM Inspectorate' matches "
         f"'HM Inspectorate of Probation', {NOTHING_OF_A_NATION}"),
        ("language,Arolygiad,Wales,x\n", "line 2: pattern 'Arolygiad' matches "
         f"'Arolygiad o Waith Troseddu Ieuenctid', {NOTHING_OF_A_NATION}"),
        ("body,(?:Estyn)?,Wales,x\n", "line 2: pattern '(?:Estyn)?' matches empty text"),
        ("area,Cardiff|Caerdydd,Wales,x\narea,Newport,Wales,x\narea,Newport,England,x\n",
         "line 4: the area 'newport' is on line 3 already (Wales)"),
        ("area,Cardiff|CARDIFF,Wales,x\n", "line 2: 'Cardiff|CARDIFF' names one area twice"),
        ("area,Cardiff|...,Wales,x\n",
         "line 2: an area name in 'Cardiff|...' has no letters or digits"),
    ],
)  # fmt: skip
def test_a_bad_row_fails_the_load_naming_its_line_and_what_is_wrong(rows, reason):
    with pytest.raises(VocabularyError) as err:
        parse_rules(HEADER + rows)
    assert (err.value.path, err.value.reason) == ("vocab/nations.csv", reason)


def test_a_file_without_the_columns_fails_the_load():
    with pytest.raises(VocabularyError, match=re.escape("line 1: no column nation, note")):
        parse_rules("kind,pattern\narea,Cardiff\n")
