"""
CPU per rendered public page, in process, with production settings: where the time goes.

    .venv/bin/python bench/render_profile.py                  # seeds once, then measures
    .venv/bin/python bench/render_profile.py -n 50 --templates # + time per template
    .venv/bin/python bench/render_profile.py --profile centre  # + cProfile of one page
    .venv/bin/python bench/render_profile.py --pages home --sql # + each query's SQL
    .venv/bin/python bench/render_profile.py --drop            # drop its database

The first run migrates a PostgreSQL database of its own (``--database``) and seeds the
demo into it (``manage.py seed_demo``, 2-5 minutes); later runs reuse it (``--reseed``
starts again). Static files are collected to a directory beside it, as production's
manifest storage needs. Then, in this process, with ``cic_site.settings.production``
(the anonymous page cache off, ``CIC_PAGE_CACHE=0``; Redis database ``--redis-db``,
emptied first),
it requests each page bench/pages.py measures through ``django.test.Client`` with the
TLS proxy's headers, warms up, and prints per page: CPU milliseconds per request
(``time.process_time`` over ``-n`` requests), the wall time spent waiting for the
database (PostgreSQL's planning and running, on the same cores) and in all, database
queries per request, and the size of the answer. With ``--templates`` it also prints, per page, the templates with
the most exclusive time (a template's own time, without the templates it includes);
with ``--profile PAGE`` the top functions of a cProfile run of that page
(``--profile-out FILE`` keeps the stats for ``python -m pstats`` or snakeviz).

CPU time, not wall time: the machine's two cores are shared, and a ratio between two
runs of this script on the same machine is what it is for (before/after a change).
"""

import argparse
import contextlib
import cProfile
import io
import json
import os
import pstats
import sys
import time
import traceback
from collections import defaultdict
from pathlib import Path

import psycopg
import redis

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages
import servers

WORK = Path(os.environ.get("CIC_RENDER_PROFILE_DIR", "/tmp/cic-render-profile"))


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.strip().splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.strip().splitlines()[1:]),
    )
    parser.add_argument("--database", default="cic_render_profile")
    parser.add_argument(
        "--redis-db",
        type=int,
        default=9,
        help="the Redis database it uses (emptied at the start; refused if someone else's)",
    )
    parser.add_argument("--reseed", action="store_true", help="migrate and seed again")
    parser.add_argument("--drop", action="store_true", help="drop the database and stop")
    parser.add_argument("-n", "--requests", type=int, default=30, help="requests per page")
    parser.add_argument("--warm-up", type=int, default=5, help="requests before measuring")
    parser.add_argument("--pages", nargs="*", help="keys of the pages (default: all)")
    parser.add_argument("--templates", action="store_true", help="time per template")
    parser.add_argument("--profile", metavar="PAGE", help="cProfile this page's requests")
    parser.add_argument("--profile-out", type=Path, help="write the cProfile stats here")
    parser.add_argument("--sql", action="store_true", help="print each page's queries")
    parser.add_argument("--sql-width", type=int, default=300, help="characters of each query")
    parser.add_argument("--top", type=int, default=40, help="rows of the profile, templates")
    options = parser.parse_args()

    if options.drop:
        drop_database(options.database)
        return 0
    env = prepare(options)
    os.environ.update(env)
    return measure(options)


def database_exists(name):
    with psycopg.connect(f"{servers.POSTGRES}/postgres", autocommit=True) as admin:
        found = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return found is not None


def drop_database(name):
    with psycopg.connect(f"{servers.POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    servers.say(f"Dropped {name}.")


def own_redis_database(number):
    """Redis database `number`, emptied, as bench/servers.py takes one: refused if it
    holds keys the benchmarks did not write (the machine's Redis is shared)."""
    client = redis.Redis.from_url(f"{servers.REDIS}/{number}")
    if client.dbsize() and not client.exists(servers.REDIS_OWNER_KEY):
        raise SystemExit(f"Redis database {number} holds someone else's keys: use --redis-db.")
    client.flushdb()
    client.set(servers.REDIS_OWNER_KEY, "bench")
    return f"{servers.REDIS}/{number}"


def prepare(options):
    """The production environment for this checkout; seeds its database the first time."""
    WORK.mkdir(exist_ok=True)
    url = f"{servers.POSTGRES}/{options.database}"
    seed = (
        options.reseed or not database_exists(options.database) or not (WORK / "seeded").exists()
    )
    env = servers.project_environment(
        servers.ROOT,
        WORK,
        database_url=url,
        redis_url=own_redis_database(options.redis_db),
        page_cache=False,
    )
    # In this process the editable install is what imports the project: no PYTHONPATH.
    env.pop("PYTHONPATH", None)
    log = WORK / "setup.log"
    manage = [servers.BIN / "python", "manage.py"]
    if seed:
        (WORK / "seeded").unlink(missing_ok=True)
        with psycopg.connect(f"{servers.POSTGRES}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{options.database}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{options.database}"')
        servers.say(f"Migrating and seeding {options.database} (log: {log})...")
        servers.compile_messages(servers.ROOT, env, log)
        servers.run([*manage, "migrate", "--noinput"], cwd=servers.ROOT, env=env, log=log)
        servers.run([*manage, "seed_demo"], cwd=servers.ROOT, env=env, log=log)
        (WORK / "seeded").touch()
    else:
        # New migrations of this checkout since the seeding; nothing when there are none.
        servers.run([*manage, "migrate", "--noinput"], cwd=servers.ROOT, env=env, log=log)
    servers.run([*manage, "collectstatic", "--noinput"], cwd=servers.ROOT, env=env, log=log)
    return env


class TemplateTimes:
    """Exclusive time per template name, by wrapping django.template.base.Template.render."""

    def __init__(self):
        self.exclusive = defaultdict(float)
        self.calls = defaultdict(int)
        self.stack = []

    @contextlib.contextmanager
    def installed(self):
        from django.template import base

        original = base.Template.render
        times = self

        def render(template, context):
            name = template.origin.template_name if template.origin else None
            name = name or getattr(template, "name", None) or "<string>"
            times.stack.append(0.0)
            started = time.perf_counter()
            try:
                return original(template, context)
            finally:
                elapsed = time.perf_counter() - started
                children = times.stack.pop()
                times.exclusive[name] += elapsed - children
                times.calls[name] += 1
                if times.stack:
                    times.stack[-1] += elapsed

        base.Template.render = render
        try:
            yield self
        finally:
            base.Template.render = original


def calling_line():
    """The innermost line of the project, or else of Wagtail, that led to a query."""
    wagtail = None
    for frame in reversed(traceback.extract_stack()[:-2]):
        path = frame.filename
        if "site-packages" not in path and "/bench/" not in path and str(servers.ROOT) in path:
            where = f"{Path(path).relative_to(servers.ROOT)}:{frame.lineno} {frame.name}"
            return f"{where} (via {wagtail})" if wagtail else where
        if wagtail is None and "site-packages/wagtail" in path:
            wagtail = f"{path.split('site-packages/')[1]}:{frame.lineno} {frame.name}"
    return wagtail or "?"


class QueryCounter:
    """A database execute wrapper that counts the queries and the time spent in them
    (wall time: PostgreSQL runs on the same cores)."""

    def __init__(self, origins=False):
        self.count = 0
        self.seconds = 0.0
        self.statements = []
        # The line behind each query (--sql): a walk of the stack, left out of timings.
        self.origins = [] if origins else None

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        self.statements.append(sql)
        if self.origins is not None:
            self.origins.append(calling_line())
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started


def demo_targets():
    """The demo's URLs (bench/servers.py's TARGETS_SCRIPT), read in this process."""
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        exec(servers.TARGETS_SCRIPT, {"__name__": "targets"})
    return json.loads(output.getvalue().strip().splitlines()[-1])


def measure(options):
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    targets = demo_targets()
    keys = options.pages or [key for _label, key in pages.PAGES]
    client = Client(headers=servers.HEADERS)
    rows = []
    template_tables = {}
    for key in keys:
        path = targets[key]
        for _ in range(options.warm_up):
            response = client.get(path)
            if response.status_code != 200:
                raise SystemExit(f"{path} answered {response.status_code}")
        queries = QueryCounter(origins=options.sql)
        with connection.execute_wrapper(queries):
            response = client.get(path)
        profile = cProfile.Profile() if options.profile == key else None
        template_times = TemplateTimes() if options.templates else None
        with template_times.installed() if template_times else contextlib.nullcontext():
            if profile:
                profile.enable()
            database = QueryCounter()
            started, wall = time.process_time(), time.perf_counter()
            with connection.execute_wrapper(database):
                for _ in range(options.requests):
                    client.get(path)
            cpu = (time.process_time() - started) / options.requests
            wall = (time.perf_counter() - wall) / options.requests
            if profile:
                profile.disable()
        rows.append(
            (
                key,
                path,
                cpu * 1000,
                database.seconds * 1000 / options.requests,
                wall * 1000,
                queries.count,
                len(response.content),
            )
        )
        if template_times:
            template_tables[key] = template_times
        if options.sql:
            print(f"\n## Queries of {key} `{path}`\n")
            for number, (sql, origin) in enumerate(
                zip(queries.statements, queries.origins, strict=True), 1
            ):
                print(f"{number:3}. {sql[: options.sql_width]}")
                print(f"     from {origin}")
        if profile:
            if options.profile_out:
                profile.dump_stats(options.profile_out)
            stats = pstats.Stats(profile, stream=sys.stdout)
            print(f"\n## cProfile of {key} ({options.requests} requests), by cumulative time\n")
            stats.sort_stats("cumulative").print_stats(options.top)
            print(f"\n## cProfile of {key}, by own time\n")
            stats.sort_stats("tottime").print_stats(options.top)

    load = os.getloadavg()[0]
    print(
        f"\n{options.requests} requests per page after {options.warm_up}, "
        f"load average {load:.1f}, production settings, page cache off\n"
    )
    print("| page | CPU ms / request | database ms | wall ms | queries | bytes |")
    print("| --- | --- | --- | --- | --- | --- |")
    for key, path, cpu, database, wall, queries, size in rows:
        print(
            f"| {key} `{path}` | {cpu:.1f} | {database:.1f} | {wall:.1f} | {queries} | {size:,} |"
        )
    for key, times in template_tables.items():
        print(f"\n## Templates of {key}: exclusive ms per request (calls per request)\n")
        ranked = sorted(times.exclusive.items(), key=lambda item: -item[1])[: options.top]
        for name, seconds in ranked:
            per_request = seconds * 1000 / options.requests
            calls = times.calls[name] / options.requests
            print(f"  {per_request:7.2f} ms  {calls:6.1f}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
