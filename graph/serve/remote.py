"""Talk to a team's triple store through the W3C protocols (stdlib urllib only).

* ``publish`` pushes the graph with the SPARQL 1.1 Graph Store HTTP Protocol:
  one ``PUT`` per graph, which *replaces* that graph, so publishing twice
  leaves the server as publishing once.  Whole graph into the default graph
  (or ``?graph=IRI``), or additionally each article into its own named graph.
* ``remote_query`` runs a query through the SPARQL 1.1 Protocol (``POST``,
  form-encoded) and returns the same ``graph.store.query.QueryResult`` as a local
  query.  Parameters are bound by a ``VALUES`` block placed at the start of the
  query's WHERE group, each value written as a literal by Oxigraph's N-Triples
  serializer: user text never becomes query syntax.

Works with Oxigraph server (``/store`` and ``/query``), Apache Jena Fuseki
(``/ds/data`` and ``/ds/sparql``), GraphDB, Virtuoso and any other server that
speaks the two protocols.

Example:
    >>> from graph.serve.remote import publish, remote_query                     # doctest: +SKIP
    >>> publish(store, "http://127.0.0.1:7878/store", per_document=True)   # doctest: +SKIP
    >>> remote_query("http://127.0.0.1:7878/query", named_queries()["partners"], {"org": "Nissan"})  # doctest: +SKIP
"""
from __future__ import annotations

import json
import logging
import re
import socket
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD

from graph.errors import QueryError, StoreError
from graph.store.query import NamedQuery, QueryResult, computed_rows, prefix_header
from graph.store.store import Store
from graph.vocab import doc_iri

__all__ = ["publish", "remote_query", "bind_values", "DEFAULT_TIMEOUT"]

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 60.0
_NTRIPLES = "application/n-triples"
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


# --- HTTP ----------------------------------------------------------------------------------------------------------

def _request(method: str, url: str, body: bytes | None, headers: dict[str, str], timeout: float) -> tuple[str, bytes]:
    """Send one request; the response's content type and body, or a one-line StoreError."""
    req = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:
            return response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read(500).decode("utf-8", errors="replace").split())[:300]
        raise StoreError(f"{url} refused the request: HTTP {exc.code} {exc.reason}"
                         + (f": {detail}" if detail else "")) from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise StoreError(f"{url} did not answer within {timeout:g} s") from exc
        reason = getattr(exc.reason, "strerror", None) or exc.reason
        raise StoreError(f"cannot reach {url}: {reason} (is the server running?)") from exc
    except (TimeoutError, socket.timeout) as exc:
        raise StoreError(f"{url} did not answer within {timeout:g} s") from exc
    except (ConnectionError, OSError) as exc:
        raise StoreError(f"cannot reach {url}: {exc.strerror or exc}") from exc


def _graph_url(endpoint: str, graph_iri: str | None) -> str:
    """The Graph Store Protocol URL of one graph: ``?graph=IRI`` (escaped) or ``?default``."""
    joiner = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return endpoint + joiner + (urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default")


# --- publish -------------------------------------------------------------------------------------------------------

def _ntriples(graph: Graph | Store, name: URIRef | None = None) -> tuple[bytes, int]:
    """One graph as N-Triples bytes, with its triple count."""
    if isinstance(graph, Store):
        body = graph.ntriples(name)
        return body, body.count(b"\n")
    return graph.serialize(format="nt", encoding="utf-8"), len(graph)


def _put(endpoint: str, graph_iri: str | None, body: bytes, timeout: float) -> None:
    _request("PUT", _graph_url(endpoint, graph_iri), body, {"Content-Type": _NTRIPLES}, timeout)


def publish(store_or_graph: Store | Graph, endpoint: str, graph_iri: str | None = None, *,
            per_document: bool = False, timeout: float = DEFAULT_TIMEOUT) -> dict[str | None, int]:
    """Replace the remote graph ``graph_iri`` (default graph if None) with the whole graph; with
    ``per_document`` (a Store only) also replace each article's named graph.  Returns graph -> triples sent."""
    sent: dict[str | None, int] = {}
    if per_document:
        if not isinstance(store_or_graph, Store):
            raise StoreError("per-document publishing needs the store (an rdflib graph has no named graphs)")
        for doc_id in store_or_graph.documents():
            name = doc_iri(doc_id)
            body, count = _ntriples(store_or_graph, name)
            _put(endpoint, str(name), body, timeout)
            sent[str(name)] = count
    body, count = _ntriples(store_or_graph)
    _put(endpoint, graph_iri, body, timeout)
    sent[graph_iri] = count
    log.info("published %d graph(s), %d triples, to %s", len(sent), sum(sent.values()), endpoint)
    return sent


# --- query ---------------------------------------------------------------------------------------------------------

def _skip_string(text: str, i: int) -> int:
    """The index just past the string literal starting at ``text[i]``."""
    quote = text[i] * 3 if text.startswith(text[i] * 3, i) else text[i]
    i += len(quote)
    while i < len(text) and not text.startswith(quote, i):
        i += 2 if text[i] == "\\" else 1
    return i + len(quote)


_IRI = re.compile(r"<[^<>\"{}|^`\\\s]*>")
_WHERE = re.compile(r"(?i)where\b")
_NAME_CHAR = re.compile(r"[\w:?$]")
_SHORT_CONSTRUCT = re.compile(r"(?i)\bCONSTRUCT\s+WHERE\s*\{")


def _where_brace(text: str) -> int:
    """The index of the '{' that opens the query's WHERE group (after the WHERE keyword, else the first one),
    skipping comments, strings and IRIs."""
    depth, first, after_where, i = 0, None, False, 0
    while i < len(text):
        ch = text[i]
        if ch == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        if ch in "\"'":
            i = _skip_string(text, i)
            continue
        iri = _IRI.match(text, i)
        if iri:
            i = iri.end()
            continue
        if ch == "{":
            if depth == 0 and (after_where or first is None):
                first = i
                if after_where:
                    return i
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0 and _WHERE.match(text, i) and not (i and _NAME_CHAR.match(text[i - 1])):
            after_where = True
        i += 1
    if first is None:
        raise QueryError("the query has no WHERE group to bind parameters in")
    return first


def bind_values(text: str, bindings: dict[str, str]) -> str:
    """The query with ``VALUES (?k ...) { ("v" ...) }`` opening its WHERE group: each value a plain literal."""
    if not bindings:
        return text
    for name in bindings:
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"not a variable name: {name!r}")
        if not re.search(rf"[?$]{name}\b", text):
            raise QueryError(f"the query has no variable ?{name} to bind")
    names = sorted(bindings)
    row = " ".join(str(ox.Literal(str(bindings[n]))) for n in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }} "
    if _SHORT_CONSTRUCT.search(text):  # CONSTRUCT WHERE { template } takes triples only: VALUES goes last
        return text + "\n" + block
    at = _where_brace(text) + 1
    return text[:at] + block + text[at:]


def _term(value: dict) -> URIRef | BNode | Literal:
    """A term of SPARQL 1.1 Query Results JSON as an rdflib term (a plain literal for xsd:string)."""
    kind = value.get("type")
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    dtype = value.get("datatype")
    if value.get("xml:lang"):
        return Literal(value["value"], lang=value["xml:lang"])
    if dtype and dtype != str(XSD.string):
        return Literal(value["value"], datatype=URIRef(dtype))
    return Literal(value["value"])


def _result(content_type: str, body: bytes) -> QueryResult:
    """Parse the server's answer: SPARQL JSON results, or RDF triples for CONSTRUCT/DESCRIBE."""
    media = content_type.split(";")[0].strip().lower()
    try:
        if media in ("application/n-triples", "text/turtle", "text/plain"):
            g = Graph().parse(data=body, format="nt" if media != "text/turtle" else "turtle")
            return QueryResult(("subject", "predicate", "object"), tuple(sorted(g)), "construct")
        doc = json.loads(body)
        if "boolean" in doc:
            return QueryResult((), (), "ask", bool(doc["boolean"]))
        names = tuple(doc["head"]["vars"])
        rows = tuple(tuple(_term(b[n]) if n in b else None for n in names) for b in doc["results"]["bindings"])
    except (ValueError, KeyError, TypeError) as exc:
        raise StoreError(f"unreadable answer from the endpoint ({media or 'no content type'}): {exc}") from exc
    return QueryResult(names, rows, "select")


def remote_query(endpoint: str, query: NamedQuery | str, bindings: dict[str, str] | None = None, *,
                 timeout: float = DEFAULT_TIMEOUT) -> QueryResult:
    """Run a query on a SPARQL 1.1 Protocol endpoint, parameters bound as plain literals (VALUES); a computed
    named query's rows are made here from the endpoint's answer, as on a local graph."""
    bindings = dict(bindings or {})
    if isinstance(query, NamedQuery):
        missing = sorted(set(query.params) - bindings.keys())
        if missing:
            raise QueryError(f"query {query.name!r} needs parameter(s): {', '.join(missing)}")
        text = query.text
    else:
        text = prefix_header() + query
    body = urllib.parse.urlencode({"query": bind_values(text, bindings)}).encode("utf-8")
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": _ACCEPT}
    content_type, answer = _request("POST", endpoint, body, headers, timeout)
    return computed_rows(query, _result(content_type, answer))
