"""The sign-up models (registrations, participants, attendance, consent texts) belong to
the signups app now (signups 0001): they leave the events app's state only; their
tables were renamed there, with their rows."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0013_one_sequence_per_session"),
        ("signups", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterUniqueTogether(
                    name="consenttext",
                    unique_together=None,
                ),
                migrations.RemoveField(
                    model_name="consenttext",
                    name="locale",
                ),
                migrations.RemoveField(
                    model_name="participant",
                    name="quota",
                ),
                migrations.RemoveField(
                    model_name="participant",
                    name="registration",
                ),
                migrations.RemoveField(
                    model_name="registration",
                    name="page",
                ),
                migrations.RemoveField(
                    model_name="registration",
                    name="quota",
                ),
                migrations.DeleteModel(
                    name="Attendance",
                ),
                migrations.DeleteModel(
                    name="ConsentText",
                ),
                migrations.DeleteModel(
                    name="Participant",
                ),
                migrations.DeleteModel(
                    name="Registration",
                ),
            ],
        ),
    ]
