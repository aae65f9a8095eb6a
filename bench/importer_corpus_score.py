"""How well the importer reads published texts of the genre it was not written against.

Run: ``.venv/bin/python -m bench.importer_corpus_score`` from the repository root: prints the
tables and replaces the "Importer accuracy" section of ``bench/RESULTS.md`` (``--no-write``:
print only) and writes ``bench/importer_corpus_scores.json``. For every text in ``bench/importer_corpus/`` (one published text a
file, its source address in the ``#`` header) it compares the parse with the structure written
by reading the text (``expected/NNN.json``) and prints per document and overall:

* figure recall — expected ``(value, unit)`` pairs (values normalised: 万/亿 applied, ``万元`` →
  ``元``) found anywhere in the parse (totals, projects), each
  found figure used once; figure precision — the share of parsed figures that are expected;
* title recall — expected project titles matched by a parsed title (same text once punctuation
  and spaces are dropped, one containing the other, or close by edit ratio);
* lead-unit recall — expected lead units among the parsed projects' lead units;
* year right — the parsed year equals the expected one (``null`` where the text gives none);
* kind right — ``results`` / ``news`` / ``tour_progress`` / ``other``.

The texts are split once, by number, before any rule was written against them: every third
(``003``, ``006``, …) is held out. Rules are written looking at the development set only, so
the held-out score estimates the score on texts nobody has seen.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kaimen.importer import parse_announcement  # noqa: E402

CORPUS = ROOT / "bench" / "importer_corpus"
HELD_OUT_EVERY = 3
TITLE_RATIO = 0.8
_PUNCT = re.compile(r"[\s，。、：；！？“”‘’（）()《》\"',.:;!?·…—-]")


@dataclass
class Tally:
    found: int = 0
    total: int = 0

    def add(self, found: int, total: int) -> None:
        self.found += found
        self.total += total

    def ratio(self) -> float | None:
        return self.found / self.total if self.total else None


@dataclass
class Scores:
    figure_recall: Tally = field(default_factory=Tally)
    figure_precision: Tally = field(default_factory=Tally)
    titles: Tally = field(default_factory=Tally)
    lead_units: Tally = field(default_factory=Tally)
    year: Tally = field(default_factory=Tally)
    kind: Tally = field(default_factory=Tally)

    def merge(self, other: Scores) -> None:
        for name in self.__dataclass_fields__:
            mine, theirs = getattr(self, name), getattr(other, name)
            mine.add(theirs.found, theirs.total)


def corpus_text(path: Path) -> str:
    """The published text of a corpus file, without its ``#`` header."""
    lines = path.read_text(encoding="utf-8").split("\n")
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    return "\n".join(lines)


def _figures(data: dict[str, Any]) -> list[tuple[float, str]]:
    # declared counts are listed in intro_totals as well: counted once
    found: list[dict[str, Any]] = list(data.get("intro_totals", []))
    for project in data.get("projects", []):
        found.extend(project.get("metrics", []))
    return [(float(fig["value"]), str(fig["unit"])) for fig in found]


def _same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _match_figures(expected: list[tuple[float, str]], found: list[tuple[float, str]]) -> int:
    pool = list(found)
    matched = 0
    for value, unit in expected:
        for index, (f_value, f_unit) in enumerate(pool):
            if f_unit == unit and _same_value(value, f_value):
                matched += 1
                del pool[index]
                break
    return matched


def _plain(text: str) -> str:
    return _PUNCT.sub("", text)


def _title_matches(expected: str, found: str) -> bool:
    a, b = _plain(expected), _plain(found)
    if not a or not b:
        return False
    if a in b or b in a:
        return min(len(a), len(b)) / max(len(a), len(b)) >= 0.5
    return difflib.SequenceMatcher(None, a, b).ratio() >= TITLE_RATIO


def score_document(expected: dict[str, Any], data: dict[str, Any]) -> Scores:
    scores = Scores()
    exp_figures = [(float(value), unit) for value, unit in expected.get("figures", [])]
    found = _figures(data)
    matched = _match_figures(exp_figures, found)
    scores.figure_recall.add(matched, len(exp_figures))
    scores.figure_precision.add(matched, len(found))
    titles = [project.get("title", "") for project in data.get("projects", [])]
    unused = list(titles)
    hits = 0
    for title in expected.get("titles", []):
        for index, candidate in enumerate(unused):
            if _title_matches(title, candidate):
                hits += 1
                del unused[index]
                break
    scores.titles.add(hits, len(expected.get("titles", [])))
    units = {_plain(unit) for p in data.get("projects", []) for unit in p.get("lead_units", [])}
    exp_units = expected.get("lead_units", [])
    scores.lead_units.add(sum(_plain(unit) in units for unit in exp_units), len(exp_units))
    scores.year.add(int(data.get("year") == expected.get("year")), 1)
    scores.kind.add(int(data.get("kind") == expected.get("kind")), 1)
    return scores


def _cell(tally: Tally) -> str:
    ratio = tally.ratio()
    return "—" if ratio is None else f"{ratio:.2f} ({tally.found}/{tally.total})"


HEADER = (
    "| text | set | figure recall | figure precision | titles | lead units | year | kind |\n"
    "| --- | --- | ---: | ---: | ---: | ---: | :---: | :---: |"
)


def _row(name: str, part: str, scores: Scores) -> str:
    return (
        f"| {name} | {part} | {_cell(scores.figure_recall)} | {_cell(scores.figure_precision)} "
        f"| {_cell(scores.titles)} | {_cell(scores.lead_units)} | {_cell(scores.year)} "
        f"| {_cell(scores.kind)} |"
    )


def held_out(name: str) -> bool:
    return int(name) % HELD_OUT_EVERY == 0


def run() -> tuple[list[str], dict[str, Scores]]:
    rows: list[str] = []
    totals = {"development": Scores(), "held-out": Scores(), "all": Scores()}
    for path in sorted(CORPUS.glob("[0-9][0-9][0-9].txt")):
        name = path.stem
        expected = json.loads((CORPUS / "expected" / f"{name}.json").read_text(encoding="utf-8"))
        data = parse_announcement(corpus_text(path)).to_json_dict()
        scores = score_document(expected, data)
        part = "held-out" if held_out(name) else "development"
        rows.append(_row(name, part, scores))
        totals[part].merge(scores)
        totals["all"].merge(scores)
    return rows, totals


def _as_json(totals: dict[str, Scores]) -> dict[str, Any]:
    return {
        part: {name: getattr(scores, name).ratio() for name in Scores.__dataclass_fields__}
        for part, scores in totals.items()
    }


SECTION = "Importer accuracy"
SCORES_JSON = ROOT / "bench" / "importer_corpus_scores.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument(
        "--no-write", action="store_true", help="print the tables, leave RESULTS.md alone"
    )
    args = parser.parse_args()
    rows, totals = run()
    count = len(rows)
    held = sum("held-out" in row for row in rows)
    out = [
        f"## {SECTION}",
        "",
        "`.venv/bin/python -m bench.importer_corpus_score` — the parser on "
        f"{count} published texts of the genre (`bench/importer_corpus/`, each with its source "
        "address; expected structure written by reading each text). Every third text "
        f"({held}) is held out: no rule was written looking at it, so the held-out row "
        "estimates the score on texts nobody has seen. Figures are matched as (value, unit) "
        "with values normalised; `—` where a text has nothing of that kind.",
        "",
        "| set | figure recall | figure precision | titles | lead units | year | kind |",
        "| --- | ---: | ---: | ---: | ---: | :---: | :---: |",
        *(
            _row(part, "", scores).replace(f"| {part} |  |", f"| {part} |")
            for part, scores in totals.items()
        ),
        "",
        "Read with care: the texts are the excerpts the public pages gave (often the opening of "
        "a longer page), most are news reports and progress reports without project sections, "
        "and only two held-out texts have project titles at all — a 民生实事 progress table "
        "(`项目名称 | 责任单位 | 目标任务 | …`, a layout the parser does not read) and a "
        "commission's page naming its projects in quotes. The development scores were measured "
        "on the texts the rules were written against.",
        "",
        "Per text:",
        "",
        HEADER,
        *rows,
        "",
    ]
    section = "\n".join(out)
    sys.stdout.write(section)
    if not args.no_write:
        from bench import run_foundation as foundation  # noqa: PLC0415

        foundation.SECTION = SECTION  # write_results replaces the section named there
        foundation.write_results(section)
        SCORES_JSON.write_text(json.dumps(_as_json(totals), indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
