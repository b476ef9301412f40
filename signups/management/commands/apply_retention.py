"""
Erase the personal data of sign-ups whose keeping time is over (signups.privacy),
and delete the alert requests never confirmed within 7 days (signups.alerts).

Production runs it daily (cron: ``30 3 * * * manage.py apply_retention``), or
enqueues ``signups.tasks.apply_retention`` for the task worker. ``--dry-run``
lists what it would erase and erases nothing. Running it again changes nothing.
"""

from django.core.management.base import BaseCommand

from ... import alerts, privacy


class Command(BaseCommand):
    help = "Anonymise sign-ups past their retention time; erase sensitive answers sooner."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be erased; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        report = privacy.apply_retention(dry_run=dry_run)
        verb = "would be" if dry_run else "were"
        for quota, count in report.sensitive_erased.items():
            self.stdout.write(
                f"{quota}: sensitive answers of {count} participant(s) {verb} erased"
            )
        for quota, count in report.anonymised.items():
            self.stdout.write(f"{quota}: {count} sign-up(s) {verb} anonymised")
        self.stdout.write(
            f"{report.registrations} sign-up(s) {verb} anonymised, sensitive answers of "
            f"{report.participants} participant(s) {verb} erased."
        )
        if not dry_run:
            pruned = alerts.prune_alert_requests()
            self.stdout.write(f"{pruned} alert request(s) never confirmed were deleted.")
