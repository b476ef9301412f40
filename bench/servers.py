"""
The servers bench/pages.py and bench/locustfile.py measure, started as in production.

- :func:`serve_project`: this project, or an older checkout of it (``git worktree add
  /tmp/before <commit>``), under gunicorn with ``cic_site.settings.production``:
  PostgreSQL (a database of its own, seeded with ``manage.py seed_demo``), Redis (a
  database number of its own), persistent connections, static files collected to a
  temp directory and served by whitenoise. Requests come as through the TLS proxy
  production sits behind: ``Host`` the public host, ``X-Forwarded-Proto: https``
  (:data:`HEADERS`), and the client's address in ``X-Forwarded-For``.
- :func:`serve_bare_wagtail`: a bare ``wagtail start`` project on the same Wagtail and
  Django (this project's virtualenv runs both), with its own production settings
  (DEBUG off, manifest static files) and a PostgreSQL database of its own.

Everything is registered on a :class:`contextlib.ExitStack`: closing it stops the
servers and drops the databases, the Redis database and the temp directory, also after
Ctrl-C (see :func:`cleaned_up_on_signals`).
"""

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
# This project's virtualenv runs every server: the same Wagtail, Django and gunicorn.
BIN = ROOT / ".venv" / "bin"
POSTGRES = os.environ.get("CIC_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432")
REDIS = os.environ.get("CIC_BENCH_REDIS", "redis://127.0.0.1:6379")
PUBLIC_HOST = "cic.example.org"
# What the TLS-terminating proxy in front of production adds to every request.
HEADERS = {"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https"}
# A Redis database the benchmark uses carries this key, so that a rerun after a crash
# may empty it, and a database someone else fills is never touched.
REDIS_OWNER_KEY = "cic-bench:owner"


@dataclass
class Server:
    """A running gunicorn: where it answers, and what it was started with."""

    name: str
    url: str
    headers: dict
    environment: dict = field(repr=False)
    directory: Path
    log: Path


def say(message):
    print(message, file=sys.stderr, flush=True)


@contextlib.contextmanager
def cleaned_up_on_signals():
    """Turn SIGTERM and SIGHUP into SystemExit, so that `finally` and ExitStacks run.

    Ctrl-C (SIGINT) raises KeyboardInterrupt, also when the shell started this in the
    background (which ignores SIGINT). The servers run in sessions of their own, so
    that Ctrl-C reaches only this process, which stops them.
    """

    def leave(signum, frame):
        raise SystemExit(128 + signum)

    previous = {number: signal.signal(number, leave) for number in (signal.SIGTERM, signal.SIGHUP)}
    previous[signal.SIGINT] = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def temp_directory(stack, prefix):
    path = Path(tempfile.mkdtemp(prefix=prefix))
    stack.callback(shutil.rmtree, path, ignore_errors=True)
    return path


def postgres_admin():
    """A connection to the server's maintenance database, to create and drop others."""
    return psycopg.connect(f"{POSTGRES}/postgres", autocommit=True)


def create_database(name):
    """A new, empty PostgreSQL database `name` (one left from an earlier run is dropped)."""
    with postgres_admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def drop_database(name):
    with postgres_admin() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_database(stack, name):
    """A new, empty PostgreSQL database `name`, dropped when the stack closes; its URL."""
    create_database(name)
    stack.callback(drop_database, name)
    return f"{POSTGRES}/{name}"


def configure_in_process(database, **environment):
    """Production settings on `database` in this process, then ``django.setup()``: what a
    benchmark that calls the project's code directly runs on. `environment` adds to the
    variables set (a worker process started later inherits them all)."""
    for key in list(os.environ):
        if key.startswith(("DJANGO_", "CIC_", "DATABASE_", "REDIS_", "TASK_", "EMAIL_")):
            del os.environ[key]
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "cic_site.settings.production",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": PUBLIC_HOST,
            "CIC_PUBLIC_URL": f"https://{PUBLIC_HOST}",
            "DATABASE_URL": f"{POSTGRES}/{database}",
            # One persistent connection for the whole run, as a server's worker has.
            "DATABASE_CONN_MAX_AGE": "600",
            "DJANGO_LOG_LEVEL": "WARNING",
            **environment,
        }
    )
    import django

    django.setup()


def redis_database(stack, number):
    """Redis database `number`, emptied now and when the stack closes; its URL.

    Refuses a database that holds keys the benchmark did not write: the machine's
    Redis is shared.
    """
    client = redis.Redis.from_url(f"{REDIS}/{number}")
    if client.dbsize() and not client.exists(REDIS_OWNER_KEY):
        raise SystemExit(
            f"Redis database {number} holds someone else's keys: choose another (--redis-db)."
        )
    client.flushdb()
    client.set(REDIS_OWNER_KEY, "bench")
    stack.callback(client.flushdb)
    return f"{REDIS}/{number}"


# The set-up commands running now, in whichever thread: see stop_setting_up().
SETTING_UP = set()


def stop_setting_up():
    """Kill the set-up commands still running (after Ctrl-C, in the other thread's too)."""
    for process in list(SETTING_UP):
        process.kill()


def run(command, *, cwd, env, log):
    """Run a set-up command, its output appended to `log`; stop with its output if it fails."""
    started = time.monotonic()
    with open(log, "a") as output:
        output.write(f"$ {' '.join(map(str, command))}\n")
        output.flush()
        process = subprocess.Popen(
            [str(part) for part in command],
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        SETTING_UP.add(process)
        try:
            process.wait()
        finally:
            SETTING_UP.discard(process)
    if process.returncode:
        raise SystemExit(f"{command[1:3]} failed in {cwd}:\n{Path(log).read_text()[-3000:]}")
    say(
        f"  {Path(cwd).name}: {' '.join(map(str, command[1:3]))} ({time.monotonic() - started:.0f} s)"
    )


def start_gunicorn(stack, *, name, directory, module, env, workers, log, ready_path, headers):
    """gunicorn serving `module` from `directory` with `workers` sync workers, once it answers."""
    port = free_port()
    output = open(log, "a")  # noqa: SIM115 (closed by the stack, after the server stops)
    stack.callback(output.close)
    server = subprocess.Popen(
        [
            BIN / "gunicorn",
            module,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--chdir",
            directory,
            # No access log: writing a line per request would be measured too.
            "--error-logfile",
            "-",
        ],
        cwd=directory,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    stack.callback(stop, server)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        if server.poll() is not None:
            raise SystemExit(f"{name} did not start:\n{Path(log).read_text()[-3000:]}")
        try:
            status, _body = fetch(url + ready_path, headers)
            if status == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"{name} did not answer {ready_path} with 200 in 90 s: see {log}")
        time.sleep(0.3)
    return Server(
        name=name, url=url, headers=headers, environment=env, directory=directory, log=log
    )


def stop(process):
    """Stop gunicorn (its workers with it): TERM, then KILL if it lingers."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


OPENER = urllib.request.build_opener(NoRedirect())


def fetch(url, headers=None):
    """(status, body) of a GET, without following redirects."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with OPENER.open(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as answer:
        return answer.code, answer.read()


def own_environment():
    """The caller's environment without the settings it may have for its own site."""
    prefixes = ("DJANGO_", "CIC_", "DATABASE_", "REDIS_", "TASK_", "PYTHONPATH")
    return {key: value for key, value in os.environ.items() if not key.startswith(prefixes)}


SITECUSTOMIZE = """
# Written by bench/servers.py: the virtualenv's editable install of the project
# (cic_site, home, events...) would answer any import that PYTHONPATH does not.
import sys

sys.meta_path[:] = [
    finder for finder in sys.meta_path if "__editable__" not in getattr(finder, "__module__", "")
]
"""


def isolated_imports(directory, cic_site=None):
    """A directory for PYTHONPATH that switches the virtualenv's editable install off.

    Without it, a module of this checkout that the served project lacks would still be
    imported from here (Wagtail looks for ``home.wagtail_hooks`` in every app, and the
    bare project has an app named ``home`` too). With `cic_site`, the import name
    cic_site points at that folder (a project's site/).
    """
    directory.mkdir(exist_ok=True)
    (directory / "sitecustomize.py").write_text(SITECUSTOMIZE)
    if cic_site is not None and not (directory / "cic_site").exists():
        (directory / "cic_site").symlink_to(cic_site)
    return directory


# This project


def project_environment(project, work, *, database_url, redis_url, page_cache):
    """The environment production.py reads, for `project` (a checkout of this repository).

    The virtualenv maps the import name cic_site and the apps to this checkout (an
    editable install): :func:`isolated_imports` points them at `project` instead, so
    that an older checkout runs its own code and nothing of this one.
    """
    imports = isolated_imports(work / "imports", cic_site=project / "site")
    env = {
        **own_environment(),
        "PYTHONPATH": f"{imports}{os.pathsep}{project}",
        "DJANGO_SETTINGS_MODULE": "cic_site.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": f"{PUBLIC_HOST},127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": redis_url,
        "CIC_PUBLIC_URL": f"https://{PUBLIC_HOST}",
        "DJANGO_STATIC_ROOT": str(work / "static"),
        "DJANGO_MEDIA_ROOT": str(work / "media"),
        # One proxy in front: a load test's families each come from an address of
        # their own (X-Forwarded-For), as they do on sign-up day, and each address
        # meets the sign-up limits as a family would.
        "CIC_TRUSTED_PROXY_COUNT": "1",
        # Mail waits in the database for a worker that does not run here; nothing is sent.
        "TASK_BACKEND": "database",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    env.update(page_cache_environment(project, enabled=page_cache))
    return env


def page_cache_environment(project, *, enabled):
    """The variable that turns `project`'s anonymous page cache on or off, if it has one.

    Older checkouts have no page cache: every page is rendered, and {} is returned.
    """
    switch = page_cache_switch(project)
    if switch is None:
        return {}
    return {switch: "1" if enabled else "0"}


def page_cache_switch(project):
    """The environment variable of `project`'s anonymous page cache, or None without one."""
    settings = (project / "site" / "settings" / "base.py").read_text()
    for name in ("CIC_PAGE_CACHE",):
        if f'"{name}"' in settings:
            return name
    return None


def compile_messages(project, env, log):
    """Compile `project`'s translations unless every .mo is newer than its .po."""
    stale = [
        po
        for po in (project / "locale").glob("*/LC_MESSAGES/*.po")
        if not po.with_suffix(".mo").exists()
        or po.with_suffix(".mo").stat().st_mtime < po.stat().st_mtime
    ]
    if stale:
        run(
            [BIN / "python", "manage.py", "compilemessages", "--ignore=.venv", "--ignore=demo"],
            cwd=project,
            env=env,
            log=log,
        )


def prepare_project(stack, project, work, *, database, redis_url, log):
    """Migrate and seed `project`'s database and collect its static files; its environment."""
    env = project_environment(
        project,
        work,
        database_url=postgres_database(stack, database),
        redis_url=redis_url,
        page_cache=True,
    )
    compile_messages(project, env, log)
    manage = [BIN / "python", "manage.py"]
    run([*manage, "migrate", "--noinput"], cwd=project, env=env, log=log)
    run([*manage, "seed_demo"], cwd=project, env=env, log=log)
    run([*manage, "collectstatic", "--noinput"], cwd=project, env=env, log=log)
    return env


def serve_project(stack, project, work, env, *, name, workers=2, page_cache=True):
    """gunicorn serving `project` (prepared by :func:`prepare_project`)."""
    env = {**env, **page_cache_environment(project, enabled=page_cache)}
    return start_gunicorn(
        stack,
        name=name,
        directory=project,
        module="cic_site.wsgi",
        env=env,
        workers=workers,
        log=work / f"{name}.log",
        ready_path="/pl/",
        headers=HEADERS,
    )


# What the demo holds, read from its database: the pages and feeds to request.
TARGETS_SCRIPT = """
import json

from django.conf import settings
from django.utils import timezone

from wagtail.models import Locale

from events.models import Category, EventIndexPage, EventPage, Session, Venue
from home.models import CentrePage, HomePage, NewsPage
from workshops.models import SummerCampPage

locale = Locale.objects.get(language_code="pl")
calendar = EventIndexPage.objects.live().get(locale=locale)
centre = CentrePage.objects.live().filter(locale=locale).order_by("path")
camps = SummerCampPage.objects.live().filter(locale=locale).order_by("path")
now = timezone.now()
sessions = Session.objects.filter(locale=locale, page__in=camps).order_by("starts_at")
open_sessions = [
    str(session.translation_key) for session in sessions if session.sign_up_refusal(now) is None
]
venue = (
    Venue.objects.filter(locale=locale, sessions__locale=locale, sessions__page__live=True)
    .order_by("name")
    .first()
)
news = NewsPage.objects.live().filter(locale=locale).order_by("-first_published_at").first()
feeds = []
for language, _name in settings.LANGUAGES:
    prefix = f"/{language}/calendar/"
    feeds.append(prefix + "events.ics")
    feeds += [f"{prefix}events.ics?venue={slug}" for slug in
              Venue.objects.filter(locale=locale).values_list("slug", flat=True)]
    feeds += [f"{prefix}events.ics?category={slug}" for slug in
              Category.objects.filter(locale=locale).values_list("slug", flat=True)]
    feeds += [f"{prefix}events.ics?centre={page.slug}" for page in centre]
programmes = calendar.get_children().live().specific().filter(locale=locale)
feeds += [f"/pl/calendar/programme/{page.pk}.ics" for page in programmes]
print(json.dumps({
    "home": HomePage.objects.live().get(locale=locale).url,
    "listing": calendar.url,
    "month": calendar.url + "month/",
    "programme": camps.first().url,
    "event": EventPage.objects.live().filter(locale=locale).order_by("path").first().url,
    "centre": centre.filter(slug="poznan").first().url,
    "venue": calendar.url + f"venue/{venue.slug}/",
    "news": news.url,
    "feed": "/pl/calendar/events.ics",
    "feeds": feeds,
    "programmes": [page.url for page in programmes],
    "sign_up_forms": [f"/pl/sign-ups/session/{key}/" for key in open_sessions],
}))
"""


def demo_targets(project, env):
    """The demo's URLs to request (see TARGETS_SCRIPT), read from the seeded database."""
    finished = subprocess.run(
        [BIN / "python", "manage.py", "shell", "--no-imports", "-c", TARGETS_SCRIPT],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        start_new_session=True,
    )
    if finished.returncode:
        raise SystemExit(f"Reading the demo's pages failed:\n{finished.stderr[-3000:]}")
    return json.loads(finished.stdout.strip().splitlines()[-1])


# A bare Wagtail project

BARE_SETTINGS = """
import dj_database_url

from .production import *  # noqa: F403

DEBUG = False
SECRET_KEY = {secret!r}
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {{"default": dj_database_url.parse({database_url!r}, conn_max_age=60)}}
STATIC_ROOT = {static_root!r}
"""


def prepare_bare_wagtail(stack, work, *, database, log):
    """`wagtail start` a project in `work`, on PostgreSQL, migrated; its directory and environment."""
    directory = work / "bare"
    directory.mkdir()
    env = own_environment()
    imports = isolated_imports(work / "bare-imports")
    env["PYTHONPATH"] = f"{imports}{os.pathsep}{directory}"
    run([BIN / "wagtail", "start", "bare", directory], cwd=work, env=env, log=log)
    (directory / "bare" / "settings" / "bench.py").write_text(
        BARE_SETTINGS.format(
            secret=secrets.token_urlsafe(50),
            database_url=postgres_database(stack, database),
            static_root=str(work / "bare-static"),
        )
    )
    env["DJANGO_SETTINGS_MODULE"] = "bare.settings.bench"
    run([BIN / "python", "manage.py", "migrate", "--noinput"], cwd=directory, env=env, log=log)
    run(
        [BIN / "python", "manage.py", "collectstatic", "--noinput"],
        cwd=directory,
        env=env,
        log=log,
    )
    return directory, env


def serve_bare_wagtail(stack, directory, env, *, workers=2):
    return start_gunicorn(
        stack,
        name="bare-wagtail",
        directory=directory,
        module="bare.wsgi",
        env=env,
        workers=workers,
        log=directory.parent / "bare-wagtail.log",
        ready_path="/",
        headers={},
    )
