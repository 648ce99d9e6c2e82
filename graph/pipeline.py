"""The whole job as library calls: articles in, graph files out (the CLI is a thin shell over this)."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from graph.errors import AkgError, GraphNotFoundError, InputError
from graph.export import load_graph, write_graph
from graph.facts import Extraction, extract_all
from graph.mentions import load_registry
from graph.rdf import build_graph
from graph.text import Document, article_paths, read_documents

__all__ = ["BuildResult", "extract_inputs", "build", "open_graph", "DEFAULT_INPUT", "DEFAULT_OUTDIR",
           "GRAPH_FILE", "HTML_FILE"]

log = logging.getLogger(__name__)

DEFAULT_INPUT = "seeds"
DEFAULT_OUTDIR = "out"
GRAPH_FILE = "graph.ttl"
HTML_FILE = "graph.html"

OnError = Callable[[str, AkgError], None]
Progress = Callable[[Document], None]


@dataclass(frozen=True)
class BuildResult:
    """What a build produced: the extractions, the graph and the files written."""

    extractions: tuple[Extraction, ...]
    graph: Graph
    files: tuple[Path, ...]

    @property
    def fact_count(self) -> int:
        """Number of facts over all documents."""
        return sum(len(e.facts) for e in self.extractions)


def extract_inputs(inputs: Iterable[str], on_error: OnError | None = None,
                   progress: Progress | None = None) -> Iterator[Extraction]:
    """Read every article under ``inputs`` and yield its extraction, reporting each document to ``progress``.

    An input that names nothing (a typo, an empty glob) fails at once; a file that cannot be read is
    handed to ``on_error`` and the others go on; no readable article at all is an InputError.
    """
    paths = article_paths(list(inputs))
    registry = load_registry()
    read = 0

    def documents() -> Iterator[Document]:
        nonlocal read
        for doc in read_documents(paths, on_error=on_error):
            read += 1
            if progress:
                progress(doc)
            yield doc

    yield from extract_all(documents(), registry)
    if not read:
        raise InputError("no readable article in the input")


def build(inputs: Iterable[str] = (DEFAULT_INPUT,), outdir: str | Path = DEFAULT_OUTDIR, html: bool = True,
          on_error: OnError | None = None, progress: Progress | None = None) -> BuildResult:
    """Extract facts from the articles, build the graph and write ``graph.ttl`` (and ``graph.html``) atomically."""
    extractions = tuple(extract_inputs(inputs, on_error, progress))
    g = build_graph(extractions)
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    files = [write_graph(g, out / GRAPH_FILE)]
    if html:
        from graph.viz import write_html  # the page stage is optional; import it only when asked
        files.append(write_html(g, out / HTML_FILE))
    log.info("built %d facts from %d documents", sum(len(e.facts) for e in extractions), len(extractions))
    return BuildResult(extractions, g, tuple(files))


def open_graph(path: str | Path) -> Graph:
    """The graph a command reads: a Turtle (or other RDF) file written by ``build`` or ``export``."""
    p = Path(path)
    if not p.exists():
        raise GraphNotFoundError(f"no graph at {p}: run 'akg build' first or pass --graph")
    return load_graph(p)
