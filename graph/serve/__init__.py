"""Serving the store: the SPARQL endpoint (server.py, sparql_worker.py) and remote stores (remote.py)."""
