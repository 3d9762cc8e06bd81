"""The structure stays as it was left (docs/architecture.md): no import cycle between project
modules, no app borrowing another app's private names, no import hidden inside a function
without a comment that says why (app loading, an optional heavy dependency, ...).

The checks read the source with `ast`, so they see what the code says, not what happened to be
imported during the test run.
"""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
APPS = ("casework", "deadlines", "security", "communications", "workflows", "demo", "config")


def _project_modules() -> dict[str, Path]:
    modules = {}
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


MODULES = _project_modules()


def _package_of(module: str, path: Path) -> str:
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_level_imports(tree: ast.Module):
    """Import nodes that run when the module is imported (not under TYPE_CHECKING)."""
    pending = list(tree.body)
    while pending:
        node = pending.pop(0)
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and not _is_type_checking(node):
            pending[:0] = node.body + node.orelse
        elif isinstance(node, ast.Try):
            pending[:0] = node.body + node.orelse + node.finalbody


def _targets(module: str, path: Path, node: ast.Import | ast.ImportFrom) -> set[str]:
    """The project modules an import statement loads."""
    found: set[str] = set()
    if isinstance(node, ast.Import):
        for alias in node.names:
            if alias.name in MODULES:
                found.add(alias.name)
        return found
    if node.level:
        base = _package_of(module, path).split(".")
        base = base[: len(base) - (node.level - 1)]
        source = ".".join([*base, node.module] if node.module else base)
    else:
        source = node.module or ""
    if source in MODULES:
        found.add(source)
    for alias in node.names:
        if f"{source}.{alias.name}" in MODULES:
            found.add(f"{source}.{alias.name}")
    return found


def _graph() -> dict[str, set[str]]:
    graph = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        edges = set()
        for node in _module_level_imports(tree):
            edges |= _targets(module, path, node)
        graph[module] = edges - {module}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    result = []
    counter = 0

    def visit(node: str) -> None:
        nonlocal counter
        index[node] = low[node] = counter
        counter += 1
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return result


def test_there_is_no_import_cycle_between_project_modules():
    assert _cycles(_graph()) == []


def test_the_cycle_check_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _app(module: str) -> str:
    return module.split(".")[0]


def test_no_app_imports_a_private_name_of_another_app():
    borrowed = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
                continue
            if _app(node.module) not in APPS or _app(node.module) == _app(module):
                continue
            for alias in node.names:
                if alias.name.startswith("_"):
                    borrowed.append(f"{module}: from {node.module} import {alias.name}")
    assert borrowed == []


def _function_level_imports(path: Path) -> list[tuple[int, bool]]:
    """(line, explained) of each import inside a function body."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found = []
    for func in ast.walk(ast.parse(source)):
        if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(func):
            if isinstance(node, ast.Import | ast.ImportFrom):
                # Explained: a comment on the line, or above the block of imports it is in.
                explained = "#" in lines[node.lineno - 1]
                above = node.lineno - 2
                while not explained and above >= 0:
                    text = lines[above].strip()
                    if text.startswith("#"):
                        explained = True
                    elif (
                        not text or text.startswith(("from ", "import ", ")")) or text.endswith(",")
                    ):
                        above -= 1
                        continue
                    break
                found.append((node.lineno, explained))
    return found


def test_no_function_level_import_without_a_comment_naming_the_reason():
    unexplained = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in MODULES.values()
        for line, explained in _function_level_imports(path)
        if not explained
    ]
    assert unexplained == []
