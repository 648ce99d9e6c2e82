"""Stage 2, mentions: Document -> organization mentions linked to the reference list."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Organization", "Mention", "Registry", "load_registry", "find_mentions"]


@dataclass(frozen=True)
class Organization:
    """An organization: canonical short ``label`` plus what the text may call it.

    ``kind`` is the local name of its ontology class (e.g. 'Automaker',
    'TechnologyCompany', 'BatteryMaker', 'Supplier', 'MediaOrganization',
    'JointVenture', 'Organization'); ``reference`` is False for companies
    discovered in text rather than read from ontology/organizations.ttl.
    """

    label: str
    kind: str = "Organization"
    aliases: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()
    country: str | None = None
    wikidata: str | None = None  # a Q-id, only when listed in ontology/organizations.ttl
    reference: bool = True


@dataclass(frozen=True)
class Mention:
    """A span of a document's text that names (or points back at) an organization."""

    org: Organization
    start: int
    end: int
    surface: str
    sentence: int  # index into Document.sentences


class Registry:
    """The reference organizations, with a lookup from every alias and ticker."""


def load_registry(path=None) -> Registry:
    """Read the reference organizations (default: the packaged ontology/organizations.ttl)."""
    raise NotImplementedError


def find_mentions(doc, registry: Registry) -> tuple[Mention, ...]:
    """Every organization mention in ``doc``, in text order."""
    raise NotImplementedError
