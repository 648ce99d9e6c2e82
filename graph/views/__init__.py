"""Views of a graph: serializations (export.py), networkx analytics, the interactive page (viz.py, layout.py)."""
