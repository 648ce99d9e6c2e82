"""akg: read car-industry news and build a knowledge graph of automaker alliances.

One folder per stage, in the order the data flows: ``graph.extract`` (text ->
Document -> Mention -> Fact), ``graph.rdf`` (facts -> rdflib graph, SHACL
check), ``graph.store`` (the Oxigraph store, SPARQL), ``graph.serve`` (the
endpoint, remote stores) and ``graph.views`` (serializations, networkx, the
page); ``vocab``, ``errors``, ``defaults``, ``io``, ``pipeline`` and ``cli``
sit at the top.

The public API is the names in ``__all__``, imported on first use, so that
``import graph`` loads neither rdflib, Oxigraph nor the extraction:

    >>> import graph
    >>> graph.Store.__module__
    'graph.store.store'
"""
from __future__ import annotations

from importlib import import_module

from graph.errors import (AkgError, GraphNotFoundError, InputError, QueryError, StoreError, UnknownValueError,
                          ValidationError)

__version__ = "0.1.0"

_LAZY = {
    "graph.pipeline": ("BuildResult", "build", "extract_inputs", "ingest", "remove", "load", "export_graph",
                       "publish_source"),
    "graph.io": ("open_graph", "open_dataset", "load_graph", "atomic_write"),
    "graph.extract.text": ("Document", "read_documents"),
    "graph.extract.registry": ("Organization", "Mention", "Registry", "load_registry"),
    "graph.extract.mentions": ("find_mentions",),
    "graph.extract.facts": ("Fact", "Extraction", "extract_all"),
    "graph.rdf.build": ("build_graph", "document_graph", "merged_graph", "facts_from_graph"),
    "graph.rdf.validate": ("validate", "ValidationReport"),
    "graph.store.store": ("Store",),
    "graph.store.query": ("NamedQuery", "QueryResult", "named_queries", "run_query", "format_result"),
    "graph.serve.server": ("make_server",),
    "graph.serve.remote": ("publish", "remote_query"),
    "graph.views.export": ("serialize", "write_graph", "export"),
    "graph.views.analytics": ("to_networkx",),
    "graph.views.viz": ("render_html", "write_html"),
}
_HOME = {name: module for module, names in _LAZY.items() for name in names}

__all__ = ["__version__", "AkgError", "InputError", "QueryError", "GraphNotFoundError", "ValidationError",
           "StoreError", "UnknownValueError", *_HOME]


def __getattr__(name: str):
    """Import a public name from its module the first time it is asked for."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))
