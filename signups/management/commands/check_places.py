"""
Recount the places taken on every session and compare them with the stored counter.

``Quota.taken`` is only ever changed by the conditional UPDATEs in
``signups.services``; this counts the participants of confirmed sign-ups and of
offers still open, session by session, and names each session where the two
differ. It exits with status 1 when any does; with ``-v 0`` it says nothing
otherwise, so that cron mails only a mismatch. The concurrency tests run it at
their end.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, F, Q

from events.models import Quota
from signups.models import Registration


class Command(BaseCommand):
    help = (
        "Compare the places taken on each session with its confirmed and offered "
        "participants; exit with status 1 when they differ."
    )

    def handle(self, *args, **options):
        holding = Q(
            registrations__status__in=Registration.HOLDING_PLACES,
            registrations__participants__cancelled_at__isnull=True,
        )
        quotas = Quota.objects.annotate(
            counted=Count("registrations__participants", filter=holding)
        )
        mismatches = quotas.exclude(taken=F("counted")).select_related("session")
        for quota in mismatches:
            self.stdout.write(
                f"{quota} ({quota.session_key}): {quota.taken} place(s) stored as taken, "
                f"{quota.counted} confirmed or offered participant(s)."
            )
        if mismatches:
            raise CommandError(f"{len(mismatches)} session(s) do not add up.")
        if options["verbosity"] > 0:
            self.stdout.write(f"{quotas.count()} session(s) checked: the places taken add up.")
