"""Stage 4, RDF: facts -> rdflib graph (build.py) and its SHACL check (validate.py)."""
