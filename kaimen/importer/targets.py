"""Quantified targets (量化目标) and what was achieved against them.

Patterns of the genre read here:

* a completion ratio against a stated target — ``建成公共充电桩71个，完成…确定目标(60个)的118%``:
  target 60 个, actual the figure before it whose value is that share of the target (71), and
  the achievement as written (118 %);
* a target sentence followed by the result — ``2016年目标为“建成乡镇污水处理设施226座”。…
  新建成乡镇污水处理设施403座``: target 226 座, actual the next figure of the same unit;
* a task and its completion in one clause — ``全年任务3980个，已完成1290个``;
* a goal (治理目标) with quantities: each is a target; its actual is an outcome figure with the
  same unit and the same label, when there is one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from kaimen.importer.model import Figure, Target

_NUMBER = r"(?P<num>\d+(?:\.\d+)?)\s*(?P<mult>万|亿)?(?P<unit>[^\d\s（）()，。；、%]{1,3}?)"
# 完成…目标(60个)的118%
_RATIO = re.compile(rf"目标(?:任务)?\s*[（(]\s*{_NUMBER}\s*[）)]\s*的\s*(?P<pct>\d+(?:\.\d+)?)\s*%")
# 目标为“完成500个行政村…” / 目标任务为建成226座… (the target stated in its own clause)
_GOAL_SENTENCE = re.compile(
    r"(?:年度|全年)?目标(?:任务)?(?:为|是)\s*[“\"]?(?P<goal>[^。；”\"]{2,60})"
)
# 全年任务3980个，已完成1290个
_TASK_DONE = re.compile(r"(?:目标任务|年度任务|全年任务|计划任务)(?:为)?\s*(?P<goal>[^。；]{1,40})")
_MULTIPLIERS = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}
_RATIO_TOLERANCE = Decimal("0.015")
_HUNDRED = Decimal(100)


def _achievement(actual: Decimal | None, target: Decimal) -> Decimal | None:
    if actual is None or not target:
        return None
    return (actual / target * _HUNDRED).quantize(Decimal(1))


def _value(match: re.Match[str]) -> Decimal:
    return Decimal(match.group("num")) * _MULTIPLIERS.get(match.group("mult") or "", Decimal(1))


def find_targets(
    norm: str, start: int, end: int, figures: Sequence[Figure], goal: tuple[int, int] | None = None
) -> list[Target]:
    """Targets stated between ``start`` and ``end``; ``figures`` are the figures read there."""
    targets: list[Target] = []
    taken: set[int] = set()  # starts of figures already used as a target or an actual
    for match in _RATIO.finditer(norm, start, end):
        target = _value(match)
        unit = match.group("unit")
        pct = Decimal(match.group("pct"))
        before = [
            fig for fig in figures if fig.end <= match.start() and fig.normalized_unit == unit
        ]
        # the actual is the figure whose value is the stated share of the target
        fitting = [
            fig
            for fig in before
            if abs(fig.normalized_value / target * _HUNDRED - pct) <= pct * _RATIO_TOLERANCE
        ]
        actual = fitting[-1] if fitting else None
        label = actual.label if actual else norm[max(start, match.start() - 12) : match.start()]
        targets.append(
            Target(
                label=label,
                value=target,
                unit=unit,
                actual=actual.normalized_value if actual else None,
                achievement=pct,
                source=norm[match.start() : match.end()],
                start=match.start(),
            )
        )
        taken.update(fig.start for fig in figures if match.start() <= fig.start < match.end())
        if actual:
            taken.add(actual.start)
    for pattern in (_GOAL_SENTENCE, _TASK_DONE):
        for match in pattern.finditer(norm, start, end):
            targets.extend(_sentence_target(norm, match, end, figures, taken))
    if goal:
        targets.extend(_goal_targets(norm, goal, figures, taken))
    targets.sort(key=lambda target: target.start)
    return targets


def _sentence_target(
    norm: str, match: re.Match[str], end: int, figures: Sequence[Figure], taken: set[int]
) -> list[Target]:
    goal_start, goal_end = match.span("goal")
    stated = [fig for fig in figures if goal_start <= fig.start < goal_end]
    if not stated or stated[0].start in taken:
        return []
    target = stated[0]
    paragraph_end = norm.find("\n", goal_end, end)
    paragraph_end = end if paragraph_end < 0 else paragraph_end
    later = [
        fig
        for fig in figures
        if goal_end <= fig.start < paragraph_end
        and fig.normalized_unit == target.normalized_unit
        and fig.start not in taken
    ]
    actual = later[0] if later else None
    taken.add(target.start)
    if actual:
        taken.add(actual.start)
    return [
        Target(
            label=target.label,
            value=target.normalized_value,
            unit=target.normalized_unit,
            actual=actual.normalized_value if actual else None,
            achievement=_achievement(
                actual.normalized_value if actual else None, target.normalized_value
            ),
            source=norm[match.start() : goal_end],
            start=target.start,
        )
    ]


def _goal_targets(
    norm: str, goal: tuple[int, int], figures: Sequence[Figure], taken: set[int]
) -> list[Target]:
    targets: list[Target] = []
    stated = [fig for fig in figures if goal[0] <= fig.start < goal[1]]
    outcomes = [fig for fig in figures if not goal[0] <= fig.start < goal[1]]
    for target in stated:
        if target.start in taken or target.normalized_unit in {"%", "元"}:
            continue
        same = [
            fig
            for fig in outcomes
            if fig.normalized_unit == target.normalized_unit
            and fig.label == target.label
            and fig.start not in taken
        ]
        actual = same[-1].normalized_value if same else None
        targets.append(
            Target(
                label=target.label,
                value=target.normalized_value,
                unit=target.normalized_unit,
                actual=actual,
                achievement=_achievement(actual, target.normalized_value),
                source=target.source,
                start=target.start,
            )
        )
    return targets
