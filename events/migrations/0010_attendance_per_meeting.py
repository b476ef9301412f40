"""Attendance per meeting: one register per date of a session, instead of one tick per session.

A participant's one "attended" of before becomes their mark at the session's first
meeting (its first day), the only date it can stand for; then the field goes.
Going back keeps one value per participant: present if they came to any meeting,
absent if they were only ever marked absent.
"""

from zoneinfo import ZoneInfo

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone


def first_day(participant, sessions):
    quota = participant.quota
    session = quota.session or sessions.filter(translation_key=quota.session_key).first()
    moment = session.starts_at if session else participant.registration.created_at
    return timezone.localtime(moment, ZoneInfo(settings.TIME_ZONE)).date()


def to_first_meeting(apps, schema_editor):
    Participant = apps.get_model("events", "Participant")
    Attendance = apps.get_model("events", "Attendance")
    Session = apps.get_model("events", "Session")
    marked = Participant.objects.filter(attended__isnull=False).select_related(
        "quota__session", "registration"
    )
    Attendance.objects.bulk_create(
        Attendance(
            participant=participant,
            date=first_day(participant, Session.objects),
            attended=participant.attended,
        )
        for participant in marked.iterator()
    )


def to_one_value(apps, schema_editor):
    Participant = apps.get_model("events", "Participant")
    Attendance = apps.get_model("events", "Attendance")
    present = Attendance.objects.filter(attended=True).values("participant")
    absent = Attendance.objects.filter(attended=False).values("participant")
    Participant.objects.filter(pk__in=absent).update(attended=False)
    Participant.objects.filter(pk__in=present).update(attended=True)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0009_notes_per_language"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Attendance",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(verbose_name="date of the meeting")),
                ("attended", models.BooleanField(verbose_name="present")),
                (
                    "marked_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="marked"),
                ),
                (
                    "marked_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="marked by",
                    ),
                ),
                (
                    "participant",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attendances",
                        to="events.participant",
                        verbose_name="participant",
                    ),
                ),
            ],
            options={
                "verbose_name": "attendance",
                "verbose_name_plural": "attendance",
                "ordering": ["date", "participant_id"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("participant", "date"), name="attendance_once_per_meeting"
                    )
                ],
            },
        ),
        migrations.RunPython(to_first_meeting, to_one_value),
        migrations.RemoveField(model_name="participant", name="attended"),
    ]
