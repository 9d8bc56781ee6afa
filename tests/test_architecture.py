"""The architecture as a checked contract: layers import only downwards (import-linter,
configured in pyproject.toml), and no module imports another that imports it back, even
through imports inside functions."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def package_graph() -> dict[str, set[str]]:
    """factcheck's modules and the factcheck modules each imports (anywhere in the file);
    a package's own ``__init__`` importing its children does not count as a cycle."""
    import grimp

    g = grimp.build_graph("factcheck", cache_dir=None)
    graph: dict[str, set[str]] = {}
    for m in g.modules:
        targets = set()
        for t in g.find_modules_directly_imported_by(m):
            if not t.startswith("factcheck") or m.startswith(t + ".") or t.startswith(m + "."):
                continue
            targets.add(t)
        graph[m] = targets
    return graph


def test_the_layers_import_only_downwards():
    result = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import "
                             "lint_imports; sys.exit(lint_imports(no_cache=True, "
                             "no_logo=True))"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_no_module_imports_in_a_circle():
    assert import_cycles(package_graph()) == []


def test_the_cycle_check_finds_a_planted_cycle():
    graph = package_graph()
    graph["factcheck.core.rules"].add("factcheck.services.review")  # core -> services
    assert ["factcheck.core.rules", "factcheck.services.review"] in [
        [m for m in group if m in ("factcheck.core.rules", "factcheck.services.review")]
        for group in import_cycles(graph)]
