"""Files in and out: atomic writes, the one format table, terms between rdflib and Oxigraph, the Turtle writer,
and one way to open a graph.

Every command that reads a graph goes through ``locate`` (the path it names, or
the default: ``out/store`` if it exists, else ``out/graph.ttl``) and then
``open_graph`` (an rdflib Graph) or ``open_dataset`` (an Oxigraph store, for
queries); a store folder is opened by ``open_store_folder`` and nowhere else.
This module sits below every stage: it imports only vocab and errors.

Example:
    >>> format_for("out/graph.ttl"), format_for("backup/graph.trig")
    ('turtle', 'trig')
    >>> to_oxigraph(from_oxigraph(to_oxigraph(vocab.akg().Automaker))) == to_oxigraph(vocab.akg().Automaker)
    True
"""
from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph import vocab
from graph.defaults import DEFAULT_OUTDIR, GRAPH_FILE, STORE_DIR
from graph.errors import AkgError, CorruptStoreError, GraphNotFoundError, InputError, StoreError, one_line
from graph.vocab import prefix_table

__all__ = ["FORMATS", "NAMED_GRAPH_FORMATS", "STORE_FORMATS", "atomic_write", "atomic_file", "replacing_folder",
           "folder_lock", "used_prefixes", "turtle_layout", "turtle_prefixes", "turtle_statements",
           "format_for", "oxigraph_format",
           "to_oxigraph", "from_oxigraph", "plain_literal", "graph_name", "to_rdflib", "turtle", "load_graph",
           "load_store", "locate",
           "is_store", "open_store_folder", "open_graph", "open_dataset"]

FORMATS: dict[str, str] = {
    "ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "rdf": "xml", "xml": "xml",
    "trig": "trig", "nq": "nquads", "graphml": "graphml",
}
"""File extension -> format name: the one table of the graph formats akg writes and reads."""

READABLE = ("turtle", "nt", "json-ld", "xml", "trig", "nquads")
"""The format names a graph file can be read back from (GraphML is for other tools)."""

NAMED_GRAPH_FORMATS = ("trig", "nq")
"""Extensions of the formats that keep one named graph per article (written by the store itself)."""

STORE_FORMATS = ("ttl", "nt", "trig", "nq")
"""Extensions the store writes and loads natively (Oxigraph)."""


def atomic_write(path: str | os.PathLike, data: bytes | str) -> Path:
    """Write ``data`` to ``path`` all at once: a reader sees the old file or the new one, never half of it.

    The folder is created if needed; an existing file keeps its permissions, a
    new one gets 0644. AkgError (one line) when the file cannot be written.
    """
    with atomic_file(path) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    return Path(path)


@contextmanager
def atomic_file(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file to write ``path``'s new content into, piece by piece; when the block ends it replaces
    ``path`` in one rename (an error leaves the old file). Folder, permissions and errors as ``atomic_write``."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise AkgError(f"cannot write {path}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise AkgError(f"cannot write {path}: {exc.strerror or exc}") from exc
        raise


@contextmanager
def folder_lock(folder: str | os.PathLike) -> Iterator[None]:
    """Hold the writers' lock of ``folder`` (a ``.NAME.lock`` file beside it): writers of one folder wait for
    each other instead of one swapping a folder in under the other."""
    import fcntl  # POSIX only, like the store's swap

    folder = Path(folder)
    with open(folder.parent / f".{folder.name}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield


@contextmanager
def replacing_folder(target: str | os.PathLike) -> Iterator[Path]:
    """A new, empty folder beside ``target`` to fill; once the block ends it takes ``target``'s place in one
    rename and the old folder is deleted (on an error the new one is): a kill at any moment leaves the old
    folder or the new one, whole. Half-filled folders left by killed runs are deleted first."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    with folder_lock(target):
        for leftover in target.parent.glob(f".{target.name}.new-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        new = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.new-"))
        try:
            yield new
            _swap_in(new, target)
        finally:
            shutil.rmtree(new, ignore_errors=True)  # after the swap, the old folder is there


_RENAME_EXCHANGE = 2  # linux/fs.h: swap the two names in one step


def _swap_in(new: Path, target: Path) -> None:
    """Give folder ``new`` the name ``target``; an existing ``target`` ends up at ``new``'s name. One atomic
    rename(2) when there is no target, renameat2(RENAME_EXCHANGE) (Linux) when there is; elsewhere two renames."""
    try:
        if not target.exists():
            os.rename(new, target)
        elif _exchange(new, target) != 0:
            aside = new.with_name(new.name + "-old")
            os.rename(target, aside)
            os.rename(new, target)
            os.rename(aside, new)
        _fsync_folder(target.parent)
    except OSError as exc:
        raise StoreError(f"cannot put the new {target.name} in place of {target}: {exc.strerror or exc}") from exc


def _exchange(a: Path, b: Path) -> int:
    """Swap two paths with renameat2(RENAME_EXCHANGE): 0 when done, an errno when the system cannot (OSError
    for any other failure)."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return errno.ENOSYS
    at_cwd = -100  # AT_FDCWD: paths relative to the working folder
    if renameat2(at_cwd, os.fsencode(a), at_cwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return 0
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return code
    raise OSError(code, os.strerror(code), str(b))


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (it is, once the folder's own entry is on disk)."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def format_for(path: str | os.PathLike) -> str:
    """The format name for a file's extension (InputError for an extension akg does not write)."""
    ext = Path(path).suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise InputError(f"unknown graph format for {path}: use one of {', '.join(sorted(FORMATS))}")
    return FORMATS[ext]


def oxigraph_format(ext: str) -> ox.RdfFormat:
    """Oxigraph's format for a file extension of ``FORMATS`` (one that Oxigraph reads and writes).

    >>> oxigraph_format("nq") == ox.RdfFormat.N_QUADS
    True
    """
    return ox.RdfFormat.from_extension({"jsonld": "jsonld", "xml": "rdf"}.get(ext, ext))


# --- terms between rdflib and Oxigraph (the one converter each way) --------------------------------------------

@lru_cache(maxsize=1 << 16)
def _named_node(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def to_oxigraph(term) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as the Oxigraph term it stands for."""
    if isinstance(term, URIRef):
        return _named_node(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))


_XSD_STRING = str(XSD.string)
"""The datatype of a plain literal, spelled once (reading it off the namespace costs more than the rest of a term)."""


def from_oxigraph(term) -> URIRef | BNode | Literal | None:
    """An Oxigraph term as the rdflib term it stands for (a plain literal for xsd:string; None for None).

    >>> from_oxigraph(ox.Literal("Nissan"))
    rdflib.term.Literal('Nissan')
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if not isinstance(term, ox.Literal):  # a quoted triple (RDF-star): its text
        return Literal(str(term))
    if term.language:
        return Literal(term.value, lang=term.language)
    dtype = term.datatype.value
    return plain_literal(term.value) if dtype == _XSD_STRING else Literal(term.value, datatype=URIRef(dtype))


def plain_literal(text: str) -> Literal:
    """``Literal(text)`` (no language, no datatype) made without rdflib's checks for typed values, which are most
    of the time of reading a big answer (78,000 blocs: 0.19 s -> 0.03 s); ``tests/test_io.py`` holds it equal."""
    term = str.__new__(Literal, text)
    term._language = term._datatype = term._ill_typed = None
    term._value = text
    return term


def graph_name(quad: ox.Quad) -> URIRef | None:
    """The quad's graph as an rdflib IRI, None for the default graph."""
    return None if isinstance(quad.graph_name, ox.DefaultGraph) else from_oxigraph(quad.graph_name)


def to_rdflib(store: ox.Store, name: URIRef | None = None, into: Graph | None = None) -> Graph:
    """One graph of an Oxigraph store (``name``, or the default graph) as an rdflib Graph (``into`` if given)."""
    g = Graph() if into is None else into
    target = to_oxigraph(name) if name is not None else ox.DefaultGraph()
    g += ((from_oxigraph(q.subject), from_oxigraph(q.predicate), from_oxigraph(q.object))
          for q in store.quads_for_pattern(None, None, None, target))
    return g


# --- Turtle, the one writer ------------------------------------------------------------------------------------

_RDF_TYPE = ox.NamedNode(str(RDF.type))


def _turtle_order(triple: ox.Triple) -> tuple:
    """Subjects in IRI order; rdf:type first within a subject (as people read Turtle), then by predicate, object."""
    return str(triple.subject), triple.predicate != _RDF_TYPE, str(triple.predicate), str(triple.object)


def turtle(graph: Graph) -> bytes:
    """Turtle written by Oxigraph (about ten times rdflib's speed) from the triples in canonical order: the one
    Turtle writer (graph.ttl, ``akg export``, the store's Turtle export).

    Only the prefixes the data uses are declared, in alphabetical order; the data
    namespace gets none (its local names hold '/', which prefixed names must escape).
    """
    nt = graph.serialize(format="nt", encoding="utf-8")
    return ordered_turtle(sorted(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES), key=_turtle_order), nt)


def ordered_turtle(triples, nt: bytes) -> bytes:
    """Turtle of ``triples``, already in canonical order, laid out as ``turtle`` lays it out; ``nt`` is their
    N-Triples, where the prefixes to declare are looked up."""
    text = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=used_prefixes([nt]))
    return turtle_layout(text)


def used_prefixes(chunks: Iterable[bytes]) -> dict[str, str]:
    """The prefixes of the one table (the data namespace's aside) whose namespace IRI the N-Triples ``chunks``
    name, in the table's order. Chunks must hold whole lines."""
    table = {p: ns for p, ns in prefix_table().items() if p != "id"}
    found: set[str] = set()
    for chunk in chunks:
        found.update(p for p, ns in table.items() if p not in found and f"<{ns}".encode() in chunk)
    return {p: ns for p, ns in table.items() if p in found}


def turtle_layout(text: bytes) -> bytes:
    """Oxigraph's Turtle laid out as akg writes Turtle: its prefix lines sorted, then its statements as
    ``turtle_statements`` lays them out; a lone line feed for no triples."""
    prefixes, statements = turtle_prefixes(text)
    return prefixes + turtle_statements(statements) or b"\n"


def turtle_prefixes(text: bytes) -> tuple[bytes, bytes]:
    """Oxigraph's Turtle cut in two: its prefix lines sorted (each ending in a line feed), and the rest (sliced
    once: a part of a big graph is megabytes long)."""
    end = 0
    while text.startswith(b"@prefix ", end):
        end = text.find(b"\n", end) + 1 or len(text)
    return b"".join(sorted(line + b"\n" for line in text[:end].splitlines())), text[end:]


_BLANK_LINES = re.compile(rb"\n\n+")
"""Runs of blank lines."""


def turtle_statements(text: bytes) -> bytes:
    """Oxigraph's Turtle statements (no prefix lines) with one blank line before each subject and no other blank
    line, line-feed ended; b"" for none. Oxigraph ends each subject's statements with " ." at the end of a line
    and starts the next subject on the line after (literals never span lines: it escapes newlines), so one
    bytes replace lays it out: a tenth of a second for a million triples, a third of a regular expression's."""
    text = text.strip(b"\n")
    if b"\n\n" in text:
        text = _BLANK_LINES.sub(b"\n", text)
    return b"\n" + text.replace(b" .\n", b" .\n\n") + b"\n" if text else b""


# --- graph files ------------------------------------------------------------------------------------------------

def _readable_extension(path: Path) -> str:
    """The ``FORMATS`` key to parse ``path`` with (Turtle's for an unknown extension); errors for missing or
    unreadable."""
    if not path.is_file():
        raise GraphNotFoundError(missing_graph(path))
    ext = path.suffix.lower().lstrip(".")
    ext = ext if ext in FORMATS else "ttl"
    if FORMATS[ext] not in READABLE:
        raise InputError(f"cannot read a graph from {path}: use Turtle, N-Triples, JSON-LD, RDF/XML, TriG or N-Quads")
    return ext


def load_store(path: str | os.PathLike) -> ox.Store:
    """A graph file in an in-memory Oxigraph store, every triple in its default graph.

    For querying big graphs: Oxigraph answers the named queries 30 to 100 times
    faster than rdflib. Same errors as ``load_graph``.
    """
    path = Path(path)
    ext = _readable_extension(path)
    store = ox.Store()
    try:
        quads = ox.parse(path=str(path), format=oxigraph_format(ext))
        store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(f"malformed graph {path}: {one_line(exc)}") from exc
    return store


def load_graph(path: str | os.PathLike) -> Graph:
    """Parse a graph file (Turtle unless the extension says otherwise), with akg's prefixes bound."""
    path = Path(path)
    fmt = FORMATS[_readable_extension(path)]
    g = vocab.bind_prefixes(Graph())
    try:
        if fmt in ("trig", "nquads"):  # datasets: every graph's triples, merged
            ds = Dataset()
            ds.parse(path, format=fmt)
            for s, p, o, _ in ds.quads():
                g.add((s, p, o))
        else:
            g.parse(path, format=fmt)
    except Exception as exc:  # rdflib's parsers raise many unrelated types for bad input
        raise InputError(f"malformed graph {path}: {one_line(exc)}") from exc
    return g


# --- one way to open a graph: a store folder or a graph file ----------------------------------------------------

def missing_graph(path: Path) -> str:
    """What to say when there is no graph at ``path``: build one, for the default places; else check the path."""
    what = f"no store at {path}" if path.is_dir() else f"no graph at {path}"
    if path in (Path(DEFAULT_OUTDIR) / GRAPH_FILE, Path(DEFAULT_OUTDIR) / STORE_DIR):
        return f"{what}: run `akg build` first"
    return f"{what}: check the path (`akg build` writes {Path(DEFAULT_OUTDIR) / GRAPH_FILE} and " \
           f"{Path(DEFAULT_OUTDIR) / STORE_DIR})"


def locate(path: str | os.PathLike | None = None) -> Path:
    """The graph a reading command names, or the default: out/store if it exists, else out/graph.ttl.

    A missing file is reported by the loader (GraphNotFoundError), a missing store folder by ``open_store_folder``.
    """
    if path is not None:
        return Path(path)
    store = Path(DEFAULT_OUTDIR) / STORE_DIR
    return store if store.is_dir() else Path(DEFAULT_OUTDIR) / GRAPH_FILE


def is_store(path: str | os.PathLike) -> bool:
    """Whether ``path`` names a store folder (anything else is read as a graph file)."""
    return Path(path).is_dir()


def open_store_folder(path: str | os.PathLike | None, *, create: bool = True) -> ox.Store:
    """The Oxigraph database in folder ``path`` (in memory for None); GraphNotFoundError when ``create`` is False and
    there is none, StoreError when it cannot be opened (another process holding it), CorruptStoreError when its files
    are damaged."""
    if path is None:
        return ox.Store()
    path = Path(path)
    if not create and not (path / "CURRENT").is_file():
        raise GraphNotFoundError(missing_graph(path))
    try:
        return ox.Store(str(path))
    except OSError as exc:
        raise StoreError(f"cannot open the store at {path}: {one_line(exc)}"
                         " (is another akg process, e.g. `akg serve`, using it?)") from exc
    except RuntimeError as exc:  # RocksDB reports damaged files ("Corruption: ...") as RuntimeError
        raise CorruptStoreError(f"the store at {path} is damaged ({one_line(exc)[:120]}): `akg build` rebuilds it"
                                ) from exc


def open_graph(path: str | os.PathLike | None = None) -> Graph:
    """The whole graph as rdflib (akg's prefixes bound), from a store folder (its default graph) or a graph file."""
    p = locate(path)
    if is_store(p):
        return to_rdflib(open_store_folder(p, create=False), into=vocab.bind_prefixes(Graph()))
    return load_graph(p)


def open_dataset(path: str | os.PathLike | None = None) -> ox.Store:
    """What queries run on, an Oxigraph store: the store folder itself, or a graph file loaded into memory."""
    p = locate(path)
    return open_store_folder(p, create=False) if is_store(p) else load_store(p)
