"""Which spaCy pipeline extraction loads, and what a user hears when it is missing."""
from __future__ import annotations

import pytest

from graph.extract import nlp


def test_the_argument_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv(nlp.MODEL_ENV, "en_core_web_md")
    assert nlp.model_name("en_core_web_trf") == "en_core_web_trf"


def test_the_environment_wins_over_the_defaults(monkeypatch):
    monkeypatch.setenv(nlp.MODEL_ENV, "en_core_web_md")
    assert nlp.model_name() == "en_core_web_md"


def test_without_either_the_first_installed_default_is_loaded(monkeypatch):
    monkeypatch.delenv(nlp.MODEL_ENV, raising=False)
    assert nlp.model_name() in nlp.DEFAULT_MODELS
    assert {"tagger", "parser", "ner"} <= set(nlp.load().pipe_names)


def test_a_missing_pipeline_names_the_fix():
    with pytest.raises(nlp.ModelError, match="pip install no-such-pipeline"):
        nlp.load("no_such_pipeline")


def test_the_parse_has_tags_dependencies_and_entities():
    [doc] = nlp.parses(["Honda agreed to buy a stake in Nissan."])
    assert [t.dep_ for t in doc if t.text == "Honda"] == ["nsubj"]
    assert {e.text for e in nlp.entities(doc)} >= {"Honda"}


def test_entities_are_recognised_on_demand_and_in_one_stream():
    """The stream leaves the entity recognizer out; entities() and recognize() run it on the Docs that ask."""
    first, second = nlp.parses(["Toyota opened a plant in Texas.", "Honda hired Maria Lopez in Ohio."])
    assert not first.ents and not second.ents
    nlp.recognize([second])
    assert ("Maria Lopez", "PERSON") in {(e.text, e.label_) for e in second.ents}
    assert ("Texas", "GPE") in {(e.text, e.label_) for e in nlp.entities(first)}


def test_a_verb_form_the_tagger_may_call_a_noun_is_tagged_a_verb():
    """rules/tags.json: 'competes' after 'and' is a verb, whatever the small pipeline's tagger says."""
    [doc] = nlp.parses(["Xiaomi, which makes phones, entered the car market in 2024 and competes with Tesla."])
    assert [(t.pos_, t.lemma_) for t in doc if t.lower_ == "competes"] == [("VERB", "compete")]
