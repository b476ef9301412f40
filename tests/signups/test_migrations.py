"""The sign-up models moved from the events app to signups (signups 0001, events 0014):
a site migrated before the move keeps who signed up, who may see it, and its history.

The site is a database of its own (a SQLite file, or a PostgreSQL database made for
the test), migrated with ``manage.py migrate`` in another process as a deployment
would: migrating the test database back and forth would leave its content types
out of step with the tests after it.
"""

import json
import os
import subprocess
import sys
import uuid

import pytest

from django.conf import settings
from django.db import connection

pytestmark = pytest.mark.slow

# Run in the other process: migrate to before the move, make a site there, migrate
# to the end, and print what is found.
SCRIPT = """
import datetime, json, uuid
import django
django.setup()
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

call_command("migrate", "events", "0013_one_sequence_per_session", verbosity=0)
old = MigrationExecutor(connection).loader.project_state(
    [("events", "0013_one_sequence_per_session")]
).apps
# Before the move, the content type and permission were events'.
content_type, _ = old.get_model("contenttypes", "ContentType").objects.get_or_create(
    app_label="events", model="registration"
)
permission, _ = old.get_model("auth", "Permission").objects.get_or_create(
    content_type=content_type,
    codename="manage_personal_data",
    defaults={"name": "Can export and erase the personal data of sign-ups"},
)
quota = old.get_model("events", "Quota").objects.create(session_key=uuid.uuid4(), capacity=10)
registration = old.get_model("events", "Registration").objects.create(
    quota=quota, submission_key=uuid.uuid4(), name="Olena Kowalenko",
    email="olena@example.com", language="uk", status="confirmed", places=1,
    data_consent_version="1", data_consent_at=timezone.now(),
)
participant = old.get_model("events", "Participant").objects.create(
    registration=registration, quota=quota, first_name="Iwan", last_name="Kowalenko",
    name_key="iwan kowalenko",
)
old.get_model("events", "Attendance").objects.create(
    participant=participant, date=datetime.date(2026, 7, 6), attended=True
)
locale, _ = old.get_model("wagtailcore", "Locale").objects.get_or_create(language_code="pl")
old.get_model("events", "ConsentText").objects.create(
    kind="data", text="Zgoda", version="2", locale=locale, translation_key=uuid.uuid4()
)
old.get_model("auth", "Group").objects.create(name="Data officers").permissions.add(permission)
old.get_model("wagtailcore", "ModelLogEntry").objects.create(
    content_type=content_type, object_id=str(registration.pk), label="Olena Kowalenko",
    action="events.cancel_registration", timestamp=timezone.now(),
)

call_command("migrate", verbosity=0)

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import ModelLogEntry
from signups.models import Attendance, ConsentText, Participant, Registration

officer = get_user_model().objects.create_user("officer", password="x", is_staff=True)
officer.groups.add(Group.objects.get(name="Data officers"))
registration = Registration.objects.get()
entry = ModelLogEntry.objects.get(action="events.cancel_registration")
print(json.dumps({
    "registration": registration.name,
    "participants": [str(p) for p in registration.participants.all()],
    "attended": [a.participant_id == Participant.objects.get().pk for a in Attendance.objects.all()],
    "consent": ConsentText.objects.get().text,
    "table": Registration._meta.db_table,
    "officer_may_manage_personal_data": officer.has_perm("signups.manage_personal_data"),
    "log_entry_model": entry.content_type.model_class().__name__,
    "log_entry_app": entry.content_type.app_label,
    "log_entry_object": entry.object_id == str(registration.pk),
}))
"""


@pytest.fixture(scope="module")
def own_database(tmp_path_factory, django_db_setup, django_db_blocker):
    """The address of an empty database for the site, on the test database's engine."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('site') / 'before-the-move.sqlite3'}"
        return
    name = f"cic_migrations_{uuid.uuid4().hex[:12]}"
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    db = settings.DATABASES["default"]
    yield f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def site_after_the_move(own_database):
    environment = {
        **os.environ,
        "DATABASE_URL": own_database,
        "DJANGO_SETTINGS_MODULE": "cic_site.settings.test",
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        env=environment,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_sign_ups_made_before_the_move_are_kept(site_after_the_move):
    assert site_after_the_move["registration"] == "Olena Kowalenko"
    assert site_after_the_move["participants"] == ["Iwan Kowalenko"]
    assert site_after_the_move["attended"] == [True]
    assert site_after_the_move["consent"] == "Zgoda"
    assert site_after_the_move["table"] == "signups_registration"


def test_who_may_manage_personal_data_still_may(site_after_the_move):
    assert site_after_the_move["officer_may_manage_personal_data"] is True


def test_the_audit_log_still_names_the_sign_up(site_after_the_move):
    assert site_after_the_move["log_entry_model"] == "Registration"
    assert site_after_the_move["log_entry_app"] == "signups"
    assert site_after_the_move["log_entry_object"] is True
