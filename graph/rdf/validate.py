"""SHACL validation: checks a built graph against the packaged shapes (ontology/shapes.ttl).

The shapes target classes (akg:Organization, akg:Relationship, ...) and rely on
the ontology for rdfs:subClassOf, the status and field concepts and the
akg:directProperty annotations, so the data is validated together with the
ontology. The library returns a report; only the CLI prints it and picks an exit code.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from pyshacl import validate as shacl_validate
from rdflib import BNode, Graph, Literal, Node
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH

from graph import vocab

__all__ = ["Violation", "ValidationReport", "validate"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node at fault, the property path, the shape's message, its severity, the value at fault."""

    focus: str
    path: str | None
    message: str
    severity: str
    value: str | None = None


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of validating a graph: whether it conforms, each result, and a readable text."""

    conforms: bool
    violations: tuple[Violation, ...]
    text: str


def _local(term: Node | None) -> str:
    """A short name for a severity IRI (sh:Violation -> 'Violation')."""
    return str(term).rsplit("#", 1)[-1] if term is not None else "Violation"


def _curie(g: Graph, term: Node | None) -> str | None:
    """The term as a prefixed name (or N3, or a SHACL path such as 'akg:evidence/akg:statusStated')."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return str(term)
    if isinstance(term, BNode):
        return _path_text(g, term)
    return term.n3(g.namespace_manager)


def _path_text(g: Graph, node: BNode) -> str:
    """A blank-node SHACL path in SPARQL property-path notation (sequence 'a/b', inverse '^a')."""
    inverse = g.value(node, SH.inversePath)
    if inverse is not None:
        return "^" + (_curie(g, inverse) or "")
    if g.value(node, RDF.first) is not None:
        return "/".join(_curie(g, step) or "" for step in Collection(g, node))
    return node.n3()


def _violations(results: Graph) -> tuple[Violation, ...]:
    """Read the report's top-level results (not nested sh:detail ones), sorted for deterministic output."""
    out = {
        Violation(
            focus=_curie(results, results.value(r, SH.focusNode)) or "",
            path=_curie(results, results.value(r, SH.resultPath)),
            message=str(results.value(r, SH.resultMessage) or ""),
            severity=_local(results.value(r, SH.resultSeverity)),
            value=_curie(results, results.value(r, SH.value)),
        )
        for report in results.subjects(RDF.type, SH.ValidationReport)
        for r in results.objects(report, SH.result)
    }
    return tuple(sorted(out, key=lambda v: (v.focus, v.path or "", v.value or "", v.message, v.severity)))


def _text(conforms: bool, violations: tuple[Violation, ...]) -> str:
    """A readable report: a verdict line, then one line per result."""
    if conforms:
        return "Conforms: the graph satisfies every shape."
    lines = [f"Does not conform: {len(violations)} result(s)."]
    lines += [f"{v.severity}: {v.focus}" + (f" {v.path}" if v.path else "") + (f" {v.value}" if v.value else "")
              + f": {v.message}" for v in violations]
    return "\n".join(lines)


def _with_ontology(data: Graph) -> Graph:
    """A new graph holding the data and the ontology, with akg's prefixes bound for readable names."""
    g = vocab.bind_prefixes(Graph())
    g += data
    g += vocab.ontology_graph()
    return g


def validate(data: Graph) -> ValidationReport:
    """Validate a graph against the packaged SHACL shapes, the ontology supplying subclasses and concepts."""
    conforms, results, _ = shacl_validate(
        _with_ontology(data), shacl_graph=vocab.shapes_graph(), inference="none", inplace=True,
        advanced=False, allow_warnings=False,
    )
    violations = _violations(vocab.bind_prefixes(results))
    log.info("SHACL validation of %d triples: %s, %d result(s)", len(data), conforms, len(violations))
    return ValidationReport(bool(conforms), violations, _text(bool(conforms), violations))
