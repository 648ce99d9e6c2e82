"""Stage 5, the store: the Oxigraph store (store.py) and SPARQL over it (query.py, queries/*.rq)."""
