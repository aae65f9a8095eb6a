"""The house's one-way dependencies, read from the code's own imports.

LAYERS lists the apps from the top of the house down (docs/architecture.md draws it). An app
may import its own modules and the apps below it, never one above it or beside it in a higher
place of the list; so no two apps import each other and `core` imports no app. Across apps no
module imports another app's views or URLs (pages are not a library). The importer is pure
Python: it imports neither Django nor any other app. Tests and migrations are not part of the
contract (tests may load the demo, which sits at the top).
"""

import ast
from collections.abc import Iterator
from pathlib import Path

import kaimen

# Top first. The demo loader and the API (which mounts every app's router) may use every app;
# the portal's home and search gather from the areas and insights; insights reads across them; the areas use one another only downward; the kernel last.
LAYERS = (
    "demo",
    "api",
    "portal",
    "insights",
    "publication",
    "reports",
    "participation",
    "tours",
    "supervision",
    "campaigns",
    "notifications",
    "sso",
    "accounts",
    "timeline",
    "orgs",
    "core",
    "importer",
)
KERNEL = ("sso", "accounts", "timeline", "orgs", "core", "importer")
PAGE_MODULES = ("views", "urls")
ROOT = Path(kaimen.__file__).parent


def _modules() -> Iterator[tuple[str, Path]]:
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "tests" in parts or "migrations" in parts:
            continue
        yield parts[0], path


def _imports(path: Path) -> Iterator[tuple[int, str]]:
    """Every module imported, at the top or inside a function (absolute names)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:  # from kaimen.x import views
                yield node.lineno, f"{node.module}.{alias.name}"


def _kaimen_imports() -> Iterator[tuple[str, Path, int, str, list[str]]]:
    for app, path in _modules():
        for line, name in _imports(path):
            parts = name.split(".")
            if parts[0] == "kaimen" and len(parts) > 1 and parts[1] != app:
                yield app, path, line, name, parts


def test_every_app_has_its_place() -> None:
    apps = {path.name for path in ROOT.iterdir() if (path / "__init__.py").exists()}
    assert apps == set(LAYERS), "place new apps in LAYERS (and docs/architecture.md)"


def test_apps_import_only_apps_below_them() -> None:
    upward = [
        f"{path.relative_to(ROOT.parent)}:{line} ({app}) imports {name}"
        for app, path, line, name, parts in _kaimen_imports()
        if parts[1] in LAYERS and LAYERS.index(parts[1]) < LAYERS.index(app)
    ]
    assert not upward, "imports of a higher app:\n" + "\n".join(sorted(set(upward)))


def test_no_app_uses_another_apps_pages() -> None:
    pages = [
        f"{path.relative_to(ROOT.parent)}:{line} imports {name}"
        for app, path, line, name, parts in _kaimen_imports()
        if len(parts) > 2 and parts[2].startswith(PAGE_MODULES) and app != "demo"
    ]
    assert not pages, "imports of another app's views or urls:\n" + "\n".join(sorted(set(pages)))


def test_the_importer_is_pure_python() -> None:
    impure = [
        f"{path.relative_to(ROOT.parent)}:{line} imports {name}"
        for app, path in _modules()
        if app == "importer"
        for line, name in _imports(path)
        if name.split(".")[0] == "django"
        or (name.startswith("kaimen.") and not name.startswith("kaimen.importer"))
    ]
    assert not impure, "\n".join(impure)


def test_the_kernel_is_at_the_bottom() -> None:
    assert LAYERS[-len(KERNEL) :] == KERNEL
