"""Public writes: supports and reports per second into PostgreSQL under concurrent clients,
against a bare INSERT floor measured in the same run, with every row counted afterwards.

    .venv/bin/python -m bench.run_public_writes            # full run, updates bench/RESULTS.md
    .venv/bin/python -m bench.run_public_writes --help

Reuses the foundation harness (`bench.run_foundation`: throwaway database, gunicorn on loopback,
cleanup on failure or Ctrl-C, machine notes, RESULTS.md sections). On the generated province
(bench/generate.py) `bench/generate_public.py` adds citizens with API tokens and an open topic
call with published topics. Then, in rounds, 64 keep-alive clients (Python threads) POST for a
fixed time to: the floor `bench/insert/` (one raw INSERT of a unique number, same server and
middleware), `POST /api/v1/topics/{id}/supports` (a bearer token per citizen, a fresh citizen ×
topic pair per request) and `POST /api/v1/reports` (anonymous, a fresh Idempotency-Key and
content per request). Every tenth request repeats the client's previous one, which must be
answered as a repeat (200) and never stored twice. After the server has stopped, the rows are
counted: every acknowledged write must be there once (lost = acknowledged but missing,
duplicated = stored more than once).
"""

import argparse
import contextlib
import datetime as dt
import http.client
import itertools
import json
import os
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

from bench import run_foundation as foundation
from bench.run_foundation import BenchError, Result, Run, log

SECTION = "Public writes"
REPEAT_EVERY = 10


@dataclass
class Acks:
    """What the server acknowledged: ids answered 201 (created) and 200 (a repeat)."""

    created: set[int] = field(default_factory=set)
    repeats: int = 0
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass
class Target:
    name: str
    label: str
    request: Callable[[int], tuple[str, bytes, dict[str, str]]]  # id → path, body, headers
    acks: Acks = field(default_factory=Acks)
    results: list[Result] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)


def load_posts(run: Run, port: int, target: Target, seconds: float, connections: int) -> Result:
    """`connections` threads for `seconds`, each with one keep-alive connection, POSTing."""
    run.remaining(seconds + 5)
    ids = itertools.count(len(target.acks.created) + target.acks.repeats + target.acks.errors)
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections
    deadline = time.monotonic() + seconds
    base = getattr(target, "_next", 0)

    def worker(slot: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        previous: int | None = None
        sent = 0
        while time.monotonic() < deadline:
            sent += 1
            repeat = previous is not None and sent % REPEAT_EVERY == 0
            number = previous if repeat and previous is not None else base + next(ids)
            path, body, headers = target.request(number)
            started = time.perf_counter()
            try:
                conn.request("POST", path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                conn.close()
                errors[slot] += 1
                continue
            latencies[slot].append(time.perf_counter() - started)
            with target.acks.lock:
                if response.status == 201 and not repeat:
                    target.acks.created.add(number)
                elif response.status in (200, 201) and repeat:
                    target.acks.repeats += 1
                    if response.status == 201:  # a repeat stored again: counted below
                        target.acks.errors += 1
                else:
                    errors[slot] += 1
            previous = number
        conn.close()

    threads = [threading.Thread(target=worker, args=(s,), daemon=True) for s in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        while thread.is_alive():
            thread.join(timeout=0.5)
    elapsed = time.perf_counter() - started
    target._next = base + next(ids) + 1  # type: ignore[attr-defined]
    flat = sorted(value for values in latencies for value in values)
    if len(flat) < 2:
        raise BenchError(f"{target.name}: no answers")
    cuts = statistics.quantiles(flat, n=100, method="inclusive")
    with target.acks.lock:
        target.acks.errors += sum(errors)
    return Result(len(flat), elapsed, cuts[49] * 1000, cuts[98] * 1000, sum(errors))


def targets_for(data: dict[str, object]) -> list[Target]:
    tokens: list[str] = data["tokens"]  # type: ignore[assignment]
    topics: list[int] = data["topic_ids"]  # type: ignore[assignment]
    json_headers = {"Content-Type": "application/json"}

    def floor(n: int) -> tuple[str, bytes, dict[str, str]]:
        body = json.dumps({"n": n, "content": f"bench-floor-{n} 社区公共收益没有公示"})
        return "/bench/insert/", body.encode(), json_headers

    def support(n: int) -> tuple[str, bytes, dict[str, str]]:
        citizen, topic = n % len(tokens), topics[(n // len(tokens)) % len(topics)]
        headers = {**json_headers, "Authorization": f"Bearer {tokens[citizen]}"}
        return f"/api/v1/topics/{topic}/supports", b"", headers

    def report(n: int) -> tuple[str, bytes, dict[str, str]]:
        body = {
            "category": data["category"],
            "channel": "web",
            "content": f"bench-report-{n} 社区公共收益一直没有公示，不知道钱去了哪里。",
        }
        headers = {**json_headers, "Idempotency-Key": f"bench-report-{n}"}
        return "/api/v1/reports", json.dumps(body, ensure_ascii=False).encode(), headers

    return [
        Target("floor", "bare INSERT `POST /bench/insert/`", floor),
        Target("supports", "support `POST /api/v1/topics/{id}/supports`", support),
        Target("reports", "report `POST /api/v1/reports` (anonymous)", report),
    ]


def count_rows(
    database_url: str, targets: list[Target], citizens: int, topics: list[int]
) -> dict[str, dict[str, int]]:
    """Rows stored per target, and how they compare with what the server acknowledged."""
    queries = {
        "floor": "SELECT n FROM bench_floor",
        "supports": (
            "SELECT s.user_id, s.topic_id FROM participation_support s "
            "JOIN accounts_user u ON u.id = s.user_id WHERE u.username LIKE 'bench-citizen-%%'"
        ),
        "reports": "SELECT split_part(content, ' ', 1) FROM reports_report WHERE content LIKE 'bench-report-%%'",
    }
    counts: dict[str, dict[str, int]] = {}
    with psycopg.connect(database_url) as conn:
        users: dict[int, int] = dict(
            conn.execute(
                "SELECT id, substring(username from 15)::int FROM accounts_user "
                "WHERE username LIKE 'bench-citizen-%%'"
            ).fetchall()
        )
        topic_index = {pk: index for index, pk in enumerate(topics)}
        for target in targets:
            rows = conn.execute(queries[target.name]).fetchall()
            if target.name == "floor":
                keys = [int(row[0]) for row in rows]
                expected = set(target.acks.created)
            elif target.name == "supports":
                keys = [users[user] + topic_index[topic] * citizens for user, topic in rows]
                expected = {n % (citizens * len(topics)) for n in target.acks.created}
            else:
                keys = [int(row[0].removeprefix("bench-report-")) for row in rows]
                expected = set(target.acks.created)
            stored = set(keys)
            counts[target.name] = {
                "acknowledged": len(expected),
                "rows": len(keys),
                "lost": len(expected - stored),
                "duplicated": len(keys) - len(stored),
                "unacknowledged": len(stored - expected),
            }
    return counts


# Queries per write, as the query-count tests pin them (kaimen/participation/tests/test_api.py,
# kaimen/reports/tests/test_api.py).
QUERIES_PER_WRITE = {
    "supports": "8: the bearer token, the scope, the topic with its call; INSERT support, INSERT "
    "event; after the commit the follow (SELECT + INSERT); the count answered (an index-only "
    "count on the support's unique index)",
    "reports": "5: the category, the commission, one duplicate check; INSERT report, INSERT "
    "event (the receipt's cache entry after the commit, in Redis or memory)",
}
RESULTS_JSON = foundation.REPO / "bench" / "results" / "public_writes.json"


class Sealer:
    """`manage.py seal_events --every SECONDS` beside the server, as in production, and a watch
    on how long the oldest unsealed event has waited (sampled twice a second)."""

    def __init__(self, run: Run, env: dict[str, str], database_url: str, every: float) -> None:
        self.database_url = database_url
        self.oldest_wait = 0.0
        self.stopped = threading.Event()
        logfile = (run.workdir / "sealer.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "seal_events", "--every", str(every)],
            cwd=foundation.REPO,
            env=env,
            stdout=logfile,
            stderr=logfile,
            start_new_session=True,
        )
        self.watch = threading.Thread(target=self._watch, daemon=True)
        self.watch.start()

    def _watch(self) -> None:
        with psycopg.connect(self.database_url, autocommit=True) as conn:
            while not self.stopped.wait(0.5):
                row = conn.execute(
                    "SELECT extract(epoch FROM now() - min(created_at)) FROM timeline_event "
                    "WHERE sequence IS NULL"
                ).fetchone()
                if row and row[0] is not None:
                    self.oldest_wait = max(self.oldest_wait, float(row[0]))

    def stop(self) -> None:
        self.stopped.set()
        self.watch.join(timeout=5)
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run_public_writes")
    parser.add_argument("--seconds", type=float, default=5.0, help="load per target and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warmup", type=float, default=2.0)
    parser.add_argument("--connections", type=int, default=64, help="concurrent clients (64)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (default 4)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gthread worker")
    parser.add_argument("--districts", type=int, default=10, help="districts generated")
    parser.add_argument("--citizens", type=int, default=3000)
    parser.add_argument("--topics", type=int, default=40)
    parser.add_argument("--time-limit", type=float, default=290.0)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("KAIMEN_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
    )
    parser.add_argument(
        "--seal-every", type=float, default=2.0, help="the sealer's pause (seconds)"
    )
    parser.add_argument("--no-write", action="store_true")
    return parser.parse_args(argv)


def measure(run: Run, args: argparse.Namespace, command: str) -> str:
    before = foundation.machine()
    database_url = foundation.create_database(run, args.postgres)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings_writes",
        "DATABASE_URL": database_url,
    }
    env.pop("DJANGO_DEBUG", None)
    foundation.django_step(run, env, ["manage.py", "migrate", "-v", "0"], limit=120)
    generated = json.loads(
        foundation.django_step(
            run, env, ["-m", "bench.generate", "--districts", str(args.districts)], limit=180
        )
    )
    data = json.loads(
        foundation.django_step(
            run,
            env,
            [
                "-m",
                "bench.generate_public",
                "--citizens",
                str(args.citizens),
                "--topics",
                str(args.topics),
            ],
            limit=120,
        )
    )
    log(f"generated {generated['counts']} and {args.citizens} citizens with tokens")
    foundation.analyze_database(database_url)
    targets = targets_for(data)
    port = foundation.free_port()
    foundation.start_server(run, env, port, args.workers, args.threads)
    sealer = Sealer(run, env, database_url, args.seal_every)
    floors: list[Result] = []
    floor, writes = targets[0], targets[1:]
    try:
        for target in targets:
            load_posts(run, port, target, args.warmup, args.connections)
        for round_ in range(1, args.rounds + 1):
            for target in [floor, *writes]:
                result = load_posts(run, port, target, args.seconds, args.connections)
                (floors if target is floor else target.results).append(result)
                log(
                    f"round {round_} {target.name}: {result.rps:,.0f}/s, p99 {result.p99_ms:.0f} ms, errors {result.errors}"
                )
        floors.append(load_posts(run, port, floor, args.seconds, args.connections))
        time.sleep(args.seal_every + 1)  # the sealer's next pass after the last write
    finally:
        sealer.stop()
        foundation.stop_server(run)
    unsealed = count_unsealed(database_url)
    try:
        verified = foundation.django_step(run, env, ["manage.py", "verify_events"], limit=120)
    except BenchError as exc:  # reported, not hidden: the run's figures still stand
        verified = str(exc).splitlines()[-1]
    sealing = {
        "max_unsealed_s": round(sealer.oldest_wait, 1),
        "unsealed_after": unsealed,
        "verify_events": verified.strip(),
    }
    log(f"sealing: {sealing}")
    floor.results = floors
    for target in writes:
        target.ratios = [
            result.rps / statistics.mean((floors[i].rps, floors[i + 1].rps))
            for i, result in enumerate(target.results)
        ]
    counts = count_rows(database_url, targets, args.citizens, data["topic_ids"])
    write_json(before, targets, counts, sealing)
    return render(args, before, generated, targets, counts, command, run, sealing)


def count_unsealed(database_url: str) -> int:
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT count(*) FROM timeline_event WHERE sequence IS NULL").fetchone()
    return int(row[0]) if row else 0


def _figures(target: Target) -> dict[str, float]:
    results = target.results
    return {
        "ratio": round(statistics.median(target.ratios), 3) if target.ratios else 1.0,
        "per_s": round(sum(r.requests for r in results) / sum(r.seconds for r in results), 1),
        "p50_ms": round(statistics.median(r.p50_ms for r in results), 1),
        "p99_ms": round(max(r.p99_ms for r in results), 1),
    }


def write_json(
    meta: dict[str, str],
    targets: list[Target],
    counts: dict[str, dict[str, int]],
    sealing: dict[str, object],
) -> None:
    by_name = {t.name: t for t in targets}
    data: dict[str, object] = {
        "measured_at": dt.datetime.now(tz=dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_before": meta["load"],
        "load_after": foundation.machine()["load"],
        "floor": _figures(by_name["floor"]),
        "sealing": sealing,
    }
    for key, name in (("support", "supports"), ("report", "reports")):
        data[key] = {
            **_figures(by_name[name]),
            "lost": counts[name]["lost"],
            "duplicated": counts[name]["duplicated"],
            "queries": QUERIES_PER_WRITE[name],
        }
    RESULTS_JSON.parent.mkdir(exist_ok=True)
    RESULTS_JSON.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    log(f"wrote {RESULTS_JSON.relative_to(foundation.REPO)}")


def render(  # noqa: PLR0917
    args: argparse.Namespace,
    meta: dict[str, str],
    generated: dict[str, object],
    targets: list[Target],
    counts: dict[str, dict[str, int]],
    command: str,
    run: Run,
    sealing: dict[str, object],
) -> str:
    date = dt.datetime.now(tz=dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"## {SECTION}",
        "",
        f"Measured {date} on {meta['cpu']}, nproc {meta['nproc']}; Python {meta['python']}, "
        f"Django {meta['django']}, {run.notes[0] if run.notes else 'PostgreSQL'}, gunicorn "
        f"{meta['gunicorn']} ({args.workers} gthread workers × {args.threads} threads, keep-alive) "
        f"on loopback; client: {args.connections} Python threads with keep-alive connections "
        f"(on the same machine, competing for CPU). Load average before the run: {meta['load']}.",
        "",
        f"Data: the generated province ({', '.join(f'{v:,} {k}' for k, v in generated['counts'].items())}) "  # type: ignore[attr-defined]
        f"plus {args.citizens:,} citizens with API tokens and {args.topics} published topics of an "
        "open call. Each support is a fresh citizen × topic pair; each report a fresh content and "
        f"Idempotency-Key; every {REPEAT_EVERY}th request repeats the client's previous one. "
        f"{args.rounds} rounds of {args.seconds:g} s per target after {args.warmup:g} s of warm-up; a "
        "write's ratio is the median over the rounds of its rate divided by the mean of the two "
        "floor runs around it.",
        "",
        "| target | writes/s | p50 ms | p99 ms | errors | ratio to floor (rounds) | acknowledged | rows | lost | duplicated |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for target in targets:
        results = target.results
        rate = sum(r.requests for r in results) / sum(r.seconds for r in results)
        if target.ratios:
            ratio = f"**{statistics.median(target.ratios):.2f}** ({', '.join(f'{v:.2f}' for v in target.ratios)})"
        else:
            ratio = "1.00, runs: " + ", ".join(f"{r.rps:,.0f}" for r in results)
        c = counts[target.name]
        lines.append(
            f"| {target.label} | {rate:,.0f} | {statistics.median(r.p50_ms for r in results):.1f} "
            f"| {max(r.p99_ms for r in results):.1f} | {sum(r.errors for r in results)} | {ratio} "
            f"| {c['acknowledged']:,} | {c['rows']:,} | {c['lost']} | {c['duplicated']} |"
        )
    lines += [
        "",
        "writes/s counts every answered request, repeats included (the repeats are answered 200 and "
        "store nothing). acknowledged: distinct writes answered 201; rows: rows found afterwards "
        "(warm-up included); lost: acknowledged but not stored; duplicated: stored more than once.",
        "",
        f"Queries per write — support: {QUERIES_PER_WRITE['supports']}; report: "
        f"{QUERIES_PER_WRITE['reports']}. Each records its Event by a plain INSERT; "
        f"`manage.py seal_events --every {args.seal_every:g}` ran beside the server throughout: "
        f"the oldest unsealed event waited at most **{sealing['max_unsealed_s']} s** (sampled "
        f"twice a second; event times are whole seconds), {sealing['unsealed_after']} events were "
        f"unsealed after its last pass, and `verify_events` said: {sealing['verify_events']}",
        "",
        f"Load average after the run: {foundation.machine()['load']}. Figures also in "
        "`bench/results/public_writes.json`. Command (from the repository root):",
        "",
        "```",
        command,
        "```",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = shlex.join(
        [
            ".venv/bin/python",
            "-m",
            "bench.run_public_writes",
            *(argv if argv is not None else sys.argv[1:]),
        ]
    )
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="kaimen-bench-") as tmp:
        run = Run(deadline=started + args.time_limit, workdir=Path(tmp))
        try:
            with foundation.cleanup(run):
                section = measure(run, args, command)
        except KeyboardInterrupt:
            log("interrupted: server stopped, database dropped")
            return 130
        except (BenchError, psycopg.Error) as exc:
            log(f"failed: {exc}")
            return 1
    print(section)
    if not args.no_write:
        foundation.SECTION = SECTION  # write_results replaces the section named there
        foundation.write_results(section)
        log(f"wrote the {SECTION} section of bench/RESULTS.md")
    log(f"done in {time.monotonic() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
