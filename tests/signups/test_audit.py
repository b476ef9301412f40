"""Every change to a sign-up is in the audit log, whoever made it: staff, the family, a job.

The services write the entries (``signups.audit``), so what the family does through
its private link and what the scheduled jobs do are on record as well as staff's
actions, each once, and with references and counts only.
"""

import datetime
import json

import pytest

from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

from events.models import Session
from signups import privacy, services
from signups.models import Registration
from tests.signups.utils import child, sign_up
from tests.utils import page_text, translated_text

pytestmark = pytest.mark.django_db

NAME = "Olena Kowalenko"
EMAIL = "olena@example.com"
AUDIT_LOG = reverse("sign_up_reports:audit_log")


@pytest.fixture
def family(camp_session):
    return sign_up(camp_session, child("Maksym", photo_consent=True), child("Sofia"))


def private_link(registration, action):
    return reverse(
        f"signups:{action}",
        kwargs={"reference": registration.reference, "token": registration.token},
    )


def end_session(session, days_ago):
    """Move `session` (in every language) so that it ended `days_ago` days ago."""
    ends = timezone.now() - datetime.timedelta(days=days_ago)
    Session.objects.filter(translation_key=session.translation_key).update(
        starts_at=ends - datetime.timedelta(days=5), ends_at=ends
    )


def entries(action):
    return list(ModelLogEntry.objects.filter(action=action))


def assert_no_personal_data(entry):
    recorded = json.dumps(entry.data, ensure_ascii=False) + entry.label
    for value in (NAME, EMAIL, "Maksym", "Sofia", "Kowalenko"):
        assert value not in recorded


def test_the_familys_own_sign_up_is_logged_without_a_user(family):
    [entry] = entries("events.registrant_sign_up")

    assert entry.user is None
    assert entry.object_id == str(family.quota_id)
    assert entry.data == {
        "registration": str(family.reference),
        "status": "confirmed",
        "participants": 2,
    }
    assert_no_personal_data(entry)


def test_the_family_erasing_its_data_through_the_private_link_is_logged(
    client, camp_session, family
):
    end_session(camp_session, days_ago=3)

    client.post(private_link(family, "erase"), {"confirm": "on"})

    [entry] = entries("events.registrant_erase_personal_data")
    assert entry.user is None
    assert entry.object_id == str(family.quota_id)
    assert entry.data == {"registrations": [str(family.reference)]}
    assert_no_personal_data(entry)


def test_the_family_cancelling_through_the_private_link_is_logged(client, family):
    maksym = family.participants.get(first_name="Maksym")

    client.post(private_link(family, "cancel"), {"participant": maksym.pk})
    client.post(private_link(family, "cancel"))

    [one] = entries("events.registrant_cancel_participant")
    [everyone] = entries("events.registrant_cancel_registration")
    assert one.user is None and everyone.user is None
    assert everyone.data == {"registration": str(family.reference)}
    assert not entries("events.cancel_registration")


def test_the_family_withdrawing_photo_consent_is_logged(client, family):
    maksym = family.participants.get(first_name="Maksym")

    client.post(private_link(family, "photo_consent"), {"participant": maksym.pk})

    [entry] = entries("events.registrant_withdraw_photo_consent")
    assert entry.data == {"registration": str(family.reference)}


def test_the_retention_job_logs_what_it_erased_for_each_session(camp_session, family):
    family.participants.filter(first_name="Sofia").update(sensitive_answers={"health": "astma"})
    end_session(camp_session, days_ago=91)

    privacy.apply_retention()

    [sensitive] = entries("events.retention_erase_sensitive_answers")
    [erased] = entries("events.retention_erase_personal_data")
    assert (sensitive.user, erased.user) == (None, None)
    assert sensitive.data == {"participants": 1}
    assert erased.data == {"registrations": [str(family.reference)]}
    assert_no_personal_data(erased)


def test_a_dry_run_of_the_retention_job_logs_nothing(camp_session, family):
    end_session(camp_session, days_ago=91)

    privacy.apply_retention(dry_run=True)

    assert not ModelLogEntry.objects.filter(action__startswith="events.retention_").exists()


def test_the_job_that_withdraws_expired_offers_logs_each_one(camp_session):
    full = sign_up(camp_session, *[child(f"K{i}", "Pełna") for i in range(10)], email="p@ex.com")
    waiting = sign_up(camp_session, child("Ołena", "Czeka"), email="c@example.com")
    services.cancel(registration=full, participant=full.participants.first())
    later = timezone.now() + datetime.timedelta(days=30)

    assert services.expire_offers(now=later) == 1

    [entry] = entries("events.expire_offer")
    assert entry.user is None
    assert entry.data == {"registration": str(waiting.reference), "participants": 1}


def test_a_staff_cancellation_through_the_admin_is_logged_once_with_the_user(
    admin_client, admin_user, family
):
    admin_client.post(reverse("sign_ups:cancel_registration", args=[family.pk]))

    [entry] = entries("events.cancel_registration")
    assert entry.user == admin_user
    assert entry.data == {"registration": str(family.reference)}
    assert Registration.objects.get().cancelled_by == Registration.CancelledBy.STAFF
    assert not entries("events.registrant_cancel_registration")


def test_the_audit_log_report_shows_what_families_and_jobs_did_with_their_labels(
    admin_client, client, camp_session, family
):
    client.post(private_link(family, "cancel"))
    end_session(camp_session, days_ago=3)
    client.post(private_link(family, "erase"), {"confirm": "on"})

    response = admin_client.get(AUDIT_LOG)

    assert response.status_code == 200
    text = page_text(response)
    for label in ("Family signed up", "Family cancelled its sign-up", "Family erased its data"):
        assert translated_text(label) in text
    assert EMAIL not in text and NAME not in text
