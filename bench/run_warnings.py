"""Warnings benchmark: the warning summary and the overdue list over about a million problems in
about 10,000 units, against the plain SQL that answers the same question, in the same run.

    .venv/bin/python -m bench.run_warnings              # full run, writes the "Warnings" section
    .venv/bin/python -m bench.run_warnings --problems 100000 --no-write

Reuses `bench.run_foundation` (throwaway PostgreSQL database, gunicorn on loopback, machine
facts, the RESULTS.md writer), `bench.generate` (the province) and `bench.run_insights`
(`load_problems`, the COPY of problems). Before loading, it adds `--extra-units` departments to
each district, so that the problems spread over about 10,000 responsible units. Then, against a
real gunicorn server on a free loopback port, with a bearer token, it times (median of
--repeat requests on one keep-alive connection, after a warm-up):

- `GET /api/v1/warnings/summary?today=2024-12-20` for a city commission admin and for the
  province commission admin, against one plain SQL `GROUP BY` over the same scope giving the
  counts by state, colour rank, listed and behind (the colour cut-off dates computed as
  `colour_q` computes them for the default policy);
- `GET /api/v1/problems?colour=red&limit=50` (the overdue list, the server's today) for the
  province, against a plain SQL `SELECT … ORDER BY deadline, id LIMIT 50` with the red cut-offs.

The SQL floors run over one psycopg connection from the same process. Query counts come from
Django's test client in the same database; the plans of the summary's aggregate and of the
floor are checked with EXPLAIN for sequential scans on `supervision_problem`.
"""

import argparse
import http.client
import json
import os
import shlex
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psycopg

from bench import run_foundation as foundation
from bench.run_insights import load_problems

SECTION = "Warnings"
SUMMARY_TODAY = date(2024, 12, 20)

# One row per (state, progress, listed, behind, colour rank): every count of the summary follows.
# Ranks: -1 none, 0 blue, 1 yellow, 2 orange, 3 red (the default four-colour policy, with the
# listed escalation: past the listing deadline → red; listed and overdue → one colour up).
SUMMARY_SQL = """
SELECT p.state, p.progress, p.listed, p.deadline < %(today)s,
CASE WHEN p.state IN ('open','notified','rectifying') AND p.progress <> 'long_term' THEN
  CASE WHEN p.listed AND p.listed_deadline < %(today)s THEN 3
  ELSE LEAST(3,
    CASE WHEN p.deadline < %(red)s THEN 3 WHEN p.deadline < %(orange)s THEN 2
         WHEN p.deadline < %(today)s THEN 1 WHEN p.deadline < %(blue)s THEN 0 ELSE -1 END
    + CASE WHEN p.listed AND p.deadline < %(today)s
           AND p.deadline >= %(red)s THEN 1 ELSE 0 END) END
END AS rank, count(*)
FROM supervision_problem p JOIN orgs_organization c ON c.id = p.commission_id
JOIN orgs_organization u ON u.id = p.responsible_unit_id
WHERE c.path LIKE %(path)s OR u.path LIKE %(path)s
GROUP BY 1, 2, 3, 4, 5
"""
OVERDUE_SQL = """
SELECT p.id, p.number, p.state, p.deadline, p.listed, c.name, u.name
FROM supervision_problem p JOIN orgs_organization c ON c.id = p.commission_id
JOIN orgs_organization u ON u.id = p.responsible_unit_id
WHERE (c.path LIKE %(path)s OR u.path LIKE %(path)s)
  AND p.state IN ('open','notified','rectifying') AND p.progress <> 'long_term'
  AND ((p.listed AND p.listed_deadline < %(today)s) OR p.deadline < %(red)s
       OR (p.listed AND p.deadline < %(orange)s))
ORDER BY p.deadline, p.id LIMIT 50
"""


def add_units(database_url: str, per_district: int) -> int:
    """Add `per_district` departments under each district; answers the departments in all."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO orgs_organization (created_at, updated_at, name, short_name, kind, level, "
            "parent_id, region_code, path) "
            "SELECT now(), now(), '基层单位' || n, '', 'department', d.level, d.parent_id, '', '' "
            "FROM (SELECT DISTINCT ON (o.parent_id) o.parent_id, o.level FROM orgs_organization o "
            "JOIN orgs_organization c ON c.parent_id = o.parent_id AND c.kind = 'commission' "
            "AND c.level = 'county' WHERE o.kind = 'department') d, generate_series(1, %s) n",
            (per_district,),
        )
        conn.execute(
            "UPDATE orgs_organization o SET path = r.path || o.id || '/' FROM orgs_organization r "
            "WHERE o.path = '' AND r.id = o.parent_id"
        )
        row = conn.execute(
            "SELECT count(*) FROM orgs_organization WHERE kind = 'department'"
        ).fetchone()
    return int(row[0]) if row else 0


# ------------------------------------------------------------------ inside Django


def cutoffs(today: date) -> dict[str, date]:
    """The cut-off dates `colour_q` derives from the default policy's thresholds."""
    from kaimen.core.calendar import add_days  # noqa: PLC0415
    from kaimen.supervision.models import Clock  # noqa: PLC0415
    from kaimen.supervision.warnings import default_policy, policy_thresholds  # noqa: PLC0415

    policy = default_policy()
    out: dict[str, date] = {"today": today}
    for t in policy_thresholds(policy):
        if t.clock == Clock.BEFORE_DEADLINE:
            out[str(t.colour)] = add_days(today, t.days + 1, workdays=policy.workdays)
        elif t.clock == Clock.OVERDUE and t.days:
            out[str(t.colour)] = add_days(
                today + timedelta(days=1), -t.days, workdays=policy.workdays
            )
    return out


def inner() -> dict[str, Any]:
    import django  # noqa: PLC0415

    django.setup()
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415

    from kaimen.accounts.models import User  # noqa: PLC0415
    from kaimen.accounts.services import api_token_create  # noqa: PLC0415
    from kaimen.orgs.models import Membership, Organization  # noqa: PLC0415

    province_commission = Organization.objects.get(name="浙江省纪委监委")
    city_commission = Organization.objects.filter(kind="commission", level="city").order_by("pk")[0]
    scopes: dict[str, Any] = {}
    for key, commission in (("city", city_commission), ("province", province_commission)):
        user, _created = User.objects.get_or_create(
            username=f"bench-{key}", defaults={"kind": "staff"}
        )
        Membership.objects.get_or_create(
            user=user, organization=commission, role="commission_admin"
        )
        region = commission.parent
        assert region is not None
        scopes[key] = {
            "commission": commission.name,
            "path": region.path + "%",
            "token": api_token_create(user=user),
        }
    paths = {
        "summary_city": f"/api/v1/warnings/summary?today={SUMMARY_TODAY.isoformat()}",
        "summary_province": f"/api/v1/warnings/summary?today={SUMMARY_TODAY.isoformat()}",
        "overdue_province": "/api/v1/problems?colour=red&limit=50",
    }
    client = Client()
    queries: dict[str, int] = {}
    answers: dict[str, Any] = {}
    plans: dict[str, str] = {}
    for name, path in paths.items():
        token = scopes[name.rsplit("_", 1)[1]]["token"]
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")
        if response.status_code != 200:
            raise RuntimeError(f"{path}: {response.status_code} {response.content[:300]!r}")
        queries[name] = len(captured.captured_queries)
        answers[name] = response.json()
        biggest = max(captured.captured_queries, key=lambda q: len(q["sql"]))["sql"]
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + biggest)
            plans[name] = "\n".join(row[0] for row in cursor.fetchall())
    return {
        "scopes": scopes,
        "paths": paths,
        "queries": queries,
        "answers": answers,
        "plans": plans,
        "summary_cutoffs": {k: v.isoformat() for k, v in cutoffs(SUMMARY_TODAY).items()},
        "list_cutoffs": {k: v.isoformat() for k, v in cutoffs(timezone.localdate()).items()},
    }


# ------------------------------------------------------------------ outside: timing


def time_http(port: int, path: str, token: str, repeat: int) -> list[float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Authorization": f"Bearer {token}"}
    runs: list[float] = []
    try:
        for index in range(repeat + 1):
            started = time.perf_counter()
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise foundation.BenchError(f"{path}: HTTP {response.status}")
            if index:  # the first is the warm-up
                runs.append((time.perf_counter() - started) * 1000)
    finally:
        conn.close()
    return runs


def time_sql(database_url: str, sql: str, params: dict[str, Any], repeat: int) -> list[float]:
    runs: list[float] = []
    with psycopg.connect(database_url, autocommit=True) as conn:
        for index in range(repeat + 1):
            started = time.perf_counter()
            conn.execute(sql, params).fetchall()
            if index:
                runs.append((time.perf_counter() - started) * 1000)
    return runs


def sql_summary(database_url: str, params: dict[str, Any]) -> dict[str, int]:
    """The floor's rows folded into the summary's colour counts (to check both agree)."""
    colours = {0: "blue", 1: "yellow", 2: "orange", 3: "red"}
    out = {"total": 0, "blue": 0, "yellow": 0, "orange": 0, "red": 0}
    with psycopg.connect(database_url, autocommit=True) as conn:
        for _state, _progress, _listed, _behind, rank, n in conn.execute(SUMMARY_SQL, params):
            out["total"] += n
            if rank is not None and rank >= 0:
                out[colours[rank]] += n
    return out


def explain(database_url: str, sql: str, params: dict[str, Any]) -> str:
    with psycopg.connect(database_url, autocommit=True) as conn:
        return "\n".join(row[0] for row in conn.execute("EXPLAIN " + sql, params))


def seq_scan(plan: str) -> bool:
    return "Seq Scan on supervision_problem" in plan


def measure(
    run: foundation.Run, args: argparse.Namespace, database_url: str, env: dict[str, str]
) -> dict[str, Any]:
    facts = json.loads(
        foundation.django_step(run, env, ["-m", "bench.run_warnings", "--inner"], limit=300)
    )
    summary_params = {
        **{k: date.fromisoformat(v) for k, v in facts["summary_cutoffs"].items()},
    }
    list_params = {k: date.fromisoformat(v) for k, v in facts["list_cutoffs"].items()}
    floors = {
        "summary_city": (SUMMARY_SQL, {**summary_params, "path": facts["scopes"]["city"]["path"]}),
        "summary_province": (
            SUMMARY_SQL,
            {**summary_params, "path": facts["scopes"]["province"]["path"]},
        ),
        "overdue_province": (
            OVERDUE_SQL,
            {**list_params, "path": facts["scopes"]["province"]["path"]},
        ),
    }
    agree: dict[str, bool] = {}
    for name in ("summary_city", "summary_province"):
        counted = sql_summary(database_url, floors[name][1])
        api = facts["answers"][name]
        agree[name] = counted == {
            "total": api["total"],
            **{c: api["colours"][c] for c in ("blue", "yellow", "orange", "red")},
        }
    listed_ids = [row["id"] for row in facts["answers"]["overdue_province"]]
    with psycopg.connect(database_url, autocommit=True) as conn:
        floor_ids = [row[0] for row in conn.execute(OVERDUE_SQL, floors["overdue_province"][1])]
    agree["overdue_province"] = listed_ids == floor_ids
    port = foundation.free_port()
    foundation.start_server(run, env, port, workers=2, threads=2)
    timings: dict[str, dict[str, list[float]]] = {}
    for name, path in facts["paths"].items():
        run.remaining(10)
        token = facts["scopes"][name.rsplit("_", 1)[1]]["token"]
        sql, params = floors[name]
        timings[name] = {
            "api": time_http(port, path, token, args.repeat),
            "sql": time_sql(database_url, sql, params, args.repeat),
        }
        foundation.log(f"{name}: {timings[name]}")
    foundation.stop_server(run)
    return {
        "facts": facts,
        "timings": timings,
        "agree": agree,
        "floor_plans": {name: explain(database_url, *floors[name]) for name in floors},
    }


# ------------------------------------------------------------------ orchestration


def render(
    meta: dict[str, str], counts: dict[str, int], measured: dict[str, Any], command: str
) -> str:
    facts = measured["facts"]
    labels = {
        "summary_city": f"warning summary, {facts['scopes']['city']['commission']} (city)",
        "summary_province": f"warning summary, {facts['scopes']['province']['commission']} (province)",
        "overdue_province": "overdue list (red, first 50), province",
    }
    rows = []
    seq = []
    for name, label in labels.items():
        api = statistics.median(measured["timings"][name]["api"])
        sql = statistics.median(measured["timings"][name]["sql"])
        rows.append(
            f"| {label} | `{facts['paths'][name]}` | {facts['queries'][name]} | {api:,.0f} | 1 "
            f"| {sql:,.0f} | **{api / sql:.2f}** | {'yes' if measured['agree'][name] else 'NO'} |"
        )
        if seq_scan(facts["plans"][name]):
            seq.append(f"`{name}` (the API's main query)")
        if seq_scan(measured["floor_plans"][name]):
            seq.append(f"`{name}` (the SQL floor)")
    if seq:
        index_note = (
            "EXPLAIN shows a **sequential scan on `supervision_problem`** for: "
            + ", ".join(seq)
            + ". The province's summary counts every problem (all rows in scope), so there a "
            "sequential scan is the plan PostgreSQL should choose; the floors keep the path "
            "filter across joins they were written with, which no index can answer."
        )
    else:
        index_note = "EXPLAIN shows no sequential scan on `supervision_problem` in these queries."
    return "\n".join(
        [
            f"## {SECTION}",
            "",
            f"Measured {meta['date']} on {meta['cpu']}, nproc {meta['nproc']}; Python {meta['python']}, "
            f"Django {meta['django']}, {meta['postgres']}. Load average before the run: {meta['load']}.",
            "",
            "Data: the foundation's province ("
            + ", ".join(f"{v:,} {k}" for k, v in counts.items())
            + "), problems spread over the departments in every state, 2022–2024. Against gunicorn "
            "(2 gthread workers × 2 threads) on loopback with a bearer token, one keep-alive "
            f"connection, median of {meta['repeat']} requests after a warm-up; the floor is the "
            "plain SQL over one psycopg connection from the same process: one `GROUP BY` of the "
            "scope by state, progress, listed, behind and colour rank (the default policy's "
            "cut-off dates, as `colour_q` computes them) for the summary; one "
            "`SELECT … ORDER BY deadline, id LIMIT 50` with the red cut-offs for the overdue list. "
            "The summary is asked for `today=2024-12-20`; the list uses the server's today. "
            "“Same answer” checks the floor's total and colour counts (the list's ids) against the "
            "API's.",
            "",
            "| target | request | queries | ms | floor queries | floor ms | ratio to floor | same answer |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
            *rows,
            "",
            index_note,
            "",
            f"Load average after the run: {meta['load_after']}. Figures also in "
            "`bench/results/warnings.json`. Command (from the repository root):",
            "",
            "```",
            command,
            "```",
            "",
        ]
    )


RESULTS_JSON = foundation.REPO / "bench" / "results" / "warnings.json"


def write_json(meta: dict[str, str], measured: dict[str, Any]) -> None:
    data: dict[str, Any] = {
        "measured_at": meta["date"],
        "load_before": meta["load"],
        "load_after": meta["load_after"],
    }
    for name, timing in measured["timings"].items():
        api, sql = statistics.median(timing["api"]), statistics.median(timing["sql"])
        data[name] = {
            "ratio": round(api / sql, 3),
            "ms": round(api, 1),
            "floor_ms": round(sql, 1),
            "queries": measured["facts"]["queries"][name],
            "same_answer": measured["agree"][name],
            "seq_scan": seq_scan(measured["facts"]["plans"][name]),
        }
    RESULTS_JSON.parent.mkdir(exist_ok=True)
    RESULTS_JSON.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run_warnings")
    parser.add_argument("--problems", type=int, default=1_000_000)
    parser.add_argument("--districts", type=int, default=90)
    parser.add_argument(
        "--extra-units", type=int, default=101, help="departments added to each district"
    )
    parser.add_argument("--repeat", type=int, default=7)
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
        json.dump(inner(), sys.stdout)
        return 0
    command = shlex.join(
        [
            ".venv/bin/python",
            "-m",
            "bench.run_warnings",
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
                step = f"warnings:{args.extra_units}:{args.problems}"
                counts = foundation.loaded(database_url, step)
                if counts is None:
                    units = add_units(database_url, args.extra_units)
                    started = time.monotonic()
                    counts = {"departments (responsible units)": units}
                    counts |= load_problems(database_url, args.problems)
                    foundation.log(f"loaded {counts} in {time.monotonic() - started:.0f}s")
                    foundation.analyze_database(database_url)
                    if args.reuse:
                        foundation.remember(database_url, step, counts)
                measured = measure(run, args, database_url, env)
        except (foundation.BenchError, psycopg.Error, RuntimeError) as exc:
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
    counts = {**generated["counts"], **counts}
    meta["load_after"] = foundation.machine()["load"]
    section = render(meta, counts, measured, command)
    write_json(meta, measured)
    print(section)
    if not args.no_write:
        foundation.SECTION = SECTION  # the writer replaces the section of this name
        foundation.write_results(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
