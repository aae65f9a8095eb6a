"""Parsing speed of the announcement importer, against a bare regular-expression pass.

Run: ``.venv/bin/python -m bench.importer_bench`` from the repository root (``--no-write``: print
only; otherwise the "Importer speed" section of ``bench/RESULTS.md`` is replaced). A markdown block:
per seed, characters per second of ``parse_announcement`` and the time of one parse, next to
one ``re.findall`` of a number pattern over the same text in the same run (the floor), and
the ratio parse / floor.
"""

from __future__ import annotations

import functools
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kaimen.importer import parse_announcement  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
FLOOR = re.compile(r"\d+(?:\.\d+)?(?:万|亿)?(?:元|人次|次|个|人|%)")
REPEATS = 15
SECTION = "Importer speed"


def _median_seconds(function: Callable[[], object], repeats: int = REPEATS) -> float:
    timings: list[float] = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def main() -> None:
    rows: list[str] = []
    total_chars = 0
    total_parse = 0.0
    total_floor = 0.0
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        parse_announcement(text)  # warm caches
        parse = _median_seconds(functools.partial(parse_announcement, text))
        floor = _median_seconds(functools.partial(FLOOR.findall, text))
        projects = len(parse_announcement(text).projects)
        total_chars += len(text)
        total_parse += parse
        total_floor += floor
        rows.append(
            f"| {path.name[:3]} | {len(text):,} | {projects} | {parse * 1000:.2f} ms "
            f"| {len(text) / parse:,.0f} | {floor * 1000:.3f} ms | {parse / floor:,.0f}× |"
        )
    out = [
        f"## {SECTION}",
        "",
        "`.venv/bin/python -m bench.importer_bench`",
        "",
        f"Median of {REPEATS} runs per seed; floor = one `re.findall` of a number+unit pattern "
        "over the same text in the same run.",
        "",
        "| seed | chars | projects | parse | chars/s | regex floor | parse / floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
        f"| all | {total_chars:,} | | {total_parse * 1000:.2f} ms "
        f"| {total_chars / total_parse:,.0f} | {total_floor * 1000:.3f} ms "
        f"| {total_parse / total_floor:,.0f}× |",
        "",
        f"Python {sys.version.split()[0]}.",
    ]
    section = "\n".join(out) + "\n"
    sys.stdout.write(section)
    if "--no-write" not in sys.argv[1:]:
        from bench import run_foundation as foundation  # noqa: PLC0415

        foundation.SECTION = SECTION  # write_results replaces the section named there
        foundation.write_results(section)


if __name__ == "__main__":
    main()
