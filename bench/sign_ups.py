"""
Concurrent HTTP sign-ups against gunicorn and PostgreSQL: never more than the places.

    .venv/bin/python bench/sign_ups.py [--requests 500] [--threads 50] [--capacity 100]
                                       [--workers 4]

Creates a PostgreSQL database of its own on 127.0.0.1 (dropped at the end),
migrates it, makes one session with `--capacity` places and a waiting list,
starts gunicorn on a free port of 127.0.0.1, and fires `--requests` sign-ups of
1–3 children from `--threads` threads through the public form, exactly as a
browser does (GET the form, then POST it with the CSRF token). Prints the HTTP
answers, confirmed participants against the places, and sign-ups per second.
Exits with 1 if the session is overbooked or any request got a server error
(the tracebacks are in cic-bench-sign-ups-gunicorn.log in the temp directory).
"""

import argparse
import collections
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
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
# gunicorn's stderr, overwritten by each run: the tracebacks of any server error.
LOG = Path(tempfile.gettempdir()) / "cic-bench-sign-ups-gunicorn.log"


def recreate_database():
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")


def drop_database():
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def environment():
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cic_site.settings.dev",
        "DATABASE_URL": f"{SERVER}/{DATABASE}",
        "TASK_BACKEND": "immediate",
        "CIC_SIGN_UP_RATE_PER_IP": "1000000/h",
        "CIC_SIGN_UP_RATE_PER_EMAIL": "1000000/h",
        "CIC_SIGN_UP_FORM_RATE_PER_IP": "1000000/h",
    }


def build_session(capacity):
    """Migrate, and make one event whose session takes sign-ups; its form's path."""
    os.environ.update(environment())
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from home.models import HomePage
    from tests.events.factories import EventIndexPageFactory, EventPageFactory, SessionFactory

    home = HomePage.objects.get(depth=2)
    calendar = EventIndexPageFactory(parent=home)
    page = EventPageFactory(parent=calendar, title="Benchmark", slug="benchmark")
    session = SessionFactory(page=page, locale=page.locale, capacity=capacity)
    connection.close()
    return f"{page.url}sign-up/{session.translation_key}/"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(port, workers, log):
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "cic_site.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--chdir",
            str(ROOT),
        ],
        env=environment(),
        # The console e-mail backend writes every mail to stdout; tracebacks go to stderr.
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/pl/", timeout=2)
            return server
        except OSError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("gunicorn did not start")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def one_sign_up(url, index, size):
    """GET the form and POST it like a browser; (HTTP status, seconds the POST took)."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
    )
    html = opener.open(url, timeout=60).read().decode()
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
    started = time.perf_counter()
    try:
        response = opener.open(url, data=urllib.parse.urlencode(data).encode(), timeout=60)
        status = response.status
    except urllib.error.HTTPError as answer:
        status = answer.code
    return status, time.perf_counter() - started


def count_results():
    from events.models import Quota
    from signups.models import Registration

    quota = Quota.objects.get()
    statuses = collections.Counter(Registration.objects.values_list("status", flat=True))
    confirmed = sum(
        Registration.objects.filter(status="confirmed").values_list("places", flat=True)
    )
    return quota, statuses, confirmed


def run(options, log):
    """Fire the sign-ups and print what came of them; 1 if overbooked or a server error."""
    server = None
    try:
        path = build_session(options.capacity)
        port = free_port()
        server = start_gunicorn(port, options.workers, log)
        url = f"http://127.0.0.1:{port}{path}"
        sizes = random.Random(1).choices([1, 2, 3], k=options.requests)
        started = time.perf_counter()
        with ThreadPoolExecutor(options.threads) as pool:
            answers = list(
                pool.map(one_sign_up, [url] * options.requests, range(options.requests), sizes)
            )
        wall = time.perf_counter() - started
        quota, statuses, confirmed = count_results()
        codes = collections.Counter(status for status, _seconds in answers)
        latencies = sorted(seconds * 1000 for _status, seconds in answers)
        server_errors = sum(count for code, count in codes.items() if code >= 500)

        print(
            f"sign-ups sent: {options.requests} from {options.threads} threads, "
            f"gunicorn workers: {options.workers}, PostgreSQL"
        )
        print(f"HTTP answers: {dict(sorted(codes.items()))}")
        print(f"registrations: {dict(statuses)}")
        print(
            f"confirmed participants: {confirmed} (places taken {quota.taken}) "
            f"of {quota.capacity} places"
        )
        print(f"wall time: {wall:.1f} s; sign-ups per second: {options.requests / wall:.1f}")
        print(
            f"POST latency: p50 {statistics.median(latencies):.0f} ms, "
            f"p95 {latencies[int(len(latencies) * 0.95) - 1]:.0f} ms"
        )
        if server_errors:
            print(f"server errors: {server_errors}; gunicorn's log: {LOG}")
        failed = confirmed > quota.capacity or quota.taken > quota.capacity or server_errors
        return 1 if failed else 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        drop_database()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--threads", type=int, default=50)
    parser.add_argument("--capacity", type=int, default=100)
    parser.add_argument("--workers", type=int, default=4)
    options = parser.parse_args()

    recreate_database()
    with open(LOG, "w") as log:
        sys.exit(run(options, log))


if __name__ == "__main__":
    main()
