"""The sign-up models moved from the events app to signups (signups 0001, events 0014):
a site migrated before the move keeps who signed up, who may see it, and its history."""

import datetime
import uuid

import pytest

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from wagtail.models import ModelLogEntry

from signups.models import Attendance, ConsentText, Participant, Registration

# Migrating the test database back and forth takes a while.
pytestmark = pytest.mark.slow

BEFORE_THE_MOVE = [("events", "0013_one_sequence_per_session"), ("signups", None)]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    ContentType.objects.clear_cache()
    # The state as of the named migrations ("no migration" of an app is no node).
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def everything():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.fixture
def site_before_the_move(transactional_db):
    """A database as it stood before the move, with a family signed up, a data officer's
    group and an entry in the sign-up audit log."""
    old = migrate(BEFORE_THE_MOVE)
    try:
        yield make_a_site(old)
    finally:
        migrate(everything())


def make_a_site(old):
    # Made by post_migrate, unless a test before emptied the tables.
    content_type, _ = old.get_model("contenttypes", "ContentType").objects.get_or_create(
        app_label="events", model="registration"
    )
    quota = old.get_model("events", "Quota").objects.create(session_key=uuid.uuid4(), capacity=10)
    registration = old.get_model("events", "Registration").objects.create(
        quota=quota,
        submission_key=uuid.uuid4(),
        name="Olena Kowalenko",
        email="olena@example.com",
        language="uk",
        status="confirmed",
        places=1,
        data_consent_version="1",
        data_consent_at=timezone.now(),
    )
    participant = old.get_model("events", "Participant").objects.create(
        registration=registration,
        quota=quota,
        first_name="Iwan",
        last_name="Kowalenko",
        name_key="iwan kowalenko",
    )
    old.get_model("events", "Attendance").objects.create(
        participant=participant, date=datetime.date(2026, 7, 6), attended=True
    )
    locale, _ = old.get_model("wagtailcore", "Locale").objects.get_or_create(language_code="pl")
    old.get_model("events", "ConsentText").objects.create(
        kind="data", text="Zgoda", version="2", locale=locale, translation_key=uuid.uuid4()
    )
    officers = old.get_model("auth", "Group").objects.create(name="Data officers")
    officers.permissions.add(
        old.get_model("auth", "Permission").objects.get_or_create(
            content_type=content_type,
            codename="manage_personal_data",
            defaults={"name": "Can export and erase the personal data of sign-ups"},
        )[0]
    )
    old.get_model("wagtailcore", "ModelLogEntry").objects.create(
        content_type=content_type,
        object_id=str(registration.pk),
        label="Olena Kowalenko",
        action="events.cancel_registration",
        timestamp=timezone.now(),
    )
    return registration.reference


def test_the_sign_ups_made_before_the_move_are_kept(site_before_the_move):
    migrate(everything())

    registration = Registration.objects.get(reference=site_before_the_move)
    assert registration.name == "Olena Kowalenko"
    assert [str(p) for p in registration.participants.all()] == ["Iwan Kowalenko"]
    assert Attendance.objects.get().participant == Participant.objects.get()
    assert ConsentText.objects.get().text == "Zgoda"
    assert Registration._meta.db_table == "signups_registration"


def test_who_may_manage_personal_data_still_may(site_before_the_move, django_user_model):
    migrate(everything())
    officer = django_user_model.objects.create_user("officer", password="x", is_staff=True)
    officer.groups.add(Group.objects.get(name="Data officers"))

    assert officer.has_perm("signups.manage_personal_data")
    assert not Permission.objects.filter(content_type__app_label="events").filter(
        codename="manage_personal_data"
    )


def test_the_audit_log_still_names_the_sign_up(site_before_the_move):
    migrate(everything())

    entry = ModelLogEntry.objects.get(action="events.cancel_registration")
    assert entry.content_type.model_class() is Registration
    assert entry.object_id == str(Registration.objects.get().pk)
