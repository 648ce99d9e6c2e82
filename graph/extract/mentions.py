"""Stage 2, mentions: Document -> organization mentions linked to the reference list.

The registry (graph.extract.registry) holds the reference organizations of
ontology/organizations.ttl with a lookup from every label, alias and ticker.
Names in text are found by graph.extract.spans (one Aho-Corasick pass, plus
discovery of companies missing from the list); nominals such as "the two
companies" are resolved by graph.extract.coref.  The word lists are data
(graph/extract/patterns/entities.json).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cache

from graph.extract import coref, lexicon, nlp, spans
from graph.extract.registry import Mention, Organization, Registry, name_patterns, normalize_name

__all__ = ["could_name", "find_mentions", "namer"]


def find_mentions(doc, registry: Registry, known: tuple[Organization, ...] = ()) -> tuple[Mention, ...]:
    """Every organization mention in ``doc``, in text order, nominals resolved to what they point at;
    ``known`` are companies missing from the registry that the parse found in ``doc`` (see namer)."""
    starts = [s.start for s in doc.sentences]
    mentions = []
    for span in spans.named_spans(doc.text, registry, known):
        index = max(0, bisect.bisect_right(starts, span.start) - 1)
        mentions.append(Mention(span.org, span.start, span.end, doc.text[span.start:span.end], index,
                                possessive=span.possessive))
    return tuple(sorted(mentions + list(coref.resolve(doc, mentions)), key=lambda m: (m.start, m.end)))


def could_name(text: str, registry: Registry, found: dict) -> bool:
    """Whether a proper name may stand for an organization before the entity recognizer judges it (a trial:
    ``found`` keeps only the names that pass)."""
    return spans.name_organization(text, registry, found, record=False) is not None


def namer(parsed, registry: Registry, found: dict) -> Callable[..., Organization | None]:
    """Name -> organization for the proper names of one parsed sentence (``parsed``, a spaCy Doc): None where
    the named-entity tagger says the name is a place, a nationality, a number or a date, or a person's
    full name, unless the sentence describes it as a company (``described``) or, for all but a person's name,
    lists it with companies (``listed``); else spans.name_organization (``found`` holds the document's
    discovered companies)."""
    data = lexicon.entities()

    @cache
    def labels() -> dict[str, str]:  # the entity recognizer runs only for a sentence with names to judge
        return {e.text: e.label_ for e in nlp.entities(parsed)}

    def name(text: str, described: bool = False, listed: bool = False) -> Organization | None:
        if not could_name(text, registry, found):
            if " " in text and labels().get(text) == data["ner_company"]:  # 'American Axle': a country opens it
                return spans.name_organization(text, registry, found, place_opened=True)
            return None  # most names fail here, before the entity recognizer is needed
        known = described or normalize_name(text) in found  # a company the sentence describes or the article named
        label = None if known else labels().get(text)
        if listed and label != data["ner_person"]:
            label = None  # a name listed with companies is one, unless the recognizer calls it a person's
        if label in data["ner_not_company"] or (label == data["ner_person"] and " " in text and _person_like(text)):
            return None
        return spans.name_organization(text, registry, found)
    return name


def _person_like(name: str) -> bool:
    """Whether a name the entity recognizer calls a person's could be one: no word in camel case ('EcoPro'), no
    word after the first in capitals ('EcoPro BM'; but 'JB Straubel' may be a person) and no company's word at
    its end ('Samvardhana Motherson International', 'Yachiyo Industry')."""
    words = name.split()
    pats = name_patterns()
    if pats.corporate_tail.search(" " + words[-1]) or pats.descriptor_tail.search(" " + words[-1]):
        return False
    camel = any(re.search(r"[a-z][A-Z]", re.sub(r"^(?:Mc|Mac|De|Di|Da|Le|La)", "", w)) for w in words)  # 'McDonald'
    return not camel and not any(len(w) > 1 and w.isupper() for w in words[1:])
