"""Default locations and limits, in a module light enough for the CLI to import before any command runs."""

__all__ = ["DEFAULT_INPUT", "DEFAULT_OUTDIR", "GRAPH_FILE", "HTML_FILE", "STORE_DIR",
           "SERVE_PORT", "SERVE_TIMEOUT", "SERVE_LIMIT"]

DEFAULT_INPUT = "seeds"
"""What ``akg build`` reads when given no input."""
DEFAULT_OUTDIR = "out"
"""Where ``akg build`` writes, and where the other commands look first."""
GRAPH_FILE = "graph.ttl"
HTML_FILE = "graph.html"
STORE_DIR = "store"

SERVE_PORT = 7878
"""Port of ``akg serve`` (Oxigraph server's own default)."""
SERVE_TIMEOUT = 30.0
"""Seconds a query may run on ``akg serve``."""
SERVE_LIMIT = 10_000
"""Most result rows ``akg serve`` returns."""
