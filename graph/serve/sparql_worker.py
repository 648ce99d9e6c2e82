"""The query side of ``akg serve``: content negotiation, and worker processes that run SPARQL over the store.

Each worker is a plain subprocess (``python -m graph.serve.sparql_worker FD STORE PARENT MEMORY``)
holding the store open read-only and answering requests sent over a socket.
A query that outlives the timeout gets its worker killed, which really frees
the CPU (a thread could not be stopped); a worker also exits by itself when
the server process is gone.  Each worker caps its own memory (``RLIMIT_DATA``,
enforced by the kernel): a query that needs more makes the allocation fail,
Oxigraph aborts the worker, and the client gets a 503 while a fresh worker
starts.  RLIMIT_DATA rather than RLIMIT_AS: it counts the memory the process
writes, not the address space its threads reserve (over 400 MB before any
query).  Results are cut after ``limit`` rows or triples and serialized by
Oxigraph in the negotiated format.
"""
from __future__ import annotations

import json
import logging
import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from itertools import islice
from multiprocessing.connection import Connection

import pyoxigraph as ox

from graph.errors import one_line
from graph.store.marker import generation

_PLAIN = ox.Literal("").datatype  # xsd:string, the datatype a plain literal has (no IRI spelled here)

__all__ = ["Request", "Response", "Worker", "negotiate", "error_response", "too_much_memory", "RESULT_TYPES",
           "GRAPH_TYPES"]

log = logging.getLogger(__name__)

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
READY = "ready"  # what a worker says once its store is open
STARTUP_TIMEOUT = 60.0  # seconds a worker may take to start and open the store
EXIT_TIMEOUT = 5.0  # seconds to learn how a worker that hung up ended
OPEN_TRIES = 5  # attempts to open the store read-only before answering 503
OPEN_PAUSE = 0.05  # seconds between them, growing
STORE_UNAVAILABLE = "the store cannot be read right now (is it being rebuilt?); try again in a moment"


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
class Request:
    """One query to run: text, bound parameters, the client's Accept header or format, limit, prefixes, dataset."""

    query: str
    bindings: Mapping[str, str]
    accept: str | None
    fmt: str | None
    limit: int
    prefixes: Mapping[str, str]
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Response:
    """What the HTTP side sends back: status, content type, body, and whether the limit cut the result."""

    status: int
    content_type: str
    body: bytes
    truncated: bool = False


def error_response(status: HTTPStatus, message: str) -> Response:
    """A plain-text error response."""
    return Response(int(status), "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))


def too_much_memory(memory_mb: int) -> Response:
    """The 503 of a query that needed more than a worker's memory cap."""
    return error_response(HTTPStatus.SERVICE_UNAVAILABLE, f"the query used too much memory (over the {memory_mb} MB"
                          " a query worker may use); ask for less, e.g. without ORDER BY over a large join")


def _cap_memory(memory_mb: int) -> None:
    """Let the kernel refuse this process more than ``memory_mb`` MB of data memory (heap and private mappings)."""
    cap = memory_mb * 2**20
    resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))


def _exit_with(parent: int) -> None:
    """Watchdog thread of a worker: end the process as soon as the server process is gone."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _worker_main(fd: int, store_path: str, parent: int, memory_mb: int) -> None:
    """Serve queries read from the socket ``fd`` over the store opened read-only, with at most ``memory_mb`` MB,
    until the socket closes or the ``parent`` process dies (queries run outside the GIL, so the watchdog thread
    keeps running).  Ctrl-C is the server's to handle: the worker ignores SIGINT."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _cap_memory(memory_mb)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    conn = Connection(fd)
    reader = _Reader(store_path)
    reader.current()
    try:
        conn.send(READY)
        while True:
            request = conn.recv()
            try:
                response = _answer_fresh(reader, request)
            except MemoryError:  # Python ran out (Oxigraph aborts instead: the server sees the worker die)
                response = too_much_memory(memory_mb)
            conn.send(response)
    except (EOFError, OSError):  # the server closed the socket or is gone
        return


class _Reader:
    """The store opened read-only (a snapshot), reopened when its generation (``graph.store.marker``) changed:
    checked before every query, so once a change is done every worker answers from the new state."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.store: ox.Store | None = None
        self.seen: tuple | None = None

    def current(self) -> ox.Store | None:
        """The store as it is now, or None when it cannot be opened (being rebuilt, gone)."""
        now = generation(self.path)
        if self.store is None or now != self.seen:
            self.store = None  # drop the old snapshot first: its memory counts against the cap
            self.seen = now
            self.store = _open_read_only(self.path)
        return self.store

    def reopen(self) -> ox.Store | None:
        self.store = None
        return self.current()


def _open_read_only(path: str) -> ox.Store | None:
    """The store opened read-only, trying a few times (a writer may be swapping files); None if it never opens."""
    for attempt in range(OPEN_TRIES):
        try:
            return ox.Store.read_only(path)
        except (OSError, RuntimeError) as exc:
            log.debug("cannot open the store at %s (try %d): %s", path, attempt + 1, one_line(exc))
            time.sleep(OPEN_PAUSE * (attempt + 1))
    return None


def _answer_fresh(reader: _Reader, request: Request) -> Response:
    """Answer from the current store; on a storage error reopen it and try once more, then a one-line 503."""
    store = reader.current()
    for retry in (True, False):
        if store is None:
            break
        try:
            return _answer(store, request)
        except OSError as exc:
            log.debug("store error, reopening the store: %s", one_line(exc))
            store = reader.reopen() if retry else None
    return error_response(HTTPStatus.SERVICE_UNAVAILABLE, STORE_UNAVAILABLE)


def _answer(store: ox.Store, request: Request) -> Response:
    """Run one request and serialize its result (or the error) as an HTTP response; OSError when the store
    cannot be read."""
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
        return error_response(HTTPStatus.BAD_REQUEST, f"malformed SPARQL: {one_line(exc)}")
    except (RuntimeError, ValueError, TypeError) as exc:
        return error_response(HTTPStatus.BAD_REQUEST, f"query failed: {one_line(exc)}")


def _chosen(request: Request, offers: tuple[tuple[str, str], ...]) -> str | Response:
    """The format key asked for by the ``format`` parameter or the Accept header, or an error response."""
    if request.fmt:
        keys = {key for key, _ in offers}
        fmt = request.fmt.lower()
        key = fmt if fmt in keys else negotiate(fmt, offers) if "/" in fmt else None
        if key is None:
            return error_response(HTTPStatus.BAD_REQUEST, f"unsupported format {request.fmt!r} for this query;"
                          f" use one of {', '.join(sorted(keys))}")
        return key
    key = negotiate(request.accept, offers)
    if key is None:
        return error_response(HTTPStatus.NOT_ACCEPTABLE, "none of the Accept header's types is available; offered: "
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
    elif term.datatype != _PLAIN:
        out["datatype"] = term.datatype.value
    return out


def _results_response(result, request: Request) -> Response:
    """SELECT / ASK results, at most ``limit`` rows, in the negotiated format (serialized by Oxigraph)."""
    key = _chosen(request, RESULT_TYPES)
    if isinstance(key, Response):
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
    return Response(200, _with_charset(fmt.media_type), body, truncated)


def _graph_response(result, request: Request) -> Response:
    """CONSTRUCT / DESCRIBE triples, at most ``limit`` of them, in the negotiated RDF format."""
    key = _chosen(request, GRAPH_TYPES)
    if isinstance(key, Response):
        return key
    triples = list(islice(result, request.limit + 1))
    fmt = _GRAPH_FORMATS[key]
    prefixes = dict(request.prefixes) if key in ("ttl", "rdf") else None
    body = ox.serialize(triples[:request.limit], format=fmt, prefixes=prefixes)
    return Response(200, _with_charset(fmt.media_type), body, len(triples) > request.limit)


def _with_charset(media: str) -> str:
    return media if "charset" in media else f"{media}; charset=utf-8"


class Worker:
    """One worker process (``python -m graph.serve.sparql_worker FD STORE PARENT MEMORY``) and the socket to it;
    killed and restarted when a query outlives the timeout, restarted when it died of its memory cap.  A plain
    subprocess, not multiprocessing, so the caller's ``__main__`` is never re-imported; the worker exits by
    itself if this process dies."""

    def __init__(self, store_path: str, memory_mb: int) -> None:
        self._store_path, self._memory_mb = store_path, memory_mb
        self._lock = threading.Lock()
        self.closed = False
        self._start()

    def _start(self) -> None:
        mine, theirs = socket.socketpair()
        with theirs:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "graph.serve.sparql_worker", str(theirs.fileno()), self._store_path,
                 str(os.getpid()), str(self._memory_mb)],
                pass_fds=(theirs.fileno(),), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                start_new_session=True)  # Ctrl-C in a terminal reaches the server alone; it stops the workers
        self._conn = Connection(mine.detach())
        self._ready = False

    def _wait_ready(self) -> None:
        """Wait for the process to have opened the store, so its start-up never counts against a query's timeout."""
        if not self._ready:
            if not self._conn.poll(STARTUP_TIMEOUT) or self._conn.recv() != READY:
                raise OSError("the query worker did not start")
            self._ready = True

    def ask(self, request: Request, timeout: float) -> Response:
        """Send a request and wait for its answer at most ``timeout`` seconds."""
        try:
            self._wait_ready()
            self._conn.send(request)
            if self._conn.poll(timeout):
                return self._conn.recv()
        except (EOFError, OSError) as exc:
            if self.closed:
                return error_response(HTTPStatus.SERVICE_UNAVAILABLE, "the server is shutting down")
            return self._died(exc)
        log.info("query timed out after %.1f s; restarting its worker", timeout)
        self.restart()
        return error_response(HTTPStatus.SERVICE_UNAVAILABLE, f"query timed out after {timeout:g} s")

    def _died(self, exc: BaseException) -> Response:
        """Restart a worker that died on a query: 503 when its memory cap killed it (Oxigraph aborts when an
        allocation fails; the kernel's OOM killer sends SIGKILL), 500 otherwise."""
        try:
            code = self.process.wait(timeout=EXIT_TIMEOUT)
        except subprocess.TimeoutExpired:
            code = None
        self.restart()
        if code in (-signal.SIGABRT, -signal.SIGKILL):
            log.warning("SPARQL worker ran out of memory (cap %d MB); restarted it", self._memory_mb)
            return too_much_memory(self._memory_mb)
        log.warning("SPARQL worker died (%s, exit status %s); restarted it", exc, code)
        return error_response(HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker died; try again")

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


if __name__ == "__main__":  # started by Worker; the import makes pickles name graph.serve.sparql_worker, not __main__
    from graph.serve.sparql_worker import _worker_main as _main

    _main(int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
