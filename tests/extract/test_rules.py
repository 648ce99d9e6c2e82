"""Every dependency rule reads its own examples and stays silent on its counter-examples.

The examples live beside each rule in graph/extract/rules/relations.jsonl, so
a user who adds or edits a rule gets it tested here without writing a test.
"""
from __future__ import annotations

import pytest

from graph import vocab
from graph.extract import rules
from graph.extract.facts import parse_readings
from graph.extract.mentions import find_mentions
from graph.extract.registry import load_registry
from graph.extract.text import Document, split_sentences


@pytest.fixture(scope="module")
def packaged():
    """The packaged reference organizations, which the rules' examples name."""
    return load_registry()


def _read(text: str, registry, rule_id: str) -> set[tuple]:
    """(subject, object, status, relation) of what ``rule_id`` reads in ``text``."""
    doc = Document(id="rule.txt", text=text, sentences=split_sentences(text), date="2024-01-01")
    readings = parse_readings(doc, find_mentions(doc, registry), registry)
    return {(r.subject.label, r.object.label, r.status, r.relation)
            for parsed in readings.values() for r in parsed.readings if r.rule == rule_id}


def _canonical(fact, registry, symmetric: bool) -> tuple:
    """An example's (subject, object, status, relation) with canonical labels (a name missing from the registry
    stands for itself: a company the rule discovers), the pair sorted when the relation is symmetric."""
    subject, obj = (getattr(registry.lookup(name), "label", name) for name in fact[:2])
    pair = tuple(sorted((subject, obj))) if symmetric(fact[3]) else (subject, obj)
    return (*pair, *fact[2:])


def _cases(kind: str):
    return [pytest.param(rule, text, id=f"{rule.id}:{i}")
            for rule in rules.rules()
            for i, text in enumerate(rule.examples if kind == "examples" else rule.counter_examples)]


@pytest.mark.parametrize("rule, example", _cases("examples"))
def test_rule_reads_its_example(rule, example, packaged):
    def symmetric(relation: str) -> bool:
        return vocab.relations()[relation].symmetric
    want = {_canonical(f, packaged, symmetric) for f in example.facts}
    got = {_canonical(f, packaged, symmetric) for f in _read(example.text, packaged, rule.id)}
    assert want <= got, f"{rule.id} on {example.text!r}: missing {want - got}"


@pytest.mark.parametrize("rule, text", _cases("counter_examples"))
def test_rule_stays_silent_on_its_counter_example(rule, text, packaged):
    assert _read(text, packaged, rule.id) == set()


def test_every_rule_has_an_example_and_a_counter_example():
    for rule in rules.rules():
        assert rule.examples and rule.counter_examples, rule.id


def test_an_unknown_role_is_refused():
    record = {"id": "x", "relation": "partnership", "trigger": [{"LOWER": "ally"}], "subject": ["nowhere"],
              "examples": [], "counter_examples": []}
    with pytest.raises(ValueError, match="unknown role 'nowhere'"):
        rules._rule(record)


def test_an_unknown_anaphoric_kind_is_refused():
    record = {"id": "x", "relation": "partnership", "trigger": [{"LOWER": "ally"}], "subject": ["holder"],
              "anaphoric": "everything", "examples": [], "counter_examples": []}
    with pytest.raises(ValueError, match="anaphoric must be one of"):
        rules._rule(record)


def test_rule_ids_are_unique():
    ids = [rule.id for rule in rules.rules()]
    assert len(ids) == len(set(ids))


def test_a_portion_with_an_object_of_its_own_takes_none_from_the_portion_beside_it(packaged):
    read = _read("Toyota owns 20% of Mazda, while Honda spent the rest of the year on talks.", packaged, "share-of")
    assert read == {("Toyota", "Mazda", "active", "investment")}
