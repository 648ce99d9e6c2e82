"""The ontology, SHACL shapes and reference organizations, shipped as data (Turtle)."""
