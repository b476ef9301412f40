"""
The sign-up models move here from the events app, with their rows.

Until this migration they were events' (events 0002-0013). Their tables are taken
over as they are (state only), then renamed signups_*; their content types follow,
and with them the permissions granted on them (who may manage personal data) and
the log entries about them. events 0014 removes them from events' state.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import django_countries.fields
import signups.models
import uuid
from django.conf import settings
from django.db import migrations, models

MOVED = ["registration", "participant", "attendance", "consenttext"]


def move_content_types(apps, schema_editor, from_label="events", to_label="signups"):
    """Relabel the models' content types, so that what points to them follows.

    A content type already made for the new label (by a post_migrate run) holds
    only the default permissions, made again on the next one: it goes.
    """
    content_types = apps.get_model("contenttypes", "ContentType").objects
    for model in MOVED:
        old = content_types.filter(app_label=from_label, model=model)
        if old.exists():
            content_types.filter(app_label=to_label, model=model).delete()
            old.update(app_label=to_label)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, from_label="signups", to_label="events")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0013_one_sequence_per_session"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Registration",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "reference",
                            models.UUIDField(
                                default=uuid.uuid4,
                                editable=False,
                                unique=True,
                                verbose_name="reference",
                            ),
                        ),
                        (
                            "token",
                            models.CharField(
                                default=signups.models.new_token, editable=False, max_length=64
                            ),
                        ),
                        ("submission_key", models.UUIDField(editable=False, unique=True)),
                        ("name", models.CharField(max_length=200, verbose_name="name")),
                        ("email", models.EmailField(max_length=254, verbose_name="e-mail")),
                        (
                            "phone",
                            models.CharField(blank=True, max_length=40, verbose_name="phone"),
                        ),
                        (
                            "language",
                            models.CharField(
                                choices=[
                                    ("pl", "Polski"),
                                    ("uk", "Українська"),
                                    ("ru", "Русский"),
                                    ("en", "English"),
                                ],
                                max_length=8,
                                verbose_name="preferred language",
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("confirmed", "Confirmed"),
                                    ("waiting", "On the waiting list"),
                                    ("offered", "Place offered"),
                                    ("cancelled", "Cancelled"),
                                ],
                                max_length=20,
                                verbose_name="status",
                            ),
                        ),
                        (
                            "places",
                            models.PositiveSmallIntegerField(
                                help_text="Participants not cancelled.", verbose_name="places"
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                db_index=True,
                                default=django.utils.timezone.now,
                                verbose_name="signed up",
                            ),
                        ),
                        (
                            "confirmed_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="confirmed"),
                        ),
                        (
                            "offered_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="place offered"
                            ),
                        ),
                        (
                            "offer_expires_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="offer expires"
                            ),
                        ),
                        (
                            "cancelled_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="cancelled"),
                        ),
                        (
                            "cancelled_by",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("registrant", "The registrant"),
                                    ("staff", "Staff"),
                                    ("offer_expired", "The offer expired"),
                                    ("session_cancelled", "The session was cancelled"),
                                ],
                                max_length=20,
                                verbose_name="cancelled by",
                            ),
                        ),
                        (
                            "reminder_sent_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="reminder sent"
                            ),
                        ),
                        (
                            "places_left_at_sign_up",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                help_text="Places a new sign-up could take at that moment: none while others waited.",
                                null=True,
                                verbose_name="places left at sign-up",
                            ),
                        ),
                        (
                            "others_waiting_at_sign_up",
                            models.BooleanField(
                                default=False, verbose_name="others were waiting at sign-up"
                            ),
                        ),
                        (
                            "passed_over_at",
                            models.DateTimeField(
                                blank=True,
                                help_text="When free places first went past this waiting sign-up because it did not fit them; from then on places are kept for it.",
                                null=True,
                                verbose_name="passed over on the waiting list",
                            ),
                        ),
                        (
                            "data_consent_version",
                            models.CharField(
                                max_length=40, verbose_name="data processing consent, version"
                            ),
                        ),
                        (
                            "data_consent_at",
                            models.DateTimeField(verbose_name="data processing consent given"),
                        ),
                        (
                            "anonymised_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="personal data erased"
                            ),
                        ),
                        (
                            "page",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to="events.programmepage",
                                verbose_name="signed up on",
                            ),
                        ),
                        (
                            "quota",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="registrations",
                                to="events.quota",
                                verbose_name="session",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "events_registration",
                        "verbose_name": "registration",
                        "verbose_name_plural": "registrations",
                        "ordering": ["created_at", "pk"],
                        "permissions": [
                            (
                                "manage_personal_data",
                                "Can export and erase the personal data of sign-ups",
                            )
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Participant",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "first_name",
                            models.CharField(max_length=100, verbose_name="first name"),
                        ),
                        ("last_name", models.CharField(max_length=100, verbose_name="last name")),
                        ("name_key", models.CharField(editable=False, max_length=255)),
                        (
                            "birth_date",
                            models.DateField(blank=True, null=True, verbose_name="date of birth"),
                        ),
                        (
                            "age",
                            models.PositiveSmallIntegerField(
                                blank=True,
                                null=True,
                                validators=[django.core.validators.MaxValueValidator(120)],
                                verbose_name="age",
                            ),
                        ),
                        (
                            "age_band",
                            models.CharField(
                                blank=True,
                                choices=[
                                    ("0-5", "under 6"),
                                    ("6-12", "6–12"),
                                    ("13-17", "13–17"),
                                    ("18-25", "18–25"),
                                    ("26-64", "26–64"),
                                    ("65+", "65 and over"),
                                ],
                                max_length=5,
                                verbose_name="age band",
                            ),
                        ),
                        (
                            "country",
                            django_countries.fields.CountryField(
                                blank=True, max_length=2, verbose_name="country of origin"
                            ),
                        ),
                        (
                            "answers",
                            models.JSONField(blank=True, default=dict, verbose_name="answers"),
                        ),
                        (
                            "sensitive_answers",
                            models.JSONField(
                                blank=True, default=dict, verbose_name="sensitive answers"
                            ),
                        ),
                        (
                            "sensitive_answers_erased_at",
                            models.DateTimeField(blank=True, null=True),
                        ),
                        (
                            "photo_consent",
                            models.BooleanField(default=False, verbose_name="photos allowed"),
                        ),
                        ("photo_consent_version", models.CharField(blank=True, max_length=40)),
                        ("photo_consent_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "photo_consent_withdrawn_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="photo consent withdrawn"
                            ),
                        ),
                        (
                            "cancelled_at",
                            models.DateTimeField(blank=True, null=True, verbose_name="cancelled"),
                        ),
                        (
                            "quota",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="events.quota",
                            ),
                        ),
                        (
                            "registration",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="participants",
                                to="signups.registration",
                                verbose_name="registration",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "events_participant",
                        "verbose_name": "participant",
                        "verbose_name_plural": "participants",
                        "ordering": ["registration_id", "pk"],
                    },
                ),
                migrations.CreateModel(
                    name="ConsentText",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("data", "Processing of personal data (required)"),
                                    ("photos", "Photos of participants (optional)"),
                                ],
                                max_length=20,
                                verbose_name="kind",
                            ),
                        ),
                        ("text", models.TextField(verbose_name="text")),
                        (
                            "version",
                            models.CharField(
                                help_text="Change it whenever the meaning of the text changes, for example 2026-05.",
                                max_length=40,
                                verbose_name="version",
                            ),
                        ),
                        (
                            "locale",
                            models.ForeignKey(
                                editable=False,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="wagtailcore.locale",
                                verbose_name="locale",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "events_consenttext",
                        "verbose_name": "consent text",
                        "verbose_name_plural": "consent texts",
                        "abstract": False,
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("kind", "locale"), name="unique_consent_kind"
                            )
                        ],
                        "unique_together": {("translation_key", "locale")},
                    },
                ),
                migrations.CreateModel(
                    name="Attendance",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("date", models.DateField(verbose_name="date of the meeting")),
                        ("attended", models.BooleanField(verbose_name="present")),
                        (
                            "marked_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now, verbose_name="marked"
                            ),
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
                                to="signups.participant",
                                verbose_name="participant",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "events_attendance",
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
                migrations.AddIndex(
                    model_name="registration",
                    index=models.Index(
                        fields=["quota", "status", "created_at"],
                        name="events_regi_quota_i_f542e7_idx",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="registration",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("status", "offered"), _negated=True),
                            ("offer_expires_at__isnull", False),
                            _connector="OR",
                        ),
                        name="registration_offer_has_expiry",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="participant",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(
                            ("birth_date__isnull", False), ("cancelled_at__isnull", True)
                        ),
                        fields=("quota", "name_key", "birth_date"),
                        name="participant_once_per_session",
                    ),
                ),
                migrations.AddConstraint(
                    model_name="participant",
                    constraint=models.UniqueConstraint(
                        condition=models.Q(
                            ("birth_date__isnull", True), ("cancelled_at__isnull", True)
                        ),
                        fields=("quota", "name_key"),
                        name="participant_without_birth_date_once_per_session",
                    ),
                ),
            ],
        ),
        migrations.AlterModelTable(name="registration", table=None),
        migrations.AlterModelTable(name="participant", table=None),
        migrations.AlterModelTable(name="attendance", table=None),
        migrations.AlterModelTable(name="consenttext", table=None),
        migrations.RenameIndex(
            model_name="registration",
            new_name="signups_reg_quota_i_5c7c0c_idx",
            old_name="events_regi_quota_i_f542e7_idx",
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
