"""No module of the library imports itself round a cycle.

The graph is read from the source with ``ast``: every ``import`` and ``from ... import``
counts, those inside functions too (a cycle hidden in a function still ties two modules
together), except those under ``if TYPE_CHECKING:`` (they never run). ``from package import
name`` is an edge to ``package.name`` when that is a module, else to the package's face.
robot_runner.py is a node like any other (import-linter, which checks the layers, cannot
take a top-level module as a root).
"""

from __future__ import annotations

import ast
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ROOTS = ("robots", "connectors", "shared", "robot_runner")

Graph = dict[str, dict[str, int]]
"""importer -> {imported: line of the first import}"""

# Back-edges being removed on other branches right now; the lead empties this set when they
# are merged (an edge listed here that no longer exists changes nothing).
PENDING_EDGES: frozenset[tuple[str, str]] = frozenset()


def module_files(repo: Path, roots: Iterable[str]) -> dict[str, Path]:
    """Module name -> file, for the packages and top-level modules ``roots``."""
    found: dict[str, Path] = {}
    for root in roots:
        single = repo / f"{root}.py"
        if single.is_file():
            found[root] = single
            continue
        for path in sorted((repo / root).rglob("*.py")):
            parts = path.relative_to(repo).with_suffix("").parts
            if "__pycache__" in parts:
                continue
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _import_nodes(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement under ``node``, skipping the bodies of ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        elif isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                yield from _import_nodes(ast.Module(body=[other], type_ignores=[]))
        else:
            yield from _import_nodes(child)


def _known(name: str, modules: dict[str, Path]) -> str | None:
    """``name`` or its nearest enclosing module that is one of ``modules``."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> dict[str, int]:
    """The modules of ``modules`` that module ``name`` imports, with the first line of each."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: dict[str, int] = {}
    for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        targets: list[str | None] = []
        if isinstance(node, ast.Import):
            targets = [_known(alias.name, modules) for alias in node.names]
        else:
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                full = f"{base}.{alias.name}" if base else alias.name
                targets.append(full if full in modules else _known(base, modules))
        for target in targets:
            if target is not None and target != name:
                found.setdefault(target, node.lineno)
    return found


def import_graph(repo: Path = REPO, roots: Iterable[str] = ROOTS) -> Graph:
    modules = module_files(repo, roots)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def _components(graph: Graph) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan's, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            for target in edges:
                if target not in graph:
                    continue
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph[target]))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return sorted(found)


def _shortest_cycle(graph: Graph, members: list[str]) -> list[str]:
    start, inside = members[0], set(members)
    previous: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in sorted(graph[node]):
            if target == start:
                path = [node]
                while path[-1] != start:
                    path.append(previous[path[-1]])
                return [*reversed(path), start]
            if target in inside and target not in previous:
                previous[target] = node
                queue.append(target)
    raise AssertionError(f"no cycle through {start}")  # a component always has one


def cycles(graph: Graph) -> list[str]:
    """One line per cycle: ``a -> b (l.12) -> a (l.3)``, the shortest through each tangle."""
    lines = []
    for members in _components(graph):
        path = _shortest_cycle(graph, members)
        steps = [path[0]] + [f"{b} (l.{graph[a][b]})" for a, b in zip(path, path[1:], strict=False)]
        tangle = f"  [{len(members)} modules tangled: {', '.join(members)}]" if len(members) > len(path) - 1 else ""
        lines.append(" -> ".join(steps) + tangle)
    return lines


def without(graph: Graph, edges: Iterable[tuple[str, str]]) -> Graph:
    pruned = {importer: dict(imported) for importer, imported in graph.items()}
    for importer, imported in edges:
        pruned.get(importer, {}).pop(imported, None)
    return pruned


def test_no_import_cycles():
    found = cycles(without(import_graph(), PENDING_EDGES))
    assert not found, "import cycles:\n" + "\n".join(found)


def test_the_checker_sees_imports_in_functions_but_not_type_checking_ones(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from pkg.a import A\n", encoding="utf-8")
    (pkg / "a.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from pkg.b import B\n"
        "A = 1\n"
        "def later():\n    from .sub import c\n    return c\n", encoding="utf-8")
    (pkg / "b.py").write_text("import pkg.a\n", encoding="utf-8")
    (pkg / "sub" / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "sub" / "c.py").write_text("from .. import A\n", encoding="utf-8")
    (tmp_path / "top.py").write_text("import pkg.sub.c\n", encoding="utf-8")

    graph = import_graph(tmp_path, ["pkg", "top"])
    assert graph["pkg.a"] == {"pkg.sub.c": 6}  # the TYPE_CHECKING import of pkg.b is not an edge
    assert graph["pkg.b"] == {"pkg.a": 1} and graph["top"] == {"pkg.sub.c": 1}
    assert graph["pkg.sub.c"] == {"pkg": 1}  # `from .. import A`: a name of the package's face
    assert cycles(graph) == ["pkg -> pkg.a (l.1) -> pkg.sub.c (l.6) -> pkg (l.1)"]
    assert cycles(without(graph, {("pkg.a", "pkg.sub.c")})) == []
