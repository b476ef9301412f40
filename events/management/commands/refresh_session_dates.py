"""
Rebuild the sessions' materialised dates (``events.models.SessionDate``), moving
their horizon on to ``FUTURE_DAYS`` from today.

Run nightly: the calendar pages read the dates from that table, and a weekly club
with no end has its rows only so far ahead. Saving a session, publishing a
programme and cancelling keep the rows in step between two runs; running it again
changes nothing.
"""

from django.core.management.base import BaseCommand

from events.models import SessionDate


class Command(BaseCommand):
    help = "Rebuild the calendar's dates of every session up to the horizon ahead."

    def handle(self, *args, **options):
        sessions, dates = SessionDate.objects.refresh_all()
        if options["verbosity"] > 0:
            self.stdout.write(f"{dates} date(s) of {sessions} session(s) written.")
