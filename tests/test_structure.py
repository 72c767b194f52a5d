"""The package's shape: stages import each other in one direction only, and every import is at the top of a module."""
import ast
import re
import subprocess
import sys
from pathlib import Path

import brugwijzer

PACKAGE = Path(brugwijzer.__file__).parent
# the pipeline's order, bottom to top: a module may import only modules listed before it
LAYERS = [
    ["errors", "model", "markup", "history"],
    ["kinds"],
    ["urls", "fields", "config", "cite"],
    ["load"],
    ["parse"],
    ["privacy"],
    ["check"],
    ["render", "docx_pack"],
    ["redirects", "pack", "site", "publish"],
    ["index"],
    ["search", "export", "siteindex"],
    ["opendata"],
    ["verify"],
    ["pipeline", "scaffold", "schema"],
    ["serve"],
    ["cli"],
    ["__main__", "__init__"],
]


def package_imports(path: Path) -> tuple[set[str], list[int]]:
    """The package modules a module imports at its top level, and the lines of package imports anywhere else."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top: set[str] = set()
    nested: list[int] = []
    top_nodes = set(map(id, tree.body))
    for node in ast.walk(tree):
        names = _package_names(node)
        if not names:
            continue
        if id(node) in top_nodes:
            top |= names
        else:
            nested.append(node.lineno)
    return top, nested


def _package_names(node: ast.AST) -> set[str]:
    if isinstance(node, ast.ImportFrom) and node.level == 1:
        return {node.module.split(".")[0]} if node.module else {alias.name for alias in node.names}
    if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("brugwijzer"):
        parts = node.module.split(".")
        return {parts[1]} if len(parts) > 1 else {alias.name for alias in node.names}
    if isinstance(node, ast.Import):
        return {alias.name.split(".")[1] for alias in node.names if alias.name.startswith("brugwijzer.")}
    return set()


def graph() -> dict[str, set[str]]:
    return {path.stem: package_imports(path)[0] for path in sorted(PACKAGE.glob("*.py"))}


def cycle(edges: dict[str, set[str]]) -> list[str]:
    """One import cycle as a list of modules (first == last), or [] when there is none."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module: str) -> list[str]:
        state[module] = 1
        stack.append(module)
        for target in sorted(edges.get(module, ())):
            if state.get(target) == 1:
                return stack[stack.index(target):] + [target]
            if target not in state and (found := visit(target)):
                return found
        stack.pop()
        state[module] = 2
        return []

    for module in sorted(edges):
        if module not in state and (found := visit(module)):
            return found
    return []


def test_the_cycle_finder_finds_a_cycle():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_the_package_has_no_import_cycle():
    assert cycle(graph()) == []


def test_every_module_has_a_place_in_the_pipeline_and_imports_only_what_comes_before():
    rank = {module: number for number, layer in enumerate(LAYERS) for module in layer}
    edges = graph()
    assert sorted(set(edges) - set(rank)) == [], "give the new module a place in LAYERS"
    upward = [f"{module} imports {target}" for module, targets in edges.items() for target in sorted(targets)
              if rank[target] >= rank[module] and target != module]
    assert upward == []


def test_no_module_imports_the_package_inside_a_function():
    """Except where a heavy dependency justifies it, said on the import line as '# lazy: <reason>'."""
    nested = {}
    for path in sorted(PACKAGE.glob("*.py")):
        source = path.read_text(encoding="utf-8").splitlines()
        unexplained = [line for line in package_imports(path)[1]
                       if not re.search(r"# lazy: \S.{10,}", source[line - 1])]
        if unexplained:
            nested[path.name] = unexplained
    assert nested == {}


def test_the_search_command_does_not_import_the_build():
    code = "import sys, brugwijzer.cli; print(sorted(m for m in ('mkdocs', 'docx', 'openpyxl') if m in sys.modules))"
    imported = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert imported.strip() == "[]"
