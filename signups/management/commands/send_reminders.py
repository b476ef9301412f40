"""
E-mail the day-before reminder to every confirmed sign-up of a session starting
within 24 hours; each sign-up gets it once, however often this runs.

Production runs it every hour (cron: ``0 * * * * manage.py send_reminders``, or a
systemd timer with ``OnCalendar=hourly``); enqueueing ``signups.tasks.send_reminders``
for the task worker does the same. The e-mails themselves go through the task queue.
"""

from django.core.management.base import BaseCommand

from ... import services


class Command(BaseCommand):
    help = "Queue the reminder e-mail for sessions starting within the next 24 hours."

    def handle(self, *args, **options):
        sent = services.send_reminders()
        self.stdout.write(f"{sent} reminder(s) queued.")
