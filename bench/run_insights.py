"""Insights benchmark: the dashboard and the roll-up of a province against the plain SQL
aggregates that compute the same numbers, in the same run.

    .venv/bin/python -m bench.run_insights              # full run, writes the "Insights" section
    .venv/bin/python -m bench.run_insights --problems 100000 --no-write

Reuses `bench.run_foundation` (throwaway PostgreSQL database, Django steps, machine facts, the
RESULTS.md writer) and `bench.generate` (the province: 90 districts, 3 years of campaigns). On
top it bulk-loads problems (COPY) spread over the districts' 900 departments and 2022–2024 in
every state and deadline, plus accountability records and inspections. Then, in one Django
process on the same database, it times (median of --repeat runs, after a warm-up):

- `dashboard_for` of the province's commission admin (whole province in scope) against one
  plain SQL `GROUP BY responsible_unit_id` with the same counts;
- `rollup_for` of the province for one year against plain SQL sums per district and year;

and reports each as a ratio to its SQL floor, with its query count.
"""

import argparse
import json
import os
import shlex
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg

from bench import run_foundation as foundation
from bench.generate_records import load_records

SECTION = "Insights"
STATES = ("open", "notified", "rectifying", "submitted", "closed")


def load_problems(database_url: str, problems: int) -> dict[str, int]:
    """COPY `problems` problems (and 1 accountability record per 50, 1 inspection per 20), then
    the public's records (`bench.generate_records`: reports, topics, supports, ratings,
    announcements)."""
    import random  # noqa: PLC0415
    from datetime import date, timedelta  # noqa: PLC0415

    rng = random.Random(11)
    with psycopg.connect(database_url, autocommit=True) as conn:
        districts = conn.execute(
            "SELECT c.id, r.path FROM orgs_organization c JOIN orgs_organization r ON r.id = c.parent_id "
            "WHERE c.kind = 'commission' AND c.level = 'county'"
        ).fetchall()
        units: dict[int, list[int]] = {}
        for commission, path in districts:
            units[commission] = [
                row[0]
                for row in conn.execute(
                    "SELECT id FROM orgs_organization WHERE kind = 'department' AND path LIKE %s",
                    (path + "%",),
                )
            ]
        commissions = [c for c, _p in districts if units[c]]
        start = date(2022, 1, 3)
        now = "2025-01-01 00:00:00+00"
        with (
            conn.cursor() as cur,
            cur.copy(
                "COPY supervision_problem (created_at, updated_at, commission_id, number, source, "
                "responsible_unit_id, description, severity, assigned_on, original_deadline, deadline, "
                "state, progress, listed, amount_refunded, amount_recovered, closed_at, version, "
                "listed_number) FROM STDIN"
            ) as copy,
        ):
            for index in range(problems):
                commission = commissions[index % len(commissions)]
                assigned = start + timedelta(days=rng.randrange(0, 1090))
                deadline = assigned + timedelta(days=rng.choice((7, 15, 30, 60)))
                state = rng.choice(STATES)
                closed = (
                    f"{deadline + timedelta(days=rng.randrange(-10, 20))} 08:00:00+00"
                    if state == "closed"
                    else None
                )
                copy.write_row((
                    now, now, commission, f"{assigned.year}-{index:07d}", "inspection",
                    rng.choice(units[commission]), "生成的问题", "general", assigned, deadline,
                    deadline, state, "none", rng.random() < 0.02, 0, 0, closed, 1, "",
                ))  # fmt: skip
        with (
            conn.cursor() as cur,
            cur.copy(
                "COPY supervision_accountabilityrecord (created_at, updated_at, commission_id, "
                "decided_on, cases, persons, measure, amount_recovered, amount_refunded, notes) FROM STDIN"
            ) as copy,
        ):
            for index in range(problems // 50):
                copy.write_row((
                    now, now, commissions[index % len(commissions)],
                    start + timedelta(days=rng.randrange(0, 1090)), 1, rng.randrange(1, 4),
                    "education", rng.randrange(0, 50000), 0, "",
                ))  # fmt: skip
        with (
            conn.cursor() as cur,
            cur.copy(
                "COPY supervision_inspection (created_at, updated_at, commission_id, date, kind, "
                "members, notes) FROM STDIN"
            ) as copy,
        ):
            for index in range(problems // 20):
                copy.write_row((
                    now, now, commissions[index % len(commissions)],
                    start + timedelta(days=rng.randrange(0, 1090)), "onsite", "", "",
                ))  # fmt: skip
        records = load_records(conn)
    return {
        "problems": problems,
        "accountability records": problems // 50,
        "inspections": problems // 20,
        **records,
    }


# ------------------------------------------------------------------ inside Django


DASHBOARD_SQL = """
SELECT p.responsible_unit_id, u.name, r.name, count(*),
       count(*) FILTER (WHERE p.state = 'closed'),
       count(*) FILTER (WHERE p.state = 'closed' AND p.closed_at::date <= p.deadline),
       count(*) FILTER (WHERE p.state IN ('open','notified','rectifying') AND p.deadline < %(today)s),
       count(*) FILTER (WHERE p.state IN ('open','notified','rectifying') AND p.deadline < %(red)s),
       count(*) FILTER (WHERE p.state IN ('open','notified','rectifying') AND p.deadline >= %(red)s AND p.deadline < %(orange)s)
FROM supervision_problem p JOIN orgs_organization c ON c.id = p.commission_id
JOIN orgs_organization u ON u.id = p.responsible_unit_id LEFT JOIN orgs_organization r ON r.id = u.parent_id
WHERE c.path LIKE %(path)s OR u.path LIKE %(path)s
GROUP BY p.responsible_unit_id, u.name, r.name
"""
ROLLUP_SQL = """
SELECT c.parent_id, count(*) FILTER (WHERE p.state = 'closed')
FROM supervision_problem p JOIN orgs_organization c ON c.id = p.commission_id
WHERE c.path LIKE %(path)s AND p.assigned_on >= %(first)s AND p.assigned_on < %(next)s
GROUP BY c.parent_id;
"""
ROLLUP_SQL_2 = """
SELECT a.commission_id, sum(a.cases), sum(a.persons), sum(a.amount_recovered)
FROM supervision_accountabilityrecord a JOIN orgs_organization c ON c.id = a.commission_id
WHERE c.path LIKE %(path)s AND a.decided_on >= %(first)s AND a.decided_on < %(next)s
GROUP BY a.commission_id;
"""
ROLLUP_SQL_3 = """
SELECT i.commission_id, count(*) FROM supervision_inspection i
JOIN orgs_organization c ON c.id = i.commission_id
WHERE c.path LIKE %(path)s AND i.date >= %(first)s AND i.date < %(next)s GROUP BY i.commission_id;
"""


def inner(repeat: int) -> dict[str, object]:
    import django  # noqa: PLC0415

    django.setup()
    from datetime import date  # noqa: PLC0415

    from django.db import connection  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from kaimen.accounts.models import User  # noqa: PLC0415
    from kaimen.core.calendar import add_days  # noqa: PLC0415
    from kaimen.insights.selectors.dashboard import dashboard_for  # noqa: PLC0415
    from kaimen.insights.selectors.rollup import rollup_for  # noqa: PLC0415
    from kaimen.orgs.models import Membership, Organization  # noqa: PLC0415

    commission = Organization.objects.get(name="浙江省纪委监委")
    province = commission.parent
    assert province is not None
    user, _created = User.objects.get_or_create(
        username="bench-province", defaults={"kind": "staff"}
    )
    Membership.objects.get_or_create(user=user, organization=commission, role="commission_admin")
    user = User.objects.get(pk=user.pk)
    today = date(2024, 12, 20)
    params: dict[str, Any] = {
        "path": province.path + "%",
        "today": today,
        "red": add_days(today + __import__("datetime").timedelta(days=1), -20, workdays=True),
        "orange": add_days(today + __import__("datetime").timedelta(days=1), -10, workdays=True),
        "first": date(2024, 1, 1),
        "next": date(2025, 1, 1),
    }

    def timed(fn: object) -> tuple[float, int]:
        runs = []
        fn()  # type: ignore[operator]
        queries = 0
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                fn()  # type: ignore[operator]
                runs.append(time.perf_counter() - started)
            queries = len(captured.captured_queries)
        return statistics.median(runs) * 1000, queries

    def sql(*statements: str) -> None:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement, params)
                cursor.fetchall()

    def dashboard() -> None:
        fresh = User.objects.get(pk=user.pk)  # the scope is computed per request
        dashboard_for(user=fresh, today=today)

    def rollup() -> None:
        fresh = User.objects.get(pk=user.pk)
        rollup_for(user=fresh, organization=province, year=2024)

    district = Organization.objects.filter(kind="commission", level="county").order_by("pk")[0]
    district_user, _created = User.objects.get_or_create(
        username="bench-district", defaults={"kind": "staff"}
    )
    Membership.objects.get_or_create(
        user=district_user, organization=district, role="commission_admin"
    )

    def district_dashboard() -> None:
        dashboard_for(user=User.objects.get(pk=district_user.pk), today=today)

    result = {
        "dashboard": timed(dashboard),
        "dashboard_sql": timed(lambda: sql(DASHBOARD_SQL)),
        "rollup": timed(rollup),
        "rollup_sql": timed(lambda: sql(ROLLUP_SQL, ROLLUP_SQL_2, ROLLUP_SQL_3)),
        "district_dashboard": timed(district_dashboard),
        "units": len(dashboard_for(user=User.objects.get(pk=user.pk), today=today).units),
        "pages": signed_in_pages(district_user, district, repeat),
    }
    return result


def signed_in_pages(user: Any, commission: Any, repeat: int) -> dict[str, dict[str, float]]:
    """The district's 2024 campaign page and one of its projects' pages as its signed-in
    commission admin sees them (never from the public page cache): CPU time of this process
    per request (median), wall time, and queries."""
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from kaimen.campaigns.models import Campaign  # noqa: PLC0415

    campaign = Campaign.objects.filter(issuer=commission, year=2024).first()
    assert campaign is not None
    project = campaign.projects.order_by("pk").first()
    assert project is not None
    client = Client()
    client.force_login(user)
    measured: dict[str, dict[str, float]] = {}
    for name, path in (
        ("campaign_page", f"/campaigns/{campaign.pk}/"),
        ("project_page", f"/projects/{project.pk}/"),
    ):
        cpu, wall = [], []
        for _ in range(2):
            assert client.get(path).status_code == 200, path
        for _ in range(max(repeat, 10)):
            with CaptureQueriesContext(connection) as captured:
                started, started_cpu = time.perf_counter(), time.process_time()
                response = client.get(path)
                cpu.append(time.process_time() - started_cpu)
                wall.append(time.perf_counter() - started)
            assert response.status_code == 200, path
        measured[name] = {
            "path": path,  # type: ignore[dict-item]
            "cpu_ms": round(statistics.median(cpu) * 1000, 1),
            "ms": round(statistics.median(wall) * 1000, 1),
            "queries": len(captured.captured_queries),
        }
    return measured


# ------------------------------------------------------------------ orchestration


def render(
    meta: dict[str, str], counts: dict[str, int], measured: dict[str, Any], command: str
) -> str:
    def row(name: str, key: str) -> str:
        page_ms, page_q = measured[key]
        floor_ms, floor_q = measured[f"{key}_sql"]
        return (
            f"| {name} | {int(page_q)} | {page_ms:,.0f} | {int(floor_q)} | {floor_ms:,.0f} "
            f"| **{page_ms / floor_ms:.2f}** |"
        )

    return "\n".join(
        [
            f"## {SECTION}",
            "",
            f"Measured {meta['date']} on {meta['cpu']}, nproc {meta['nproc']}; Python {meta['python']}, "
            f"Django {meta['django']}, {meta['postgres']}. Load average before the run: {meta['load']}.",
            "",
            "Data: the foundation's province ("
            + ", ".join(f"{v:,} {k}" for k, v in counts.items())
            + f"), problems spread over {measured['units']:,} responsible units in every "
            "state, 2022–2024. In one Django process against the same database, median of "
            f"{meta['repeat']} runs after a warm-up: the province commission admin's dashboard "
            "(`dashboard_for`: warning summary, per-unit colours and states, overdue list, panels) "
            "against one plain SQL `GROUP BY` giving the per-unit counts, and the province roll-up "
            "for 2024 (`rollup_for`: every campaign, records and announced figures, per city) "
            "against plain SQL sums per commission.",
            "",
            "| target | queries | ms | SQL floor queries | floor ms | ratio to floor |",
            "| --- | ---: | ---: | ---: | ---: | ---: |",
            row("dashboard (whole province)", "dashboard"),
            row("roll-up (province, 2024)", "rollup"),
            "",
            f"A district's dashboard (`dashboard_for` of the first district commission's admin, "
            f"same data): **{measured['district_dashboard'][0]:,.0f} ms**, "
            f"{int(measured['district_dashboard'][1])} queries (aim: under 200 ms).",
            "",
            "Signed-in pages (that district's admin, so never the public page cache; Django's "
            "test client in one process, median of the runs: CPU time of the process per "
            "request, wall time, queries; aim ≤ 10 ms CPU each):",
            "",
            "| page | CPU ms | ms | queries |",
            "| --- | ---: | ---: | ---: |",
            *(
                f"| {name.replace('_', ' ')} `{page['path']}` | {page['cpu_ms']} | {page['ms']} "
                f"| {page['queries']} |"
                for name, page in measured["pages"].items()
            ),
            "",
            f"Load average after the run: {meta['load_after']}. Figures also in "
            "`bench/results/insights.json`.",
            "",
            "Command (from the repository root):",
            "",
            "```",
            command,
            "```",
            "",
        ]
    )


RESULTS_JSON = foundation.REPO / "bench" / "results" / "insights.json"


def write_json(meta: dict[str, str], measured: dict[str, Any]) -> None:
    def figure(key: str) -> dict[str, float]:
        ms, queries = measured[key]
        floor_ms, _floor_queries = measured[f"{key}_sql"]
        return {
            "ratio": round(ms / floor_ms, 3),
            "ms": round(ms, 1),
            "floor_ms": round(floor_ms, 1),
            "queries": queries,
        }

    data = {
        "measured_at": meta["date"],
        "load_before": meta["load"],
        "load_after": meta["load_after"],
        "dashboard": figure("dashboard"),
        "rollup": figure("rollup"),
        "district_dashboard": {
            "ms": round(measured["district_dashboard"][0], 1),
            "queries": measured["district_dashboard"][1],
        },
        "signed_in_pages": measured["pages"],
    }
    RESULTS_JSON.parent.mkdir(exist_ok=True)
    RESULTS_JSON.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run_insights")
    parser.add_argument("--problems", type=int, default=1_000_000)
    parser.add_argument("--districts", type=int, default=90)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--time-limit", type=float, default=1200.0)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("KAIMEN_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
    )
    parser.add_argument(
        "--reuse",
        metavar="DATABASE",
        default="",
        help="keep the generated data in this database and use it again on the next run",
    )
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inner:
        json.dump(inner(args.repeat), sys.stdout)
        return 0
    command = shlex.join(
        [
            ".venv/bin/python",
            "-m",
            "bench.run_insights",
            *(argv if argv is not None else sys.argv[1:]),
        ]
    )
    before = foundation.machine()
    with tempfile.TemporaryDirectory(prefix="kaimen-bench-") as tmp:
        run = foundation.Run(deadline=time.monotonic() + args.time_limit, workdir=Path(tmp))
        try:
            with foundation.cleanup(run):
                env, database_url, generated = foundation.province_database(
                    run, args.postgres, args.districts, reuse=args.reuse
                )
                step = f"insights:{args.problems}"
                counts = foundation.loaded(database_url, step)
                if counts is None:
                    started = time.monotonic()
                    counts = load_problems(database_url, args.problems)
                    foundation.log(f"loaded {counts} in {time.monotonic() - started:.0f}s")
                    foundation.django_step(run, env, ["manage.py", "classify_metrics"], limit=300)
                    foundation.analyze_database(database_url)
                    if args.reuse:
                        foundation.remember(database_url, step, counts)
                measured = json.loads(
                    foundation.django_step(
                        run,
                        env,
                        ["-m", "bench.run_insights", "--inner", "--repeat", str(args.repeat)],
                        limit=600,
                    )
                )
                foundation.log(f"measured {measured}")
        except (foundation.BenchError, psycopg.Error) as exc:
            foundation.log(f"failed: {exc}")
            return 1
        except KeyboardInterrupt:
            return 130
    meta = {
        **before,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "postgres": run.notes[0] if run.notes else "PostgreSQL",
        "repeat": str(args.repeat),
    }
    meta["load_after"] = foundation.machine()["load"]
    section = render(meta, {**generated["counts"], **counts}, measured, command)
    write_json(meta, measured)
    print(section)
    if not args.no_write:
        foundation.SECTION = SECTION  # the writer replaces the section of this name
        foundation.write_results(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
