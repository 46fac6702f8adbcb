"""The arrows between Laget's apps point down: an app imports only the apps in the layers below it.

Bottom to top: ui (shared helpers, imports no app) < organisation < measures < cases (a case may use the
catalogue) < consent (a consent is for a case) < collaboration (meetings discuss cases with consent) < reminders
and reports. Every import counts, at module level and inside functions. config/, tests/ and tools/ wire the apps
together and stand outside the rule. A new app must be placed in LAYERS before its code can import anything.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Higher numbers may import lower ones; apps on the same level may not import each other.
LAYERS = {
    "ui": 0,
    "organisation": 1,
    "measures": 2,
    "cases": 3,
    "consent": 4,
    "collaboration": 5,
    "reminders": 6,
    "reports": 6,
}
OUTSIDE = {"config", "tests", "tools"}


def _packages() -> list[str]:
    """Every top-level Python package or Django app of the project."""
    return sorted(
        path.name
        for path in ROOT.iterdir()
        if path.is_dir()
        and not path.name.startswith(".")
        and ((path / "__init__.py").exists() or (path / "apps.py").exists())
    )


def _imported_apps(path: Path) -> set[tuple[int, str]]:
    """(line, app) for each import of one of Laget's apps in the file, wherever the import statement is."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue  # a relative import stays inside its own package
        found |= {(node.lineno, name.split(".")[0]) for name in names if name.split(".")[0] in LAYERS}
    return found


def test_every_package_is_placed_in_a_layer():
    unplaced = [name for name in _packages() if name not in LAYERS and name not in OUTSIDE]
    assert not unplaced, f"Place these in LAYERS of tests/test_architecture.py: {unplaced}"


@pytest.mark.parametrize("app", [name for name in _packages() if name in LAYERS])
def test_an_app_imports_only_the_layers_below_it(app):
    upward = []
    for path in sorted((ROOT / app).rglob("*.py")):
        for line, imported in sorted(_imported_apps(path)):
            if imported != app and LAYERS[imported] >= LAYERS[app]:
                upward.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    assert not upward, "Imports that point up (or sideways):\n" + "\n".join(upward)


def test_the_rule_catches_an_import_inside_a_function(tmp_path):
    module = tmp_path / "views.py"
    module.write_text("import os\n\ndef view(request):\n    from collaboration.models import Meeting\n")
    assert _imported_apps(module) == {(4, "collaboration")}


def test_installed_apps_follow_the_layers(settings):
    ours = [app for app in settings.INSTALLED_APPS if app in LAYERS]
    assert ours == sorted(ours, key=LAYERS.__getitem__)
