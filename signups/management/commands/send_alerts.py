"""
Queue the alerts due now: sign-ups open now, open tomorrow, and the weekly digest.

Production runs it every minute (cron: ``* * * * * manage.py send_alerts -v 0``);
the task worker sends the e-mails. Each alert is claimed once, so running it twice,
or on two machines at once, sends nothing twice (``signups.alert_sending``).
"""

from django.core.management.base import BaseCommand

from ... import alert_sending


class Command(BaseCommand):
    help = "Queue the e-mail alerts due now (sign-ups opening, opening tomorrow, new activities)."

    def handle(self, *args, **options):
        queued = alert_sending.queue_alerts()
        requeued = alert_sending.requeue_unsent()
        if options["verbosity"] >= 1:
            for moment, count in queued.items():
                self.stdout.write(f"{moment}: {count} alert e-mail(s) queued.")
            if requeued:
                self.stdout.write(f"{requeued} unsent alert e-mail(s) queued again.")
