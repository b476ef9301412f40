"""A session cancelled as a whole becomes a row of its own (CancelledSession).

Until now it was the status "cancelled" of its rows in every language, with why
in each row's ``status_note``. Each such session gets one CancelledSession, its
notes from the rows (the Polish one as ``note``, the others by language, leaving
out a note that is only the Polish words copied by wagtail-localize), and its rows
go back to "scheduled": the editor's status is only scheduled or moved now.
"""

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def cancellations_become_rows(apps, schema_editor):
    Session = apps.get_model("events", "Session")
    CancelledSession = apps.get_model("events", "CancelledSession")
    source = settings.LANGUAGE_CODE
    cancelled = Session.objects.filter(status="cancelled").select_related("locale")
    by_session = {}
    for row in cancelled.order_by("pk"):
        by_session.setdefault(row.translation_key, []).append(row)
    for key, rows in by_session.items():
        notes = {row.locale.language_code: row.status_note for row in rows if row.status_note}
        note = notes.pop(source, "")
        changed = [row.changed_at for row in rows if row.changed_at]
        CancelledSession.objects.create(
            session_key=key,
            note=note,
            note_translations={code: text for code, text in notes.items() if text != note},
            cancelled_at=max(changed) if changed else timezone.now(),
        )
    cancelled.update(status="scheduled", status_note="")


def cancellations_become_statuses(apps, schema_editor):
    Session = apps.get_model("events", "Session")
    CancelledSession = apps.get_model("events", "CancelledSession")
    source = settings.LANGUAGE_CODE
    for cancellation in CancelledSession.objects.all():
        rows = Session.objects.filter(translation_key=cancellation.session_key)
        for row in rows.select_related("locale"):
            code = row.locale.language_code
            row.status = "cancelled"
            row.status_note = (
                cancellation.note
                if code == source
                else cancellation.note_translations.get(code, "")
            )
            row.save(update_fields=["status", "status_note"])
    CancelledSession.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0014_sign_up_models_move_to_signups"),
    ]

    operations = [
        migrations.CreateModel(
            name="CancelledSession",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "note",
                    models.CharField(
                        blank=True,
                        help_text="In Polish; shown in the languages it is not given in, saying so.",
                        max_length=255,
                        verbose_name="why",
                    ),
                ),
                (
                    "note_translations",
                    models.JSONField(
                        blank=True, default=dict, verbose_name="why, in other languages"
                    ),
                ),
                (
                    "cancelled_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, editable=False, verbose_name="cancelled"
                    ),
                ),
                ("session_key", models.UUIDField(unique=True, verbose_name="session")),
            ],
            options={
                "verbose_name": "cancelled session",
                "verbose_name_plural": "cancelled sessions",
            },
        ),
        migrations.AlterField(
            model_name="session",
            name="capacity",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="Leave empty when no sign-up is needed. Once the session is published, its places are changed under Sign-ups (Change places).",
                null=True,
                verbose_name="places",
            ),
        ),
        migrations.AlterField(
            model_name="session",
            name="status",
            field=models.CharField(
                choices=[("scheduled", "Scheduled"), ("moved", "Moved")],
                default="scheduled",
                max_length=20,
                verbose_name="status",
            ),
        ),
        migrations.AlterField(
            model_name="session",
            name="status_note",
            field=models.CharField(
                blank=True,
                help_text="Where and when it moved to.",
                max_length=255,
                verbose_name="note on the status",
            ),
        ),
        migrations.RunPython(cancellations_become_rows, cancellations_become_statuses),
    ]
