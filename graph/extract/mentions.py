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

from graph.extract import coref, spans
from graph.extract.registry import Mention, Registry

__all__ = ["find_mentions"]


def find_mentions(doc, registry: Registry) -> tuple[Mention, ...]:
    """Every organization mention in ``doc``, in text order, nominals resolved to what they point at."""
    starts = [s.start for s in doc.sentences]
    mentions = []
    for span in spans.named_spans(doc.text, registry):
        index = max(0, bisect.bisect_right(starts, span.start) - 1)
        mentions.append(Mention(span.org, span.start, span.end, doc.text[span.start:span.end], index,
                                possessive=span.possessive))
    return tuple(sorted(mentions + list(coref.resolve(doc, mentions)), key=lambda m: (m.start, m.end)))
