"""
Pass on the offered places that were not accepted in time.

Production runs it every 5 minutes (cron: ``*/5 * * * * manage.py expire_offers``,
or a systemd timer with ``OnCalendar=*:0/5``); enqueueing ``signups.tasks.expire_offers``
for the task worker does the same. Running it again changes nothing more.
"""

from django.core.management.base import BaseCommand

from ... import services


class Command(BaseCommand):
    help = "Withdraw place offers not accepted in time and offer the places to the next in line."

    def handle(self, *args, **options):
        expired = services.expire_offers()
        self.stdout.write(f"{expired} expired offer(s) passed on.")
