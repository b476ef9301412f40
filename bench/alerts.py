"""
E-mail alerts for families: a camp whose sign-ups open at 9:00 and thousands of
confirmed subscriptions, queued by the every-minute job and sent by the task worker,
on PostgreSQL with production settings.

    .venv/bin/python bench/alerts.py                          # 500, then 5,000 subscribers
    .venv/bin/python bench/alerts.py --subscribers 1000 5000 20000
    .venv/bin/python bench/alerts.py --smtp                   # + a worker process over SMTP
    .venv/bin/python bench/alerts.py --keep                   # keep the database to look at
    .venv/bin/python bench/alerts.py --drop                   # drop a kept database and stop

It creates a PostgreSQL database of its own (``--database``, ``cic_bench_alerts``) and
uses Redis database ``--redis-db`` (11; emptied, refused if someone else's) as the
shared cache, migrates, and builds five centres with a venue each, a calendar and one
half-day camp (a ``SummerCampPage`` held in every centre, so without organiser) with
three week-long sessions in three of the centres, 15 places each, ages 6–12, whose
sign-ups open at 9:00 Warsaw time on 1 June 2027 (:data:`OPENS_AT`). Then, for each
number of ``--subscribers`` in turn (the subscriptions are topped up, the alerts of
the run before cleared), confirmed subscriptions made with ``bulk_create``: languages
uk 50 %, pl 20 %, ru 20 %, en 10 %; all centres or one or two of the five; all kinds
or one to three; no ages or a family's youngest and oldest child (a seeded random, so
every build is the same), plus one unconfirmed request per ten, which must get nothing.

For each number it measures, in this process:

- ``queue_alerts(now=OPENS_AT)``, what ``manage.py send_alerts`` runs at 9:00: its wall
  time, its SQL statements (an execute_wrapper, so the on-commit enqueues are counted
  too; reading the subscriptions is one statement on a server-side cursor, which
  fetches 2,000 rows a round trip outside it), the deliveries made and the tasks
  written to django_tasks_db's table; then the job again at 9:00 and at 9:01, which
  must queue nothing (each alert once);
- the worker: django_tasks_db's own ``Worker`` (``manage.py db_worker --batch``) run
  here until the queue is empty, with ``DJANGO_EMAIL_BACKEND`` the locmem backend (the
  e-mails are built in full and kept in ``django.core.mail.outbox``, nothing leaves the
  machine): e-mails a second, SQL statements inside each task (``send_deliveries``) and
  the worker's own per task (claiming it, recording its result), every delivery marked
  sent once and every address in the outbox once; a batch sent again sends nothing.

``--smtp`` adds, for the largest number, the path production takes: the alerts queued
again and sent by ``manage.py db_worker --batch`` in a process of its own through
Django's SMTP backend to a small SMTP sink in this script (it accepts and counts every
message), which adds the SMTP conversation and a worker's start-up.

The goal (issue 17): with 5,000 confirmed subscribers every alert is queued within one
minute of 9:00 and sent in batches, and the job's statements do not grow with the
subscribers beyond one per batch. Progress goes to stderr, the tables to stdout. The
database is dropped at the end unless ``--keep``, also after Ctrl-C. On two cores the
defaults take about 30 s, ``--subscribers 500 5000 20000 --smtp`` about 90 s.
"""

import argparse
import collections
import contextlib
import os
import random
import socketserver
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import servers  # noqa: E402

say = servers.say

# When the camp's sign-ups open: a fixed morning in the future, so that the job's
# windows and the e-mails' dates are the same at every run.
OPENS_AT = datetime(2027, 6, 1, 9, 0, tzinfo=ZoneInfo("Europe/Warsaw"))
CENTRES = [("Kalisz", "kalisz"), ("Poznań", "poznan"), ("Konin", "konin")]
CENTRES += [("Leszno", "leszno"), ("Piła", "pila")]
# The camp's weeks: (name, the centre it is held in, weeks after sign-ups open).
WEEKS = [("Turnus I", "kalisz", 4), ("Turnus II", "poznan", 5), ("Turnus III", "konin", 6)]
LANGUAGE_SHARES = {"uk": 0.5, "pl": 0.2, "ru": 0.2, "en": 0.1}


# The database


# Building


def build_camp():
    """The centres, their venues, a calendar and the camp, published (which gives each
    session its quota, as an editor's publishing does); the centres' translation keys."""
    from django.db import transaction

    from wagtail.models import Locale

    from events.models import EventIndexPage, Session, Venue
    from home.models import CentreIndexPage, CentrePage, HomePage
    from workshops.models import SummerCampPage

    polish = Locale.objects.get(language_code="pl")
    home = HomePage.objects.get(depth=2, locale=polish)
    with transaction.atomic():
        index = home.add_child(instance=CentreIndexPage(title="Centra", slug="centra"))
        centres = {}
        venues = {}
        for town, slug in CENTRES:
            centre = index.add_child(
                instance=CentrePage(
                    title=f"CIC {town}", slug=slug, street_address="ul. Główna 1", city=town
                )
            )
            centres[slug] = centre
            venues[slug] = Venue.objects.create(
                name=f"CIC {town}", city=town, kind=Venue.Kind.CENTRE, centre=centre, locale=polish
            )
        calendar = home.add_child(instance=EventIndexPage(title="Kalendarz", slug="kalendarz"))
        camp = SummerCampPage(
            title="Półkolonie letnie",
            slug="polkolonie-letnie",
            intro="Tydzień zabaw i nauki polskiego dla dzieci w wieku 6–12 lat.",
            locale=polish,
        )
        for name, slug, weeks in WEEKS:
            starts = OPENS_AT.replace(hour=8) + timedelta(weeks=weeks)
            starts -= timedelta(days=starts.weekday())  # Monday to Friday
            camp.sessions.add(
                Session(
                    title=name,
                    starts_at=starts,
                    ends_at=starts + timedelta(days=4, hours=5),
                    daily=Session.Daily.WEEKDAYS,
                    venue=venues[slug],
                    capacity=15,
                    min_age=6,
                    max_age=12,
                    registration_opens_at=OPENS_AT,
                    locale=polish,
                )
            )
        calendar.add_child(instance=camp)
        camp.save_revision().publish()
    return [str(centre.translation_key) for centre in centres.values()]


def add_subscriptions(have, wanted, centres):
    """Subscriptions `have` to `wanted` (confirmed), and an unconfirmed one per ten."""
    from django.utils import timezone

    from signups.models import AlertKind, AlertSubscription

    kinds = list(AlertKind.values)
    languages = list(LANGUAGE_SHARES)
    weights = list(LANGUAGE_SHARES.values())
    now = timezone.now()
    rows = []
    for number in range(have, wanted):
        rng = random.Random(f"cic-alerts-{number}")
        youngest = rng.randint(0, 15)
        ages = (
            (None, None)
            if rng.random() < 0.25
            else (youngest, min(17, youngest + rng.randint(0, 6)))
        )
        subscription = {
            "language": rng.choices(languages, weights)[0],
            "centres": [] if rng.random() < 0.4 else rng.sample(centres, rng.randint(1, 2)),
            "kinds": [] if rng.random() < 0.35 else rng.sample(kinds, rng.randint(1, 3)),
            "min_age": ages[0],
            "max_age": ages[1],
        }
        rows.append(
            AlertSubscription(
                email=f"family{number}@example.org", confirmed_at=now, **subscription
            )
        )
        if number % 10 == 0:
            rows.append(AlertSubscription(email=f"pending{number}@example.org", **subscription))
    AlertSubscription.objects.bulk_create(rows, batch_size=1000)
    analyze()


def analyze():
    """The planner's statistics, as autovacuum would gather them after a bulk insert (it is
    off on the development machine's PostgreSQL)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def clear_alerts():
    """No claim, delivery, task or e-mail left from the run before."""
    from django_tasks_db.models import DBTaskResult

    from django.core import mail

    from signups.models import AlertDelivery, AlertedSession

    AlertDelivery.objects.all().delete()
    AlertedSession.objects.all().delete()
    DBTaskResult.objects.all().delete()
    mail.outbox = []


# Measuring


class Recorder:
    """The SQL statements run while it is installed (an execute_wrapper)."""

    def __init__(self):
        self.statements = []

    def __call__(self, execute, sql, params, many, context):
        self.statements.append(sql)
        return execute(sql, params, many, context)

    def inserts_into(self, model):
        table = f'INSERT INTO "{model._meta.db_table}"'
        return sum(1 for sql in self.statements if sql.lstrip().startswith(table))


def alert_tasks():
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path="signups.tasks.send_alert_deliveries")


def measure_queueing(subscribers):
    """Queue the 9:00 alerts, then run the job again at 9:00 and 9:01; the figures."""
    from django_tasks_db.models import DBTaskResult

    from django.db import connection

    from signups.alert_sending import BATCH_SIZE, queue_alerts
    from signups.models import AlertDelivery, AlertSubscription

    recorder = Recorder()
    with connection.execute_wrapper(recorder):
        started = time.perf_counter()
        queued = queue_alerts(now=OPENS_AT)
        seconds = time.perf_counter() - started
    deliveries = AlertDelivery.objects.count()
    tasks = alert_tasks().count()
    again = [
        sum(queue_alerts(now=OPENS_AT + timedelta(minutes=minutes)).values()) for minutes in (0, 1)
    ]
    assert sum(queued.values()) == deliveries, (queued, deliveries)
    assert AlertDelivery.objects.count() == deliveries and alert_tasks().count() == tasks
    pending = AlertSubscription.objects.filter(confirmed_at__isnull=True)
    assert not AlertDelivery.objects.filter(subscription__in=pending).exists()
    delivery_inserts = recorder.inserts_into(AlertDelivery)
    task_inserts = recorder.inserts_into(DBTaskResult)
    return {
        "subscribers": subscribers,
        "deliveries": deliveries,
        "tasks": tasks,
        "batches": -(-deliveries // BATCH_SIZE),
        "statements": len(recorder.statements),
        "delivery_inserts": delivery_inserts,
        "task_inserts": task_inserts,
        "other": len(recorder.statements) - delivery_inserts - task_inserts,
        "seconds": seconds,
        "again": again,
    }


def run_worker_here():
    """django_tasks_db's worker, as ``manage.py db_worker --batch`` runs it, in this process:
    (seconds, statements in each task, the worker's own statements per task)."""
    from django_tasks.signals import task_finished, task_started
    from django_tasks_db.management.commands.db_worker import Worker

    from django.db import connection

    recorder = Recorder()
    marks = []

    def started(sender, **kwargs):
        marks.append(len(recorder.statements))

    def finished(sender, **kwargs):
        marks.append(len(recorder.statements))

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="bench-alerts",
    )
    task_started.connect(started)
    task_finished.connect(finished)
    try:
        with connection.execute_wrapper(recorder):
            began = time.perf_counter()
            worker.run()
            seconds = time.perf_counter() - began
    finally:
        task_started.disconnect(started)
        task_finished.disconnect(finished)
    in_tasks = [marks[index + 1] - marks[index] for index in range(0, len(marks), 2)]
    own = (len(recorder.statements) - sum(in_tasks)) / max(1, len(in_tasks))
    return seconds, in_tasks, own


def check_sent(messages):
    """Each delivery marked sent once, and each of its addresses e-mailed once; the figures."""
    from django_tasks.base import TaskResultStatus

    from signups.models import AlertDelivery

    deliveries = AlertDelivery.objects.count()
    marked = AlertDelivery.objects.filter(sent_at__isnull=False).count()
    statuses = collections.Counter(alert_tasks().values_list("status", flat=True))
    failed = alert_tasks().filter(status=TaskResultStatus.FAILED).first()
    if failed is not None:
        say(f"  a task failed: {failed.exception_class_path}\n{failed.traceback}")
    twice = sum(1 for count in collections.Counter(messages).values() if count > 1)
    return {
        "deliveries": deliveries,
        "marked": marked,
        "messages": len(messages),
        "twice": twice,
        "succeeded": statuses.get(TaskResultStatus.SUCCESSFUL, 0),
        "tasks": sum(statuses.values()),
    }


def measure_sending():
    """The worker sends the queued alerts to the locmem backend; the figures."""
    from django.core import mail

    from signups.alert_sending import send_deliveries
    from signups.models import AlertDelivery

    seconds, in_tasks, own = run_worker_here()
    sent = check_sent([address for message in mail.outbox for address in message.to])
    first_batch = list(AlertDelivery.objects.order_by("pk").values_list("pk", flat=True)[:100])
    sent["resent"] = send_deliveries(first_batch)
    sent.update(seconds=seconds, in_tasks=in_tasks, own=own, sample=mail.outbox[:1])
    return sent


# Sending over SMTP, by a worker process


class SmtpSink(socketserver.ThreadingTCPServer):
    """An SMTP server on a free port of 127.0.0.1 that accepts every message and counts
    its recipients; enough of RFC 5321 for Django's SMTP backend (no TLS, no login)."""

    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), SmtpConversation)
        self.recipients = []
        self.lock = threading.Lock()

    @property
    def port(self):
        return self.server_address[1]


class SmtpConversation(socketserver.StreamRequestHandler):
    def handle(self):
        self.reply(b"220 sink ESMTP")
        recipients = []
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb == b"EHLO":
                self.wfile.write(b"250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
            elif verb == b"RCPT":
                recipients.append(line.split(b":", 1)[1].strip(b" <>\r\n").decode())
                self.reply(b"250 ok")
            elif verb == b"DATA":
                self.reply(b"354 end with <CRLF>.<CRLF>")
                while self.rfile.readline() not in (b".\r\n", b""):
                    pass
                with self.server.lock:
                    self.server.recipients += recipients
                recipients = []
                self.reply(b"250 queued")
            elif verb == b"QUIT":
                self.reply(b"221 bye")
                return
            else:  # HELO, MAIL, RSET, NOOP
                recipients = [] if verb in (b"MAIL", b"RSET") else recipients
                self.reply(b"250 ok")

    def reply(self, line):
        self.wfile.write(line + b"\r\n")


def measure_smtp(subscribers):
    """The alerts queued again and sent by ``manage.py db_worker --batch`` in a process of
    its own, over SMTP to the sink; the figures."""
    from django.db import connection
    from django.db.models import Max, Min

    from signups.alert_sending import queue_alerts

    clear_alerts()
    queued = sum(queue_alerts(now=OPENS_AT).values())
    sink = SmtpSink()
    threading.Thread(target=sink.serve_forever, daemon=True).start()
    environment = {
        **os.environ,
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(sink.port),
    }
    command = [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"]
    connection.close()  # the worker's transactions are its own
    began = time.perf_counter()
    try:
        subprocess.run([*command, "-v", "0"], cwd=ROOT, env=environment, check=True)
    finally:
        sink.shutdown()
        sink.server_close()
    seconds = time.perf_counter() - began
    span = alert_tasks().aggregate(first=Min("started_at"), last=Max("finished_at"))
    sent = check_sent(sink.recipients)
    sent.update(
        subscribers=subscribers,
        queued=queued,
        seconds=seconds,
        working=(span["last"] - span["first"]).total_seconds(),
    )
    return sent


# Reporting


def report(options, queueing, sending, smtp):
    print(
        f"\nAlerts of a camp opening at {OPENS_AT:%H:%M} ({len(WEEKS)} sessions), "
        f"production settings, PostgreSQL, load average {os.getloadavg()[0]:.1f}, "
        f"{os.cpu_count()} cores\n"
    )
    print("Queueing: `queue_alerts(now=9:00)`, then the job again at 9:00 and 9:01\n")
    print(
        "| subscribers | deliveries (share) | tasks | SQL statements | of which deliveries "
        "INSERT | tasks INSERT | other | seconds | goal | queued again 9:00 / 9:01 |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for row in queueing:
        print(
            f"| {row['subscribers']:,} | {row['deliveries']:,} "
            f"({row['deliveries'] / row['subscribers']:.0%}) | {row['tasks']} | "
            f"{row['statements']} | {row['delivery_inserts']} | {row['task_inserts']} | "
            f"{row['other']} | {row['seconds']:.2f} | 60 | "
            f"{row['again'][0]} / {row['again'][1]} |"
        )
    if len(queueing) > 1:
        few, many = queueing[0], queueing[-1]
        extra = many["statements"] - few["statements"]
        batches = many["batches"] - few["batches"]
        print(
            f"\nFrom {few['subscribers']:,} to {many['subscribers']:,} subscribers: "
            f"{extra} more statements for {batches} more batches of 100 "
            f"({extra / max(1, batches):.2f} a batch: one task INSERT each; the deliveries "
            f"in one INSERT); the rest stays {few['other']} / {many['other']}."
        )
    print("\nSending: django_tasks_db's worker (`db_worker --batch`), locmem e-mail backend\n")
    print(
        "| subscribers | tasks (succeeded) | seconds | e-mails/s | statements in a task "
        "| worker's own a task | marked sent | e-mails | addresses twice | batch again |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for row, sent in zip(queueing, sending, strict=True):
        in_tasks = sent["in_tasks"] or [0]
        spread = (
            f"{min(in_tasks)}"
            if min(in_tasks) == max(in_tasks)
            else (f"{min(in_tasks)}–{max(in_tasks)}")
        )
        print(
            f"| {row['subscribers']:,} | {sent['tasks']} ({sent['succeeded']}) | "
            f"{sent['seconds']:.1f} | {sent['messages'] / sent['seconds']:.0f} | {spread} | "
            f"{sent['own']:.1f} | {sent['marked']:,} of {sent['deliveries']:,} | "
            f"{sent['messages']:,} | {sent['twice']} | {sent['resent']} sent |"
        )
    if smtp:
        print(
            "\nSending over SMTP: `manage.py db_worker --batch` in its own process, "
            "Django's SMTP backend, an SMTP sink on 127.0.0.1\n"
        )
        print(
            "| subscribers | tasks (succeeded) | process seconds | first task to last "
            "| e-mails/s | marked sent | received | addresses twice |"
        )
        print("| --- | --- | --- | --- | --- | --- | --- | --- |")
        print(
            f"| {smtp['subscribers']:,} | {smtp['tasks']} ({smtp['succeeded']}) | "
            f"{smtp['seconds']:.1f} | {smtp['working']:.1f} | "
            f"{smtp['messages'] / smtp['working']:.0f} | {smtp['marked']:,} of "
            f"{smtp['deliveries']:,} | {smtp['messages']:,} | {smtp['twice']} |"
        )
    if options.show_email and sending and sending[-1]["sample"]:
        message = sending[-1]["sample"][0]
        print(f"\nOne of the e-mails ({message.to[0]}):\n\n{message.message().as_string()}")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.strip().splitlines()[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="\n".join(__doc__.strip().splitlines()[1:]),
    )
    parser.add_argument("--database", default="cic_bench_alerts")
    parser.add_argument(
        "--redis-db",
        type=int,
        default=11,
        help="the Redis database it uses (emptied; refused if someone else's)",
    )
    parser.add_argument(
        "--subscribers",
        type=int,
        nargs="+",
        default=[500, 5000],
        help="numbers of confirmed subscriptions, measured in turn",
    )
    parser.add_argument("--smtp", action="store_true", help="also send over SMTP, by db_worker")
    parser.add_argument("--show-email", action="store_true", help="print one e-mail sent")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    parser.add_argument("--drop", action="store_true", help="drop the database and stop")
    options = parser.parse_args()
    if options.drop:
        servers.drop_database(options.database)
        say(f"Dropped {options.database}.")
        return 0

    started = time.monotonic()
    sizes = sorted(set(options.subscribers))
    with servers.cleaned_up_on_signals(), contextlib.ExitStack() as stack:
        try:
            say(f"Creating {options.database}...")
            servers.create_database(options.database)
            servers.configure_in_process(
                options.database,
                REDIS_URL=servers.redis_database(stack, options.redis_db),
                DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            )
            from django.core.management import call_command

            say("Migrating...")
            call_command("migrate", "--noinput", verbosity=0)
            centres = build_camp()
            queueing, sending = [], []
            have = 0
            for size in sizes:
                say(f"{size:,} subscribers: adding {size - have:,}...")
                add_subscriptions(have, size, centres)
                have = size
                clear_alerts()
                say("  queueing the 9:00 alerts...")
                queueing.append(measure_queueing(size))
                say(
                    f"  {queueing[-1]['deliveries']:,} deliveries in "
                    f"{queueing[-1]['seconds']:.2f} s; the worker sends them..."
                )
                sending.append(measure_sending())
                say(f"  sent in {sending[-1]['seconds']:.1f} s")
            smtp = None
            if options.smtp:
                say(f"{sizes[-1]:,} subscribers again, sent by db_worker over SMTP...")
                smtp = measure_smtp(sizes[-1])
                say(f"  sent in {smtp['seconds']:.1f} s")
            report(options, queueing, sending, smtp)
        finally:
            if "django.db" in sys.modules and os.environ.get("DJANGO_SETTINGS_MODULE"):
                from django.db import connections

                connections.close_all()
            if not options.keep:
                servers.drop_database(options.database)
                say(f"Dropped {options.database}.")
    say(f"Done in {time.monotonic() - started:.0f} s.")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        say("Interrupted.")
        sys.exit(130)
