"""``akg serve``: a read-only SPARQL 1.1 Protocol endpoint over the store, with an offline query page.

Why our own server rather than ``oxigraph serve``: the Oxigraph server has a
timeout but no result-size limit, its query page loads YASGUI from a CDN (not
offline), and it is a read-write server unless started read-only.  This one
is small: a stdlib ``ThreadingHTTPServer`` in front of a pool of worker
processes (``graph.serve.sparql_worker``), each holding the store open read-only.  A
query that outlives the timeout gets its worker killed (the CPU is really
freed, which a thread could not guarantee) and the client a 503, and so does
a query that needs more than the worker's memory cap (the kernel refuses it);
a client that has not sent its whole request within the client timeout is
dropped, so slow or stalled clients hold a thread for seconds, never a worker;
a result is cut after ``limit`` rows or triples and the ``X-Akg-Truncated``
header says so.
The workers see changes without a restart: ``akg ingest``, ``remove``, ``load`` and
``build`` rewrite the store's change marker (``graph.store.marker``), and each
worker reopens its read-only snapshot before the next query when it changed, so
once a change is done every worker answers from the new state; a store that
cannot be opened (mid-rebuild) gives a one-line 503, never a storage error.

Endpoints: ``GET /query?query=...`` and ``POST /query`` (``application/sparql-query``
or form-encoded ``query=``); results as SPARQL JSON, XML, CSV or TSV (Turtle,
N-Triples, RDF/XML or JSON-LD for CONSTRUCT/DESCRIBE) chosen by the Accept
header or a ``format`` parameter.  Extra parameters ``$name=value`` bind the
variable ``?name`` to a plain literal (never pasted into the text), as the
named queries need.  Updates get 403; ``SERVICE`` gets 400 unless its endpoint
is on the allow-list (``graph.store.service``: the server would otherwise call
any address it can reach).  ``GET /`` is the query page.

Example:
    >>> from graph.serve.server import make_server
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
import sys
import threading
import time
from collections.abc import Callable, Collection
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from graph.defaults import (SERVE_CLIENT_TIMEOUT, SERVE_LIMIT, SERVE_MEMORY, SERVE_MIN_MEMORY, SERVE_PORT,
                            SERVE_TIMEOUT)
from graph.errors import GraphNotFoundError, QueryError, StoreError
from graph.serve.sparql_worker import Request, Response, Worker, error_response
from graph.store.service import check_service

__all__ = ["serve", "make_server", "SparqlServer", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "DEFAULT_LIMIT",
           "DEFAULT_MEMORY", "MIN_MEMORY", "DEFAULT_CLIENT_TIMEOUT"]

log = logging.getLogger(__name__)

DEFAULT_PORT = SERVE_PORT
DEFAULT_TIMEOUT = SERVE_TIMEOUT
DEFAULT_LIMIT = SERVE_LIMIT
DEFAULT_MEMORY = SERVE_MEMORY
DEFAULT_CLIENT_TIMEOUT = SERVE_CLIENT_TIMEOUT
MIN_MEMORY = SERVE_MIN_MEMORY
MAX_BODY = 1_000_000  # bytes of query text accepted in a POST
_QUERY_PATHS = ("/query", "/sparql")


class _Watchdog:
    """One thread that drops the connections whose request has not arrived by its deadline (a timer per
    connection would cost a thread start per request)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self._due: dict[_Handler, float] = {}
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        threading.Thread(target=self._run, name="akg-client-watchdog", daemon=True).start()

    def watch(self, handler: "_Handler") -> None:
        """Start the clock of a new connection."""
        with self._lock:
            self._due[handler] = time.monotonic() + self.seconds

    def release(self, handler: "_Handler") -> bool:
        """Stop a connection's clock; False if it was dropped already."""
        with self._lock:
            return self._due.pop(handler, None) is not None

    def stop(self) -> None:
        self._stopped.set()

    def _run(self) -> None:
        """Every quarter of the timeout (at most a second), drop the connections past their deadline."""
        while not self._stopped.wait(min(1.0, self.seconds / 4)):
            now = time.monotonic()
            with self._lock:
                late = [h for h, due in self._due.items() if due <= now]
                for handler in late:
                    del self._due[handler]
            for handler in late:
                handler.drop()


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: holds the worker pool, the timeouts and the limit."""

    daemon_threads = True
    request_queue_size = 128  # the listen backlog; socketserver's 5 made clients beyond it wait a second for a retry

    def __init__(self, store_path: Path, host: str, port: int, timeout: float, limit: int, workers: int,
                 allow_service: Collection[str] = (), memory: int = DEFAULT_MEMORY,
                 client_timeout: float = DEFAULT_CLIENT_TIMEOUT) -> None:
        self.store_path, self.query_timeout, self.limit = store_path, timeout, limit
        self.client_timeout = client_timeout
        self.watchdog = _Watchdog(client_timeout)
        self.allow_service = frozenset(allow_service)
        self._workers = [Worker(str(store_path), memory) for _ in range(max(1, workers))]
        self._pool: queue.Queue[Worker] = queue.Queue()
        for worker in self._workers:
            self._pool.put(worker)
        try:
            super().__init__((host, port), _Handler)
        except OSError as exc:
            self.watchdog.stop()
            self._close_workers()
            raise StoreError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
        from graph.vocab import prefix_table  # here, not at the top: the worker processes never need rdflib

        self.page = _page()
        self.prefixes = prefix_table()

    @property
    def url(self) -> str:
        """The base URL the server answers on."""
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def run_query(self, request: Request) -> Response:
        """Run a query on a free worker (waiting at most the timeout for one)."""
        try:
            worker = self._pool.get(timeout=self.query_timeout)
        except queue.Empty:
            return error_response(HTTPStatus.SERVICE_UNAVAILABLE, "every query worker is busy; try again later")
        try:
            return worker.ask(request, self.query_timeout)
        finally:
            self._pool.put(worker)

    def handle_error(self, request, client_address) -> None:
        """Log a failed request (a client that hung up is no error) instead of printing to stderr."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (BrokenPipeError, ConnectionResetError, TimeoutError)):
            log.debug("client %s hung up or was too slow: %s", client_address, exc)
        else:
            log.exception("request from %s failed", client_address)

    def server_close(self) -> None:
        """Stop listening, the watchdog and the workers."""
        super().server_close()
        self.watchdog.stop()
        self._close_workers()

    def _close_workers(self) -> None:
        """Kill every worker, busy or idle."""
        for worker in self._workers:
            worker.close()


def _page() -> bytes:
    """The query page, with the named queries as examples (JSON in a non-executable script element)."""
    from graph.store.query import named_queries

    examples = [{"name": q.name, "description": q.description, "query": q.body.strip(),
                 "params": [{"name": p, "help": h} for p, h in zip(q.params, q.param_help or [""] * len(q.params))]}
                for q in named_queries().values()]
    data = json.dumps(examples, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        data = data.replace(char, escaped)
    template = resources.files("graph.views.templates").joinpath("sparql.html").read_text(encoding="utf-8")
    return template.replace("/*EXAMPLES*/[]", data).encode("utf-8")


class _Handler(BaseHTTPRequestHandler):
    """GET/POST /query (SPARQL 1.1 Protocol, read-only), GET / (the query page); everything else refused."""

    server: SparqlServer
    server_version = "akg-sparql"

    def setup(self) -> None:
        """Start the client's clock: its whole request must arrive within the client timeout (a client that
        trickles it or stops sending is dropped), and no send or receive may wait longer than that."""
        super().setup()
        self.connection.settimeout(self.server.client_timeout)
        self.server.watchdog.watch(self)

    def drop(self) -> None:
        """Cut the connection of a client that has not sent its whole request in time (wakes the blocked read)."""
        log.info("%s dropped: no whole request within %g s", self.address_string(), self.server.client_timeout)
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _received(self) -> bool:
        """Stop the clock once the request is in; False if the client was dropped meanwhile (nothing to answer)."""
        return self.server.watchdog.release(self)

    def finish(self) -> None:
        self.server.watchdog.release(self)
        super().finish()

    def log_message(self, fmt: str, *args) -> None:
        log.info("%s %s", self.address_string(), fmt % args)

    def do_GET(self) -> None:
        """The page, or a query in the URL."""
        if not self._received():
            return
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(Response(200, "text/html; charset=utf-8", self.server.page))
        elif url.path in _QUERY_PATHS:
            self._query(parse_qs(url.query, keep_blank_values=True))
        elif url.path == "/update":
            self._read_only()
        elif url.path == "/favicon.ico":  # browsers ask for it; an empty answer keeps their console clean
            self._send(Response(204, "image/x-icon", b""))
        else:
            self._send(error_response(HTTPStatus.NOT_FOUND, f"no such resource {url.path}; the endpoint is /query"))

    def do_POST(self) -> None:
        """A query in the body (application/sparql-query or form-encoded); updates are refused."""
        url = urlsplit(self.path)
        if url.path == "/update":
            return self._read_only()
        if url.path not in _QUERY_PATHS:
            return self._send(error_response(HTTPStatus.NOT_FOUND, f"no such resource {url.path}; the endpoint is /query"))
        size = int(self.headers.get("Content-Length") or 0)
        if size > MAX_BODY:
            return self._send(error_response(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes"))
        raw = self.rfile.read(size)
        if not self._received() or len(raw) < size:  # dropped, or hung up before sending its whole body
            return
        body = raw.decode("utf-8", errors="replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            return self._read_only()
        if ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype == "application/x-www-form-urlencoded":
            params.update(parse_qs(body, keep_blank_values=True))
        else:
            return self._send(error_response(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                                     "POST application/sparql-query or application/x-www-form-urlencoded"))
        self._query(params)

    def do_PUT(self) -> None:
        """Refused: the endpoint is read-only."""
        self._read_only()

    do_DELETE = do_PATCH = do_PUT

    def _read_only(self) -> None:
        self._send(error_response(HTTPStatus.FORBIDDEN, "this SPARQL endpoint is read-only: updates are refused"))

    def _query(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self._read_only()
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return self._send(error_response(HTTPStatus.BAD_REQUEST, "give exactly one non-empty 'query' parameter"))
        try:
            check_service(queries[0], self.server.allow_service)
        except QueryError as exc:
            return self._send(error_response(HTTPStatus.BAD_REQUEST, str(exc)))
        bindings = {k[1:]: v[-1] for k, v in params.items() if k.startswith("$") and k[1:].isidentifier()}
        request = Request(queries[0], bindings, self.headers.get("Accept"), (params.get("format") or [None])[-1],
                           self.server.limit, self.server.prefixes, tuple(params.get("default-graph-uri", ())),
                           tuple(params.get("named-graph-uri", ())))
        self._send(self.server.run_query(request))

    def _send(self, response: Response) -> None:
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
                timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT, workers: int = 2,
                allow_service: Collection[str] = (), memory: int = DEFAULT_MEMORY,
                client_timeout: float = DEFAULT_CLIENT_TIMEOUT) -> SparqlServer:
    """A ready, listening server over the store at ``store_path`` (``port=0`` picks a free port); SERVICE is
    refused (400) unless its endpoint is in ``allow_service``; each query worker may use ``memory`` MB; a client
    has ``client_timeout`` seconds to send its request."""
    path = Path(store_path)
    if not (path / "CURRENT").is_file():
        raise GraphNotFoundError(f"no store at {path}: run `akg build` first")
    if timeout <= 0 or limit <= 0 or client_timeout <= 0 or memory < MIN_MEMORY:
        raise StoreError(f"timeouts and limit must be positive, memory at least {MIN_MEMORY} MB")
    return SparqlServer(path, host, port, timeout, limit, workers, allow_service, memory, client_timeout)


def serve(store_path: str | os.PathLike, host: str = "127.0.0.1", port: int = DEFAULT_PORT, *,
          timeout: float = DEFAULT_TIMEOUT, limit: int = DEFAULT_LIMIT, workers: int = 2,
          allow_service: Collection[str] = (), memory: int = DEFAULT_MEMORY,
          client_timeout: float = DEFAULT_CLIENT_TIMEOUT, ready: Callable[[SparqlServer], None] | None = None) -> None:
    """Serve the store until interrupted (KeyboardInterrupt ends it cleanly); ``ready`` is called with the
    listening server first (to tell its URL)."""
    server = make_server(store_path, host, port, timeout=timeout, limit=limit, workers=workers,
                         allow_service=allow_service, memory=memory, client_timeout=client_timeout)
    if ready is not None:
        ready(server)
    log.info("SPARQL endpoint on %squery (page at %s), timeout %g s, limit %d rows, %d MB per query worker",
             server.url, server.url, timeout, limit, memory)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        log.info("stopping the SPARQL endpoint")
    finally:
        server.server_close()
