"""
Concurrent HTTP sign-ups against gunicorn and PostgreSQL: never more than the places.

    .venv/bin/python bench/sign_ups.py [--requests 500] [--threads 50] [--capacity 100]
                                       [--workers 4] [--runs 1] [--conn-max-age 300]
                                       [--profile DIR] [--show-queries] [--rate R]
                                       [--think SECONDS]

Runs the site as production does (``cic_site.settings.production``: DEBUG off,
static files collected into a temp directory and served by whitenoise, Redis as
the shared cache, e-mails queued in the database for a worker, database
connections kept for `--conn-max-age` seconds, 300 by default), behind what a
TLS proxy sends (``X-Forwarded-Proto: https``). Creates a PostgreSQL database of
its own on 127.0.0.1 (dropped at the end) and uses Redis database 12 (emptied
first), migrates, and makes one session with `--capacity` places and a waiting
list.
It first counts the SQL queries of one form page and one sign-up, in process
(Django's test client, on another session). Then it starts gunicorn
(`--workers` sync workers) on a free port of 127.0.0.1 and fires `--requests`
sign-ups of 1–3 children from `--threads` threads through the public form,
exactly as a browser does (GET the form, then POST it with its CSRF token).

No task worker runs: each sign-up only queues its e-mail (a row for
``manage.py db_worker``), and the table counts the queued e-mails. Each of
`--runs` runs starts from an empty session. Prints a table: sign-ups per second,
POST and GET latency, the CPU time the app (gunicorn workers) and the database
(its backends) spent per sign-up, which other work on the machine disturbs less
than the latency, the HTTP answers, confirmed participants against the
places, and how many wait. Exits with 1 if the session is overbooked, its count
of places taken is wrong, an e-mail was not queued, or any request got a server
error (the tracebacks are in cic-bench-sign-ups-gunicorn.log in the temp
directory).

``--rate R`` paces the arrivals instead (an open loop): a new sign-up (GET the form, then
POST it) starts every 1/R seconds, whatever the earlier ones are doing, each in a thread of
its own, until `--requests` have started; `--threads` is then unused. This is how a latency
goal at a given rate is tested ("POST p95 under 500 ms at 40 sign-ups/s"): a closed loop of
N clients that never pause keeps N requests in flight, so at a rate X each waits N/X on
average (Little's law), whatever the server does. The table adds how late the generator
started sign-ups (p95 and worst): if it could not keep up, the rate offered was lower.

``--think SECONDS`` makes the closed loop's clients people: each pauses that long between
the form and its POST (filling it in; drawn from half to one and a half times it), which
the latencies leave out. Fifty such clients
with ``--think 1`` keep fifty sign-ups under way at once and can reach 50/s only if the
server answers each request in well under 250 ms.

``--show-queries`` prints the SQL of the probe's form page and sign-up.
``--profile DIR`` runs every gunicorn worker under cProfile and writes one
``.prof`` file per worker into DIR (``python -m pstats DIR/worker-<pid>.prof``).
``--in-process N`` instead of the HTTP run: N sign-ups (GET the form, POST it) one
after another through Django's test client in this process, printing the CPU time
(``time.process_time``) per form page and per POST, which the other work on a shared
machine barely disturbs; with ``--profile DIR`` it writes ``DIR/in-process-get.prof``
and ``DIR/in-process-post.prof``.
"""

import argparse
import collections
import http.cookiejar
import os
import random
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
SERVER = "postgresql://postgres@127.0.0.1:5432"
DATABASE = "cic_bench_signups"
REDIS_URL = "redis://127.0.0.1:6379/12"
# gunicorn's stderr, overwritten by each run: the tracebacks of any server error.
LOG = Path(tempfile.gettempdir()) / "cic-bench-sign-ups-gunicorn.log"
# What a TLS-terminating proxy in front of the app servers adds to each request.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


def recreate_database():
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")


def database_exists():
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        return bool(
            admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
        )


def drop_database():
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def environment(static_root, conn_max_age):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cic_site.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "CIC_PUBLIC_URL": "https://127.0.0.1",
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "DATABASE_CONN_MAX_AGE": str(conn_max_age),
        "REDIS_URL": REDIS_URL,
        "DJANGO_STATIC_ROOT": str(static_root),
        # Queued, never sent: no worker runs.
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "CIC_SIGN_UP_RATE_PER_IP": "1000000/h",
        "CIC_SIGN_UP_RATE_PER_EMAIL": "1000000/h",
        "CIC_SIGN_UP_FORM_RATE_PER_IP": "1000000/h",
    }


def set_up_django(env):
    """Collect the static files, migrate, and set Django up in this process."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)


def build_session(capacity, title):
    """One event whose session takes sign-ups, with a waiting list; its form's path."""
    from django.db import connection
    from django.urls import reverse
    from django.utils.translation import override

    from events.models import EventIndexPage
    from home.models import HomePage
    from tests.events.factories import EventIndexPageFactory, EventPageFactory, SessionFactory

    home = HomePage.objects.get(depth=2)
    calendar = EventIndexPage.objects.first() or EventIndexPageFactory(parent=home)
    # A suffix of its own, so that a kept database (`--keep-database`) takes new ones.
    page = EventPageFactory(parent=calendar, title=f"{title} {secrets.token_hex(3)}")
    session = SessionFactory(page=page, locale=page.locale, capacity=capacity)
    connection.close()
    with override("pl"):
        return reverse("signups:sign_up", kwargs={"session_key": session.translation_key})


def count_queries(path, show=False):
    """The SQL queries of the form page, and of a sign-up of two children, in process."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1", headers=PROXY_HEADERS, enforce_csrf_checks=True)
    client.get(path)  # the first request of a process fills caches a worker keeps
    with CaptureQueriesContext(connection) as form_page:
        html = client.get(path).content.decode()
    data = form_data(html, index=0, size=2)
    with CaptureQueriesContext(connection) as posted:
        response = client.post(path, data, headers={"Origin": "https://127.0.0.1"})
    if response.status_code != 303:
        raise SystemExit(f"the probe sign-up got {response.status_code}, not 303")
    # A later sign-up to the same session: its places are made by the first one.
    client.cookies.clear()
    html = client.get(path).content.decode()
    with CaptureQueriesContext(connection) as later:
        client.post(
            path, form_data(html, index=1, size=2), headers={"Origin": "https://127.0.0.1"}
        )
    # The form page as built (the blank form is served from the shared cache after that).
    client.cookies["sessionid"] = "none"
    with CaptureQueriesContext(connection) as built:
        client.get(path)
    if show:
        for name, queries in [
            ("form page", form_page),
            ("form page built", built),
            ("sign-up POST", posted),
            ("later sign-up POST", later),
        ]:
            print(f"{name}: {len(queries)} queries")
            for query in queries:
                print(f"  {query['sql'][:220]}")
    return {
        "form page": len(form_page),
        "form page built": len(built),
        "first sign-up POST": len(posted),
        "later sign-up POST": len(later),
    }


def in_process(path, count, profile_dir=None):
    """CPU seconds per form page and per POST over `count` sign-ups through the test client.

    The form is posted URL-encoded, as browsers send it (the test client's default,
    multipart, costs Django more to parse).
    """
    import cProfile

    from django.test import Client

    # CPU time, not wall time: waiting for the database or a busy machine is not counted.
    profiles = {
        "get": cProfile.Profile(time.process_time),
        "post": cProfile.Profile(time.process_time),
    }
    spent = {"get": 0.0, "post": 0.0}
    # One client, as a worker keeps its handler (a new client would load the middleware,
    # whitenoise's scan of the static files included); a new visitor each time.
    client = Client(HTTP_HOST="127.0.0.1", headers=PROXY_HEADERS, enforce_csrf_checks=True)
    for index in range(count):
        client.cookies.clear()
        started = time.process_time()
        if profile_dir:
            profiles["get"].enable()
        html = client.get(path).content.decode()
        if profile_dir:
            profiles["get"].disable()
        got = time.process_time()
        data = form_data(html, index=10_000 + index, size=1 + index % 3)
        if profile_dir:
            profiles["post"].enable()
        response = client.post(
            path,
            urllib.parse.urlencode(data),
            content_type="application/x-www-form-urlencoded",
            headers={"Origin": "https://127.0.0.1"},
        )
        if profile_dir:
            profiles["post"].disable()
        done = time.process_time()
        if response.status_code != 303:
            raise SystemExit(f"in-process sign-up {index} got {response.status_code}, not 303")
        spent["get"] += got - started
        spent["post"] += done - got
    if profile_dir:
        os.makedirs(profile_dir, exist_ok=True)
        for name, profile in profiles.items():
            profile.dump_stats(os.path.join(profile_dir, f"in-process-{name}.prof"))
    return spent["get"] / count, spent["post"] / count


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PROFILE_CONFIG = """
import cProfile
import os

profiles = {}


def post_fork(server, worker):
    profiles[worker.pid] = cProfile.Profile()
    profiles[worker.pid].enable()


def worker_exit(server, worker):
    profile = profiles.pop(os.getpid(), None)
    if profile is not None:
        profile.disable()
        profile.dump_stats(os.path.join(%r, f"worker-{os.getpid()}.prof"))
"""


def start_gunicorn(port, options, env, log):
    command = [
        str(ROOT / ".venv/bin/gunicorn"),
        "cic_site.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(options.workers),
        "--chdir",
        str(ROOT),
    ]
    if options.profile:
        os.makedirs(options.profile, exist_ok=True)
        config = Path(options.profile) / "gunicorn_profile.py"
        config.write_text(textwrap.dedent(PROFILE_CONFIG % str(Path(options.profile).resolve())))
        command += ["--config", str(config)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/pl/", headers=PROXY_HEADERS)
            urllib.request.urlopen(request, timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not start")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class BehindProxy(http.cookiejar.DefaultCookiePolicy):
    """Send the site's Secure cookies: the browser talks https to the proxy, we plain http."""

    def return_ok_secure(self, cookie, request):
        return True


def form_data(html, index, size):
    """What a family sends: the form's CSRF token and key, an adult, `size` children."""
    data = {
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1],
        "submission_key": re.search(r'name="submission_key" value="([^"]+)"', html)[1],
        "name": f"Rodzic {index}",
        "email": f"rodzic{index}@example.com",
        "phone": "",
        "language": "pl",
        "data_consent": "on",
        "website": "",
        "participants-TOTAL_FORMS": str(size),
        "participants-INITIAL_FORMS": "0",
        "participants-MIN_NUM_FORMS": "1",
        "participants-MAX_NUM_FORMS": "10",
    }
    for number in range(size):
        data[f"participants-{number}-first_name"] = f"Dziecko{number}"
        data[f"participants-{number}-last_name"] = f"Rodzina{index}"
        data[f"participants-{number}-birth_date"] = "2018-05-01"
    return data


def one_sign_up(url, index, size, think=0.0):
    """GET the form and POST it like a browser, `think` seconds apart (the family filling
    it in): (GET status, POST status, GET s, POST s)."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar(BehindProxy())),
        NoRedirect(),
    )
    origin = "https://" + urllib.parse.urlsplit(url).netloc
    started = time.perf_counter()
    try:
        form = opener.open(urllib.request.Request(url, headers=PROXY_HEADERS), timeout=60)
    except urllib.error.HTTPError as answer:
        return answer.code, None, time.perf_counter() - started, None
    html = form.read().decode()
    got = time.perf_counter() - started
    time.sleep(think)
    posted = time.perf_counter()
    body = urllib.parse.urlencode(form_data(html, index, size)).encode()
    post = urllib.request.Request(url, data=body, headers={**PROXY_HEADERS, "Origin": origin})
    try:
        response = opener.open(post, timeout=60)
        response.read()
        status = response.status
    except urllib.error.HTTPError as answer:
        status = answer.code
    return form.status, status, got, time.perf_counter() - posted


def warm_up(url, workers):
    """Let every worker answer a few form pages first: its first requests fill its caches."""
    request = urllib.request.Request(url, headers=PROXY_HEADERS)
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(lambda _n: urllib.request.urlopen(request).read(), range(workers * 5)))


def count_results(path):
    """The session's quota, its registrations by status, confirmed participants, e-mails."""
    from django_tasks_db.models import DBTaskResult

    from events.models import Quota
    from signups.models import Registration

    key = path.rstrip("/").rsplit("/", 1)[1]
    quota = Quota.objects.get(session_key=key)
    registrations = Registration.objects.filter(quota=quota)
    statuses = collections.Counter(registrations.values_list("status", flat=True))
    confirmed = sum(registrations.filter(status="confirmed").values_list("places", flat=True))
    queued = DBTaskResult.objects.filter(
        task_path="signups.tasks.send_registration_email",
        args_kwargs__kwargs__registration_id__in=list(registrations.values_list("pk", flat=True)),
    ).count()
    return quota, statuses, confirmed, queued


def percentile(values, share):
    ordered = sorted(values)
    return ordered[max(0, round(len(ordered) * share) - 1)] if ordered else float("nan")


def cpu_seconds(pids):
    """The CPU time (user and system) processes `pids` have used so far, in seconds."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue  # ended
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def server_pids(server):
    """The gunicorn workers, and the PostgreSQL backends serving the benchmark's database."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        backends = admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s", [DATABASE]
        ).fetchall()
    return [int(pid) for pid in children], [pid for (pid,) in backends]


def fire(url, options):
    """`--requests` sign-ups from `--threads` clients (a closed loop), each taking
    `--think` seconds between the form and its POST."""
    sizes = random.Random(1).choices([1, 2, 3], k=options.requests)
    pause = random.Random(2)
    started = time.perf_counter()
    with ThreadPoolExecutor(options.threads) as pool:
        answers = list(
            pool.map(
                one_sign_up,
                [url] * options.requests,
                range(options.requests),
                sizes,
                # Each family its own time, half to one and a half times --think: clients
                # that all paused alike would keep arriving in waves of fifty.
                [options.think * pause.uniform(0.5, 1.5) for _ in range(options.requests)],
            )
        )
    return answers, time.perf_counter() - started, None


def fire_paced(url, options):
    """`--requests` sign-ups, one starting every 1/`--rate` s (an open loop): each in a
    thread of its own, so that a slow answer never delays the next arrival.

    Also returns how late each sign-up started against its schedule, in seconds.
    """
    sizes = random.Random(1).choices([1, 2, 3], k=options.requests)
    answers = [None] * options.requests
    lateness = []

    def sign_up(index):
        answers[index] = one_sign_up(url, index, sizes[index])

    threads = []
    started = time.perf_counter()
    for index in range(options.requests):
        delay = started + index / options.rate - time.perf_counter()
        if delay > 0:
            time.sleep(delay)
        lateness.append(max(0.0, -delay))
        thread = threading.Thread(target=sign_up, args=(index,), daemon=True)
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    return answers, time.perf_counter() - started, lateness


def measure(path, answers, wall, used, lateness=None):
    """One run's row of the table, and whether it failed.

    `used`: the CPU seconds the gunicorn workers and the PostgreSQL backends used.
    `lateness`: how late each paced sign-up started (seconds), or None in a closed loop.
    """
    quota, statuses, confirmed, queued = count_results(path)
    codes = collections.Counter()
    for get_status, post_status, _get, _post in answers:
        codes[f"GET {get_status}"] += 1
        if post_status is not None:
            codes[f"POST {post_status}"] += 1
    posts = [post * 1000 for _g, _p, _get, post in answers if post is not None]
    gets = [get * 1000 for _g, _p, get, _post in answers]
    server_errors = sum(
        1 for get, post, _g, _p in answers if get >= 500 or (post is not None and post >= 500)
    )
    completed = sum(1 for _get, post, _g, _p in answers if post == 303)
    row = {
        "sign-ups/s": f"{completed / wall:.1f}",
        "wall time": f"{wall:.1f} s",
        "POST p50": f"{percentile(posts, 0.5):,.0f} ms",
        "POST p95": f"{percentile(posts, 0.95):,.0f} ms",
        "GET p50": f"{percentile(gets, 0.5):,.0f} ms",
        "GET p95": f"{percentile(gets, 0.95):,.0f} ms",
        "CPU per sign-up (app + db)": (
            f"{used[0] * 1000 / len(answers):.1f} + "
            + (f"{used[1] * 1000 / len(answers):.1f} ms" if used[1] is not None else "? ms")
        ),
        "confirmed / places": f"{confirmed} / {quota.capacity} (taken {quota.taken})",
        "families confirmed": str(statuses.get("confirmed", 0)),
        "waiting": str(statuses.get("waiting", 0)),
        "e-mails queued": str(queued),
        "HTTP answers": ", ".join(f"{count} × {code}" for code, count in sorted(codes.items())),
    }
    if lateness is not None:
        row["started late p95 / max"] = (
            f"{percentile(lateness, 0.95) * 1000:,.0f} / {max(lateness) * 1000:,.0f} ms"
        )
    failed = (
        confirmed > quota.capacity
        or quota.taken != confirmed
        or server_errors
        or queued != sum(statuses.values())
    )
    if server_errors:
        row["HTTP answers"] += f" (server errors: see {LOG})"
    return row, failed


def print_table(rows):
    """The rows as a Markdown table, one column per figure."""
    header = list(rows[0])
    print("| run | " + " | ".join(header) + " |")
    print("| --- | " + " | ".join("---" for _ in header) + " |")
    for number, row in enumerate(rows, start=1):
        print(f"| {number} | " + " | ".join(row[name] for name in header) + " |")


def run(options, env, log):
    """Fire the sign-ups and print what came of them; 1 if overbooked or a server error."""
    server = None
    try:
        set_up_django(env)
        probe = build_session(options.capacity, "Próba")
        queries = count_queries(probe, show=options.show_queries)
        queries = ", ".join(f"{name} {count}" for name, count in queries.items())
        if options.in_process:
            path = build_session(options.in_process * 3, "W procesie")
            get, post = in_process(path, options.in_process, options.profile)
            print(
                f"in process, {options.in_process} sign-ups of 1–3 children: CPU per form page "
                f"{get * 1000:.1f} ms, per sign-up POST {post * 1000:.1f} ms; queries: {queries}"
            )
            return 0
        paths = [build_session(options.capacity, f"Benchmark {n}") for n in range(options.runs)]
        port = free_port()
        server = start_gunicorn(port, options, env, log)
        warm_up(f"http://127.0.0.1:{port}{probe}", options.workers)
        rows, failures = [], 0
        for path in paths:
            # The workers keep their database connections, so the backends after a first
            # request are those of the whole run.
            workers, backends = server_pids(server)
            before = cpu_seconds(workers), cpu_seconds(backends)
            answers, wall, lateness = (fire_paced if options.rate else fire)(
                f"http://127.0.0.1:{port}{path}", options
            )
            workers, backends = server_pids(server)
            used = cpu_seconds(workers) - before[0], cpu_seconds(backends) - before[1]
            if not options.conn_max_age:
                used = used[0], None  # the backends that served the run have ended
            row, failed = measure(path, answers, wall, used, lateness)
            rows.append(row)
            failures += failed
        clients = (
            f"one starting every {1 / options.rate * 1000:.0f} ms ({options.rate:g}/s)"
            if options.rate
            else f"from {options.threads} threads"
            + (f", {options.think:g} s between form and POST" if options.think else "")
        )
        print(
            f"{options.requests} sign-ups of 1–3 children {clients}, "
            f"gunicorn with {options.workers} sync workers, production settings, PostgreSQL, "
            f"Redis; queries: {queries}"
        )
        print()
        print_table(rows)
        return 1 if failures else 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        if not options.keep_database:
            drop_database()


def empty_redis():
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--threads", type=int, default=50)
    parser.add_argument(
        "--rate",
        type=float,
        default=0,
        metavar="R",
        help="paced arrivals: a new sign-up every 1/R s, whatever the others do (open loop)",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="in the closed loop, each client's pause between the form and its POST",
    )
    parser.add_argument("--capacity", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--runs", type=int, default=1)
    # Longer than a run, so that the database backends the CPU is read from last the whole
    # run; 0 (a connection per request) leaves the database's CPU unmeasured.
    parser.add_argument("--conn-max-age", type=int, default=300, metavar="SECONDS")
    parser.add_argument("--profile", metavar="DIR", help="cProfile each worker into DIR")
    parser.add_argument(
        "--in-process",
        type=int,
        default=0,
        metavar="N",
        help="no HTTP: N sign-ups through the test client, CPU per form page and POST",
    )
    parser.add_argument(
        "--show-queries", action="store_true", help="print the SQL of the form page and a sign-up"
    )
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="keep the benchmark's database afterwards and use it again if it is there",
    )
    options = parser.parse_args()

    if not (options.keep_database and database_exists()):
        recreate_database()
    empty_redis()
    with tempfile.TemporaryDirectory() as static_root, open(LOG, "w") as log:
        sys.exit(run(options, environment(static_root, options.conn_max_age), log))


if __name__ == "__main__":
    main()
