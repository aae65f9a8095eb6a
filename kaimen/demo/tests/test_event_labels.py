"""Every event a person may see on a timeline or log has a label in their language: every
action the code can record (found by reading the code, so a new one fails here until it is
named) and every field key the demo's records carry.

Actions come from `event_record(action=…)` calls: string literals, and f-strings such as
`f"problem.{name}"` followed back to the literal arguments of the functions that pass the name
on; where the name comes from a table (a transition's key), the table itself is listed below.
Labels come from each app's `labels.py` (ACTION_LABELS, FIELD_LABELS, and HIDDEN_FIELDS for
keys kept in the record but not shown), the dictionaries the pages use."""

import ast
import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.core.management import call_command

from kaimen.campaigns.models import ImportState
from kaimen.campaigns.services import CAMPAIGN_MACHINE, PROJECT_MACHINE
from kaimen.supervision.services.problems import PROBLEM_MACHINE
from kaimen.timeline.models import Event

ROOT = Path(__file__).resolve().parents[2]
ACTION = re.compile(r"^[a-z_]+\.[a-z_]+$")
# f-string prefixes whose variable part comes from a table, not a literal argument
TABLES: dict[str, list[str]] = {
    "problem.": list(PROBLEM_MACHINE.actions),
    "campaign.": list(CAMPAIGN_MACHINE.actions),
    "project.": list(PROJECT_MACHINE.actions),
    "import_run.": [str(s) for s in ImportState.values],
}
# keys that are not fields a person reads (ids kept for the record, hashes)
NOT_SHOWN = frozenset({"version"})


def _sources() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(ROOT.rglob("*.py")):
        if {"tests", "migrations", "management"} & set(path.parts):
            continue
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _parents(tree: ast.AST) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _function_of(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> ast.FunctionDef | None:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef):
            return node
    return None


def _argument(call: ast.Call, function: ast.FunctionDef, name: str) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    names = [a.arg for a in function.args.posonlyargs + function.args.args]
    if name in names and names.index(name) < len(call.args):
        return call.args[names.index(name)]
    return None


def recordable_actions() -> tuple[set[str], set[str]]:
    """(actions found, f-string prefixes whose names could not all be followed)."""
    modules = list(_sources())
    functions: dict[str, ast.FunctionDef] = {}
    calls: list[tuple[ast.Call, ast.FunctionDef | None]] = []
    for _path, tree in modules:
        parents = _parents(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                functions.setdefault(node.name, node)
            if isinstance(node, ast.Call):
                calls.append((node, _function_of(node, parents)))
    found: set[str] = set()
    unresolved: set[str] = set()

    def follow(prefix: str, function: ast.FunctionDef | None, name: str, depth: int) -> None:
        if function is None or depth > 3:
            unresolved.add(prefix)
            return
        for call, caller in calls:
            target = call.func.attr if isinstance(call.func, ast.Attribute) else None
            if isinstance(call.func, ast.Name):
                target = call.func.id
            if target != function.name:
                continue
            value = _argument(call, function, name)
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                found.add(prefix + value.value)
            elif isinstance(value, ast.Name) and caller is not None:
                follow(prefix, caller, value.id, depth + 1)
            elif prefix not in TABLES:
                unresolved.add(prefix)

    for call, caller in calls:
        for keyword in call.keywords:
            if keyword.arg != "action":
                continue
            value = keyword.value
            options = [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
            for option in options:
                if isinstance(option, ast.Constant) and isinstance(option.value, str):
                    if ACTION.match(option.value):
                        found.add(option.value)
                elif isinstance(option, ast.JoinedStr):
                    prefix = "".join(
                        str(v.value) for v in option.values if isinstance(v, ast.Constant)
                    )
                    variable = next(
                        v.value for v in option.values if isinstance(v, ast.FormattedValue)
                    )
                    found.update(prefix + name for name in TABLES.get(prefix, []))
                    if isinstance(variable, ast.Name):
                        follow(prefix, caller, variable.id, 0)
    return found, unresolved - set(TABLES)


def labels() -> tuple[dict[str, Any], dict[str, Any]]:
    actions: dict[str, Any] = {}
    fields: dict[str, Any] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("kaimen."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.labels")
        except ModuleNotFoundError:
            continue
        actions.update(getattr(module, "ACTION_LABELS", {}))
        fields.update(getattr(module, "FIELD_LABELS", {}))
        fields.update(dict.fromkeys(getattr(module, "HIDDEN_FIELDS", ()), ""))
    return actions, fields


def test_the_scan_finds_the_known_ways_of_recording() -> None:
    found, unresolved = recordable_actions()
    assert not unresolved, f"f-string actions whose names are not followed: {unresolved}"
    # a literal, a name passed through two functions, a table, a conditional
    assert {
        "campaign.imported",
        "report.declined",
        "tour.measure_closed",
        "problem.notify",
        "project.report_revised",
    } <= found


def test_every_recordable_action_has_a_label() -> None:
    found, _unresolved = recordable_actions()
    actions, _fields = labels()
    missing = sorted(found - set(actions))
    assert not missing, f"actions without a label: {missing}"


@pytest.mark.django_db
def test_every_field_the_demo_records_has_a_label(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    actions, fields = labels()
    missing: dict[str, set[str]] = {}
    for event in Event.objects.all():
        if event.action not in actions:
            missing.setdefault("(action)", set()).add(event.action)
        for side in (event.before, event.after):
            for key in side if isinstance(side, dict) else {}:
                if key not in fields and key not in NOT_SHOWN:
                    missing.setdefault(event.action, set()).add(key)
    assert not missing, f"unlabelled keys by action: {missing}"
