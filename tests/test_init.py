"""graph/__init__.py: the public API, imported lazily so that ``import graph`` stays light."""
from __future__ import annotations

import subprocess
import sys

import pytest

import graph

HEAVY = ("rdflib", "pyoxigraph", "networkx", "pyshacl", "trafilatura", "ahocorasick", "click", "jinja2")


def test_import_graph_pulls_no_heavy_module():
    code = f"import sys, graph; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == ""


@pytest.mark.parametrize("name", graph.__all__)
def test_every_public_name_resolves(name):
    assert getattr(graph, name) is not None


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        graph.nothing_here  # noqa: B018
