"""
Pages side by side in one run: this project against a bare Wagtail project and a static file.

    make bench-deps                                   # once: wrk (Debian's), Locust in .venv-bench
    .venv/bin/python bench/pages.py                   # this checkout
    git worktree add /tmp/before <commit>             # an older checkout, the same way
    .venv/bin/python bench/pages.py --project /tmp/before

Sets up, in a temp directory, with this project's virtualenv (the same Wagtail,
Django and gunicorn for both):

- a bare ``wagtail start`` project, migrated on a PostgreSQL database of its own,
  with its own production settings (DEBUG off);
- the project (``--project``, this checkout by default) with
  ``cic_site.settings.production`` on a PostgreSQL database of its own seeded with
  ``manage.py seed_demo``, Redis database ``--redis-db``, persistent database
  connections, static files collected and served by whitenoise (see bench/servers.py);

serves each with gunicorn (``--workers`` sync workers, 2 by default) and measures each
page with wrk (8 connections, ``--duration`` seconds after a ``--warm-up``): the bare
project's home page; our home page, calendar listing, month view, a programme page,
an event page, the Poznań centre page, a venue page and a news article, each picked
from the seeded demo by a query; the calendar feed (its cached body) and our CSS
through whitenoise. Our pages are measured "rendered" (a server with the anonymous
page cache turned off) and, when the checkout has a page cache, "cached" (a server
with it on: wrk repeats one request, so after the warm-up every answer is a hit).
Prints the table (requests per second, the ratio to the bare Wagtail home page and
to the static file, median and 99th percentile latency, errors) to stdout, progress
to stderr. wrk runs on the same cores as the servers. Stops the servers and drops its
databases at the end, also after Ctrl-C. The set-up (migrate and seed_demo) takes 2–5
minutes on 2 cores, then each row 1 + warm-up + duration seconds: 19 rows, about 4.5
minutes with the defaults. ``--rounds N`` measures every row N times, one round after the
other, and prints each row's median with each round's ratio to the bare page of the same
round: the speed of a shared machine drifts by a third within minutes, which one round
cannot tell from a change.

The same servers for a load test (see bench/locustfile.py):

    .venv/bin/python bench/pages.py --locust [--users 50] [--run-time 2m] [--project DIR]
    .venv/bin/python bench/pages.py --serve-only [--project DIR]   # until Ctrl-C
"""

import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

# bench/ is not a package: servers.py is found through the path.
sys.path.insert(0, str(Path(__file__).resolve().parent))

import servers

BENCH = Path(__file__).resolve().parent
LOCUST = servers.ROOT / ".venv-bench" / "bin" / "locust"
CONNECTIONS = 8
THREADS = 2

# (label, key in the demo's targets); each of our pages is measured rendered and cached.
PAGES = [
    ("home", "home"),
    ("calendar listing", "listing"),
    ("month view", "month"),
    ("programme page (summer camp)", "programme"),
    ("event page", "event"),
    ("centre page", "centre"),
    ("venue page", "venue"),
    ("news article", "news"),
]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.strip().splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.strip().splitlines()[1:]),
    )
    parser.add_argument(
        "--project",
        type=Path,
        default=servers.ROOT,
        help="the checkout to measure (default: this one)",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--warm-up", type=int, default=3, help="seconds of wrk before each")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="measure every row this many times, one round after the other, and print the "
        "median of each row with the ratio of each round (the machine's speed drifts)",
    )
    parser.add_argument(
        "--redis-db",
        type=int,
        default=14,
        help="the Redis database the project uses (emptied); it also names the PostgreSQL "
        "databases, so that two runs with different numbers do not meet",
    )
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument(
        "--serve-only",
        action="store_true",
        help="start the project's server (page cache on), print its address, wait for Ctrl-C",
    )
    modes.add_argument(
        "--locust",
        action="store_true",
        help="start the project's server and run bench/locustfile.py against it, headless",
    )
    parser.add_argument("--users", type=int, default=50, help="Locust users (with --locust)")
    parser.add_argument(
        "--spawn-rate", type=float, default=10, help="Locust users started per second"
    )
    parser.add_argument("--run-time", default="2m", help="how long Locust runs (e.g. 90s, 3m)")
    options = parser.parse_args()
    options.project = options.project.resolve()
    if not (options.project / "site" / "settings" / "production.py").exists():
        parser.error(f"{options.project} is not a checkout of this project")
    missing = [] if shutil.which("wrk") or options.locust or options.serve_only else ["wrk"]
    if options.locust and not LOCUST.exists():
        missing.append("Locust (.venv-bench)")
    if missing:
        parser.error(f"{' and '.join(missing)} missing: run `make bench-deps` first")

    started = time.monotonic()
    with servers.cleaned_up_on_signals(), ExitStack() as stack:
        work = servers.temp_directory(stack, "cic-bench-pages-")
        stack.callback(servers.say, "Stopped the servers, dropped the databases.")
        servers.say(f"Working in {work} (logs there until the end).")
        options.redis_url = servers.redis_database(stack, options.redis_db)
        if options.serve_only or options.locust:
            code = serve(stack, work, options)
        else:
            code = compare(stack, work, options)
    servers.say(f"Done in {time.monotonic() - started:.0f} s.")
    return code


def prepare_project(stack, work, options):
    servers.say(f"Migrating and seeding the demo of {options.project}...")
    return servers.prepare_project(
        stack,
        options.project,
        work,
        database=f"cic_bench_pages_{options.redis_db}_project",
        redis_url=options.redis_url,
        log=work / "project-setup.log",
    )


def prepare_bare(stack, work, options):
    servers.say("Creating a bare Wagtail project (wagtail start) and migrating it...")
    return servers.prepare_bare_wagtail(
        stack,
        work,
        database=f"cic_bench_pages_{options.redis_db}_bare",
        log=work / "bare-setup.log",
    )


def serve(stack, work, options):
    """Serve the project with the page cache on; run Locust against it, or wait for Ctrl-C."""
    env = prepare_project(stack, work, options)
    server = servers.serve_project(
        stack, options.project, work, env, name="project", workers=options.workers
    )
    targets = servers.demo_targets(options.project, env)
    targets_file = work / "targets.json"
    targets_file.write_text(json.dumps({**targets, "headers": server.headers}, indent=2))
    if options.serve_only:
        print(f"Serving {options.project} at {server.url} ({options.workers} workers).")
        print(f"Send these headers (a TLS proxy's): {server.headers}")
        print("Load test from another terminal:")
        print(
            f"  CIC_BENCH_TARGETS={targets_file} {LOCUST.relative_to(servers.ROOT)} "
            f"-f bench/locustfile.py --headless -u {options.users} "
            f"-r {options.spawn_rate:g} -t {options.run_time} --host {server.url}"
        )
        print("Ctrl-C stops the server and drops its databases.", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0
    servers.say(
        f"Locust: {options.users} users for {options.run_time} against {server.url} "
        f"({options.workers} gunicorn workers)..."
    )
    finished = subprocess.run(
        [
            LOCUST,
            "-f",
            BENCH / "locustfile.py",
            "--headless",
            "--users",
            str(options.users),
            "--spawn-rate",
            str(options.spawn_rate),
            "--run-time",
            options.run_time,
            "--host",
            server.url,
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env={**os.environ, "CIC_BENCH_TARGETS": str(targets_file)},
        cwd=servers.ROOT,
    )
    # Locust exits with 1 when any request failed: the summary says which.
    return finished.returncode


def compare(stack, work, options):
    """Measure every page with wrk and print the table."""
    with ThreadPoolExecutor(2) as pool:
        project_setup = pool.submit(prepare_project, stack, work, options)
        bare_setup = pool.submit(prepare_bare, stack, work, options)
        try:
            env = project_setup.result()
            bare_directory, bare_env = bare_setup.result()
        except BaseException:
            # The pool waits for both threads before the stack can clean up.
            servers.stop_setting_up()
            raise
    servers.say("Starting the servers...")
    bare = servers.serve_bare_wagtail(stack, bare_directory, bare_env, workers=options.workers)
    rendered = servers.serve_project(
        stack,
        options.project,
        work,
        env,
        name="project-rendered",
        workers=options.workers,
        page_cache=False,
    )
    cached = None
    if servers.page_cache_switch(options.project):
        cached = servers.serve_project(
            stack, options.project, work, env, name="project-cached", workers=options.workers
        )
    targets = servers.demo_targets(options.project, env)
    static = static_css(rendered, targets["home"])

    rows = [("bare Wagtail home page `/`", bare, "/")]
    for label, key in PAGES:
        rows.append((f"{label} `{targets[key]}`, rendered", rendered, targets[key]))
        rows.append((f"{label} `{targets[key]}`, cached", cached, targets[key]))
    rows.append((f"feed, cached body `{targets['feed']}`", cached or rendered, targets["feed"]))
    rows.append((f"static CSS (whitenoise) `{static}`", rendered, static))

    total = sum(1 for _label, server, _path in rows if server)
    servers.say(
        f"Measuring {total} rows, {options.warm_up} + {options.duration} s each "
        f"(about {total * (options.warm_up + options.duration + 1) // 60 + 1} minutes)..."
    )
    options.load_before = os.getloadavg()[0]
    rounds = []
    for number in range(1, options.rounds + 1):
        if options.rounds > 1:
            servers.say(f" Round {number} of {options.rounds}")
        results = []
        for label, server, path in rows:
            if server is None:
                results.append((label, None))
                continue
            servers.say(f"  {label}")
            results.append((label, measure(server, path, options)))
        rounds.append(results)
    print_table(rounds, options)
    measured = [result for results in rounds for _label, result in results]
    return 1 if any(result and result["errors"] for result in measured) else 0


def static_css(server, home):
    """The address of the site's stylesheet, as the home page names it (hashed by the manifest)."""
    _status, body = servers.fetch(server.url + home, server.headers)
    found = re.search(rb'href="(/static/[^"]+\.css)"', body)
    if not found:
        raise SystemExit("The home page names no stylesheet under /static/.")
    return found[1].decode()


def measure(server, path, options):
    """wrk against one address: requests per second, latencies, errors."""
    status, _body = servers.fetch(server.url + path, server.headers)
    if status != 200:
        servers.say(f"    {path} answered {status}, not 200: not measured")
        return {"rps": 0.0, "p50": None, "p99": None, "errors": f"HTTP {status}"}
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", "--latency", "--timeout", "10s"]
    for name, value in server.headers.items():
        command += ["-H", f"{name}: {value}"]
    if options.warm_up:
        subprocess.run(
            [*command, f"-d{options.warm_up}s", server.url + path],
            check=True,
            capture_output=True,
        )
    output = subprocess.run(
        [*command, f"-d{options.duration}s", server.url + path],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return parse_wrk(output)


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def parse_wrk(output):
    """Requests per second, p50 and p99 in ms, and errors (socket errors, non-2xx/3xx answers)."""

    def latency(percent):
        found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
        return float(found[1]) * UNITS[found[2]] if found else None

    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    bad_status = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = sum(map(int, socket_errors.groups())) if socket_errors else 0
    errors += int(bad_status[1]) if bad_status else 0
    answered = int(re.search(r"(\d+) requests in", output)[1])
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output)[1]),
        # Without an answer wrk still prints its empty histogram's zeros.
        "p50": latency(50) if answered else None,
        "p99": latency(99) if answered else None,
        "errors": errors,
    }


def print_table(rounds, options):
    """The table of the median of each row over `rounds` (each a list of (label, result),
    the bare Wagtail page first and the static file last); with more than one round, a
    column with each round's ratio to the bare page of the same round."""
    commit = subprocess.run(
        ["git", "-C", options.project, "log", "-1", "--format=%h %cs %s"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    several = len(rounds) > 1
    print()
    print(f"Project: {options.project} ({commit[:100]})")
    print(
        f"{datetime.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, load average "
        f"{options.load_before:.1f} before, {os.getloadavg()[0]:.1f} after; gunicorn {options.workers} sync workers per server; wrk "
        f"{THREADS} threads, {CONNECTIONS} connections, {options.duration} s after "
        f"{options.warm_up} s of warm-up"
        + (f"; {len(rounds)} rounds, the median of each row" if several else "")
    )
    print()
    header = "| page | req/s | × bare Wagtail home | × static file | p50 | p99 | errors |"
    print(header + (" × bare, each round |" if several else ""))
    print("| --- " * (8 if several else 7) + "|")
    bare = statistics.median(results[0][1]["rps"] for results in rounds)
    static = statistics.median(results[-1][1]["rps"] for results in rounds)
    for index, (label, first) in enumerate(rounds[0]):
        if first is None:
            print(f"| {label} | – (no page cache) | | | | | |" + (" |" if several else ""))
            continue
        measured = sorted(
            (results[index][1] for results in rounds), key=lambda result: result["rps"]
        )
        result = measured[(len(measured) - 1) // 2]  # the median (the lower, when even)
        errors = sum(each["errors"] if isinstance(each["errors"], int) else 1 for each in measured)
        line = (
            f"| {label} | {result['rps']:,.0f} | {ratio(result['rps'], bare)} | "
            f"{ratio(result['rps'], static)} | {milliseconds(result['p50'])} | "
            f"{milliseconds(result['p99'])} | {errors} |"
        )
        if several:
            each_round = (
                ratio(results[index][1]["rps"], results[0][1]["rps"]) for results in rounds
            )
            line += f" {' / '.join(each_round)} |"
        print(line)


def ratio(value, reference):
    return f"{value / reference:.2f}" if reference else "–"


def milliseconds(value):
    if value is None:
        return "–"
    return f"{value:,.1f} ms" if value < 100 else f"{value:,.0f} ms"


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("Interrupted.")
