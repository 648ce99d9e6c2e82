"""Status from the structure that governs a relation (rules/status.json read by graph.extract.status)."""
from __future__ import annotations

import pytest

from phrasing import facts_of


@pytest.mark.parametrize("sentence, fact", [
    # a new tie-up told in the present progressive is announced, not yet running
    ("Honda is teaming up with Baidu on connected cars.", ("partnership", "Baidu", "Honda", "agreed")),
    # 'would' in what a company says it decided is a decision, not a hedge
    ("Toyota said it would form a joint venture with Tencent.", ("partnership", "Tencent", "Toyota", "agreed")),
    # news backshifts 'will': a bare 'would' tells a plan decided; under a condition it is only considered
    ("Toyota's chargers would be run through a partnership with Tencent.", ("partnership", "Tencent", "Toyota", "agreed")),
    ("Toyota would take a stake in Tencent if regulators agree.", ("investment", "Toyota", "Tencent", "considering")),
    # a verb coordinated with the relation's lends its auxiliaries, not its sense
    ("Sony is investigating scooter batteries with Honda and will help Tesla raise output.",
     ("partnership", "Sony", "Tesla", "agreed")),
    # a joint development put on hold has ended, however deep the parser hangs 'on hold'
    ("Sony and Tesla have put their joint development of robotaxis on hold.", ("partnership", "Sony", "Tesla", "ended")),
    ("Sony and Tesla put their cooperation on automated driving on hold.", ("partnership", "Sony", "Tesla", "ended")),
    # closing a takeover completes it
    ("Sony closes Rivian takeover, bringing trucks to Japan", ("merger", "Rivian", "Sony", "active")),
    # a hedge: 'probably', 'in all probability'
    ("Honda will in all probability form a joint venture with Sony.", ("partnership", "Honda", "Sony", "considering")),
    ("Honda will probably invest in Sony.", ("investment", "Honda", "Sony", "considering")),
    # a headline's infinitive tells what will be done
    ("Sony to Help Tesla Build Robotaxis", ("partnership", "Sony", "Tesla", "agreed")),
    # resizing a holding it owns says the holding exists
    ("Renault will cut its stake in Nissan to 15%.", ("investment", "Renault", "Nissan", "active")),
    # a company created by a merger: the merger happened
    ("Stellantis was created through the merger of PSA and Fiat Chrysler.", ("merger", "Fiat Chrysler", "PSA", "active")),
    # ... and so does one formed 'by' it
    ("Tesla was formed by the merger of Sony and Honda.", ("merger", "Honda", "Sony", "active")),
    # a passive sale told in the past is done
    ("Rivian was sold to Toyota in 2021.", ("investment", "Toyota", "Rivian", "active")),
    # 'offering' rides is no offer to buy: the partnership it runs through is active
    ("Honda, which has been offering car loans through a partnership with Baidu, opened a plant.",
     ("partnership", "Baidu", "Honda", "active")),
    # a description after a name and a comma describes that name, wherever the parser hangs it
    ("Sony has sold its sensor technology to Zentrix Mobility, a company backed by Honda.",
     ("investment", "Honda", "Zentrix Mobility", "active")),
    # talks that reached no deal were talks: 'no deal' reads no deal
    ("Sony and Honda held talks on batteries, but no deal was reached.",
     ("partnership", "Honda", "Sony", "considering")),
    # what a plant being built is for is still to come; 'opened a plant' is no opening to consider
    ("Panasonic is building a plant in Kansas to supply Tesla.", ("supply", "Panasonic", "Tesla", "agreed")),
    ("Panasonic opened a plant in Kansas to supply Tesla in 2019.", ("supply", "Panasonic", "Tesla", "active")),
    ("Panasonic is building a plant in Kansas to supply Tesla and other carmakers.",
     ("supply", "Panasonic", "Tesla", "agreed")),
    # a description a name premodifies is that company: the verb tells what it does, not the state of the holding
    ("Sony's Zentrix Mobility unit will use Tesla's cells in its scooters.",
     ("investment", "Sony", "Zentrix Mobility", "active")),
    ("Tesla will buy cells from Sony's Zentrix Mobility unit.", ("investment", "Sony", "Zentrix Mobility", "active")),
    ("Sony plans to list its Zentrix Mobility unit in Tokyo.", ("investment", "Sony", "Zentrix Mobility", "active")),
    ("Sony will sell its Zentrix Mobility unit to Honda.", ("investment", "Sony", "Zentrix Mobility", "ended")),
    # a deal expected to close is agreed; aiming to complete one is a plan
    ("Sony and Honda said they aimed to complete their merger by 2026.", ("merger", "Honda", "Sony", "considering")),
    # ending a deal ends what a relative clause tells of its terms
    ("Honda terminated the agreement under which Sony supplied it with sensors.",
     ("supply", "Sony", "Honda", "ended")),
    # a possessed standing tie that does something exists; only its end is told by its verb
    ("Sony and Honda's joint venture will launch its second model next year.",
     ("partnership", "Honda", "Sony", "active")),
    ("Sony's joint venture with Honda will be dissolved.", ("partnership", "Honda", "Sony", "ended")),
    # what a relation does to something else is not what happens to it
    ("The joint venture between Sony and Honda sold fewer cars last year.", ("partnership", "Honda", "Sony", "active")),
    # splitting up a named venture ends it; a memorandum to begin talks is for talking
    ("Sony and Honda agreed to split up Sony Honda Mobility, their joint venture.",
     ("partnership", "Honda", "Sony", "ended")),
    ("Sony and Honda signed a memorandum to begin talks on a merger.", ("partnership", "Honda", "Sony", "considering")),
    # not ruling out a tie is keeping it open
    ("Honda did not rule out a tie-up with Sony.", ("partnership", "Honda", "Sony", "considering")),
    # paying for a stake is taking it: a new deal unless told in the past
    ("Sony is paying $900 million for a 20% stake in Rivian.", ("investment", "Sony", "Rivian", "agreed")),
    ("Sony paid $900 million for a 20% stake in Rivian in 2019.", ("investment", "Sony", "Rivian", "active")),
    # an offer turned down was made and has ended; a denied report of one gives nothing (test below)
    ("Rivian rejected a takeover offer from Sony.", ("merger", "Rivian", "Sony", "ended")),
    # 'according to' a source states nothing ('according' is lemmatized 'accord', a word for a pact)
    ("Sony is the main supplier of sensors to Honda, according to people familiar with the matter.",
     ("supply", "Sony", "Honda", "active")),
    # a stake taken in the present is a new deal; a holding bought in an earlier year with a past verb is done
    ("Honda takes a stake in Baidu.", ("investment", "Honda", "Baidu", "agreed")),
    ("Honda took a stake in Baidu in 2019.", ("investment", "Honda", "Baidu", "active")),
    ("In 2017, Sony expanded its car business with the acquisition of Tesla.", ("merger", "Sony", "Tesla", "active")),
    # a purchase told as what came before a past event is done; before a future one it is not yet
    ("Sony became the largest maker of sensors after buying Tesla.", ("investment", "Sony", "Tesla", "active")),
    ("Sony will become the largest maker of sensors after buying Tesla.", ("merger", "Sony", "Tesla", "agreed")),
    # winning a contract or being chosen is a decision; deepening a partnership one has says it runs
    ("Panasonic won a contract to supply Toyota with cells.", ("supply", "Panasonic", "Toyota", "agreed")),
    ("Tesla chose Panasonic as its battery supplier.", ("supply", "Panasonic", "Tesla", "agreed")),
    ("Honda said it will deepen its partnership with Sony.", ("partnership", "Honda", "Sony", "active")),
    # what a described company does is not the status of the relation that describes it
    ("Tesla's battery partner Panasonic opened a plant.", ("partnership", "Panasonic", "Tesla", "active")),
    # an alliance that unravelled has ended, an apposed description between them notwithstanding
    ("The alliance between Sony and Tesla, once the envy of the industry, has unravelled.",
     ("partnership", "Sony", "Tesla", "ended")),
    # preparing a partnership is considering it, even 'currently'
    ("Sony is currently preparing a partnership with Tesla, a spokesman said.",
     ("partnership", "Sony", "Tesla", "considering")),
    # a memorandum whose purpose is to explore
    ("Toyota signed a memorandum with Tencent to study a venture.", ("partnership", "Tencent", "Toyota", "considering")),
    # a verb coordinated after the relation's that ends what it points back at
    ("Sony had agreed to buy Tesla but terminated that agreement in May.", ("merger", "Sony", "Tesla", "ended")),
    ("Honda signed a battery deal with Sony but later scrapped it.", ("partnership", "Honda", "Sony", "ended")),
    # a holding a relative clause gives the company that sells 'it' in the main clause
    ("Sony, which has held a stake in Tesla since 2015, sold it last year.", ("investment", "Sony", "Tesla", "ended")),
    # a sale of a holding told with a noun: weighed, the holding lasts; done, it ends; of part of it, the rest stays
    ("Sony is weighing the sale of its Tesla stake.", ("investment", "Sony", "Tesla", "active")),
    ("Sony completed the sale of its Tesla stake.", ("investment", "Sony", "Tesla", "ended")),
    ("Sony completed the sale of part of its Tesla stake.", ("investment", "Sony", "Tesla", "active")),
    # a company a relative clause relates to others, ending its own part in it
    ("Sony and Tesla agreed to merge. Honda, which had been weighing whether to join the combined group, ended its "
     "participation in the talks.", ("merger", "Honda", "Sony", "ended")),
])
def test_status_read_from_the_structure(registry, sentence, fact):
    assert fact in facts_of(sentence, registry)


@pytest.mark.parametrize("sentence, fact", [
    # the ending verb belongs to another event than the merger it precedes
    ("Before agreeing to merge with PSA, Fiat Chrysler had withdrawn its offer for Renault.",
     ("merger", "Fiat Chrysler", "PSA", "ended")),
    # a clause with its own subject does not lend its future to the one it is coordinated with
    ("Toyota will build a plant, and Honda already owns 5% of Mazda.", ("investment", "Honda", "Mazda", "agreed")),
    # an example of a company's deals is not governed by the plan the sentence is about
    ("Nissan plans to spend the cash on growth, including its deal to buy Tesla.",
     ("merger", "Nissan", "Tesla", "considering")),
    # an ended deal with another company than the one the clause names
    ("Honda agreed to buy cells from Sony and ended its deal with Tesla.", ("supply", "Sony", "Honda", "ended")),
    # ending something else than its part in what the clause tells
    ("Honda, which has a partnership with Sony, ended its scooter program.", ("partnership", "Honda", "Sony", "ended")),
    # selling cars through ventures sells no tie
    ("Honda sells about 4 million vehicles a year in China, most of them through long-standing joint ventures "
     "with Tesla and BYD.", ("partnership", "Honda", "Tesla", "ended")),
])
def test_status_not_borrowed_from_another_event(registry, sentence, fact):
    assert fact not in facts_of(sentence, registry)


@pytest.mark.parametrize("sentence, fact", [
    ("Sony will jointly develop sensors with Honda under a collaboration that began last year.",
     ("partnership", "Honda", "Sony", "active")),
    ("Sony and Honda will widen a partnership dating back to 2019.", ("partnership", "Honda", "Sony", "active")),
    ("Sony ended a partnership with Honda that began in 2019.", ("partnership", "Honda", "Sony", "ended")),
])
def test_a_tie_said_to_have_begun_exists_unless_ended(registry, sentence, fact):
    assert facts_of(sentence, registry) == {fact}


def test_what_happens_to_what_a_venture_owns_is_not_the_ventures_status(registry):
    # 'whose sales collapsed' tells of the sales, not of the venture; the venture stands
    assert facts_of("Toyota and Honda run a joint venture whose profits have collapsed.", registry) == {
        ("partnership", "Honda", "Toyota", "active")}


@pytest.mark.parametrize("text", [
    "Ford put $1 billion into Rivian in 2019. Ford is now unwinding that stake.",
    "Ford holds a stake in Rivian. The stake was sold in May.",
])
def test_the_stake_sold_later_ends_the_holding_told_before(registry, text):
    # 'the stake' or 'that stake', naming no party, points back at the holding the text told of last
    assert facts_of(text, registry) == {("investment", "Ford", "Rivian", "ended")}


@pytest.mark.parametrize("sentence", [
    "Toyota pulled the plug on its partnership with Honda.",
    "Toyota pulled the plug on its joint venture with Honda in 2023.",
])
def test_pulling_the_plug_on_a_tie_ends_it(registry, sentence):
    # an idiom's noun is no object of its own: the verb still speaks of the tie
    assert facts_of(sentence, registry) == {("partnership", "Honda", "Toyota", "ended")}


@pytest.mark.parametrize("sentence, fact", [
    ("Sony had worked with Honda on scooter batteries until 2018.", ("partnership", "Honda", "Sony", "ended")),
    ("Until last year, Panasonic supplied Tesla with cells.", ("supply", "Panasonic", "Tesla", "ended")),
    ("Honda held a stake in Sony until March.", ("investment", "Honda", "Sony", "ended")),
    # a term still to run, the present, or a term an agreement or an extension sets ends nothing
    ("Panasonic will supply Tesla with cells until 2031.", ("supply", "Panasonic", "Tesla", "agreed")),
    ("Until now, Panasonic has supplied Tesla with cells.", ("supply", "Panasonic", "Tesla", "active")),
    ("Sony and Honda have extended their partnership until 2035.", ("partnership", "Honda", "Sony", "active")),
])
def test_a_tie_told_in_the_past_up_to_a_time_ended_then(registry, sentence, fact):
    assert facts_of(sentence, registry) == {fact}


@pytest.mark.parametrize("text", [
    "Sony and Honda jointly developed a scooter, but the collaboration ended in 2020.",
    "Sony and Honda jointly developed a scooter. The partnership was dissolved in 2020.",
])
def test_the_alliance_ended_ends_the_tie_told_just_before(registry, text):
    # a generic 'the collaboration' with no party points back at the tie of its relation the text just told
    assert facts_of(text, registry) == {("partnership", "Honda", "Sony", "ended")}


@pytest.mark.parametrize("text, fact", [
    # told three sentences before: too far back for a word as generic as 'the alliance'
    ("Sony and Honda have built scooters together since 2015. Sony also makes cameras. Tesla opened a plant in "
     "Texas. The alliance was dissolved in 2020.", ("partnership", "Honda", "Sony", "active")),
    # a company ending 'that relationship' ends one of its own, not the tie told before it
    ("Honda works with Panasonic on batteries. Tesla was also an early Honda partner but ended that relationship "
     "in 2019.", ("partnership", "Honda", "Panasonic", "active")),
    # a tie named inside another noun's phrase is not what the verb acts on
    ("Sony and Honda will build batteries together. The batteries resulting from the partnership will be sold to "
     "other carmakers.", ("partnership", "Honda", "Sony", "agreed")),
])
def test_the_alliance_ended_leaves_ties_it_cannot_mean(registry, text, fact):
    assert fact in facts_of(text, registry)


@pytest.mark.parametrize("text", [
    "Toyota took a stake in Tesla in 2010. Toyota sold its remaining shares in 2017.",
    "Toyota took a stake in Tesla in 2010. It sold the shares in 2017.",
])
def test_shares_sold_with_no_party_end_the_holding_told_before(registry, text):
    assert facts_of(text, registry) == {("investment", "Toyota", "Tesla", "ended")}


@pytest.mark.parametrize("text, fact", [
    # 'its shares' are the seller's own: a company selling its own shares ends nobody's holding in it
    ("Honda owns a stake in Rivian. Rivian sold its shares at $78 in its listing.",
     ("investment", "Honda", "Rivian", "active")),
    # a sale awaited ('until') is no sale
    ("Sony owns 20% of Honda. Sony keeps the dividends until the shares are sold.",
     ("investment", "Sony", "Honda", "active")),
])
def test_shares_sold_with_no_party_leave_holdings_they_cannot_mean(registry, text, fact):
    assert facts_of(text, registry) == {fact}


@pytest.mark.parametrize("text, status", [
    # a company saying it will no longer take part ends its part in what its relative clause weighed
    ("Sony and Tesla agreed to merge. Honda, which had been weighing whether to join the combined group, said it "
     "would no longer take part in the integration.", "ended"),
    # saying it will take part ends nothing
    ("Sony and Tesla agreed to merge. Honda, which had been weighing whether to join the combined group, said it "
     "would take part in the talks.", "considering"),
])
def test_a_company_saying_it_no_longer_takes_part(registry, text, status):
    assert ("merger", "Honda", "Sony", status) in facts_of(text, registry)
