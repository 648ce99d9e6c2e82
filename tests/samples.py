"""Sample data shared by the tests: two tiny articles with six facts, and the graph built from them."""
from __future__ import annotations

from rdflib import Graph

from graph import vocab
from graph.extract.facts import Extraction, Fact
from graph.extract.registry import Organization
from graph.extract.text import Document
from graph.rdf.build import build_graph

A = vocab.akg()

NISSAN = Organization("Nissan", "Automaker", ("Nissan Motor Co., Ltd.",), ("NSANY",), "JP", "Q20165")
HONDA = Organization("Honda", "Automaker", ("Honda Motor",), (), "JP")
TESLA = Organization("Tesla", "Automaker", (), ("TSLA",), "US")
BAIDU = Organization("Baidu", "TechnologyCompany", (), (), "CN")
ACME = Organization("Acme Robotics", "Supplier", reference=False)
REUTERS = Organization("Reuters", "MediaOrganization")

DOC_A = Document("a.txt", "text a", (), date="2024-07-03", title="Nissan and Honda", url="https://news.test/a")
DOC_B = Document("b.txt", "text b", (), date="2024-09-01")


def fact(doc, subject, relation, obj, status, fields=(), date=None, evidence="S.", confidence=0.9) -> Fact:
    """A fact with the contract's fields, short to write."""
    return Fact(doc, subject, relation, obj, status, tuple(fields), date, evidence, confidence)


F_AGREED = fact("a.txt", "Nissan", "partnership", "Honda", "agreed", ("automotive software", "EV charging"),
                "2024-03", "In March, Nissan and Honda signed an MOU.", 0.9)
F_RIVAL = fact("a.txt", "Nissan", "competition", "Tesla", None, (), "2024-07-03", "Nissan lags behind Tesla.", 0.7)
F_BAIDU = fact("a.txt", "Nissan", "partnership", "Baidu", "active", ("AI",), "2024-07-03",
               "Nissan teamed up with Baidu.", 0.8)
F_ACTIVE = fact("b.txt", "Honda", "partnership", "Nissan", "active", ("EV batteries",), "2024-09-01",
                "Honda and Nissan now run the alliance.", 0.85)
F_STAKE = fact("b.txt", "Honda", "investment", "Baidu", "active", (), "2024-09-01", "Honda holds a stake in Baidu.")
F_SUPPLY = fact("b.txt", "Acme Robotics", "supply", "Honda", "agreed", ("automotive components",), "2024-08",
                "Acme Robotics will supply Honda.", 0.6)

EX_A = Extraction(DOC_A, (F_AGREED, F_RIVAL, F_BAIDU), (NISSAN, HONDA, TESLA, BAIDU), (REUTERS,))
EX_B = Extraction(DOC_B, (F_ACTIVE, F_STAKE, F_SUPPLY), (HONDA, NISSAN, BAIDU, ACME))


def sample_extractions() -> list[Extraction]:
    """Two articles, six facts: every relation kind, a pair stated in both articles, a discovered supplier."""
    return [EX_A, EX_B]


def sample_graph() -> Graph:
    """build_graph over sample_extractions()."""
    return build_graph(sample_extractions())


def org(label: str):
    return vocab.org_iri(label)


def rel(relation: str, a: str, b: str):
    return vocab.relationship_iri(relation, a, b)
