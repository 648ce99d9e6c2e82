"""graph.extract.coref: nominals, pronouns, demonyms and plurals resolved to the companies they point at."""
from __future__ import annotations

import pytest

from phrasing import facts_of


def test_the_two_companies_carry_the_fact(registry):
    text = "Nissan and Honda met on Monday. The two companies signed a memorandum of understanding on batteries."
    assert facts_of(text, registry) == {("partnership", "Honda", "Nissan", "agreed")}


def test_a_plural_nominal_continues_an_earlier_plural(registry):
    text = ("Honda and Nissan met on Monday. Tesla cut prices. BYD cut prices. The pair will share engines. "
            "Mitsubishi Motors, in which Nissan holds a stake, said little. Both automakers compete with Tesla.")
    got = facts_of(text, registry)
    assert ("competition", "Honda", "Tesla", None) in got and ("competition", "Mitsubishi Motors", "Tesla", None) not in got


def test_a_unit_of_a_named_parent(registry):
    got = facts_of("Rivian, the software unit of Ford parent Toyota, hired staff.", registry)
    assert ("investment", "Toyota", "Rivian", "active") in got and ("investment", "Toyota", "Ford", "active") in got
    assert ("investment", "Ford", "Rivian", "active") not in got


def test_they_continues_the_coordinated_subject(registry):
    got = facts_of("Toyota and Honda signed a pact on Monday. They also jointly own battery maker Panasonic.", registry)
    assert {("investment", "Toyota", "Panasonic", "active"), ("investment", "Honda", "Panasonic", "active")} <= got


def test_both_allies_is_a_plural_nominal(registry):
    got = facts_of("Ford and Volkswagen met on Monday. Both allies compete with Tesla.", registry)
    assert ("competition", "Ford", "Tesla", None) in got and ("competition", "Tesla", "Volkswagen", None) in got


def test_a_based_demonym_names_its_country(registry):
    got = facts_of("Tesla sold its Asian business to Toyota in exchange for a stake in the Japan-based company.", registry)
    assert ("investment", "Tesla", "Toyota", "active") in got and not {f for f in got if f[0] == "supply"}


def test_its_demonym_partner_may_be_named_earlier_in_the_sentence(registry):
    got = facts_of("Ford will cut its holding in Nissan, matching the stake that Nissan owns in its American partner.",
                   registry)
    assert ("investment", "Nissan", "Ford", "active") in got


def test_a_distant_plural_means_the_most_named_companies(registry):
    text = ("Toyota and BYD signed a pact. Toyota will lead it. BYD agreed. Honda cut prices. Nissan cut prices. "
            "Ford cut prices. Rivian cut prices. Both carmakers face competition from Tesla.")
    got = facts_of(text, registry)
    assert {("competition", "Tesla", "Toyota", None), ("competition", "BYD", "Tesla", None)} <= got


def test_a_venture_they_own_belongs_to_the_plural_before(registry):
    got = facts_of("Ford and Baidu run robotaxis through Rivian, a venture they own jointly.", registry)
    assert {("investment", "Ford", "Rivian", "active"), ("investment", "Baidu", "Rivian", "active")} <= got


def test_a_dotted_demonym_nominal(registry):
    assert ("competition", "BYD", "Tesla", None) in facts_of(
        "Tesla cut prices on Monday. BYD said it would take on the U.S. company in Europe.", registry)



@pytest.mark.parametrize("text, right, wrong", [
    # 'its' is the company the clause's verb takes before it, not the one the sentence named first
    ("Partnering with Ford could give Honda an edge over its arch-rival, Toyota.",
     ("competition", "Honda", "Toyota", None), ("competition", "Ford", "Toyota", None)),
    # 'its' after a verb with its own subject is that subject
    ("Honda said Toyota would raise its stake in Tesla.",
     ("investment", "Toyota", "Tesla", "active"), ("investment", "Honda", "Tesla", "active")),
    # a thing doing what the verb tells ('the move') is no company: 'its' is the company the verb acts on
    ("Tesla builds cars in Texas. The move sets Honda apart from its rivals Toyota and Nissan.",
     ("competition", "Honda", "Toyota", None), ("competition", "Tesla", "Toyota", None)),
    # but a description of a company is one ('the scooter maker' counts Honda among its customers)
    ("Tesla builds cars in Texas. The scooter maker counts Honda among its customers.",
     ("supply", "Tesla", "Honda", "active"), ("supply", "Honda", "Honda", "active")),
])
def test_its_is_bound_in_its_own_clause(registry, text, right, wrong):
    found = facts_of(text, registry)
    assert right in found and wrong not in found


def test_its_after_a_copula_is_not_the_subject(registry):
    text = "Nissan's partner Renault, which remains its largest shareholder, studied the offer."
    assert ("investment", "Renault", "Nissan", "active") in facts_of(text, registry)


def test_its_country_rival_points_back_and_an_apposed_rival_relates(registry):
    text = ("Tesla aims to sell a million cars by 2020, years ahead of Volkswagen's target. The German automaker "
            "claims it is positioned to leapfrog its American rival within ten years.")
    assert ("competition", "Tesla", "Volkswagen", None) in facts_of(text, registry)
    text = "Toyota said on Monday it will raise prices. Honda, its Japanese rival, did the same."
    assert ("competition", "Honda", "Toyota", None) in facts_of(text, registry)


def test_its_main_competitor_is_a_relation_not_a_pointer(registry):
    text = "Toyota sells fuel-cell cars. Its main competitor in hydrogen cars is Honda."
    assert ("competition", "Honda", "Toyota", None) in facts_of(text, registry)


def test_it_in_a_clause_inside_another_is_that_clauses_subject(registry):
    text = ("Toyota bought a stake in Honda. Founded in 1948 in Tokyo, Honda sells most of its cars abroad, "
            "where it competes with rivals such as Ford and Tesla.")
    found = facts_of(text, registry)
    assert {("competition", "Ford", "Honda", None), ("competition", "Honda", "Tesla", None)} <= found
    assert not any(f[0] == "competition" and "Toyota" in f[1:3] for f in found)


def test_its_bound_through_an_it_bound_before(registry):
    found = facts_of("Toyota's truck unit Hino said on Thursday it had completed its acquisition of Tesla.", registry)
    assert ("merger", "Hino", "Tesla", "active") in found
    assert ("merger", "Tesla", "Toyota", "active") not in found


def test_an_unnamed_holding_company_is_no_party(registry):
    text = ("Honda and Nissan will merge. Honda and Nissan will each own an equal share of the holding company, "
            "which has yet to be named.")
    assert not any(f[0] == "investment" for f in facts_of(text, registry))


def test_its_never_means_the_company_its_own_noun_phrase_names(registry):
    """'its entire Tesla stake' is not Tesla's: the pronoun falls to the company named before it, not the one the
    previous sentence was about."""
    text = ("Tesla opened a plant in Berlin. The news follows word of Panasonic quietly shedding its entire "
            "Tesla stake last year.")
    got = facts_of(text, registry)
    assert ("investment", "Panasonic", "Tesla", "ended") in got
    assert not any(s == o for _, s, o, _ in got)


@pytest.mark.parametrize("text, speaker", [
    ('"We will build the cars with Toyota," Honda said.', "Honda"),
    ("We will build the cars with Toyota, said Honda.", "Honda"),
    ('"Our work with Toyota goes on," said Honda, which leads the group.', "Honda"),
    ('Honda\'s chief executive, Jane Rowe, said "our work with Toyota goes on."', "Honda"),
    ('Honda CEO John Smith said: "We will build the cars with Toyota."', "Honda"),
])
def test_we_and_our_in_reported_words_mean_the_company_that_speaks(registry, text, speaker):
    pairs = {frozenset((s, o)) for _, s, o, _ in facts_of(text, registry)}
    assert frozenset((speaker, "Toyota")) in pairs


def test_we_with_no_company_speaking_means_none(registry):
    assert facts_of("We will work with Toyota, analysts at Nikkei said.", registry) == set()


def test_a_description_opening_an_inner_clause_is_not_the_sentence_subject(registry):
    """'X invested in Y as the firm races Z': a writer meaning X would have said 'it'; the description is
    parsed as a name would be, so its clause is read."""
    got = facts_of("Sony has bought a stake in Tesla as the carmaker battles Apple for buyers.", registry)
    assert ("competition", "Apple", "Tesla", None) in got
    assert ("competition", "Apple", "Sony", None) not in got


def test_a_conglomerate_described_by_its_country_is_resolved(registry):
    text = ("Sony unveiled a robot on Monday. Rivian has lost money for years. The Japanese conglomerate announced "
            "its agreement with Tencent to buy a controlling interest in the truck maker.")
    assert ("investment", "Sony", "Rivian", "agreed") in facts_of(text, registry)


def test_a_description_is_neither_its_clauses_subject_nor_the_last_company_before_it(registry):
    """'X announced its agreement with Y to buy the robot firm': the firm is a third company."""
    text = ("Rivian has lost money for years. Honda announced its agreement with Tencent to acquire a "
            "controlling interest in the truck maker.")
    found = facts_of(text, registry)
    assert ("investment", "Honda", "Rivian", "agreed") in found
    assert not any("Rivian" not in (s, o) for r, s, o, _ in found if r == "investment")


def test_a_description_in_a_reported_clause_may_mean_the_company_that_spoke(registry):
    found = facts_of("Rivian said on Monday that Honda invested $500 million in the company.", registry)
    assert ("investment", "Honda", "Rivian", "active") in found


def test_its_right_after_a_coordinated_name_is_that_company(registry):
    """'As for Honda and its car plans, the company ...': 'its' and 'the company' are Honda, not the previous
    sentence's subject."""
    text = ("Rivian has lost money for years. As for Honda and its car plans, the company was reported to be "
            "planning an electric SUV with Sony.")
    found = facts_of(text, registry)
    assert ("partnership", "Honda", "Sony", "considering") in found
    assert not any("Rivian" in (s, o) for _, s, o, _ in found)


def test_a_singular_it_never_means_a_member_of_the_previous_coordinated_subject(registry):
    """'A and B are putting up X and C will pour Y. It is already ...': 'it' is C, the one company that was a
    subject on its own, not A."""
    text = ("Toyota and Honda are putting up $600 million and Sony will pour $300 million into the venture. "
            "It is already the top shareholder in Tesla, holding 16 percent.")
    found = facts_of(text, registry)
    assert ("investment", "Sony", "Tesla", "active") in found
    assert ("investment", "Toyota", "Tesla", "active") not in found


def test_it_after_a_dateline_means_the_company_that_speaks(registry):
    """The parser may make a capitalised dateline a second subject of 'said'; 'it' still means the unit."""
    text = ("OSAKA, July 1 (wire) - Sony's battery unit Panasonic said on Thursday it had completed its "
            "acquisition of Rivian.")
    found = facts_of(text, registry)
    assert ("merger", "Panasonic", "Rivian", "active") in found
    assert not any(r == "merger" and "Sony" in (s, o) for r, s, o, _ in found)


def test_a_nominal_after_a_preposition_is_no_modifier_of_its(registry):
    """'its holding in the company' is 'its' and 'the company', not one nominal 'its ... company'."""
    got = facts_of("Honda bought into Rivian in 2005, after Sony sold its holding in the company.", registry)
    assert ("investment", "Sony", "Rivian", "ended") in got


def test_a_manufacturer_described_by_its_country_is_the_company_of_that_country(registry):
    got = facts_of("Apple and Sony said they would work together, and the Japanese contract manufacturer will use "
                   "Tesla's cells.", registry)
    assert ("supply", "Tesla", "Sony", "agreed") in got


@pytest.mark.parametrize("head", ["vehicle makers", "truck makers", "makers"])
def test_the_two_makers_of_a_kind_point_back_at_the_pair(registry, head):
    got = facts_of(f"Toyota owns 5% of Honda. The two Japanese {head} formed an alliance in 2019.", registry)
    assert ("partnership", "Honda", "Toyota", "active") in got


def test_a_word_for_what_a_company_makes_before_its_head_narrows_the_kind(registry):
    got = facts_of("Honda and Panasonic deepened their partnership. The battery company will supply cells for the "
                   "Japanese carmaker's vans.", registry)
    assert ("supply", "Panasonic", "Honda", "agreed") in got


def test_we_in_a_quote_is_the_company_of_the_titled_speaker(registry):
    text = '"We will build the cars with Sony," Honda Chief Executive Toshihiro Mibe said on Monday.'
    assert ("partnership", "Honda", "Sony", "agreed") in facts_of(text, registry)


def test_a_nominal_opening_a_sentence_may_mean_the_company_reported_as_speaking(registry):
    assert ("investment", "Honda", "Rivian", "active") in facts_of(
        "The Japanese carmaker holds 20% of Rivian, Honda said in its annual report.", registry)
    assert ("investment", "Honda", "Rivian", "active") not in facts_of(
        "The German carmaker holds 20% of Rivian, Honda said in its annual report.", registry)


@pytest.mark.parametrize("text, fact", [
    ("Honda said Toyota would supply it with batteries.", ("supply", "Toyota", "Honda", "agreed")),
    ("Sony says Tesla has agreed to buy batteries from it.", ("supply", "Sony", "Tesla", "agreed")),
])
def test_object_it_in_a_reported_clause_is_not_that_clauses_subject(registry, text, fact):
    # the company opening a clause after 'said' is its subject, which the object 'it' cannot mean
    assert facts_of(text, registry) == {fact}


def test_the_parents_unit_means_the_company_told_of_before_not_the_parent(registry):
    found = facts_of("Rivian cut its prices again. The Toyota unit is working with Tesla on chargers.", registry)
    assert ("partnership", "Rivian", "Tesla", "active") in found
    assert not any("Toyota" in f[1:3] for f in found)


def test_a_kind_no_listed_company_has_points_at_the_unlisted_company(registry):
    # Honda is a carmaker: 'the battery maker' can only be the company the registry does not know
    text = ("Honda and Vantrix set up a research venture last year. The Osaka-based battery maker said it had "
            "ended a deal to supply packs to Nissan.")
    assert facts_of(text, registry) == {("partnership", "Honda", "Vantrix", "active"),
                                        ("supply", "Vantrix", "Nissan", "ended")}


@pytest.mark.parametrize("based", ["Kadoma-based", "Kadoma-headquartered", "Kadoma-domiciled"])
def test_a_company_described_by_where_it_is_based_is_the_one_the_text_is_about(registry, based):
    # 'the Kadoma-based company' names no country the registry knows: it is the previous sentence's subject, not
    # the company named last
    text = ("Panasonic posted a loss as orders from Toyota slowed. A spokesman said the {based} company would "
            "keep competing with Tesla.").format(based=based)
    assert facts_of(text, registry) == {("competition", "Panasonic", "Tesla", None)}


def test_a_known_place_of_another_country_than_the_topics_leaves_the_reading_by_country(registry):
    # Volkswagen is German: 'the Osaka-based company' is the Japanese company named, not the sentence's subject
    text = "Volkswagen bought a stake in Panasonic, and the Osaka-based company will supply cells to Honda."
    assert ("supply", "Panasonic", "Honda", "agreed") in facts_of(text, registry)


def test_a_company_based_somewhere_as_the_object_of_the_topics_own_clause_is_another(registry):
    # 'X, which owns ..., relies on the Y-based company': not X itself
    text = "Toyota, which owns about a quarter of Panasonic, relies on the Osaka-based company for cells."
    assert ("supply", "Panasonic", "Toyota", "active") in facts_of(text, registry)


def test_it_inside_a_relative_clause_never_means_the_noun_the_clause_modifies(registry):
    # 'in which it holds a stake': a company holds no stake in itself, so 'it' is the company reporting
    assert facts_of("Honda said Rivian, in which it holds a stake, had delayed its van.", registry) == {
        ("investment", "Honda", "Rivian", "active")}


@pytest.mark.parametrize("opening", ["Both, however, still trail", "They still trail", "Both still lag"])
def test_a_plural_pronoun_opening_a_sentence_continues_the_pair_before(registry, opening):
    text = f"Toyota and Nissan are growing fast in Brazil. {opening} Honda there."
    assert facts_of(text, registry) == {("competition", "Honda", "Toyota", None), ("competition", "Honda", "Nissan", None)}


def test_its_description_apposed_to_a_name_relates_the_name_to_the_speaker(registry):
    # 'GM, its partner in X': no pointer at a partner, but 'its' meaning the company that reports it
    assert facts_of("Panasonic said demand at Toyota, its partner in the battery venture, had slowed.",
                    registry) == {("partnership", "Panasonic", "Toyota", "active")}


def test_the_company_in_a_relative_clause_can_be_the_clauses_object_named_before(registry):
    # in 'X, which supplies Y and holds a stake in the company', the clause's subject is X, so the company is Y
    text = ("Honda is weighing raising its stake in Nissan. Toyota, which supplies engines to Nissan and holds a small "
            "stake in the company, will not take part.")
    assert ("investment", "Toyota", "Nissan", "active") in facts_of(text, registry)
    assert not {f for f in facts_of(text, registry) if f[:3] == ("investment", "Toyota", "Honda")}



def test_its_opening_an_apposition_in_a_reported_clause_is_the_speakers(packaged_registry):
    # 'A said B ..., while C, its other customer, ...': A's customer, not B's
    text = "Hesai said Volvo Cars had ended their contract, while Mercedes-Benz, its other big customer, has cut orders too."
    assert facts_of(text, packaged_registry) == {("supply", "Hesai", "Mercedes-Benz", "active")}


def test_its_under_a_verb_with_no_subject_of_its_own_is_the_controlling_subjects(registry):
    # 'X continues to build ... at its plant': X's plant, not that of the brand named in the object
    text = "Toyota continues to build the Honda Fit hatchback on its own platform at its plant in Mexico."
    assert ("supply", "Honda", "Toyota", "active") not in facts_of(text, registry)


def test_a_company_based_in_a_known_place_as_a_clauses_subject_is_the_topic(registry):
    # Mazda and Toyota are Japanese too: the Osaka-based company opening a clause is the one the sentence is about
    text = ("Panasonic said it would supply cells to Mazda, adding a customer to a list long led by Toyota, for which "
            "the Osaka-based company builds packs in Japan.")
    assert facts_of(text, registry) == {("supply", "Panasonic", "Mazda", "agreed"),
                                        ("supply", "Panasonic", "Toyota", "active")}


@pytest.mark.parametrize("text, fact", [
    ("Rivian has struggled. Honda remains its biggest shareholder.", ("investment", "Honda", "Rivian", "active")),
    ("Rivian has struggled to make money. Toyota, its largest shareholder, also remains its biggest customer.",
     ("supply", "Rivian", "Toyota", "active")),
])
def test_its_after_a_copula_in_a_main_clause_is_not_its_subject(registry, text, fact):
    # 'X remains its ...': 'its' is the company before, never X
    assert fact in facts_of(text, registry)


def test_the_two_start_ups_hyphenated_are_the_pair_before(registry):
    text = "Rivian is building a plant, while Tesla is expanding in Texas. The two start-ups are fighting each other " \
           "for buyers."
    assert facts_of(text, registry) == {("competition", "Rivian", "Tesla", None)}


@pytest.mark.parametrize("text, facts", [
    # an apposition describes the name before it; the description said again later means that name
    ("Rivian, the electric-truck startup backed by Ford, hired engineers. Tesla began selling cars in India in May. "
     "The startup also competes with BYD.",
     {("competition", "BYD", "Rivian", None), ("investment", "Ford", "Rivian", "active")}),
    # so does a kind word right before a name
    ("Electric-truck startup Rivian hired engineers from Tesla. Honda later invested $400 million in the startup.",
     {("investment", "Honda", "Rivian", "active")}),
])
def test_a_description_said_again_means_the_company_it_described(registry, text, facts):
    assert facts_of(text, registry) == facts


def test_a_company_named_in_the_descriptions_own_sentence_comes_first(registry):
    text = ("Electric-truck startup Rivian sold shares. Toyota agreed to buy 5% of Tesla and to build cars with the "
            "Texas-based startup.")
    assert facts_of(text, registry) == {("investment", "Toyota", "Tesla", "agreed"),
                                        ("partnership", "Tesla", "Toyota", "agreed")}


def test_its_in_an_opening_participle_is_the_subject_it_leads_into(registry):
    text = "Tesla cut prices. Counting Sony among its shareholders, Honda is expanding fast."
    assert facts_of(text, registry) == {("investment", "Sony", "Honda", "active")}


@pytest.mark.parametrize("text, facts", [
    # the company a copula says is (one of) the kind a participle describes does what the participle tells
    ("Honda is a startup battling Toyota for buyers.", {("competition", "Honda", "Toyota", None)}),
    ("Honda is one of a handful of startups battling Toyota and Nissan.",
     {("competition", "Honda", "Toyota", None), ("competition", "Honda", "Nissan", None)}),
    # 'one of the startups' names a kind, not the companies named before
    ("Tesla and Sony cut prices. Honda is one of the startups battling Toyota.",
     {("competition", "Honda", "Toyota", None)}),
])
def test_a_member_of_a_kind_does_what_the_kind_does(registry, text, facts):
    assert facts_of(text, registry) == facts


def test_they_opening_a_sentence_with_a_verb_of_dealing_is_the_pair_before(registry):
    text = "Sony and Honda are old friends. They teamed up with Tesla last July to build robotaxis."
    assert facts_of(text, registry) == {("partnership", "Honda", "Tesla", "active"),
                                        ("partnership", "Sony", "Tesla", "active")}
