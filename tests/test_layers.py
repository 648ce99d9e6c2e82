"""The package's arrows point down: no module imports one from a later stage, and the stages have no import circle.

Every ``import graph.x`` / ``from graph.x import`` in the source, at the top of a
module or inside a function, is read with ``ast``.
"""
from __future__ import annotations

import ast
from pathlib import Path

import graph

PACKAGE = Path(graph.__file__).resolve().parent

RANK = {"errors": 0, "defaults": 0, "ontology": 0, "vocab": 1, "io": 2, "extract": 3, "rdf": 4, "store": 5, "serve": 6, "views": 6,
        "pipeline": 7, "cli": 8, "__main__": 9, "__init__": 9}
"""Each module's room, in the order the data flows; a module may import from its own room or an earlier one.
(``ontology`` is the top-level ontology/ folder, shipped as graph.ontology: data only.)"""


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    return ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)


def _imports(path: Path) -> set[str]:
    """The graph modules a source file imports (``from graph import x`` counts as graph.x)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("graph.")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "graph":  # a module of the package, or a name of graph/__init__ (__version__)
                found |= {f"graph.{a.name}" for a in node.names
                          if (PACKAGE / a.name).is_dir() or (PACKAGE / f"{a.name}.py").is_file()}
            elif node.module.startswith("graph."):
                found.add(node.module)
    return found


def import_graph() -> dict[str, set[str]]:
    """Module -> the graph modules it imports, for every module of the package."""
    return {_module_name(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_no_module_imports_from_a_later_stage():
    upward = [f"{mod} -> {dep}" for mod, deps in import_graph().items() for dep in sorted(deps)
              if _room(mod) != "__init__" and RANK[_room(dep)] > RANK[_room(mod)]]
    assert upward == []


def test_every_module_has_a_room():
    assert {_room(m) for m in import_graph()} <= RANK.keys()


def test_the_extraction_modules_import_no_circle():
    graph_ = {m: {d for d in deps if d != m} for m, deps in import_graph().items()}
    seen: dict[str, int] = {}

    def visit(m: str, path: tuple[str, ...]) -> None:
        assert m not in path, " -> ".join(path + (m,))
        if seen.get(m):
            return
        for dep in sorted(graph_.get(m, ())):
            visit(dep, path + (m,))
        seen[m] = 1

    for module in sorted(graph_):
        if _room(module) != "__init__":
            visit(module, ())
