"""A tiny hand-built corpus for the server and remote tests: three articles, five organizations."""
from __future__ import annotations

from graph.extract.facts import Extraction, Fact
from graph.extract.registry import Organization
from graph.store.store import Store
from graph.extract.text import Document

ARTICLES = {
    "a.txt": ("2024-03-01", [("Nissan", "partnership", "Honda", "agreed", "Nissan and Honda signed an MOU."),
                             ("Nissan", "competition", "Tesla", None, "Nissan competes with Tesla.")]),
    "b.txt": ("2024-06-01", [("Honda", "partnership", "Nissan", "active", "Honda works with Nissan."),
                             ("Tencent", "investment", "BYD", "agreed", "Tencent takes a stake in BYD.")]),
    "c.txt": ("2024-07-03", [("BYD", "supply", "Tesla", "active", "BYD supplies batteries to Tesla."),
                             ("Nissan", "partnership", "Baidu", "considering", "Nissan may team up with Baidu.")]),
}


def extractions() -> list[Extraction]:
    """One Extraction per article, built by hand (no extractor involved)."""
    out = []
    for doc_id, (date, facts) in ARTICLES.items():
        made = tuple(Fact(doc_id, s, r, o, status, (), date[:7], sentence, 0.8) for s, r, o, status, sentence in facts)
        labels = sorted({f.subject for f in made} | {f.object for f in made})
        out.append(Extraction(Document(doc_id, "text", (), date), made, tuple(Organization(x) for x in labels)))
    return out


def build_store(path=None) -> Store:
    """A store (on disk at ``path``, else in memory) holding the three articles."""
    store = Store(path)
    store.ingest(extractions())
    store.flush()
    return store
