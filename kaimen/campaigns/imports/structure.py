"""A person finishes the parser's job: structural corrections of a parsed announcement.

Each function takes the parsed JSON kept in an `ImportRun` and returns a corrected copy; the
view stores it with `import_run_correct` (which validates it and records the event):

* `parsed_with_title_line` — a line of the text is a project's title: the project runs from it
  to the next project (or the end), taking the figures that stand there;
* `parsed_with_projects_merged` — a project and the next one are one project;
* `parsed_with_project_split` — a project's outcome items from the n-th on are a project of their
  own, titled by that item's headline;
* `parsed_with_figure_moved` — a figure belongs to another project (or to the totals).

Relabelling a figure is done on the project's correction page.
"""

import copy
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from kaimen.core.errors import ApplicationError
from kaimen.importer.paragraphs import paragraphs

TOTALS = 0  # "position" of the campaign's totals where a figure can be moved


def _projects(parsed: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    data = copy.deepcopy(dict(parsed))
    projects = data.get("projects") or []
    data["projects"] = projects
    return data, projects


def _position(projects: list[dict[str, Any]], position: int, field: str) -> dict[str, Any]:
    if not 1 <= position <= len(projects):
        raise ApplicationError(_("没有第 %d 个项目。") % position, code="invalid", field=field)
    return projects[position - 1]


def _start(figure: Mapping[str, Any]) -> int:
    start = figure.get("start")
    return start if isinstance(start, int) else -1


def parsed_with_title_line(parsed: Mapping[str, Any], text: str, line: int) -> dict[str, Any]:
    """The ``line``-th paragraph of ``text`` (from 0) starts a project titled by it."""
    data, projects = _projects(parsed)
    paras = paragraphs(text)
    if not 0 <= line < len(paras):
        raise ApplicationError(_("没有这一行。"), code="invalid", field="line")
    para = paras[line]
    if any(p.get("start") == para.start for p in projects):
        raise ApplicationError(_("这一行已是项目标题。"), code="invalid", field="line")
    later = [
        p["start"] for p in projects if isinstance(p.get("start"), int) and p["start"] > para.start
    ]
    end = min(later) if later else len(text)
    moved: list[dict[str, Any]] = []
    kept_totals: list[dict[str, Any]] = []
    for figure in data.get("intro_totals") or []:
        (moved if para.start <= _start(figure) < end else kept_totals).append(figure)
    data["intro_totals"] = kept_totals
    for project in projects:
        if isinstance(project.get("start"), int) and project["start"] < para.start < project.get(
            "end", len(text)
        ):
            metrics = project.get("metrics") or []
            moved += [m for m in metrics if _start(m) >= para.start]
            project["metrics"] = [m for m in metrics if _start(m) < para.start]
            project["end"] = para.start
    body = text[para.end : end].strip()
    headline, _sep, rest = body.partition("。")
    for figure in moved:
        figure["outcome"] = 0 if body else None
    new = {
        "title": para.text.strip().rstrip("：:")[:200],
        "lead_units": [],
        "goal": None,
        "outcomes": [{"headline": headline[:300], "body": rest.strip()}] if body else [],
        "metrics": sorted(moved, key=_start),
        "targets": [],
        "start": para.start,
        "end": end,
    }
    projects.append(new)
    projects.sort(key=_start)
    return data


def parsed_with_projects_merged(parsed: Mapping[str, Any], position: int) -> dict[str, Any]:
    """Project ``position`` and the one after it become one project (the first one's title)."""
    data, projects = _projects(parsed)
    first = _position(projects, position, "position")
    second = _position(projects, position + 1, "position")
    shift = len(first.get("outcomes") or [])
    for figure in second.get("metrics") or []:
        if isinstance(figure.get("outcome"), int):
            figure["outcome"] += shift
    first["outcomes"] = (first.get("outcomes") or []) + (second.get("outcomes") or [])
    first["metrics"] = (first.get("metrics") or []) + (second.get("metrics") or [])
    first["targets"] = (first.get("targets") or []) + (second.get("targets") or [])
    first["lead_units"] = list(
        dict.fromkeys((first.get("lead_units") or []) + (second.get("lead_units") or []))
    )
    if "end" in second:
        first["end"] = second["end"]
    projects.remove(second)
    return data


def parsed_with_project_split(
    parsed: Mapping[str, Any], position: int, outcome: int
) -> dict[str, Any]:
    """Outcome items ``outcome`` (from 1) onwards of project ``position`` become a new project."""
    data, projects = _projects(parsed)
    project = _position(projects, position, "position")
    outcomes = project.get("outcomes") or []
    if not 2 <= outcome <= len(outcomes):  # noqa: PLR2004 (the first item cannot start a new one)
        raise ApplicationError(
            _("请选择第 2 至第 %d 条治理成果。") % len(outcomes), code="invalid", field="outcome"
        )
    cut = outcome - 1
    moved = [
        m
        for m in project.get("metrics") or []
        if isinstance(m.get("outcome"), int) and m["outcome"] >= cut
    ]
    for figure in moved:
        figure["outcome"] -= cut
    starts = [_start(m) for m in moved if _start(m) >= 0]
    new = {
        "title": str(outcomes[cut].get("headline") or "")[:200],
        "lead_units": list(project.get("lead_units") or []),
        "goal": None,
        "outcomes": outcomes[cut:],
        "metrics": moved,
        "targets": [],
        "start": min(starts) if starts else project.get("end", 0),
        "end": project.get("end", 0),
    }
    project["outcomes"] = outcomes[:cut]
    project["metrics"] = [m for m in project.get("metrics") or [] if m not in moved]
    project["end"] = new["start"]
    projects.insert(position, new)
    return data


def parsed_with_figure_moved(
    parsed: Mapping[str, Any], source: int, index: int, target: int
) -> dict[str, Any]:
    """Figure ``index`` (from 0) of project ``source`` (0: the totals) goes to ``target``."""
    data, projects = _projects(parsed)

    def figures_of(position: int, field: str) -> list[dict[str, Any]]:
        owner = data if position == TOTALS else _position(projects, position, field)
        key = "intro_totals" if position == TOTALS else "metrics"
        figures: list[dict[str, Any]] = owner.get(key) or []
        owner[key] = figures
        return figures

    origin = figures_of(source, "source")
    if not 0 <= index < len(origin):
        raise ApplicationError(_("没有这一项数据。"), code="invalid", field="figure")
    destination = figures_of(target, "target")
    if destination is origin:
        return data
    figure = origin.pop(index)
    figure["outcome"] = None
    destination.append(figure)
    destination.sort(key=_start)
    return data
