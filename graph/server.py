"""``akg serve``: a read-only SPARQL 1.1 Protocol endpoint over the store, with an offline query page.

Why our own server rather than ``oxigraph serve``: the Oxigraph server has a
timeout but no result-size limit, its query page loads YASGUI from a CDN (not
offline), and it is a read-write server unless started read-only.  This one
is small: a stdlib ``ThreadingHTTPServer`` in front of a pool of worker
processes, each holding the store open read-only.  A query that outlives the
timeout gets its worker killed (the CPU is really freed, which a thread could
not guarantee) and the client a 503; a result is cut after ``limit`` rows or
triples and the ``X-Akg-Truncated`` header says so.

Endpoints: ``GET /query?query=...`` and ``POST /query`` (``application/sparql-query``
or form-encoded ``query=``); results as SPARQL JSON, XML, CSV or TSV (Turtle,
N-Triples, RDF/XML or JSON-LD for CONSTRUCT/DESCRIBE) chosen by the Accept
header or a ``format`` parameter.  Extra parameters ``$name=value`` bind the
variable ``?name`` to a plain literal (never pasted into the text), as the
named queries need.  Updates get 403.  ``GET /`` is the query page.

Example:
    >>> from graph.server import make_server
    >>> server = make_server("out/store", port=0)   # doctest: +SKIP
    >>> server.url                                    # doctest: +SKIP
    'http://127.0.0.1:40123/'
"""
from __future__ import annotations

import json
import logging
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from itertools import islice
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from graph.errors import GraphNotFoundError, StoreError

__all__ = ["serve", "make_server", "SparqlServer", "negotiate", "RESULT_TYPES", "GRAPH_TYPES",
           "DEFAULT_PORT", "DEFAULT_TIMEOUT", "DEFAULT_LIMIT"]

log = logging.getLogger(__name__)

DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_LIMIT = 10_000
MAX_BODY = 1_000_000  # bytes of query text accepted in a POST

RESULT_TYPES = (("json", "application/sparql-results+json"), ("xml", "application/sparql-results+xml"),
                ("csv", "text/csv"), ("tsv", "text/tab-separated-values"),
                ("json", "application/json"), ("xml", "application/xml"), ("xml", "text/xml"))
"""Format key and media type of SELECT / ASK results, in order of preference."""

GRAPH_TYPES = (("ttl", "text/turtle"), ("nt", "application/n-triples"), ("rdf", "application/rdf+xml"),
               ("jsonld", "application/ld+json"), ("nt", "text/plain"))
"""Format key and media type of CONSTRUCT / DESCRIBE results, in order of preference."""

_RESULT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
                   "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
_GRAPH_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "rdf": ox.RdfFormat.RDF_XML,
                  "jsonld": ox.RdfFormat.JSON_LD}
_QUERY_PATHS = ("/query", "/sparql")


# --- content negotiation -----------------------------------------------------------------------------------------

def _ranges(accept: str) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their quality."""
    out = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            out.append((media.lower(), q))
    return out


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    """The quality the most specific matching range gives ``media`` (0 when none matches)."""
    kind = media.split("/")[0] + "/*"
    for pattern in (media, kind, "*/*"):
        found = [q for rng, q in ranges if rng == pattern]
        if found:
            return max(found)
    return 0.0


def negotiate(accept: str | None, offers: tuple[tuple[str, str], ...]) -> str | None:
    """The format key of the offer the Accept header prefers (the first offer when absent), None if none fits."""
    if not accept or not accept.strip():
        return offers[0][0]
    ranges = _ranges(accept)
    best, best_q = None, 0.0
    for key, media in offers:
        q = _quality(media, ranges)
        if q > best_q:
            best, best_q = key, q
    return best


# --- the worker process ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Request:
    query: str
    bindings: Mapping[str, str]
    accept: str | None
    fmt: str | None
    limit: int
    prefixes: Mapping[str, str]
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Response:
    status: int
    content_type: str
    body: bytes
    truncated: bool = False
    headers: dict = field(default_factory=dict)


def _error(status: HTTPStatus, message: str) -> _Response:
    return _Response(int(status), "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:500] or type(exc).__name__


def _exit_with(parent: int) -> None:
    """Watchdog thread of a worker: end the process as soon as the server process is gone."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _worker_main(fd: int, store_path: str, parent: int) -> None:
    """Serve queries read from the socket ``fd`` over the store opened read-only, until the socket closes
    or the ``parent`` process dies (queries run outside the GIL, so the watchdog thread keeps running)."""
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    conn = Connection(fd)
    store = ox.Store.read_only(store_path)
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        conn.send(_answer(store, request))


def _answer(store: ox.Store, request: _Request) -> _Response:
    """Run one request and serialize its result (or the error) as an HTTP response."""
    try:
        result = store.query(
            request.query, prefixes=dict(request.prefixes),
            substitutions={ox.Variable(k): ox.Literal(v) for k, v in request.bindings.items()},
            default_graph=[ox.NamedNode(g) for g in request.default_graphs] or None,
            named_graphs=[ox.NamedNode(g) for g in request.named_graphs] or None)
        if isinstance(result, ox.QueryTriples):
            return _graph_response(result, request)
        return _results_response(result, request)
    except SyntaxError as exc:
        return _error(HTTPStatus.BAD_REQUEST, f"malformed SPARQL: {_one_line(exc)}")
    except (RuntimeError, ValueError, TypeError) as exc:
        return _error(HTTPStatus.BAD_REQUEST, f"query failed: {_one_line(exc)}")
    except OSError as exc:
        return _error(HTTPStatus.INTERNAL_SERVER_ERROR, f"store error: {_one_line(exc)}")


def _chosen(request: _Request, offers: tuple[tuple[str, str], ...]) -> str | _Response:
    """The format key asked for by the ``format`` parameter or the Accept header, or an error response."""
    if request.fmt:
        keys = {key for key, _ in offers}
        fmt = request.fmt.lower()
        key = fmt if fmt in keys else negotiate(fmt, offers) if "/" in fmt else None
        if key is None:
            return _error(HTTPStatus.BAD_REQUEST, f"unsupported format {request.fmt!r} for this query;"
                          f" use one of {', '.join(sorted(keys))}")
        return key
    key = negotiate(request.accept, offers)
    if key is None:
        return _error(HTTPStatus.NOT_ACCEPTABLE, "none of the Accept header's types is available; offered: "
                      + ", ".join(dict.fromkeys(media for _, media in offers)))
    return key


def _json_term(term) -> dict:
    """A term in SPARQL 1.1 Query Results JSON."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate", "object")}}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out


def _results_response(result, request: _Request) -> _Response:
    """SELECT / ASK results, at most ``limit`` rows, in the negotiated format (serialized by Oxigraph)."""
    key = _chosen(request, RESULT_TYPES)
    if isinstance(key, _Response):
        return key
    truncated = False
    if isinstance(result, ox.QueryBoolean):
        doc = {"head": {}, "boolean": bool(result)}
    else:
        names = [v.value for v in result.variables]
        rows = list(islice(result, request.limit + 1))
        truncated = len(rows) > request.limit
        bindings = [{n: _json_term(row[n]) for n in names if row[n] is not None} for row in rows[:request.limit]]
        doc = {"head": {"vars": names}, "results": {"bindings": bindings}}
    body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    fmt = _RESULT_FORMATS[key]
    if key != "json":
        body = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON).serialize(format=fmt)
    return _Response(200, _with_charset(fmt.media_type), body, truncated)


def _graph_response(result, request: _Request) -> _Response:
    """CONSTRUCT / DESCRIBE triples, at most ``limit`` of them, in the negotiated RDF format."""
    key = _chosen(request, GRAPH_TYPES)
    if isinstance(key, _Response):
        return key
    triples = list(islice(result, request.limit + 1))
    fmt = _GRAPH_FORMATS[key]
    prefixes = dict(request.prefixes) if key in ("ttl", "rdf") else None
    body = ox.serialize(triples[:request.limit], format=fmt, prefixes=prefixes)
    return _Response(200, _with_charset(fmt.media_type), body, len(triples) > request.limit)


def _with_charset(media: str) -> str:
    return media if "charset" in media else f"{media}; charset=utf-8"


class _Worker:
    """One worker process (``python -m graph.server FD STORE``) and the socket to it; killed and restarted
    when a query outlives the timeout.  A plain subprocess, not multiprocessing, so the caller's
    ``__main__`` is never re-imported; the worker exits by itself if this process dies."""

    def __init__(self, store_path: str) -> None:
        self._store_path = store_path
        self._lock = threading.Lock()
        self.closed = False
        self._start()

    def _start(self) -> None:
        mine, theirs = socket.socketpair()
        with theirs:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "graph.server", str(theirs.fileno()), self._store_path, str(os.getpid())],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        self._conn = Connection(mine.detach())

    def ask(self, request: _Request, timeout: float) -> _Response:
        """Send a request and wait for its answer at most ``timeout`` seconds."""
        try:
            self._conn.send(request)
            if self._conn.poll(timeout):
                return self._conn.recv()
        except (EOFError, OSError) as exc:
            if self.closed:
                return _error(HTTPStatus.SERVICE_UNAVAILABLE, "the server is shutting down")
            log.warning("SPARQL worker died (%s); restarting it", exc)
            self.restart()
            return _error(HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker died; try again")
        log.info("query timed out after %.1f s; restarting its worker", timeout)
        self.restart()
        return _error(HTTPStatus.SERVICE_UNAVAILABLE, f"query timed out after {timeout:g} s")

    def restart(self) -> None:
        """Kill the process (whatever it is doing) and start a fresh one, unless the worker was closed."""
        with self._lock:
            if not self.closed:
                self._kill()
                self._start()

    def close(self) -> None:
        """Kill the process for good."""
        with self._lock:
            self.closed = True
            self._kill()

    def _kill(self) -> None:
        self.process.kill()
        self.process.wait()
        self._conn.close()


# --- the HTTP side -----------------------------------------------------------------------------------------------

class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: holds the worker pool, the timeout and the limit."""

    daemon_threads = True

    def __init__(self, store_path: Path, host: str, port: int, timeout: float, limit: int, workers: int) -> None:
        self.store_path, self.query_timeout, self.limit = store_path, timeout, limit
        self._workers = [_Worker(str(store_path)) for _ in range(max(1, workers))]
        self._pool: queue.Queue[_Worker] = queue.Queue()
        for worker in self._workers:
            self._pool.put(worker)
        try:
            super().__init__((host, port), _Handler)
        except OSError as exc:
            self._close_workers()
            raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
        from graph.rdf import prefix_table  # here, not at the top: the worker processes never need rdflib

        self.page = _page()
        self.prefixes = prefix_table()

    @property
    def url(self) -> str:
        """The base URL the server answers on."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def run_query(self, request: _Request) -> _Response:
        """Run a query on a free worker (waiting at most the timeout for one)."""
        try:
            worker = self._pool.get(timeout=self.query_timeout)
        except queue.Empty:
            return _error(HTTPStatus.SERVICE_UNAVAILABLE, "every query worker is busy; try again later")
        try:
            return worker.ask(request, self.query_timeout)
        finally:
            self._pool.put(worker)

    def server_close(self) -> None:
        """Stop listening and kill the workers."""
        super().server_close()
        self._close_workers()

    def _close_workers(self) -> None:
        """Kill every worker, busy or idle."""
        for worker in self._workers:
            worker.close()


def _page() -> bytes:
    """The query page, with the named queries as examples (JSON in a non-executable script element)."""
    from graph.query import named_queries

    examples = [{"name": q.name, "description": q.description, "query": q.body.strip(),
                 "params": [{"name": p, "help": h} for p, h in zip(q.params, q.param_help or [""] * len(q.params))]}
                for q in named_queries().values()]
    data = json.dumps(examples, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        data = data.replace(char, escaped)
    template = resources.files("graph.templates").joinpath("sparql.html").read_text(encoding="utf-8")
    return template.replace("/*EXAMPLES*/[]", data).encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    """GET/POST /query (SPARQL 1.1 Protocol, read-only), GET / (the query page); everything else refused."""

    server: SparqlServer
    server_version = "akg-sparql"

    def log_message(self, fmt: str, *args) -> None:
        log.info("%s %s", self.address_string(), fmt % args)

    def do_GET(self) -> None:
        """The page, or a query in the URL."""
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(_Response(200, "text/html; charset=utf-8", self.server.page))
        elif url.path in _QUERY_PATHS:
            self._query(parse_qs(url.query, keep_blank_values=True))
        elif url.path == "/update":
            self._read_only()
        else:
            self._send(_error(HTTPStatus.NOT_FOUND, f"no such resource {url.path}; the endpoint is /query"))

    def do_POST(self) -> None:
        """A query in the body (application/sparql-query or form-encoded); updates are refused."""
        url = urlsplit(self.path)
        if url.path == "/update":
            return self._read_only()
        if url.path not in _QUERY_PATHS:
            return self._send(_error(HTTPStatus.NOT_FOUND, f"no such resource {url.path}; the endpoint is /query"))
        size = int(self.headers.get("Content-Length") or 0)
        if size > MAX_BODY:
            return self._send(_error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes"))
        body = self.rfile.read(size).decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            return self._read_only()
        if ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype == "application/x-www-form-urlencoded":
            params.update(parse_qs(body, keep_blank_values=True))
        else:
            return self._send(_error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                                     "POST application/sparql-query or application/x-www-form-urlencoded"))
        self._query(params)

    def do_PUT(self) -> None:
        """Refused: the endpoint is read-only."""
        self._read_only()

    do_DELETE = do_PATCH = do_PUT

    def _read_only(self) -> None:
        self._send(_error(HTTPStatus.FORBIDDEN, "this SPARQL endpoint is read-only: updates are refused"))

    def _query(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self._read_only()
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._send(_error(HTTPStatus.BAD_REQUEST, "give exactly one non-empty 'query' parameter"))
        bindings = {k[1:]: v[-1] for k, v in params.items() if k.startswith("$") and k[1:].isidentifier()}
        request = _Request(queries[0], bindings, self.headers.get("Accept"), (params.get("format") or [None])[-1],
                           self.server.limit, self.server.prefixes, tuple(params.get("default-graph-uri", ())),
                           tuple(params.get("named-graph-uri", ())))
        self._send(self.server.run_query(request))

    def _send(self, response: _Response) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Vary", "Accept")
        self.send_header("X-Akg-Result-Limit", str(self.server.limit))
        self.send_header("X-Akg-Truncated", "true" if response.truncated else "false")
        if response.status == HTTPStatus.FORBIDDEN:
            self.send_header("Allow", "GET, POST")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)


def make_server(store_path: str | os.PathLike, host: str = "127.0.0.1", port: int = DEFAULT_PORT, *,
                timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT, workers: int = 2) -> SparqlServer:
    """A ready, listening server over the store at ``store_path`` (``port=0`` picks a free port)."""
    path = Path(store_path)
    if not (path / "CURRENT").is_file():
        raise GraphNotFoundError(f"no store at {path}: run `akg build` first")
    if timeout <= 0 or limit <= 0:
        raise StoreError("timeout and limit must be positive")
    return SparqlServer(path, host, port, timeout, limit, workers)


def serve(store_path: str | os.PathLike, host: str = "127.0.0.1", port: int = DEFAULT_PORT, *,
          timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT, workers: int = 2) -> None:
    """Serve the store until interrupted (KeyboardInterrupt ends it cleanly); see make_server to know the URL first."""
    server = make_server(store_path, host, port, timeout=timeout, limit=limit, workers=workers)
    log.info("SPARQL endpoint on %squery (page at %s), timeout %g s, limit %d rows",
             server.url, server.url, timeout, limit)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        log.info("stopping the SPARQL endpoint")
    finally:
        server.server_close()


if __name__ == "__main__":  # a query worker started by _Worker; the import makes pickles name graph.server
    from graph.server import _worker_main as _main

    _main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
