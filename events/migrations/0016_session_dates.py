"""The sessions' dates, materialised for the calendar pages (events.models.dates):
the table, filled for the sessions there are.

The dates are expanded by the current code (``occurrence_times``), on an unsaved
copy of each stored row made of the fields the current model has, so that this
migration keeps working after Session changes.
"""

import django.db.models.deletion
from django.db import migrations, models


def fill_dates(apps, schema_editor):
    from events.models import Session as CurrentSession
    from events.models.dates import BATCH_SIZE, horizon, occurrence_times

    Session = apps.get_model("events", "Session")
    SessionDate = apps.get_model("events", "SessionDate")
    CancelledSession = apps.get_model("events", "CancelledSession")
    CancelledOccurrence = apps.get_model("events", "CancelledOccurrence")
    start, end = horizon()
    current_fields = {field.attname for field in CurrentSession._meta.concrete_fields}
    cancelled_sessions = {row.session_key: row for row in CancelledSession.objects.all()}
    cancelled_dates = {
        (row.session_key, row.starts_at): row
        for row in CancelledOccurrence.objects.filter(starts_at__gte=start, starts_at__lt=end)
    }
    rows = []
    for stored in Session.objects.iterator():
        session = CurrentSession(
            **{
                field.attname: getattr(stored, field.attname)
                for field in stored._meta.concrete_fields
                if field.attname in current_fields
            }
        )
        for starts_at, ends_at, last_starts_at in occurrence_times(session, start, end):
            rows.append(
                SessionDate(
                    session_id=stored.pk,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    last_starts_at=last_starts_at,
                    cancelled_session=cancelled_sessions.get(stored.translation_key),
                    cancelled_date=cancelled_dates.get((stored.translation_key, starts_at)),
                )
            )
    SessionDate.objects.bulk_create(rows, batch_size=BATCH_SIZE)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0015_cancelled_sessions"),
    ]

    operations = [
        migrations.CreateModel(
            name="SessionDate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("starts_at", models.DateTimeField(verbose_name="starts")),
                ("ends_at", models.DateTimeField(verbose_name="ends")),
                ("last_starts_at", models.DateTimeField(verbose_name="last day starts")),
                (
                    "cancelled_date",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="events.cancelledoccurrence",
                        verbose_name="cancelled date",
                    ),
                ),
                (
                    "cancelled_session",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="events.cancelledsession",
                        verbose_name="cancelled session",
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="dates",
                        to="events.session",
                        verbose_name="session",
                    ),
                ),
            ],
            options={
                "verbose_name": "date of a session",
                "verbose_name_plural": "dates of sessions",
                "indexes": [
                    models.Index(fields=["starts_at", "session"], name="session_date_starts"),
                    models.Index(fields=["last_starts_at"], name="session_date_last_starts"),
                ],
            },
        ),
        migrations.RunPython(fill_dates, migrations.RunPython.noop),
    ]
