"""graph.extract.spans and registry through whole sentences: aliases, tickers, discovered companies, non-parties."""
from __future__ import annotations

from graph.extract.facts import extract
from graph.extract.text import Document, split_sentences
from phrasing import facts_of


def test_people_and_outlets_are_never_parties(registry):
    text = "Nissan teamed up with Honda, Nikkei reported, citing chief executive Makoto Uchida."
    assert facts_of(text, registry) == {("partnership", "Honda", "Nissan", "active")}


def test_tickers_and_aliases_merge_into_one_label(registry):
    text = "Nissan Motor Co., Ltd. NSANY teamed up with Tencent. NSANY also teamed up with Honda Motor."
    assert facts_of(text, registry) == {("partnership", "Nissan", "Tencent", "active"), ("partnership", "Honda", "Nissan", "active")}


def test_mitsubishi_motors_is_not_mitsubishi_corporation(registry):
    assert facts_of("Mitsubishi Motors teamed up with Mitsubishi Corporation on batteries.", registry) == {
        ("partnership", "Mitsubishi Corporation", "Mitsubishi Motors", "active")}


def test_discovered_company_becomes_an_organization(registry):
    doc = Document(id="t.txt", text="Toyota teamed up with Acme Robotics Inc. on software.",
                   sentences=split_sentences("Toyota teamed up with Acme Robotics Inc. on software."), date="2024-07-03")
    extraction = extract(doc, registry)
    [acme] = [o for o in extraction.organizations if o.label == "Acme Robotics"]
    assert acme.reference is False
    assert {(f.subject, f.object) for f in extraction.facts} == {("Toyota", "Acme Robotics")}


def test_headline_list_and_title_case_words(registry):
    assert facts_of("Nissan, Honda Team Up On EV Software", registry) == {("partnership", "Honda", "Nissan", "active")}


def test_company_after_a_descriptor_is_discovered(registry):
    text = "Toyota will invest $500 million in air-taxi startup Zephyr Aviation."
    doc = Document(id="t.txt", text=text, sentences=split_sentences(text), date="2024-07-03")
    extraction = extract(doc, registry)
    assert [(f.subject, f.relation, f.object, f.status) for f in extraction.facts] == [
        ("Toyota", "investment", "Zephyr Aviation", "agreed")]
    assert [o.reference for o in extraction.organizations if o.label == "Zephyr Aviation"] == [False]


def test_a_wire_dateline_dash_does_not_glue_the_first_name(registry):
    text = "OSAKA (Example Wire)--Honda Motor Co. and Sony said they teamed up on software."
    assert facts_of(text, registry) == {("partnership", "Honda", "Sony", "active")}


def test_a_capitalised_common_noun_opening_a_sentence_is_not_part_of_the_name(registry):
    text = "Automakers General Motors and Honda teamed up on fuel cells."
    assert facts_of(text, registry) == {("partnership", "General Motors", "Honda", "active")}
