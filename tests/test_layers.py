"""The layers of plugins/ (docs/dev/layers.md): the import contract holds, a cycle breaks it,
and no module imports a private name (`_x`) of another module.

`make lint` and `make test` run the contract itself (`lint-imports`); here it is also run on
a copy of the plugins with one bad import added, to show it catches what it is there for.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
# our code: the plugins, the tests, the tools and benchmarks, the Pelican settings
SOURCES = [ROOT / "plugins", ROOT / "tests", ROOT / "tools", ROOT / "benchmarks"]
SETTINGS = [ROOT / "pelicanconf.py", ROOT / "publishconf.py"]


def python_files() -> list[Path]:
    files = [f for folder in SOURCES for f in sorted(folder.rglob("*.py"))]
    return files + [f for f in SETTINGS if f.is_file()]


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def private_imports(path: Path, root: Path = ROOT) -> list[str]:
    """`file:line: name` of each private name or private module this file imports from
    another module (`import x as _x` binds a private name to a public one: allowed)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom):
            names = [a.name for a in node.names]
            parts = (node.module or "").split(".")
        elif isinstance(node, ast.Import):
            names, parts = [], [p for a in node.names for p in a.name.split(".")]
        else:
            continue
        for name in [*names, *parts]:
            if private(name):
                found.append(f"{path.relative_to(root)}:{node.lineno}: {name}")
    return found


def test_no_module_imports_a_private_name_of_another_module() -> None:
    found = [line for path in python_files() for line in private_imports(path)]
    assert found == [], "make the name public in a module of its own, or move it:\n" + "\n".join(
        found
    )


def test_the_private_name_check_sees_relative_and_parenthesised_imports(tmp_path: Path) -> None:
    source = tmp_path / "m.py"
    source.write_text(
        "from __future__ import annotations\n"
        "from .git_files import _git\n"
        "from .project import (\n    Story,\n    _items,\n)\n"
        "import pkg._impl\n"
        "from .pelican_adapter import register as _register\n",
        encoding="utf-8",
    )
    lines = [line.split(": ", 1)[1] for line in private_imports(source, tmp_path)]
    assert lines == ["_git", "_items", "_impl"]


def lint_imports(plugins: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(plugins)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(ROOT / "pyproject.toml")],
        cwd=plugins,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture()
def plugins_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "plugins"
    shutil.copytree(ROOT / "plugins", copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def add_import(module: Path, line: str) -> None:
    module.write_text(module.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")


def test_the_import_contract_holds() -> None:
    result = lint_imports(ROOT / "plugins")
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_package_of_the_plugins_is_in_a_layer() -> None:
    """A new package must be placed: otherwise lint-imports sees it as a library, unchecked."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]
    contracts = config["importlinter"]["contracts"]
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    in_layers = {name for layer in layers for name in re.split(r"[|:]", layer)}
    packages = {p.parent.name for p in (ROOT / "plugins").glob("*/__init__.py")}
    assert set(config["importlinter"]["root_packages"]) == packages
    assert {name.strip() for name in in_layers} == packages


def test_a_package_cycle_breaks_the_layers_contract(plugins_copy: Path) -> None:
    # partners' pages list events; events naming partners back would close a cycle
    add_import(plugins_copy / "events" / "listing.py", "from partners import directory")
    result = lint_imports(plugins_copy)
    assert result.returncode == 1
    assert "Packages depend one way" in result.stdout and "BROKEN" in result.stdout
    assert "events.listing -> partners.directory" in result.stdout


def test_a_core_importing_the_build_command_breaks_the_layers_contract(
    plugins_copy: Path,
) -> None:
    add_import(plugins_copy / "shared" / "speed.py", "import site_build.cli")
    result = lint_imports(plugins_copy)
    assert result.returncode == 1
    assert "shared.speed -> site_build.cli" in result.stdout


def test_a_module_cycle_inside_a_package_breaks_the_contract(plugins_copy: Path) -> None:
    add_import(plugins_copy / "site_build" / "cli.py", "from . import preview")
    result = lint_imports(plugins_copy)
    assert result.returncode == 1
    assert "No cycles are allowed in site_build" in result.stdout


def test_a_core_importing_an_adapter_breaks_the_contract(plugins_copy: Path) -> None:
    add_import(plugins_copy / "aid" / "tables.py", "from . import pelican_adapter")
    result = lint_imports(plugins_copy)
    assert result.returncode == 1
    assert "aid.tables -> aid.pelican_adapter" in result.stdout
