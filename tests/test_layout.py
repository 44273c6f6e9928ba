"""The package's layout: no module reaches into another module's private names."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).parents[1] / "src" / "coso_dang"


def _module(path: Path, root: Path) -> tuple[str, list[str]]:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
        return ".".join(parts), parts
    return ".".join(parts), parts[:-1]


def _private_imports(root: Path = SRC) -> set[tuple[str, str, str]]:
    """(importing module, imported module, name) for each private name imported."""
    found: set[tuple[str, str, str]] = set()
    for path in sorted(root.rglob("*.py")):
        module, package = _module(path, root)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom):
                continue
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if not target.startswith("coso_dang"):
                continue
            for alias in node.names:
                name = alias.name
                if not name.startswith("_") or name.startswith("__"):
                    continue
                # Allowed: between the private modules of one package.
                here, there = module.split("."), target.split(".")
                same = here[:-1] == there[:-1] and here[-1][0] == "_" == there[-1][0]
                if not same:
                    found.add((module, target, name))
    return found


def test_no_private_name_crosses_a_module() -> None:
    stray = _private_imports()
    assert not stray, sorted(stray)


def test_the_scan_tells_the_cases_apart(tmp_path: Path) -> None:
    """Across modules is found; among one package's private modules is not."""
    package = tmp_path / "coso_dang"
    (package / "sub").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "a.py": "from coso_dang.b import _hidden, shown\n",
        "b.py": "_hidden = shown = 1\n",
        "sub/__init__.py": "",
        "sub/_one.py": "from ._two import _shared\n",
        "sub/_two.py": "_shared = 1\n",
        "sub/open.py": "from coso_dang.sub._two import _shared\n",
    }
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    assert _private_imports(package) == {
        ("coso_dang.a", "coso_dang.b", "_hidden"),
        ("coso_dang.sub.open", "coso_dang.sub._two", "_shared"),
    }
