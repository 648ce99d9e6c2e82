"""Oxigraph plumbing for the store: update blocks, and reading a file into akg's layout.

Terms cross between rdflib and Oxigraph through ``graph.io`` (one converter each way).

``stage(path)`` parses an RDF file natively into an in-memory Oxigraph store
shaped like akg's dataset: one named graph per article (a union graph such as
exported Turtle is split by provenance with SPARQL updates, never in Python),
and a default graph that holds the union of everything.
"""
from __future__ import annotations

import bisect
import contextlib
import tempfile
from concurrent.futures import ThreadPoolExecutor, wait
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from graph import vocab
from graph.errors import GraphNotFoundError, InputError, StoreError, one_line
from graph.io import (NAMED_GRAPH_FORMATS, STORE_FORMATS, from_oxigraph, oxigraph_format, to_oxigraph,
                      turtle_prefixes, turtle_statements, used_prefixes)
from graph.vocab import SCHEMA, prefix_table

__all__ = ["data_block", "quads", "stage", "stage_into", "merged_layer_complete",
           "foreign_triples", "sorted_statements", "write_sorted_turtle", "as_nquads"]


def data_block(triples: Iterable[tuple], name: URIRef | None = None) -> str:
    """The body of an INSERT DATA / DELETE DATA block: N-Triples written by Oxigraph (never string pasting)."""
    lines = "\n".join(" ".join(str(to_oxigraph(t)) for t in triple) + " ." for triple in triples)
    return f"GRAPH {to_oxigraph(name)} {{\n{lines}\n}}" if name is not None else lines


def quads(triples: Iterable[tuple], name: URIRef | None = None) -> Iterator[ox.Quad]:
    """rdflib triples as Oxigraph quads in one graph (the default graph when ``name`` is None)."""
    target = to_oxigraph(name) if name is not None else ox.DefaultGraph()
    for s, p, o in triples:
        yield ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), target)



_TYPE = f" <{RDF.type}> ".encode()
_TYPE_FIRST = b"\x01"
"""rdf:type as a predicate, and the byte standing for it with its spaces while a part is sorted: below any byte of
N-Triples written by Oxigraph (control characters in literals are escaped), so it sorts a subject's types first and
orders lines as " \x01 " would; one byte, so putting rdf:type back is a memchr scan, not a search for a phrase."""


def sorted_statements(data: bytes) -> list[bytes]:
    """N-Triples / N-Quads statements (as Oxigraph writes them: one a line) sorted as bytes, i.e. by subject,
    predicate, object as text. Lines are split at line feeds only: a literal may hold U+2028 or U+0085."""
    return sorted(filter(None, data.split(b"\n")))


RUN_BYTES = 16 << 20
"""N-Triples held in memory at a time when writing Turtle from a store: the graph is cut into parts of about this
size, each a range of subjects, sorted and written one after the other."""


def write_sorted_turtle(store: ox.Store, out: BinaryIO) -> None:
    """Canonical Turtle of the store's default graph into ``out``, with no rdflib in between (the bytes of
    ``graph.io.turtle`` for the same triples): statements sorted by subject, rdf:type first, then predicate and
    object. The graph is cut on disk into ranges of subjects of about RUN_BYTES each, so memory stays the same
    whatever the graph's size; no step loops over lines in Python."""
    with tempfile.TemporaryDirectory(prefix="akg-turtle-") as tmp:
        work = Path(tmp)
        store.dump(output=str(work / "graph.nt"), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
        parts, prefixes = _subject_ranges(work / "graph.nt", work)
        header = b""
        for part in parts:
            declared, statements = turtle_prefixes(_part_turtle(part, prefixes))
            if declared and not header:
                header = declared
                out.write(header)
            out.write(turtle_statements(statements))
        if not header:
            out.write(b"\n")


def _subject_ranges(ntriples: Path, work: Path) -> tuple[list[Path], dict[str, str]]:
    """The N-Triples file cut into part files by ranges of subjects (every statement of a subject in one part, the
    parts in sorted order; within a part, statements in no useful order), and the prefixes its IRIs use; the input
    file is deleted once read."""
    count = max(1, -(-ntriples.stat().st_size // RUN_BYTES))
    parts = [work / f"part-{i}.nt" for i in range(count)]
    found: set[str] = set()
    bounds: list[bytes] | None = None
    with ntriples.open("rb") as lines, contextlib.ExitStack() as files:
        outs = [files.enter_context(part.open("wb")) for part in parts]
        while chunk := lines.read(RUN_BYTES) + lines.readline():
            found.update(used_prefixes([chunk]))
            ordered = sorted_statements(chunk)
            bounds = _subject_bounds(ordered, count) if bounds is None else bounds
            cuts = [0, *(bisect.bisect_left(ordered, bound) for bound in bounds), len(ordered)]
            for part_out, start, end in zip(outs, cuts, cuts[1:]):
                if end > start:
                    part_out.write(b"\n".join(ordered[start:end]) + b"\n")
    ntriples.unlink()
    return parts, {p: ns for p, ns in prefix_table().items() if p in found}


def _subject_bounds(ordered: list[bytes], count: int) -> list[bytes]:
    """Up to ``count - 1`` subjects (each followed by its space) cutting sorted statements into ranges of about as
    many: the first chunk of a dump samples the whole graph (Oxigraph writes subjects in the order of their
    hashes), and a statement sorts at or after the bound of its own subject, before any later subject's."""
    picked = (ordered[i * len(ordered) // count] for i in range(1, count))
    return sorted({line[:line.index(b" ") + 1] for line in picked})


def _part_turtle(part: Path, prefixes: dict[str, str]) -> bytes:
    """One part's statements sorted (rdf:type first) and written as Turtle by Oxigraph (all ``prefixes`` declared);
    the file deleted. Parsed leniently: the lines are Oxigraph's own, valid already (checking each IRI again is a
    third of the time of writing Turtle)."""
    ordered = sorted_statements(part.read_bytes().replace(_TYPE, _TYPE_FIRST))
    part.unlink()
    nt = b"\n".join(ordered).replace(_TYPE_FIRST, _TYPE)
    triples = ox.parse(nt, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes)


def _iri(term) -> str:
    return str(to_oxigraph(term))


def _values(terms: Iterable) -> str:
    return " ".join(_iri(t) for t in sorted(terms))


_UNION = "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"
"""The SPARQL update making the default graph hold the union of the named graphs."""


def _split_updates() -> list[str]:
    """SPARQL updates copying each article's document layer from the default graph into its named graph
    (the article and its evidence first, then the organizations that evidence names).
    The organizations' statements are selected once, apart, then joined to the articles naming them (a join
    Oxigraph does by hash: thirty times faster at a million triples than scanning the graph per article)."""
    A = vocab.akg()
    doc = f"?doc a {_iri(SCHEMA.NewsArticle)} ; {_iri(DCTERMS.identifier)} ?id ."
    derived = f"?ev {_iri(PROV.wasDerivedFrom)} ?doc"
    classes = _values(t.cls for t in vocab.relations().values())
    direct = ", ".join(_iri(t.direct) for t in vocab.relations().values())
    named = (f"{{ ?doc {_iri(A.citesSource)} ?org }} UNION {{ ?ev {_iri(A.statedSubject)} ?org }}"
             f" UNION {{ ?ev {_iri(A.statedObject)} ?org }}")  # the organizations an article names
    return [
        f"INSERT {{ GRAPH ?doc {{ ?doc ?p ?o }} }} WHERE {{ {doc} ?doc ?p ?o }}",
        f"INSERT {{ GRAPH ?doc {{ ?ev ?p ?o . ?rel {_iri(A.evidence)} ?ev . ?rel {_iri(RDF.type)} ?cls }} }}"
        f" WHERE {{ {doc} {derived} ; ?p ?o . ?rel {_iri(A.evidence)} ?ev ; {_iri(RDF.type)} ?cls ."
        f" VALUES ?cls {{ {classes} }} }}",
        f"INSERT {{ GRAPH ?doc {{ ?org ?p ?o }} }} WHERE {{"
        f" {{ SELECT DISTINCT ?doc ?org WHERE {{ GRAPH ?doc {{ {named} }} }} }}"
        f" {{ SELECT ?org ?p ?o WHERE {{ {{ SELECT DISTINCT ?org WHERE {{ GRAPH ?g {{ {named} }} }} }}"
        f" ?org ?p ?o . FILTER (?p NOT IN ({direct})) }} }} }}",
    ]


def stage(path: str | Path) -> ox.Store:
    """Parse a Turtle, N-Triples, TriG or N-Quads file into an in-memory store in akg's layout.

    A file whose articles all have their named graph (TriG or N-Quads from ``Store.export``) is taken as split
    already; otherwise each article's layer is copied out of the default graph. The union is completed only
    when the file had named graphs: what is copied out of the default graph is in it already (a tenth of the
    time of loading a million triples)."""
    path = Path(path)
    ext = path.suffix.lower().lstrip(".")
    if ext not in STORE_FORMATS:
        raise InputError(f"cannot load {path}: use Turtle (.ttl), N-Triples (.nt), TriG (.trig) or N-Quads (.nq)")
    if not path.is_file():
        raise GraphNotFoundError(f"no graph at {path}")
    staged = ox.Store()
    try:
        staged.bulk_load(path=str(path), format=oxigraph_format(ext))
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"malformed graph {path}: {one_line(exc)}") from exc
    updates = [_UNION] if next(staged.named_graphs(), None) is not None else []
    if _unsplit_articles(staged):
        updates = _split_updates() + updates
    if updates:
        staged.update(" ;\n".join(updates))
    return staged


def stage_into(path: str | Path, target: ox.Store) -> tuple[ox.Store, bool]:
    """``stage(path)``; for a Turtle or N-Triples file (no named graphs: the default graph staged is the file's
    triples) into the empty store ``target``, the file is bulk-loaded into ``target``'s default graph meanwhile,
    in another thread (Oxigraph lets go of the GIL while it loads): at a million triples the two overlap, six
    seconds each. Returns the staged dataset and whether ``target`` holds its default graph; on an error
    ``target`` is cleared (it was empty) and the error raised."""
    path = Path(path)
    ext = path.suffix.lower().lstrip(".")
    if ext not in STORE_FORMATS or ext in NAMED_GRAPH_FORMATS:
        return stage(path), False
    with ThreadPoolExecutor(max_workers=1) as pool:
        loading = pool.submit(target.bulk_load, path=str(path), format=oxigraph_format(ext))
        try:
            staged = stage(path)
        except BaseException:
            wait([loading])
            target.clear()
            raise
        try:
            loading.result()
        except (OSError, SyntaxError, ValueError) as exc:
            target.clear()
            raise StoreError(f"store load failed: {one_line(exc)}") from exc
    return staged, True


def _unsplit_articles(staged: ox.Store) -> bool:
    """Whether an article described in the default graph has no named graph of its own."""
    return bool(staged.query(f"ASK {{ ?doc a {_iri(SCHEMA.NewsArticle)} ; {_iri(DCTERMS.identifier)} ?id ."
                             f" FILTER NOT EXISTS {{ GRAPH ?doc {{ ?doc ?p ?o }} }} }}"))


def as_nquads(staged: ox.Store) -> bytes:
    """The whole staged dataset as N-Quads (for ``bulk_load`` into a store: no Python object per quad)."""
    return staged.dump(format=ox.RdfFormat.N_QUADS)


def merged_layer_complete(staged: ox.Store) -> bool:
    """Whether every relationship with evidence carries its merged layer (an evidence count) in the default graph."""
    A = vocab.akg()
    return not staged.query(f"ASK {{ GRAPH ?g {{ ?rel {_iri(A.evidence)} ?ev }}"
                            f" FILTER NOT EXISTS {{ ?rel {_iri(A.evidenceCount)} ?n }} }}")


def foreign_triples(staged: ox.Store) -> list[tuple]:
    """Default-graph triples in no article graph that are no relationship's and no direct edge (the merged
    layer's term labels still among them)."""
    A = vocab.akg()
    direct = ", ".join(_iri(t.direct) for t in vocab.relations().values())
    rows = staged.query(
        f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER NOT EXISTS {{ GRAPH ?g {{ ?s ?p ?o }} }}"
        f" FILTER NOT EXISTS {{ ?s {_iri(A.evidenceCount)} ?n }} FILTER (?p NOT IN ({direct})) }}")
    return [tuple(from_oxigraph(row[v]) for v in ("s", "p", "o")) for row in rows]
