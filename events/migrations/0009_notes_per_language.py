"""Staff notes per language, and what families were last told of a session's time and place.

A cancelled date's note stays the Polish one in ``note``; the other languages go in
``note_translations``. ``Quota.told_schedule`` starts as the session's time and place
now, so the first change after this migration is the first one e-mailed.
"""

import datetime

from recurrence import serialize

from django.db import migrations, models


def schedule_of(session):
    """The same fields as ``events.services.schedule_of``, from the historical model."""
    return {
        "starts_at": session.starts_at.astimezone(datetime.UTC).isoformat(),
        "ends_at": session.ends_at.astimezone(datetime.UTC).isoformat(),
        "all_day": session.all_day,
        "daily": session.daily,
        "recurrence": serialize(session.recurrence) if session.recurrence else "",
        "venue_id": session.venue_id,
        "status": session.status,
        "sequence": session.sequence,
    }


def remember_what_was_told(apps, schema_editor):
    Quota = apps.get_model("events", "Quota")
    for quota in Quota.objects.filter(session__isnull=False).select_related("session"):
        quota.told_schedule = schedule_of(quota.session)
        quota.save(update_fields=["told_schedule"])


class Migration(migrations.Migration):
    dependencies = [("events", "0008_staff_roles")]

    operations = [
        migrations.AlterField(
            model_name="cancelledoccurrence",
            name="note",
            field=models.CharField(
                blank=True,
                help_text="In Polish; shown in the languages it is not given in, saying so.",
                max_length=255,
                verbose_name="why",
            ),
        ),
        migrations.AddField(
            model_name="cancelledoccurrence",
            name="note_translations",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="why, in other languages"
            ),
        ),
        migrations.AddField(
            model_name="quota",
            name="told_schedule",
            field=models.JSONField(editable=False, null=True),
        ),
        migrations.RunPython(remember_what_was_told, migrations.RunPython.noop),
    ]
