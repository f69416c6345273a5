"""The import graph of ``reporting``: the services, the job runner and the task module form no cycle.

The graph is read from the source with ``ast``, with every import a module runs: at module level and inside
functions (an import inside a function hides a cycle from Python until the function runs, not from this
test). Imports under ``if TYPE_CHECKING:`` never run and are left out.
"""

import ast
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TASKS = "reporting.tasks"


def _module_files() -> dict[str, Path]:
    files = {}
    for path in sorted((ROOT / "reporting").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        files[".".join(parts)] = path
    return files


MODULES = _module_files()


def _known(name: str) -> str | None:
    """The module of ``reporting`` that importing ``name`` runs last (``a.b.func`` -> ``a.b``)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _Imports(ast.NodeVisitor):
    """The ``reporting`` modules one module imports, each with whether it is imported inside a function."""

    def __init__(self, module: str, is_package: bool):
        self.package = module if is_package else module.rpartition(".")[0]
        self.found: list[tuple[str, bool]] = []
        self.depth = 0

    def visit_FunctionDef(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_If(self, node):
        if _is_type_checking(node):
            for child in node.orelse:
                self.visit(child)
            return
        self.generic_visit(node)

    def visit_Import(self, node):
        for alias in node.names:
            self._add(alias.name)

    def visit_ImportFrom(self, node):
        base = node.module or ""
        if node.level:
            package = self.package
            for _ in range(node.level - 1):
                package = package.rpartition(".")[0]
            base = f"{package}.{base}" if base else package
        for alias in node.names:
            # ``from reporting.jobs import leases`` imports the module leases; ``from x import func``, x.
            self._add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)

    def _add(self, name: str) -> None:
        target = _known(name)
        if target is not None:
            self.found.append((target, self.depth > 0))


def imports_of(source: str, *, module: str, is_package: bool = False) -> list[tuple[str, bool]]:
    visitor = _Imports(module, is_package)
    visitor.visit(ast.parse(source))
    return visitor.found


@cache
def graph() -> dict[str, frozenset[str]]:
    edges = {}
    for module, path in MODULES.items():
        found = imports_of(path.read_text(), module=module, is_package=path.name == "__init__.py")
        # Importing a.b.c runs a/__init__ and a/b/__init__ first.
        parents = {module.rsplit(".", depth)[0] for depth in range(1, module.count(".") + 1)}
        edges[module] = frozenset({target for target, _ in found} | parents) - {module}
    return edges


def reachable(start: str) -> set[str]:
    seen, todo = set(), list(graph()[start])
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(graph()[module])
    return seen


def _runner_modules() -> list[str]:
    return [m for m in MODULES if m == "reporting.jobs" or m.startswith("reporting.jobs.")]


def test_the_walker_sees_imports_inside_functions_and_skips_type_checking_ones():
    source = (
        "from typing import TYPE_CHECKING\n"
        "from reporting.jobs import leases\n"
        "if TYPE_CHECKING:\n"
        "    from reporting.services.values import KegiatanLine\n"
        "def later():\n"
        "    from reporting.tasks import job_run\n"
    )
    assert imports_of(source, module="reporting.services.example") == [
        ("reporting.jobs.leases", False),
        ("reporting.tasks", True),
    ]


def test_the_task_module_imports_the_runner_and_the_runner_calls_the_services():
    assert "reporting.jobs.runner" in graph()[TASKS]
    assert "reporting.services.excel_export" in reachable(TASKS)


def test_no_service_reaches_the_task_module_even_through_an_import_inside_a_function():
    services = [m for m in MODULES if m.startswith("reporting.services.")]
    assert len(services) > 10
    assert [m for m in services if TASKS in reachable(m)] == []


def test_the_task_module_and_the_job_runner_are_in_no_import_cycle():
    modules = [TASKS, *_runner_modules()]
    assert len(modules) > 5
    assert [m for m in modules if m in reachable(m)] == []


def test_the_job_runner_and_the_task_module_import_nothing_inside_a_function():
    lazy = {
        module: [target for target, inside in imports_of(MODULES[module].read_text(), module=module) if inside]
        for module in [TASKS, *_runner_modules()]
    }
    assert {module: targets for module, targets in lazy.items() if targets} == {}


def test_no_import_inside_a_function_of_a_service_hides_a_cycle():
    """An import a service makes inside a function never leads back to the service."""
    hidden = []
    for module in [m for m in MODULES if m.startswith("reporting.services.")]:
        for target, inside in imports_of(MODULES[module].read_text(), module=module):
            if inside and (target == module or module in reachable(target)):
                hidden.append((module, target))
    assert hidden == []
