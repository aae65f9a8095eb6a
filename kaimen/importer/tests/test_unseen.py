"""Accuracy on announcements the parser was not written against (``fixtures/*.txt``).

Each fixture is a hand-written text in the genre (other districts, cities and provinces, other
layouts) with a hand-written ``*.expected.json``::

    {"issuer": str, "year": int,
     "intro_totals": [[label, value, unit], ...],          # a sample: each must be found
     "projects": [{"title": str, "lead_units": [str], "outcomes": int,
                   "goal_starts": str,                      # optional
                   "figures": [[label, value, unit], ...]}]} # a sample: each must be found

Values are normalised (万/亿 applied, unit without multiplier), as in ``to_json_dict()``.

One test per fixture and field, so a failure names what is wrong where. Per-field accuracy
over all fixtures: ``python -m kaimen.importer.tests.test_unseen``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from kaimen.importer import ParsedAnnouncement, parse_announcement

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIELDS = (
    "issuer",
    "year",
    "project_count",
    "titles",
    "lead_units",
    "outcome_counts",
    "goals",
    "intro_totals",
    "figures",
)
Triple = tuple[str, Decimal, str]


@dataclass
class Score:
    correct: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def check(self, ok: bool, miss: str) -> None:
        self.total += 1
        if ok:
            self.correct += 1
        else:
            self.misses.append(miss)


def fixture_names() -> list[str]:
    return sorted(path.stem for path in FIXTURES.glob("*.txt"))


@cache
def parsed(name: str) -> ParsedAnnouncement:
    return parse_announcement((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))


def expected(name: str) -> dict[str, object]:
    data: dict[str, object] = json.loads(
        (FIXTURES / f"{name}.expected.json").read_text(encoding="utf-8")
    )
    return data


def _triple(row: object) -> Triple:
    assert isinstance(row, list)
    label, value, unit = row
    return (str(label), Decimal(str(value)), str(unit))


def _got(figures: list[object]) -> list[Triple]:
    out: list[Triple] = []
    for figure in figures:
        label = getattr(figure, "label", "")
        value = getattr(figure, "normalized_value", Decimal(0))
        unit = getattr(figure, "normalized_unit", "")
        out.append((label, Decimal(value), unit))
    return out


def score(name: str) -> dict[str, Score]:
    """Correct/total per field for one fixture, with a description of every miss."""
    result = parsed(name)
    exp = expected(name)
    scores = {key: Score() for key in FIELDS}
    scores["issuer"].check(
        result.issuer == exp["issuer"], f"{result.issuer!r} != {exp['issuer']!r}"
    )
    scores["year"].check(result.year == exp["year"], f"{result.year!r} != {exp['year']!r}")
    projects = exp["projects"]
    assert isinstance(projects, list)
    scores["project_count"].check(
        len(result.projects) == len(projects),
        f"{len(result.projects)} projects != {len(projects)}: {[p.title for p in result.projects]}",
    )
    got_totals = _got(list(result.intro_totals))
    intro_rows = exp["intro_totals"]
    assert isinstance(intro_rows, list)
    for row in intro_rows:
        want = _triple(row)
        scores["intro_totals"].check(want in got_totals, f"{want} not in {got_totals}")
    for index, project_exp in enumerate(projects):
        assert isinstance(project_exp, dict)
        got = result.projects[index] if index < len(result.projects) else None
        where = f"project {index + 1}"
        title = got.title if got else None
        scores["titles"].check(
            title == project_exp["title"], f"{where}: {title!r} != {project_exp['title']!r}"
        )
        units = got.lead_units if got else None
        scores["lead_units"].check(
            units == project_exp["lead_units"],
            f"{where}: {units!r} != {project_exp['lead_units']!r}",
        )
        count = len(got.outcomes) if got else None
        scores["outcome_counts"].check(
            count == project_exp["outcomes"],
            f"{where}: {count} outcomes != {project_exp['outcomes']}: "
            f"{[o.headline for o in got.outcomes] if got else []}",
        )
        goal_start = project_exp.get("goal_starts")
        goal = got.goal if got else None
        if goal_start is None:
            scores["goals"].check(goal is None, f"{where}: unexpected goal {goal!r}")
        else:
            scores["goals"].check(
                goal is not None and goal.startswith(str(goal_start)),
                f"{where}: goal {goal!r} does not start with {goal_start!r}",
            )
        got_figures = _got(list(got.figures)) if got else []
        rows = project_exp["figures"]
        assert isinstance(rows, list)
        for row in rows:
            want = _triple(row)
            scores["figures"].check(want in got_figures, f"{where}: {want} not in {got_figures}")
    return scores


@pytest.mark.parametrize(
    ("name", "field_name"), [(name, key) for name in fixture_names() for key in FIELDS]
)
def test_unseen_fixture_field(name: str, field_name: str) -> None:
    result = score(name)[field_name]
    assert result.correct == result.total, "\n".join(result.misses)


def test_there_are_enough_fixtures() -> None:
    assert len(fixture_names()) >= 8
    for name in fixture_names():
        assert (FIXTURES / f"{name}.expected.json").exists()


def test_parsing_fixtures_warns_only_about_what_is_missing() -> None:
    for name in fixture_names():
        result = parsed(name)
        assert all("internal error" not in warning for warning in result.warnings)


def accuracy_table() -> str:
    """Markdown table of per-field accuracy over all fixtures."""
    totals = {key: Score() for key in FIELDS}
    for name in fixture_names():
        for key, result in score(name).items():
            totals[key].correct += result.correct
            totals[key].total += result.total
    lines = ["| field | correct | total | accuracy |", "| --- | ---: | ---: | ---: |"]
    for key, result in totals.items():
        rate = result.correct / result.total if result.total else 1.0
        lines.append(f"| {key} | {result.correct} | {result.total} | {rate:.0%} |")
    return "\n".join(lines)


if __name__ == "__main__":
    verbose = "-v" in sys.argv
    if verbose:
        for name in fixture_names():
            for key, result in score(name).items():
                for miss in result.misses:
                    sys.stdout.write(f"{name} {key}: {miss}\n")
    sys.stdout.write(accuracy_table() + "\n")
