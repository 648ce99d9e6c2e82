"""Load on a real `akg serve`: requests/s and p99 latency at 8, 16 and 32 clients, optionally with the
abusive requests of issue 12 running beside the load (SERVICE to a bait endpoint, a query that needs gigabytes,
clients that stall mid-request).

The server is `python -m graph serve` in its own process over a store built from seeds/ (so the load
generator's threads never share its GIL); every client thread sends one query after another over a new
connection, as the endpoint speaks HTTP/1.0. A request counts as an error unless it gets 200.

Usage:
    python scripts/bench_serve.py                        # 8/16/32 clients, 10 s each
    python scripts/bench_serve.py --abuse --seconds 20   # the same with the abusive requests beside
    python scripts/bench_serve.py --front uvicorn        # the same workers behind uvicorn + Starlette
"""
from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = [
    "SELECT ?label WHERE { ?org rdfs:label ?label } ORDER BY ?label LIMIT 50",
    "SELECT ?partner WHERE { ?self rdfs:label 'Nissan' . ?rel a akg:Partnership ; akg:participant ?self, ?x ."
    " FILTER (?x != ?self) ?x rdfs:label ?partner } ORDER BY ?partner",
    "SELECT ?o (COUNT(*) AS ?n) WHERE { ?o akg:investsIn ?x } GROUP BY ?o ORDER BY DESC(?n)",
    "SELECT ?s ?status WHERE { ?s akg:status ?status } LIMIT 100",
]
HUNGRY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"


def call(url: str, query: str, timeout: float = 60.0) -> tuple[int, bytes]:
    """(status, body) of one GET /query."""
    try:
        with urllib.request.urlopen(f"{url}query?{urllib.parse.urlencode({'query': query})}", timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except OSError as exc:
        return 0, str(exc).encode()


def start_server(store: Path, port: int, front: str, extra: list[str]) -> subprocess.Popen:
    """`akg serve` (or the same worker pool behind uvicorn: scripts/asgi_front.py) over ``store`` in its own
    process, once it answers."""
    argv = ([sys.executable, "-m", "graph", "serve", "--store", str(store), "--port", str(port), *extra]
            if front == "akg" else [sys.executable, str(ROOT / "scripts" / "asgi_front.py"), str(store), str(port)])
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if call(f"http://127.0.0.1:{port}/", "ASK {}", timeout=2)[0] == 200:
            return process
        time.sleep(0.2)
    process.kill()
    raise RuntimeError("akg serve did not start")


def load(url: str, clients: int, seconds: float) -> dict:
    """Requests/s, p50 and p99 latency (ms) and errors of ``clients`` threads querying for ``seconds``."""
    results: list[tuple[float, int]] = []
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        i = offset
        while time.monotonic() < stop:
            start = time.monotonic()
            status, _ = call(url, QUERIES[i % len(QUERIES)])
            results.append((time.monotonic() - start, status))
            i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    latencies = sorted(lat for lat, _ in results)
    return {"clients": clients, "requests": len(results), "rps": len(results) / seconds,
            "p50": 1000 * statistics.median(latencies), "p99": 1000 * latencies[int(0.99 * (len(latencies) - 1))],
            "errors": sum(status != 200 for _, status in results)}


class _Bait(BaseHTTPRequestHandler):
    """An endpoint a SERVICE call would reach: counts what it gets."""

    def do_GET(self) -> None:
        self.server.calls += 1
        self.send_response(200)
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args) -> None:
        pass


class Abuse:
    """The abusive requests of issue 12, each in a loop beside the load, with what the server answered."""

    def __init__(self, url: str, port: int, stalled: int = 50) -> None:
        self.url, self.port, self.stalled = url, port, stalled
        self.answers: dict[str, dict[str, int]] = {"service": {}, "hungry": {}}
        self.dropped = 0
        self.bait = ThreadingHTTPServer(("127.0.0.1", 0), _Bait)
        self.bait.calls = 0
        self._stop = threading.Event()

    def start(self) -> None:
        """Start the bait endpoint and the abusive loops."""
        threading.Thread(target=self.bait.serve_forever, daemon=True).start()
        service = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{self.bait.server_address[1]}/x> {{ ?s ?p ?o }} }}"
        threading.Thread(target=self._repeat, args=("service", service, 0.5), daemon=True).start()
        threading.Thread(target=self._repeat, args=("hungry", HUNGRY, 0.0), daemon=True).start()
        for _ in range(self.stalled):
            threading.Thread(target=self._stall, daemon=True).start()

    def stop(self) -> dict:
        """Stop the loops; what each abusive request got."""
        self._stop.set()
        self.bait.shutdown()
        return {**{k: dict(v) for k, v in self.answers.items()}, "bait calls": self.bait.calls,
                "stalled clients dropped": self.dropped}

    def _repeat(self, name: str, query: str, pause: float) -> None:
        while not self._stop.is_set():
            status, _ = call(self.url, query)
            self.answers[name][str(status)] = self.answers[name].get(str(status), 0) + 1
            time.sleep(pause)

    def _stall(self) -> None:
        """A client that promises a body and never sends it; opened again each time the server drops it."""
        while not self._stop.is_set():
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=5) as sock:
                    sock.sendall(b"POST /query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                                 b"Content-Length: 100\r\n\r\nSELECT")
                    sock.settimeout(None)
                    while not self._stop.is_set() and sock.recv(1024):
                        pass
                    self.dropped += not self._stop.is_set()
            except OSError:
                time.sleep(0.1)


def main() -> int:
    """Build a store from seeds/, serve it, load it at each client count; print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[8, 16, 32])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--abuse", action="store_true", help="Run the abusive requests beside the load.")
    parser.add_argument("--port", type=int, default=7979)
    parser.add_argument("--front", choices=("akg", "uvicorn"), default="akg",
                        help="akg serve's ThreadingHTTPServer, or uvicorn + Starlette over the same workers.")
    parser.add_argument("--serve-option", action="append", default=[], metavar="OPT",
                        help="Extra option for akg serve (repeatable), e.g. --serve-option=--timeout=5")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "graph", "build", str(ROOT / "seeds"), "-o", tmp, "--no-html", "-q"],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        server = start_server(Path(tmp) / "store", args.port, args.front, args.serve_option)
        url = f"http://127.0.0.1:{args.port}/"
        abuse = Abuse(url, args.port) if args.abuse else None
        try:
            if abuse:
                abuse.start()
            rows = [load(url, n, args.seconds) for n in args.clients]
        finally:
            outcome = abuse.stop() if abuse else None
            server.kill()
            server.wait()
    print(f"{args.front}{', abuse beside' if abuse else ''}:")
    print("| clients | requests/s | p50 ms | p99 ms | errors |")
    print("| --- | --- | --- | --- | --- |")
    for r in rows:
        print(f"| {r['clients']} | {r['rps']:.0f} | {r['p50']:.0f} | {r['p99']:.0f} | {r['errors']} of {r['requests']} |")
    if outcome:
        print("abusive requests:", json.dumps(outcome))
    return 1 if any(r["errors"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
