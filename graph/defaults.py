"""Default locations and limits, in a module light enough for the CLI to import before any command runs."""
import os

__all__ = ["DEFAULT_INPUT", "DEFAULT_OUTDIR", "GRAPH_FILE", "HTML_FILE", "STORE_DIR",
           "SERVE_PORT", "SERVE_TIMEOUT", "SERVE_LIMIT", "SERVE_MEMORY", "SERVE_MIN_MEMORY", "SERVE_CLIENT_TIMEOUT",
           "WORKERS"]

DEFAULT_INPUT = "seeds"
"""What ``akg build`` reads when given no input."""
DEFAULT_OUTDIR = "out"
"""Where ``akg build`` writes, and where the other commands look first."""
GRAPH_FILE = "graph.ttl"
HTML_FILE = "graph.html"
STORE_DIR = "store"

WORKERS = min(2, os.cpu_count() or 1)
"""Processes that extract articles when the input holds more than one batch (each loads spaCy once)."""

SERVE_PORT = 7878
"""Port of ``akg serve`` (Oxigraph server's own default)."""
SERVE_TIMEOUT = 30.0
"""Seconds a query may run on ``akg serve``."""
SERVE_LIMIT = 10_000
"""Most result rows ``akg serve`` returns."""
SERVE_MEMORY = 1024
"""Megabytes of memory each query worker of ``akg serve`` may use."""
SERVE_MIN_MEMORY = 200
"""The least ``--memory`` accepted: a worker needs about 90 MB to start (Python, Oxigraph, the open store)."""
SERVE_CLIENT_TIMEOUT = 10.0
"""Seconds a client of ``akg serve`` has to send its whole request (and the longest a send or receive may wait)."""
