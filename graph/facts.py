"""Stage 3, facts: sentences + mentions -> Fact, the one currency downstream."""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Fact", "Extraction", "extract", "extract_all"]


@dataclass(frozen=True)
class Fact:
    """One fact as in CONTRACT.md's fact lines; symmetric relations keep the text's order."""

    doc: str
    subject: str
    relation: str  # partnership | merger | investment | supply | competition
    object: str
    status: str | None  # considering | agreed | active | ended; None for competition
    fields: tuple[str, ...]
    date: str | None
    evidence: str
    confidence: float

    def to_json(self) -> dict:
        """The contract's fact-line object."""
        return {
            "doc": self.doc, "subject": self.subject, "relation": self.relation,
            "object": self.object, "status": self.status, "fields": list(self.fields),
            "date": self.date, "evidence": self.evidence, "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Extraction:
    """What one document yields: its facts, the organizations they name, the outlets it cites."""

    document: object  # graph.text.Document
    facts: tuple[Fact, ...]
    organizations: tuple = ()  # graph.mentions.Organization, every party of a fact
    cited_sources: tuple = ()  # graph.mentions.Organization, outlets the article cites


def extract(doc, registry=None) -> Extraction:
    """Extract the facts of one document."""
    raise NotImplementedError


def extract_all(docs, registry=None):
    """Yield an Extraction per document."""
    raise NotImplementedError
