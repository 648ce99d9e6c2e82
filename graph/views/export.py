"""Serializations of the graph: Turtle, N-Triples, JSON-LD, RDF/XML, TriG, N-Quads, GraphML.

Every writer goes through ``graph.io.atomic_write`` (temp file in the same folder, then
``os.replace``), and every serialization is deterministic: the same graph gives
the same bytes whatever the hash seed or insertion order.
"""
from __future__ import annotations

import io
import json
import logging
import os
import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph

from graph.errors import FormatError, InputError
from graph.io import FORMATS, atomic_write, format_for, turtle
from graph.vocab import prefix_table

__all__ = ["serialize", "write_graph", "export"]

log = logging.getLogger(__name__)


def _sorted_copy(graph: Graph, out: Graph | None = None) -> Graph:
    """A copy (into ``out``: a Dataset's default graph for TriG) with the same prefixes, triples in sorted order."""
    out = Graph(bind_namespaces="none") if out is None else out
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns, override=True, replace=True)
    for triple in sorted(graph):
        out.add(triple)
    return out


def _canonical_json(value):
    """JSON-LD with every array sorted (akg writes no @list), so the text does not depend on triple order."""
    if isinstance(value, dict):
        return {k: _canonical_json(v) for k, v in value.items()}
    if isinstance(value, list):
        items = [_canonical_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _sorted_lines(text: str) -> bytes:
    """N-Triples / N-Quads statements sorted: split at line feeds only, as the formats end a statement (a literal
    may hold U+2028, U+0085 or a form feed, where str.splitlines would cut it)."""
    return "".join(sorted(line + "\n" for line in text.split("\n") if line.strip())).encode("utf-8")


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
"""A character XML 1.0 cannot hold, not even as a character reference (most C0 controls, U+FFFE, U+FFFF)."""


def _check_xml_chars(graph: Graph) -> None:
    """FormatError naming the first character RDF/XML cannot hold and the resource it is in (Jena refuses these
    too); escaping it would change the data, so nothing is written."""
    for triple in sorted(graph):
        for term in triple:
            bad = _NOT_XML.search(str(term))
            if bad:
                raise FormatError(f"RDF/XML cannot hold the character U+{ord(bad.group()):04X} (XML 1.0 forbids it),"
                                  f" found in a statement about {triple[0]}; export Turtle, N-Triples, JSON-LD, TriG"
                                  " or N-Quads instead")


def serialize(graph: Graph, fmt: str) -> bytes:
    """The graph in one format ('turtle', 'nt', 'json-ld', 'xml', 'trig', 'nquads', 'graphml' or an extension)."""
    fmt = FORMATS.get(fmt, fmt)
    if fmt == "graphml":
        return _graphml(graph)
    if fmt in ("nt", "nquads"):
        fmt = fmt if graph.context_aware else "nt"  # a plain graph's N-Triples are its N-Quads (default graph)
        return _sorted_lines(graph.serialize(format=fmt, encoding="utf-8").decode("utf-8"))
    if fmt == "json-ld":
        doc = _canonical_json(json.loads(graph.serialize(format="json-ld", context=prefix_table())))
        return (json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    if fmt == "trig":
        return _sorted_copy(graph, Dataset()).serialize(format=fmt, encoding="utf-8")
    if fmt == "turtle":
        return turtle(graph)
    if fmt == "xml":
        _check_xml_chars(graph)
        return _sorted_copy(graph).serialize(format=fmt, encoding="utf-8")
    raise InputError(f"unknown graph format {fmt!r}: use one of {', '.join(sorted(FORMATS))}")


def _graphml_value(value):
    """GraphML holds strings, numbers and booleans: lists of strings are joined, records become JSON."""
    if isinstance(value, (list, tuple)):
        if all(isinstance(v, str) for v in value):
            return "; ".join(value)
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return value


def _graphml(graph: Graph) -> bytes:
    """GraphML of the networkx view (for Gephi, yEd): unset attributes left out, lists flattened."""
    import networkx as nx  # a fifth of a second to import: paid only by GraphML, not by every command

    from graph.views.analytics import to_networkx

    nxg = to_networkx(graph)
    flat = nx.MultiDiGraph()
    for node, attrs in nxg.nodes(data=True):
        flat.add_node(node, **{k: _graphml_value(v) for k, v in attrs.items() if v is not None})
    for a, b, key, attrs in nxg.edges(keys=True, data=True):
        flat.add_edge(a, b, key=key, **{k: _graphml_value(v) for k, v in attrs.items() if v is not None})
    buf = io.BytesIO()
    nx.write_graphml(flat, buf, encoding="utf-8")
    return buf.getvalue()


def write_graph(graph: Graph, path: str | os.PathLike, fmt: str | None = None) -> Path:
    """Serialize the graph to ``path`` atomically; the format comes from the extension unless given."""
    return atomic_write(path, serialize(graph, fmt or format_for(path)))


def export(graph: Graph, outdir: str | os.PathLike, formats: Iterable[str] = ("ttl", "nt", "jsonld", "graphml"),
           stem: str = "graph") -> list[Path]:
    """Write ``OUTDIR/graph.<ext>`` for each format extension; returns the paths written."""
    paths = []
    for ext in formats:
        if ext not in FORMATS:
            raise InputError(f"unknown export format {ext!r}: use one of {', '.join(sorted(FORMATS))}")
        paths.append(write_graph(graph, Path(outdir) / f"{stem}.{ext}"))
    log.info("exported %d files to %s", len(paths), outdir)
    return paths
