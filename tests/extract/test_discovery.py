"""Companies missing from the registry, found where the parse puts them in a party's place."""
from __future__ import annotations

import pytest

from graph.extract import nlp
from graph.extract.facts import parse_readings
from graph.extract.mentions import find_mentions, namer
from graph.extract.registry import load_registry
from graph.extract.spans import name_organization
from graph.extract.text import Document, split_sentences
from phrasing import facts_of


@pytest.fixture(scope="module")
def packaged():
    """The packaged reference organizations."""
    return load_registry()


def test_an_unlisted_company_in_a_party_role_is_discovered(packaged):
    assert ("merger", "Hyundai", "Korvanta Robotics", "agreed") in {
        (r, *sorted((s, o)), st) for r, s, o, st in facts_of("Hyundai agreed to buy Korvanta Robotics.", packaged)}


def test_a_place_in_a_party_role_is_no_company(packaged):
    assert facts_of("Toyota invested $1 billion in Germany.", packaged) == set()


def test_a_full_personal_name_is_no_company(packaged):
    assert facts_of("Honda will sell the unit to Maria Gonzalez, its founder.", packaged) == set()


def test_a_proper_noun_describing_a_noun_is_no_company(packaged):
    found = facts_of("Magna competes with ADAS makers such as Aptiv and Valeo.", packaged)
    assert not any("ADAS" in (s, o) for _, s, o, _ in found)


def test_a_discovered_company_takes_the_short_name_the_article_also_uses(packaged):
    text = "Nissan took a 5% stake in Quorvex Energy last year. Quorvex will build cells for Nissan."
    assert ("investment", "Nissan", "Quorvex", "active") in facts_of(text, packaged)


def test_a_short_name_after_a_listed_full_name_is_that_company(packaged):
    text = "LG Electronics and Magna formed a venture. LG will hold a 51% stake in Magna Drive Systems."
    parties = {p for _, s, o, _ in facts_of(text, packaged) for p in (s, o)}
    assert "LG" not in parties and "LG Electronics" in parties


def test_a_first_word_before_a_hyphen_is_the_discovered_company_it_opens(packaged):
    text = "Sony has entered into a partnership with Kessler-Brandt. Kessler has struggled and competes with Honda."
    assert facts_of(text, packaged) == {("partnership", "Kessler-Brandt", "Sony", "active"),
                                        ("competition", "Honda", "Kessler-Brandt", None)}


def test_one_company_discovered_under_a_short_and_a_long_name_is_one_party(packaged):
    text = ("Honda acquires stake in battery maker Quorvex. Honda is acquiring a stake of around 3 percent in "
            "Chinese battery cell maker Quorvex Energy. Quorvex is building a plant.")
    parties = {p for _, s, o, _ in facts_of(text, packaged) for p in (s, o)}
    assert parties == {"Honda", "Quorvex"}


def test_a_unit_named_by_what_it_does_is_named_after_its_owner(packaged):
    """'Ford's Advanced Mobility Group' is Ford's unit, a company of its own named with Ford's name; a later
    bare mention is that same unit."""
    text = ("Tencent will invest $200 million in Ford's Advanced Mobility Group. The Advanced Mobility Group "
            "will build software.")
    found = facts_of(text, packaged)
    assert ("investment", "Tencent", "Ford Advanced Mobility Group", "agreed") in found
    assert {p for _, s, o, _ in found for p in (s, o)} == {"Tencent", "Ford", "Ford Advanced Mobility Group"}


def test_a_unit_with_a_name_of_its_own_keeps_it(packaged):
    found = facts_of("Tencent will invest $200 million in Ford's Quorvex Mobility Group.", packaged)
    assert ("investment", "Tencent", "Quorvex Mobility Group", "agreed") in found


def test_a_dateline_in_capitals_is_no_company(packaged):
    text = "LAKE FOREST, May 2 (Example Wire) - Toyota will invest $1 billion in Joby Aviation."
    assert facts_of(text, packaged) == {("investment", "Toyota", "Joby Aviation", "agreed")}


def test_a_fund_named_after_its_parent_is_its_own_company(packaged):
    found = facts_of("Honda Xcelerator Ventures invested in Helix Robotics last year.", packaged)
    assert ("investment", "Honda Xcelerator Ventures", "Helix Robotics", "active") in found


def test_only_sentences_that_can_name_two_parties_are_parsed(packaged):
    text = "Toyota agreed to buy Velnor Robotics. The deal should close next year. It was priced well."
    doc = Document(id="t.txt", text=text, sentences=split_sentences(text), date="2024-07-03")
    assert sorted(parse_readings(doc, find_mentions(doc, packaged), packaged)) == [0]



def test_a_short_name_found_by_discovery_is_the_listed_company_it_opens(packaged):
    text = "LG Electronics agreed to team up with Magna. Its rival, electronics maker LG, said so."
    doc = Document(id="t.txt", text=text, sentences=split_sentences(text), date="2024-07-03")
    named = {text[m.start:m.end]: m.org.label for m in find_mentions(doc, packaged) if not m.resolved}
    assert named.get("LG") == "LG Electronics"


def test_a_ticker_in_brackets_after_a_name_is_no_party(packaged):
    text = "Velnor agreed to a merger with blank-check company Zentrix Acquisition Corp (ZNTX.O) in a deal."
    parties = {p for _, s, o, _ in facts_of(text, packaged) for p in (s, o)}
    assert "Zentrix Acquisition" in parties and "ZNTX.O" not in parties


def test_a_dateline_before_dashes_is_no_company(packaged):
    found = facts_of("KYOTO, May 2 -- Toyota has signed an agreement to acquire Korvanta Robotics.", packaged)
    assert not any("KYOTO" in (s, o) for _, s, o, _ in found)
    assert ("merger", "Korvanta Robotics", "Toyota", "agreed") in found


def test_a_ticker_in_brackets_and_the_rest_of_a_name_after_an_ampersand_are_no_parties(packaged):
    found = facts_of("Parts maker Korvanta Axle & Manufacturing (KVA.N) and Honda will jointly develop a motor.",
                     packaged)
    names = {name for _, s, o, _ in found for name in (s, o)}
    assert "Honda" in names and not names & {"KVA.N", "Manufacturing"}


@pytest.mark.parametrize("text", ["LG Electronics will own a 51% stake in the venture and Magna 49%.",
                                  "LG Electronics will own a 51% stake in the company and Magna 49%.",
                                  "LG Electronics owns 60% of the venture and Magna the remaining 40%."])
def test_a_gapped_clause_shares_no_holding(packaged, text):
    found = facts_of(text, packaged)
    assert not any(s == "LG Electronics" and o == "Magna" for _, s, o, _ in found)


def test_cars_is_dropped_from_a_short_name_but_names_no_company_alone(packaged):
    text = "Zentrix Cars NV agreed to buy Saab. Zentrix said the deal would close in May."
    assert ("merger", "Saab", "Zentrix", "agreed") in {(r, *sorted((s, o)), st) for r, s, o, st in facts_of(text, packaged)}
    headline = "Intel And Mobileye Team Up To Help BMW Get Driverless Cars On The Road"
    assert not any("Cars" in name for _, s, o, _ in facts_of(headline, packaged) for name in (s, o))


def test_a_venture_tentatively_called_a_name_with_a_lowercase_prefix_is_named(packaged):
    text = ("Honda and Magna will form a joint venture to make motors. The joint venture, tentatively called "
            "Zentrix e-Drive, will open in July. Honda will own a 51% stake in the company and Magna 49%.")
    found = facts_of(text, packaged)
    assert {("investment", "Honda", "Zentrix e-Drive", "agreed"), ("investment", "Magna", "Zentrix e-Drive", "agreed")} <= found


def test_a_name_with_a_person_title_inside_is_no_company(packaged):
    text = "Zentrix Audio CEO Maria Lopez joined in 2013. Samsung agreed to buy Zentrix Audio CEO Maria Lopez."
    assert not any("CEO" in name for _, s, o, _ in facts_of(text, packaged) for name in (s, o))


def test_turning_a_company_into_a_subsidiary_is_a_holding(packaged):
    assert ("investment", "Toyota", "Daihatsu", "active") in facts_of(
        "In August, Toyota turned Daihatsu into a wholly owned subsidiary.", packaged)


def test_a_name_of_nothing_but_suffixes_is_no_company(packaged):
    found = facts_of("Toyota teamed up with 0 Corp. 0 Corp teamed up with Toyota.", packaged)
    assert not any(name.rstrip(".") in ("Corp", "0 Corp") for _, s, o, _ in found for name in (s, o))


def test_a_demonym_right_after_a_descriptor_opens_the_name_unless_the_rest_is_known(packaged):
    found = facts_of("Parts maker American Korvanta and Japanese carmaker Honda will jointly develop a motor.", packaged)
    assert ("partnership", "American Korvanta", "Honda", "agreed") in found
    found = facts_of("Carmaker American Honda will jointly develop a motor with Zentrix Motors.", packaged)
    assert {s for _, s, o, _ in found} | {o for _, s, o, _ in found} == {"Honda", "Zentrix Motors"}


def test_a_company_described_as_one_is_discovered_and_later_descriptions_mean_it(packaged):
    """'Korvanta is an electric-vehicle startup' names a company no registry knows; 'the company' of the next
    sentences then means it, and the sentences it changed are parsed again."""
    text = ("Apple held talks about cars in 2020. Korvanta is an electric-vehicle startup based in Ohio. "
            "The company entered a deal with Honda to jointly develop a platform.")
    found = facts_of(text, packaged)
    assert ("partnership", "Honda", "Korvanta", "agreed") in found
    assert not any("Apple" in (s, o) for _, s, o, _ in found)


def test_a_name_the_text_uses_as_a_car_brand_is_no_party_there(packaged):
    """'their jointly owned Lynk & Co car brand' treats the name as a brand; 'its Lynk & Co unit' as a company."""
    assert facts_of("Geely and Volvo Cars will boost sales of their jointly owned Lynk & Co car brand.",
                    packaged) == set()
    assert ("investment", "Geely", "Lynk & Co", "active") in facts_of(
        "Geely owns Lynk & Co, which it set up with Volvo Cars.", packaged)


def test_a_legal_suffix_after_an_ampersand_stays_in_the_name():
    from graph.extract.registry import strip_suffixes
    assert strip_suffixes("Lynk & Co") == "Lynk & Co" and strip_suffixes("Honda Motor Co., Ltd.") == "Honda Motor"


def test_a_country_possessive_of_several_words_is_no_part_of_a_discovered_name(packaged):
    found = facts_of("Rivian is majority-owned by Saudi Arabia's Korvanta Investment Fund.", packaged)
    assert ("investment", "Korvanta Investment Fund", "Rivian", "active") in found


@pytest.mark.parametrize("text", ["Nissan's new Leaf uses batteries made by Panasonic.",
                                  "Volvo's EX90 uses lidar made by Luminar."])
def test_a_name_another_name_possesses_is_its_product_no_company(packaged, text):
    found = facts_of(text, packaged)
    assert not any(name in (s, o) for _, s, o, _ in found for name in ("Leaf", "EX90"))


def test_a_name_the_article_already_made_a_company_stays_one_whatever_the_tagger_says(packaged):
    """The entity recognizer calls 'Kalmar' a place here; once the article has named Kalmar as a company (a
    party elsewhere), the name is that company."""
    parsed = next(nlp.parses(["Honda raised its stake in Kalmar to 20% last year."]))
    assert namer(parsed, packaged, {})("Kalmar") is None
    found: dict = {}
    name_organization("Kalmar", packaged, found)
    assert namer(parsed, packaged, found)("Kalmar").label == "Kalmar"


def test_a_name_a_word_for_a_person_describes_is_no_candidate():
    from graph.extract.relations import proper_names
    def names(text: str) -> list[str]:
        doc = nlp.load()(text)
        return [doc[a:b].text for a, b in proper_names(doc[:], [])]
    assert "Masahiro Kato" in names("The fund is run by Masahiro Kato.")
    assert "Masahiro Kato" not in names("The fund is run by tycoon Masahiro Kato.")


def test_a_possessive_after_a_descriptor_names_the_possessor(packaged):
    found = facts_of("Honda will use battery maker Korvanta's cells in its next hybrid.", packaged)
    assert ("supply", "Korvanta", "Honda", "agreed") in found


def test_a_month_before_a_corporate_suffix_opens_a_name_but_before_a_known_name_is_a_date(packaged):
    assert ("partnership", "Lyft", "May Mobility", "agreed") in facts_of(
        "Lyft will team up with May Mobility to launch robotaxis.", packaged)
    assert facts_of("In May Toyota Motor agreed to invest in Mazda.", packaged) == {
        ("investment", "Toyota", "Mazda", "agreed")}


def test_a_model_code_in_a_party_role_is_no_company(packaged):
    found = facts_of("Hyundai Mobis will provide the battery modules for the EV9 made in Georgia.", packaged)
    assert not any("EV9" in (subject, obj) for _, subject, obj, _ in found)


@pytest.mark.parametrize("text", [
    "Voyah, which is majority-owned by Geely, will launch a sedan in May.",
    "Voyah, the premium brand majority-owned by Geely, will launch a sedan in May.",
    "Voyah, a carmaker majority owned by Geely, will launch a sedan in May.",
])
def test_what_a_passive_verb_of_owning_says_is_owned_is_a_company(packaged, text):
    # the entity recognizer may call such a name a place; people and places are not owned by companies
    assert facts_of(text, packaged) == {("investment", "Geely", "Voyah", "active")}


def test_names_listed_before_a_common_noun_they_modify_are_products(packaged):
    # 'the Q5 and Q7 large SUVs': the first name is listed with the one that modifies 'SUVs'
    assert facts_of("Farasis supplied cells for the Ardent and Zephyr compact models until May.", packaged) == set()


def test_a_name_a_share_of_which_is_bought_is_a_company(packaged):
    assert facts_of("Geely will buy 30% of Kestrova for 240 million euros.", packaged) == {
        ("investment", "Geely", "Kestrova", "agreed")}


def test_the_name_of_an_alliance_is_no_company(packaged):
    assert facts_of("Geely and Dongfeng have joined the Baidu-led Apollo Driving Alliance.", packaged) == {
        ("partnership", "Baidu", "Geely", "active"), ("partnership", "Baidu", "Dongfeng", "active")}


def test_a_name_a_demonym_opens_is_a_company_when_the_recognizer_says_so(packaged):
    # 'American Axle', 'Japan Display': the whole name is an organization's, not a nationality and a word
    assert ("supply", "Japan Display", "Honda", "agreed") in facts_of("Japan Display will supply screens to Honda.",
                                                                     packaged)
    assert facts_of("German Chancellor Olaf Scholz met Toyota executives in Berlin.", packaged) == set()


def test_a_name_a_city_opens_takes_the_short_name_the_article_uses_without_it(packaged):
    # Chinese company names often open with their city and end with what they do; the article then uses the
    # name in the middle alone
    text = "Chery will buy a stake in Wuhan Lanxin Intelligent Technology. Lanxin makes lidar sensors."
    assert facts_of(text, packaged) == {("investment", "Chery", "Lanxin", "agreed")}


def test_a_name_a_descriptor_opens_ends_at_a_sentence_break(packaged):
    # 'its unit Cariad. In China, ...': the sentence after the break names no company
    text = "Volkswagen moved its work to its unit Cariad. In China, the German group agreed to set up a joint " \
           "venture with Horizon Robotics."
    assert facts_of(text, packaged) == {("investment", "Volkswagen", "Cariad", "active"),
                                        ("partnership", "Horizon Robotics", "Volkswagen", "agreed")}


@pytest.mark.parametrize("text", [
    "Ouster and Velodyne agreed to combine in an all-stock merger.",
    "Velodyne and Ouster agreed to combine in an all-stock merger.",
])
def test_a_company_named_by_a_common_word_beside_a_name_is_a_name(packaged, text):
    # the tagger reads 'Ouster' as the noun 'ouster'; joined by 'and' to a name, it is one
    assert facts_of(text, packaged) == {("merger", "Ouster", "Velodyne", "agreed")}


def test_a_common_noun_before_a_list_of_names_stays_a_noun(packaged):
    assert not [f for f in facts_of("Members of the group, Honda and Toyota, will adopt the software.", packaged)
                if "Members" in f[1:3]]


def test_a_name_an_article_opens_is_no_discovered_company(packaged):
    # 'such as the Thar': a model, which takes 'the' where a company's name does not
    text = "Mahindra has been gaining ground with new launches such as the Thar and faces competition from Hyundai."
    assert facts_of(text, packaged) == {("competition", "Hyundai", "Mahindra", None)}


@pytest.mark.parametrize("dateline", ["DETROIT/SEOUL, Oct 12 - ", "NEW YORK/SEOUL, Oct 12 (Wire) - "])
def test_a_dateline_of_two_cities_joined_by_a_slash_is_no_company(packaged, dateline):
    # 'DETROIT/SEOUL, Oct 12 -' opens the story; 'in Seoul' later is a place, not a company held
    text = dateline + "General Motors said on Tuesday that LG Energy Solution had agreed to pay for the " \
           "recall.\n\nShares of LG Chem rose 2.9% and LG Electronics gained 1.6% in Seoul on Wednesday."
    assert not [f for f in facts_of(text, packaged) if "SEOUL" in f[1:3] or "Seoul" in f[1:3]]
