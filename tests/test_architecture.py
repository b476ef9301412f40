"""
Imports point one way: ``home`` ← ``events`` ← ``workshops``, ``signups``; ``demo`` on top.

A reader who knows the subject finds the file, and an app can be understood (and
tested) with only the apps below it. The project package (``cic_site``) is both:
its helpers (public address, converters, security) are below every app, and its
URLs, settings and WSGI entry wire them all together on top.

Every ``import`` and ``from … import`` of our packages is read from the source,
those inside functions included: a lazy import is still a dependency.

``python -m tests.test_architecture`` prints the graph between apps, with the
number of modules behind each arrow.
"""

import ast
import collections
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
# Folder → import name.
PACKAGES = {
    "site": "cic_site",
    "home": "home",
    "events": "events",
    "workshops": "workshops",
    "signups": "signups",
    "demo": "demo",
}
# What each layer may import, besides itself.
BELOW = {
    "cic_site": set(),
    "home": {"cic_site"},
    "events": {"cic_site", "home"},
    "workshops": {"cic_site", "home", "events"},
    "signups": {"cic_site", "home", "events"},
    "demo": {"cic_site", "home", "events", "workshops", "signups"},
    "project": {"cic_site", "home", "events", "workshops", "signups", "demo"},
}
# The modules of cic_site that wire the apps together.
PROJECT_MODULES = ("cic_site.urls", "cic_site.wsgi", "cic_site.settings")


def layer_of(module):
    if module.startswith(PROJECT_MODULES):
        return "project"
    return module.split(".")[0]


def source_modules():
    """(module name, path) of every module we ship, migrations aside (they are history)."""
    for folder, package in PACKAGES.items():
        for path in sorted((ROOT / folder).rglob("*.py")):
            parts = path.relative_to(ROOT / folder).with_suffix("").parts
            if "migrations" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            yield ".".join((package, *parts)), path


def imported_modules(module, path):
    """Every module of ours that `module` imports, anywhere in it."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                names = [".".join([*base, node.module] if node.module else base)]
            else:
                names = [node.module]
        else:
            continue
        for name in names:
            if name.split(".")[0] in BELOW:
                yield name, node.lineno


def import_graph():
    """{(importing layer, imported layer): [(module, imported module, line)]}."""
    graph = collections.defaultdict(list)
    for module, path in source_modules():
        for imported, line in imported_modules(module, path):
            if layer_of(imported) != layer_of(module):
                graph[layer_of(module), layer_of(imported)].append((module, imported, line))
    return graph


def test_our_packages_are_all_checked():
    """A new app must be given its place in the layers before it can be imported."""
    assert set(PACKAGES.values()) <= set(BELOW)
    assert {module.split(".")[0] for module, _ in source_modules()} == set(PACKAGES.values())


def test_imports_point_one_way():
    wrong = [
        f"{module} imports {imported} (line {line})"
        for (importer, importee), imports in sorted(import_graph().items())
        if importee not in BELOW[importer]
        for module, imported, line in imports
    ]
    assert wrong == []


@pytest.mark.parametrize(
    ("importer", "importee", "source"),
    [
        ("events", "signups", "from signups import services\n"),
        ("home", "events", "def f():\n    from events.models import Session\n"),
        ("events", "workshops", "import workshops.models\n"),
        ("cic_site", "home", "from home.models import Footer\n"),
    ],
)
def test_an_import_pointing_the_wrong_way_is_found(tmp_path, importer, importee, source):
    """The check itself: it sees top-level, lazy and plain imports."""
    path = tmp_path / "module.py"
    path.write_text(source)

    found = {layer_of(name) for name, _line in imported_modules(f"{importer}.module", path)}

    assert importee in found
    assert importee not in BELOW[importer]


def test_relative_imports_are_read_from_the_module_they_are_in(tmp_path):
    path = tmp_path / "views.py"
    path.write_text("from ..models import Registration\nfrom . import forms\n")

    found = [name for name, _line in imported_modules("signups.admin.views", path)]

    assert found == ["signups.models", "signups.admin"]


if __name__ == "__main__":
    for (importer, importee), imports in sorted(import_graph().items()):
        modules = len({module for module, _imported, _line in imports})
        mark = "" if importee in BELOW[importer] else "   <- points the wrong way"
        print(f"{importer:>9} -> {importee:<9} {modules:3} modules{mark}")
