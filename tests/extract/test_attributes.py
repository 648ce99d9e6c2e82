"""The attribute_ruler's indexed matches are spaCy's own, and patterns the index cannot read stay with spaCy."""
from __future__ import annotations

import pytest

from graph.extract import attributes, nlp

SENTENCES = ["There's a plan: Honda won't say if it gets   the stake.", "Nothin' y'all did", "  ", ""]


@pytest.fixture(scope="module")
def language():
    """The extraction pipeline (its attribute_ruler indexed)."""
    return nlp.load()


def _unruled(language, texts):
    """Docs of ``texts`` parsed up to the attribute_ruler (which has not run)."""
    return list(language.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]))


def _ruler(language, groups: list[dict]):
    """A fresh AttributeRuler with ``groups`` (patterns, attrs, index), indexed when it can be."""
    from spacy.pipeline import AttributeRuler

    ruler = AttributeRuler(language.vocab)
    ruler.add_patterns(groups)
    attributes.index_ruler(ruler)
    return ruler


def test_the_pipeline_ruler_is_indexed_and_matches_as_spacy_does(language):
    ruler = language.get_pipe("attribute_ruler")
    assert isinstance(ruler.matcher, attributes.IndexedMatcher)
    for doc in _unruled(language, SENTENCES):
        assert ruler.matcher(doc, allow_missing=True) == sorted(
            ruler.matcher.matcher(doc, allow_missing=True), key=lambda m: (m[1], m[2], m[0]))


def test_lists_regexes_flags_and_two_token_patterns_match_as_spacy_does(language):
    groups = [{"patterns": [[{"LOWER": {"IN": ["honda", "it"]}, "DEP": {"NOT_IN": ["dobj", ""]}}]],
               "attrs": {"POS": "PROPN"}},
              {"patterns": [[{"LOWER": {"REGEX": "^n'?t$"}}], [{"IS_SPACE": True}]], "attrs": {"TAG": "XX"}},
              {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["'s", "is"]}}]], "attrs": {"POS": "VERB"}, "index": -1},
              {"patterns": [[{}]], "attrs": {"LEMMA": "any"}}]
    ruler = _ruler(language, groups)
    assert isinstance(ruler.matcher, attributes.IndexedMatcher)
    for doc in _unruled(language, SENTENCES):
        expected = ruler.matcher.matcher(doc, allow_missing=True)
        assert ruler.matcher(doc, allow_missing=True) == sorted(expected, key=lambda m: (m[1], m[2], m[0]))
    assert ruler.patterns[2]["index"] == -1  # what the ruler saves is unchanged


def test_a_pattern_the_index_cannot_read_leaves_spacy_matching(language):
    ruler = _ruler(language, [{"patterns": [[{"LOWER": "joint", "OP": "?"}, {"LEMMA": "venture"}]],
                               "attrs": {"POS": "NOUN"}}])
    assert not isinstance(ruler.matcher, attributes.IndexedMatcher)


def test_the_rules_triggers_match_as_one_spacy_matcher_per_rule_would():
    """rules.trigger_matches tries a trigger only where it can open and reads one-token triggers by their tests:
    on every rule's examples and counter-examples, the same matches as each rule's Matcher over the whole sentence."""
    from spacy.matcher import Matcher

    from graph.extract import rules

    texts = [t for rule in rules.rules() for t in [e.text for e in rule.examples] + list(rule.counter_examples)]
    docs = list(nlp.parses(texts))
    matchers = []
    for rule in rules.rules():
        matcher = Matcher(docs[0].vocab)
        matcher.add(rule.id, [list(rule.trigger)])
        matchers.append((rule, matcher))
    for doc in docs:
        expected = sorted((start, end, k) for k, (_, matcher) in enumerate(matchers) for _, start, end in matcher(doc))
        everyone = rules.rules()
        assert rules.trigger_matches(doc[:]) == [(everyone[k], start, end) for start, end, k in expected]
