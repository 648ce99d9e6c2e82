"""The whole job as library calls: articles in, graph files out (the CLI is a thin shell over this)."""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from graph.defaults import DEFAULT_INPUT, DEFAULT_OUTDIR, GRAPH_FILE, HTML_FILE, STORE_DIR
from graph.errors import AkgError, CorruptStoreError, GraphNotFoundError, InputError, StoreError, one_line
from graph.extract.facts import Extraction, extract_all
from graph.extract.registry import load_registry
from graph.extract.files import article_files
from graph.extract.text import Document, read_documents
from graph.io import (NAMED_GRAPH_FORMATS, folder_lock, is_store, load_graph, load_store, locate,
                      open_store_folder)
from graph.store.resolver import NameResolver, organizations_query
from graph.store.query import NamedQuery, QueryResult, resolve_bindings, run_query
from graph.store.results import keep_answers, query_store
from graph.store.store import FILL_BATCH, Store, rebuild
from graph.views.export import export

__all__ = ["BuildResult", "extract_inputs", "build", "ingest", "remove", "load", "export_graph", "publish_source",
           "query_graph",
           "DEFAULT_INPUT", "DEFAULT_OUTDIR", "GRAPH_FILE", "HTML_FILE", "STORE_DIR"]

log = logging.getLogger(__name__)


OnError = Callable[[str, AkgError], None]
Progress = Callable[[Document], None]


@dataclass(frozen=True)
class BuildResult:
    """What a build produced: how many articles, facts and triples (the whole graph), and the files written.

    Counts, not the facts or the graph: a build streams the articles into the store and holds neither."""

    documents: int
    fact_count: int
    triple_count: int
    files: tuple[Path, ...]


def extract_inputs(inputs: Iterable[str], on_error: OnError | None = None,
                   progress: Progress | None = None, workers: int = 1) -> Iterator[Extraction]:
    """Read every article under ``inputs`` and yield its extraction, reporting each document to ``progress``.

    An input that names nothing (a typo, an empty glob) fails at once; a file that cannot be read is
    handed to ``on_error`` and the others go on; no readable article at all is an InputError. With
    ``workers`` > 1, articles are extracted in that many processes (same output, in the same order).
    """
    files = list(article_files(inputs))
    registry = load_registry()
    read = 0

    def documents() -> Iterator[Document]:
        nonlocal read
        for doc in read_documents(files, on_error=on_error):
            read += 1
            if progress:
                progress(doc)
            yield doc

    yield from extract_all(documents(), registry, workers=workers)
    if not read:
        raise InputError("no readable article in the input")


def build(inputs: Iterable[str] = (DEFAULT_INPUT,), outdir: str | Path = DEFAULT_OUTDIR, html: bool = True,
          on_error: OnError | None = None, progress: Progress | None = None, workers: int = 1,
          batch: int = FILL_BATCH) -> BuildResult:
    """Extract facts from the articles and write the store, ``graph.ttl`` (and ``graph.html``) atomically.

    The articles stream from extraction into a new store ``batch`` at a time; graph.ttl and the page are
    written from that store (no rdflib graph of everything), which then replaces the old one."""
    out = Path(outdir)
    _say_if_damaged(out / STORE_DIR)
    files: list[Path] = []
    filled = rebuild(out / STORE_DIR, extract_inputs(inputs, on_error, progress, workers), batch,
                     then=lambda store: files.extend(_refresh(store, out, html)))
    log.info("built %d facts from %d documents", filled.facts, filled.documents)
    return BuildResult(filled.documents, filled.facts, filled.triples, tuple(files))


def _write_page(store: Store, outdir: Path) -> Path:
    """Write the interactive page from the store (viz is imported only when a page is asked for)."""
    from graph.views.viz import write_html

    return write_html(store.oxigraph, outdir / HTML_FILE)


def _say_if_damaged(path: Path) -> None:
    """Warn that the store a build replaces is damaged (the swap itself never needs to open it)."""
    if not is_store(path):
        return
    try:
        Store(path, create=False)  # closed at once: nothing keeps it
    except CorruptStoreError as exc:
        log.warning("replacing the damaged store at %s (%s)", path, one_line(exc.__cause__ or exc))
    except StoreError:
        pass  # held by another process: the swap does not need it


@contextmanager
def _writing_store(outdir: Path, create: bool = True) -> Iterator[Store]:
    """The store under ``outdir`` (created with its folders when missing and ``create``), held with the
    writers' lock, so an ingest waits for a build's swap instead of writing into the store being replaced."""
    if create:
        outdir.mkdir(parents=True, exist_ok=True)
    elif not is_store(outdir / STORE_DIR):
        raise GraphNotFoundError(f"no store at {outdir / STORE_DIR}: run `akg build` first")
    with folder_lock(outdir / STORE_DIR), Store(outdir / STORE_DIR, create=create) as store:
        yield store


def query_graph(query: NamedQuery | str, params: dict[str, str] | None = None, graph: str | Path | None = None,
                endpoint: str | None = None, allow_service: Collection[str] = ()) -> QueryResult:
    """Run a query on a graph (store folder or file; default out/) or a remote SPARQL endpoint.

    Parameters are read by kind either way: organization names resolve against that graph's organizations.
    On a local graph, SERVICE is refused unless its endpoint is in ``allow_service`` (the remote endpoint
    decides for itself). On a store folder the answers of the whole-graph named queries are kept per store
    generation (``graph.store.results``).
    """
    if endpoint is None:
        p = locate(graph)
        if is_store(p):
            return query_store(p, lambda: open_store_folder(p, create=False), query, params, allow_service)
        return run_query(load_store(p), query, params, allow_service)
    from graph.serve.remote import remote_query

    def names() -> NameResolver:
        return NameResolver.from_rows(remote_query(endpoint, organizations_query()).rows)

    return remote_query(endpoint, query, resolve_bindings(query, dict(params or {}), names))


def publish_source(path: str | Path | None = None) -> Store | Graph:
    """What ``publish`` sends: the store (keeps articles apart for per-document publishing) or a graph file."""
    p = locate(path)
    return Store(p, create=False) if is_store(p) else load_graph(p)


def _refresh(store: Store, outdir: Path, html: bool) -> tuple[Path, ...]:
    """Write graph.ttl (and the page) beside the store from the store itself (no rdflib copy of it), and keep the
    whole-graph answers, so the first query after the change reads them as later ones do. The answers are
    computed in a thread beside the writing (Oxigraph lets go of the interpreter while it reads): at a million
    triples 15 s alone, 4.6 s more than graph.ttl's 20 s when both run."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        answers = pool.submit(keep_answers, store.path, lambda: store.oxigraph)
        files = [store.export(outdir / GRAPH_FILE, "ttl")]
        if html:
            files.append(_write_page(store, outdir))
        answers.result()
    return tuple(files)


def ingest(inputs: Iterable[str], outdir: str | Path = DEFAULT_OUTDIR, html: bool = True,
           on_error: OnError | None = None, progress: Progress | None = None,
           workers: int = 1) -> tuple[list[str], tuple[Path, ...]]:
    """Add or replace articles in the store under ``outdir`` (created if needed); returns their ids and the files."""
    out = Path(outdir)
    extractions = list(extract_inputs(inputs, on_error, progress, workers))
    with _writing_store(out) as store:
        ids = store.ingest(extractions)
        return ids, _refresh(store, out, html)


def remove(doc_ids: Iterable[str], outdir: str | Path = DEFAULT_OUTDIR, html: bool = True) -> tuple[Path, ...]:
    """Take articles out of the store under ``outdir``; StoreError for an id it does not hold."""
    out = Path(outdir)
    with _writing_store(out, create=False) as store:
        for doc_id in doc_ids:
            store.remove(doc_id)
        return _refresh(store, out, html)


def load(files: Iterable[str], outdir: str | Path = DEFAULT_OUTDIR, html: bool = True) -> tuple[int, tuple[Path, ...]]:
    """Read Turtle / TriG / N-Quads files (e.g. from ``export``) into the store; returns the articles read."""
    out = Path(outdir)
    with _writing_store(out) as store:
        count = sum(store.load(f) for f in files)
        return count, _refresh(store, out, html)


def export_graph(path: str | Path | None, outdir: str | Path, formats: Iterable[str]) -> list[Path]:
    """Write the graph in each format; from a store, TriG and N-Quads keep one named graph per article."""
    p = locate(path)
    formats = list(formats)
    written = []
    if is_store(p):
        store = Store(p, create=False)
        native = [f for f in formats if f in NAMED_GRAPH_FORMATS or f in ("ttl", "nt")]  # the same bytes, no rdflib
        for fmt in native:
            written.append(store.export(Path(outdir) / f"graph.{fmt}"))
        formats = [f for f in formats if f not in native]
        if formats:
            written += export(store.to_rdflib(), outdir, formats)
        return written
    return export(load_graph(p), outdir, formats)
