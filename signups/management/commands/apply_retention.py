"""
Erase the personal data of sign-ups whose keeping time is over (signups.privacy),
delete the alert requests never confirmed within 7 days, and tell the alert
subscriptions unused for two years that they will end, deleting them 30 days later
unless kept (signups.alerts).

Production runs it daily (cron: ``30 3 * * * manage.py apply_retention``), or
enqueues ``signups.tasks.apply_retention`` for the task worker. ``--dry-run``
lists what it would erase and erases nothing. Running it again changes nothing.
"""

from django.core.management.base import BaseCommand

from ... import alert_sending, alerts, privacy


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
            pruned = alert_sending.prune_deliveries()
            self.stdout.write(f"{pruned} record(s) of alerts sent over 30 days ago were deleted.")
        retention = alerts.apply_alert_retention(dry_run=dry_run)
        self.stdout.write(
            f"{retention.noticed} unused alert subscription(s) {verb} told they will end, "
            f"{retention.deleted} told 30 days ago {verb} deleted."
        )
