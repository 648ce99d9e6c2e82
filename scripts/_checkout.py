"""Lets ``python scripts/NAME.py`` run from the checkout, whichever ``python`` starts it.

Every script imports this module first. Run as a script, it puts the
checkout's ``graph/`` first on the import path (a script measures the code
beside it, not an older install), and when the interpreter lacks akg's
dependencies (a system python) it starts the script again with the
``.venv/bin/python`` that the README's first command makes. Imported by the
tests (``pythonpath = scripts``), it does nothing.
"""
from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
ROOT = SCRIPTS.parent
VENV_PYTHON = ROOT / ".venv" / "bin" / "python"
DEPENDENCIES = ("click", "rdflib", "pyoxigraph", "spacy")


def started_as_script() -> bool:
    """Whether the running program is a file of scripts/ (not pytest or an interpreter importing one)."""
    main = getattr(sys.modules.get("__main__"), "__file__", None)
    return main is not None and Path(main).resolve().parent == SCRIPTS


def missing_dependencies() -> list[str]:
    """akg's dependencies this interpreter cannot import."""
    return [name for name in DEPENDENCIES if importlib.util.find_spec(name) is None]


def use_checkout() -> None:
    """Import graph/ from the checkout, with the checkout's .venv interpreter if this one lacks the dependencies."""
    missing = missing_dependencies()
    if missing and VENV_PYTHON.exists() and Path(sys.prefix).resolve() != VENV_PYTHON.parent.parent.resolve():
        os.execv(VENV_PYTHON, [str(VENV_PYTHON), *sys.argv])
    if missing:
        raise SystemExit(f"error: {sys.executable} cannot import {', '.join(missing)}: run the README's first "
                         f"command (it makes {VENV_PYTHON.parent.parent}), then this script again")
    sys.path.insert(0, str(ROOT))


if started_as_script():
    use_checkout()
