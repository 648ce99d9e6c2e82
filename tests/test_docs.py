"""Every docstring example in the installed package runs (the doctests of CI).

Run here, over the installed ``graph`` package, rather than with
``--doctest-modules graph/``: the suite tests a real (non-editable) install,
and pytest importing the source tree beside it would see two ``graph``
packages.
"""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import graph

MODULES = sorted(m.name for m in pkgutil.walk_packages(graph.__path__, "graph.") if not m.name.endswith("__main__"))


@pytest.mark.parametrize("name", ["graph", *MODULES])
def test_docstring_examples_run(name):
    module = importlib.import_module(name)
    failed, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert failed == 0, f"{failed} docstring example(s) of {name} failed (see the captured output)"
