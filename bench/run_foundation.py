"""Foundation benchmark: the public pages and the campaign list API against a bare Django view.

    .venv/bin/python -m bench.run_foundation            # full run, updates bench/RESULTS.md
    .venv/bin/python -m bench.run_foundation --help     # sizes, client, workers, …

One command, bounded in time (--time-limit, 290 s by default): creates a throwaway PostgreSQL
database (kaimen_bench_<pid> on 127.0.0.1:5432), migrates it, generates a province
(bench/generate.py), counts each page's queries, starts gunicorn on a free loopback port and
warms up. Then, in rounds, it loads the bare view (the floor) and each page in turn for a fixed
time (wrk counts time, not requests) with concurrent keep-alive clients: wrk when it is
installed, else Python threads of http.client. gunicorn runs gthread workers with keep-alive:
sync workers close every connection, and with wrk reconnecting thousands of times a second the
floor swung tenfold between runs (`--threads 0` brings them back). A page's ratio is the median
over the rounds of its throughput divided by the mean of the floor runs just before and after
it, which cancels slow drifts in the machine's other load. The server is stopped and the
database dropped at the end, also on failure or Ctrl-C. The "Foundation" section of
bench/RESULTS.md is replaced with the table, the machine and the command.
"""

import argparse
import contextlib
import datetime as dt
import http.client
import json
import os
import platform
import random
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from types import FrameType
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "RESULTS.md"
SECTION = "Foundation"
AIM = 0.5


class BenchError(Exception):
    pass


@dataclass
class Target:
    name: str
    paths: list[str]
    queries: int | None = None
    size: int | None = None
    skipped: str = ""


@dataclass
class Result:
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    errors: int

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


@dataclass
class Run:
    deadline: float
    workdir: Path
    db_name: str = ""
    admin_url: str = ""
    server: subprocess.Popen[bytes] | None = None
    notes: list[str] = field(default_factory=list)

    def remaining(self, need: float = 1.0) -> float:
        left = self.deadline - time.monotonic()
        if left < need:
            raise BenchError(f"time limit reached (needed {need:.0f}s more)")
        return left


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------ database


def create_database(run: Run, base_url: str) -> str:
    run.db_name = f"kaimen_bench_{os.getpid()}"
    run.admin_url = f"{base_url.rstrip('/')}/postgres"
    with psycopg.connect(run.admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{run.db_name}"')
        conn.execute(f'CREATE DATABASE "{run.db_name}"')
        row = conn.execute("SHOW server_version").fetchone()
    run.notes.append(f"PostgreSQL {row[0].split()[0] if row else '?'}")
    return f"{base_url.rstrip('/')}/{run.db_name}"


def analyze_database(database_url: str) -> None:
    """Fresh statistics, as autovacuum would have them in production after a bulk load."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def drop_database(run: Run) -> None:
    if not run.db_name:
        return
    try:
        with psycopg.connect(run.admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{run.db_name}" WITH (FORCE)')
        log(f"dropped database {run.db_name}")
    except psycopg.Error as exc:
        log(f"could not drop database {run.db_name}: {exc}")


# ------------------------------------------------------------------ django steps


def django_step(run: Run, env: dict[str, str], args: list[str], limit: float) -> str:
    timeout = min(limit, run.remaining(5))
    done = subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise BenchError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


# ------------------------------------------------------------------ server


def server_kind(args: argparse.Namespace) -> str:
    if args.threads:
        return f"{args.workers} gthread workers × {args.threads} threads, keep-alive"
    return f"{args.workers} sync workers"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(run: Run, env: dict[str, str], port: int, workers: int, threads: int) -> None:
    logfile = (run.workdir / "server.log").open("wb")
    command = [
        sys.executable, "-m", "gunicorn", "config.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--chdir", str(REPO), "--log-level", "warning", "--backlog", "256",
        *(["--worker-class", "gthread", "--threads", str(threads), "--keep-alive", "5"] if threads else []),
    ]  # fmt: skip
    run.server = subprocess.Popen(
        command, cwd=REPO, env=env, stdout=logfile, stderr=logfile, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}/bench/bare/"
    limit = time.monotonic() + min(30.0, run.remaining(5))
    while time.monotonic() < limit:
        if run.server.poll() is not None:
            raise BenchError(f"the server exited:\n{server_log(run)}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise BenchError(f"the server did not answer {url} within 30s:\n{server_log(run)}")


def server_log(run: Run) -> str:
    path = run.workdir / "server.log"
    return path.read_text(errors="replace")[-3000:] if path.exists() else ""


def stop_server(run: Run) -> None:
    if run.server is None or run.server.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(run.server.pid, signal.SIGTERM)
    try:
        run.server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.server.pid, signal.SIGKILL)
        run.server.wait(timeout=5)
    log("server stopped")


# ------------------------------------------------------------------ load clients

WRK_SCRIPT = r"""
-- Rotates over the paths listed in a file, each thread from its own offset; prints a JSON line.
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end
function init(args)
  paths = {}
  for line in io.lines(args[1]) do table.insert(paths, line) end
  index = (id * 7919) % #paths
end
function request()
  index = index % #paths + 1
  return wrk.format("GET", paths[index])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
"""


def load_wrk(run: Run, port: int, paths: list[str], seconds: float, connections: int) -> Result:
    """wrk for `seconds` with `connections` keep-alive connections over two threads."""
    run.remaining(seconds + 5)
    script = run.workdir / "rotate.lua"
    script.write_text(WRK_SCRIPT)
    paths_file = run.workdir / "paths.txt"
    paths_file.write_text("\n".join(paths) + "\n")
    command = [
        "wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "10s",
        "-s", str(script), f"http://127.0.0.1:{port}{paths[0]}", "--", str(paths_file),
    ]  # fmt: skip
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 30, check=False
    )
    match = re.search(r"^RESULT (\{.*\})$", done.stdout, re.MULTILINE)
    if done.returncode != 0 or match is None:
        raise BenchError(f"wrk failed:\n{done.stdout}\n{done.stderr}")
    data = json.loads(match.group(1))
    return Result(
        requests=data["requests"],
        seconds=data["duration_us"] / 1e6,
        p50_ms=data["p50_us"] / 1000,
        p99_ms=data["p99_us"] / 1000,
        errors=data["errors"],
    )


def load_python(run: Run, port: int, paths: list[str], seconds: float, connections: int) -> Result:
    """`connections` threads for `seconds`, each with one keep-alive http.client connection."""
    run.remaining(seconds + 5)
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections
    deadline = time.monotonic() + seconds

    def worker(slot: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        index = slot * 7919
        while time.monotonic() < deadline:
            index += 1
            path = paths[index % len(paths)]
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                conn.close()  # the next request reconnects
                errors[slot] += 1
                continue
            latencies[slot].append(time.perf_counter() - started)
            if response.status != 200:
                errors[slot] += 1
        conn.close()

    workers = [
        threading.Thread(target=worker, args=(slot,), daemon=True) for slot in range(connections)
    ]
    started = time.perf_counter()
    for thread in workers:
        thread.start()
    for thread in workers:
        while thread.is_alive():
            thread.join(timeout=0.5)  # stays responsive to Ctrl-C
    elapsed = time.perf_counter() - started
    flat = sorted(value for values in latencies for value in values)
    if len(flat) < 2:
        raise BenchError("the Python client got no answers")
    cuts = statistics.quantiles(flat, n=100, method="inclusive")
    return Result(len(flat), elapsed, cuts[49] * 1000, cuts[98] * 1000, sum(errors))


Loader = Callable[[Run, int, list[str], float, int], Result]


def pick_client(choice: str, install: bool) -> str:
    if choice != "auto":
        if choice == "wrk" and shutil.which("wrk") is None:
            raise BenchError("--client wrk: wrk is not installed (apt-get install wrk)")
        return choice
    if shutil.which("wrk"):
        return "wrk"
    if install and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        log("wrk not found; trying apt-get install wrk (skip with --no-install)")
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            subprocess.run(
                ["apt-get", "install", "-y", "-qq", "wrk"],
                capture_output=True,
                timeout=120,
                check=False,
            )
        if shutil.which("wrk"):
            return "wrk"
    log("wrk not available: using the Python client (it competes with the server for CPU)")
    return "python"


# ------------------------------------------------------------------ report


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {
        "cpu": cpu,
        "nproc": str(os.cpu_count() or "?"),
        "load": " ".join(f"{value:.2f}" for value in os.getloadavg()),
        "python": platform.python_version(),
        "django": version("django"),
        "gunicorn": version("gunicorn"),
    }


def client_version(client: str) -> str:
    if client != "wrk":
        return f"Python {platform.python_version()} http.client threads"
    done = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    match = re.search(r"wrk (\S+)", done.stdout + done.stderr)
    return f"wrk {match.group(1) if match else '?'}"


@dataclass
class Summary:
    """One target over all rounds: throughput overall, ratios per round to the bracketing floor."""

    target: Target
    results: list[Result]
    ratios: list[float]

    @property
    def rps(self) -> float:
        return sum(r.requests for r in self.results) / sum(r.seconds for r in self.results)

    @property
    def ratio(self) -> float:
        return statistics.median(self.ratios)


def summarize(target: Target, results: list[Result], floors: list[Result]) -> Summary:
    """Round r of a page ran between floor runs r and r + 1: its ratio is to their mean."""
    ratios = [
        result.rps / statistics.mean((floors[index].rps, floors[index + 1].rps))
        for index, result in enumerate(results)
    ]
    return Summary(target, results, ratios)


def render_section(
    *,
    targets: list[Target],
    floor: Summary,
    pages: list[Summary],
    meta: dict[str, str],
    counts: dict[str, int],
    command: str,
) -> str:
    floor_rps = [r.rps for r in floor.results]
    lines = [
        f"## {SECTION}",
        "",
        f"Measured {meta['date']} on {meta['cpu']}, nproc {meta['nproc']}; Python {meta['python']}, "
        f"Django {meta['django']}, {meta['postgres']}, gunicorn {meta['gunicorn']} "
        f"({meta['server']}) on loopback; client {meta['client']}, "
        f"{meta['connections']} concurrent connections. Load average before the run: {meta['load']}.",
        "",
        "Data: "
        + ", ".join(f"{value:,} {name}" for name, value in counts.items())
        + f" (generated in {meta['generate_seconds']} s). Each page rotates over many ids of "
        "public records; queries and bytes are those of the first.",
        "",
        f"Floor: the bare view `bench/bare/` (same server, same middleware, no query, no template). "
        f"Cache: {meta['cache']}. Every page is visited once, then "
        f"{meta['warmup']} s of warm-up per target, {meta['rounds']} rounds of "
        f"{meta['seconds']} s per target, each round opened by the floor, and the floor once more "
        "at the end; a page's ratio is the median over the rounds of its throughput divided by the "
        "mean of the two floor runs around it, so load from other work on the machine cancels "
        f"out as far as it can. Floor runs: {', '.join(f'{v:,.0f}' for v in floor_rps)} req/s. "
        f"Aim: each page ≥ {AIM:.2f} of the floor.",
        "",
        "| target | queries | bytes | req/s | p50 ms | p99 ms | errors | ratio to bare (rounds) | aim |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for summary in [floor, *pages]:
        target, results = summary.target, summary.results
        is_floor = summary is floor
        ratio = "1.00, runs:" if is_floor else f"**{summary.ratio:.2f}**"
        spread = ", ".join(f"{value:.2f}" for value in summary.ratios)
        verdict = "floor" if is_floor else ("meets" if summary.ratio >= AIM else "**below**")
        queries = "" if target.queries is None else str(target.queries)
        lines.append(
            f"| {_label(target)} | {queries} | {target.size or ''} | {summary.rps:,.0f} "
            f"| {statistics.median(r.p50_ms for r in results):.1f} "
            f"| {max(r.p99_ms for r in results):.1f} | {sum(r.errors for r in results)} "
            f"| {ratio} ({spread}) | {verdict} |"
        )
    lines += [
        f"| {_label(t)} | | | | | | | | not measured: {t.skipped} |" for t in targets if t.skipped
    ]
    lines += [
        "",
        "p50 is the median of the rounds' p50, p99 the worst round's. Command (from the repository root):",
        "",
        "```",
        command,
        "```",
        "",
    ]
    return "\n".join(lines)


def _label(target: Target) -> str:
    return f"{target.name} `{target.paths[0]}`" + (" …" if len(target.paths) > 1 else "")


def write_results(section: str) -> None:
    header = (
        "# Benchmark results\n\n"
        "Written by the scripts in `bench/` (see `bench/README.md`); each script replaces only its "
        "own section. Numbers are ratios to a floor measured in the same run: compare ratios across "
        "machines, not raw throughput.\n\n"
    )
    text = RESULTS.read_text() if RESULTS.exists() else header
    pattern = re.compile(rf"^## {SECTION}\n.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _m: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    RESULTS.write_text(text.rstrip("\n") + "\n")


# ------------------------------------------------------------------ main


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run_foundation", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--seconds", type=float, default=5.0, help="load per target and round (default 5)"
    )
    parser.add_argument("--rounds", type=int, default=3, help="rounds over all targets (default 3)")
    parser.add_argument(
        "--redis",
        default="redis://127.0.0.1:6379/15",
        help="cache for the server, as in production ('' for each worker's own memory)",
    )
    parser.add_argument("--warmup", type=float, default=3.0, help="warm-up per target (default 3)")
    parser.add_argument("--connections", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--threads",
        type=int,
        default=2,
        help="threads per gthread worker, with keep-alive (default 2); 0: sync workers, "
        "which close every connection (the floor then swings widely)",
    )
    parser.add_argument(
        "--districts", type=int, default=90, help="districts generated (default 90)"
    )
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    parser.add_argument("--no-install", action="store_true", help="never try apt-get install wrk")
    parser.add_argument("--time-limit", type=float, default=290.0, help="seconds for the whole run")
    parser.add_argument(
        "--postgres", default=os.environ.get("KAIMEN_BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432"),
        help="server URL without database (default postgres://postgres@127.0.0.1:5432)",
    )  # fmt: skip
    parser.add_argument(
        "--no-write", action="store_true", help="print the section, leave RESULTS.md alone"
    )
    return parser.parse_args(argv)


@contextlib.contextmanager
def cleanup(run: Run) -> Iterator[None]:
    # Ctrl-C and SIGTERM both end in the `finally` below (SIGINT explicitly: a shell that starts
    # us in the background would otherwise have it ignored).
    previous = {
        signal.SIGTERM: signal.signal(signal.SIGTERM, _on_sigterm),
        signal.SIGINT: signal.signal(signal.SIGINT, signal.default_int_handler),
    }
    try:
        yield
    finally:
        for signum in previous:  # finish cleaning up even if asked twice
            signal.signal(signum, signal.SIG_IGN)
        stop_server(run)
        drop_database(run)
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = shlex.join(
        [
            ".venv/bin/python",
            "-m",
            "bench.run_foundation",
            *(argv if argv is not None else sys.argv[1:]),
        ]
    )
    started = time.monotonic()
    client = pick_client(args.client, install=not args.no_install)
    load = load_wrk if client == "wrk" else load_python
    with tempfile.TemporaryDirectory(prefix="kaimen-bench-") as tmp:
        run = Run(deadline=started + args.time_limit, workdir=Path(tmp))
        try:
            with cleanup(run):
                section = measure(run, args, load, client, command)
        except KeyboardInterrupt:
            log("interrupted: server stopped, database dropped")
            return 130
        except (BenchError, subprocess.TimeoutExpired, psycopg.Error) as exc:
            log(f"failed: {exc}")
            return 1
    print(section)
    if not args.no_write:
        write_results(section)
        log(f"wrote the {SECTION} section of {RESULTS.relative_to(REPO)}")
    log(f"done in {time.monotonic() - started:.0f}s")
    return 0


def flush_redis(url: str) -> None:
    """Empty the benchmark's Redis database so no page from an earlier run is served."""
    import redis  # noqa: PLC0415  (only the benchmark needs the client directly)

    redis.Redis.from_url(url).flushdb()


def visit_each(port: int, paths: list[str]) -> None:
    for path in paths:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("GET", path)
        connection.getresponse().read()
        connection.close()


def province_database(
    run: Run,
    postgres: str,
    districts: int,
    extra_env: dict[str, str] | None = None,
    reuse: str = "",
) -> tuple[dict[str, str], str, dict[str, Any]]:
    """What every benchmark starts from: a database, migrated, holding a generated province.
    Returns the environment for Django steps, the database URL and the generator's report.

    Throwaway by default. With `reuse` (a database name) the database is kept after the run,
    and a later run with the same name finds the province there instead of generating it
    again (`loaded`/`remember` do the same for what each script adds)."""
    if reuse:
        database_url = f"{postgres.rstrip('/')}/{reuse}"
        run.admin_url = f"{postgres.rstrip('/')}/postgres"
        with psycopg.connect(run.admin_url, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (reuse,)
            ).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{reuse}"')
            row = conn.execute("SHOW server_version").fetchone()
        run.notes.append(f"PostgreSQL {row[0].split()[0] if row else '?'}")
        log(f"{'reusing' if exists else 'created'} database {reuse} (kept after the run)")
    else:
        database_url = create_database(run, postgres)
        log(f"created database {run.db_name}")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database_url,
        **(extra_env or {}),
    }
    env.pop("DJANGO_DEBUG", None)
    django_step(run, env, ["manage.py", "migrate", "-v", "0"], limit=180)
    log("migrated")
    generated = loaded(database_url, f"province:{districts}")
    if generated is None:
        generated = json.loads(
            django_step(
                run, env, ["-m", "bench.generate", "--districts", str(districts)], limit=300
            )
        )
        if reuse:
            remember(database_url, f"province:{districts}", generated)
        log(f"generated {generated['counts']} in {generated['seconds']}s")
    return env, database_url, generated


def loaded(database_url: str, step: str) -> dict[str, Any] | None:
    """What `step` loaded into a kept database on an earlier run (None: not loaded yet)."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS bench_loaded (step text PRIMARY KEY, data jsonb)")
        row = conn.execute("SELECT data FROM bench_loaded WHERE step = %s", (step,)).fetchone()
    return dict(row[0]) if row else None


def remember(database_url: str, step: str, data: dict[str, Any]) -> None:
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO bench_loaded (step, data) VALUES (%s, %s)",
            (step, Jsonb(data)),
        )


def measure(run: Run, args: argparse.Namespace, load: Loader, client: str, command: str) -> str:
    before = machine()  # the load average before this run adds its own
    extra_env = {}
    if args.redis:
        # As in production: one cache shared by the workers (the public page cache lives there).
        extra_env["REDIS_URL"] = args.redis
        flush_redis(args.redis)
    env, database_url, generated = province_database(run, args.postgres, args.districts, extra_env)
    analyze_database(database_url)

    rng = random.Random(7)
    project_ids = rng.sample(
        generated["public_project_ids"], min(300, len(generated["public_project_ids"]))
    )
    campaign_ids = rng.sample(
        generated["public_campaign_ids"], min(150, len(generated["public_campaign_ids"]))
    )
    targets = [
        Target("bare view", ["/bench/bare/"]),
        Target("project page", [f"/projects/{pk}/" for pk in project_ids]),
        Target("campaign page", [f"/campaigns/{pk}/" for pk in campaign_ids]),
        Target("API campaign list", ["/api/v1/campaigns"]),
        Target("portal home", ["/"]),
    ]
    counted = json.loads(
        django_step(run, env, ["-m", "bench.queries", *(t.paths[0] for t in targets)], limit=60)
    )
    for target in targets:
        info = counted[target.paths[0]]
        target.queries, target.size = info["queries"], info["bytes"]
        if info["status"] != 200:
            target.skipped = f"answered {info['status']} (not built yet?)"
            log(f"skipping {target.name}: {target.skipped}")

    port = free_port()
    start_server(run, env, port, args.workers, args.threads)
    log(f"gunicorn ({server_kind(args)}) on 127.0.0.1:{port}; client {client}")
    live = [t for t in targets if not t.skipped]
    for target in live:
        visit_each(port, target.paths)  # every page once: the steady state of a results page
        load(run, port, target.paths, args.warmup, args.connections)
    log("warmed up")
    bare, pages = live[0], live[1:]
    floors: list[Result] = []
    per_page: dict[str, list[Result]] = {t.name: [] for t in pages}
    for round_ in range(1, args.rounds + 1):
        for target in [bare, *pages]:
            result = load(run, port, target.paths, args.seconds, args.connections)
            (floors if target is bare else per_page[target.name]).append(result)
            log(
                f"round {round_} {_label(target)}: {result.rps:,.0f} req/s, "
                f"p50 {result.p50_ms:.1f} ms, p99 {result.p99_ms:.1f} ms, errors {result.errors}"
            )
    floors.append(load(run, port, bare.paths, args.seconds, args.connections))
    log(f"floor again: {floors[-1].rps:,.0f} req/s")
    stop_server(run)
    mean_floor = statistics.mean(r.rps for r in floors)
    floor = Summary(bare, floors, [r.rps / mean_floor for r in floors])  # shows the drift
    summaries = [summarize(t, per_page[t.name], floors) for t in pages]

    meta = {
        **before,
        "date": dt.datetime.now(tz=dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "postgres": run.notes[0] if run.notes else "PostgreSQL",
        "server": server_kind(args),
        "client": client_version(client),
        "connections": str(args.connections),
        "seconds": f"{args.seconds:g}",
        "rounds": str(args.rounds),
        "warmup": f"{args.warmup:g}",
        "cache": (
            "the public page cache in Redis shared by the workers, as in production "
            "(anonymous copies; the queries column counts a miss)"
            if args.redis
            else "each worker's own memory"
        ),
        "generate_seconds": str(generated["seconds"]),
    }
    return render_section(
        targets=targets,
        floor=floor,
        pages=summaries,
        meta=meta,
        counts=generated["counts"],
        command=command,
    )


if __name__ == "__main__":
    sys.exit(main())
