"""Helpers of the extraction tests: the small test registry and the facts a sentence gives."""
from __future__ import annotations

from pathlib import Path

from graph.extract.facts import extract
from graph.extract.text import Document, split_sentences

TESTS = Path(__file__).resolve().parent.parent
REGISTRY_TTL = TESTS / "data" / "extraction_orgs.ttl"
SYMMETRIC = {"partnership", "merger", "competition"}


def facts_of(text: str, registry, date: str = "2024-07-03") -> set[tuple]:
    """(relation, subject, object, status) of the facts of ``text``; symmetric pairs sorted."""
    doc = Document(id="t.txt", text=text, sentences=split_sentences(text), date=date)
    return {_key(f.relation, f.subject, f.object, f.status) for f in extract(doc, registry).facts}


def _key(relation, subject, obj, status):
    if relation in SYMMETRIC:
        subject, obj = sorted((subject, obj))
    return relation, subject, obj, status
