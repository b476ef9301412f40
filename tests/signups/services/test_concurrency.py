"""
Never more confirmed participants than places, whatever the concurrency.

Each test starts its requests in threads, each with its own database connection,
released together by a barrier. They run on SQLite and on PostgreSQL (`make test`
runs the suite on both). A control run without the service's locking must
overbook, which shows the test can see the bug it guards against. Every test ends
with ``manage.py check_places``: the places counted on each session match the
participants holding them.
"""

import datetime
import io
import random
import time
import uuid

import pytest

from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone, translation

from events.models import Quota, Session
from signups import services
from signups.models import Participant, Registration
from tests.events.factories import SessionFactory
from tests.signups.utils import child
from tests.utils import run_together, translated_text

# serialized_rollback: the home page the migrations made is restored after each test.
pytestmark = [
    pytest.mark.usefixtures("places_add_up"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SIGN_UPS = 50
PLACES = 10


@pytest.fixture
def fifty_in_a_queue(settings):
    """Fifty sign-ups on one session queue for its lock, one after another.

    The last waits for the 49 before it, longer on a busy CI machine than the
    production bound on a wait (a web server has a few workers, not fifty): these
    tests count places, and the bound has its own test (test_lock_order).
    """
    settings.CIC_LOCK_TIMEOUT_SECONDS = 60


def families(count, seed=4):
    """`count` families of one to three children, with names of their own."""
    sizes = random.Random(seed).choices([1, 2, 3], k=count)
    return [
        [child(f"Dziecko{index}-{n}", last_name=f"Rodzina{index}") for n in range(size)]
        for index, size in enumerate(sizes)
    ]


def service_sign_up(session, participants, index):
    return lambda: services.sign_up(
        session=session,
        registrant=services.Registrant(name=f"Rodzic {index}", email=f"r{index}@example.com"),
        participants=participants,
        data_consent_version="2026-01",
        submission_key=uuid.uuid4(),
    )


def confirmed_participants():
    return Participant.objects.filter(
        registration__status__in=["confirmed", "offered"], cancelled_at__isnull=True
    ).count()


def test_fifty_simultaneous_sign_ups_never_take_more_than_ten_places(
    camp_session, fifty_in_a_queue
):
    jobs = [
        service_sign_up(camp_session, participants, index)
        for index, participants in enumerate(families(SIGN_UPS))
    ]

    failures = run_together(jobs)

    assert [error for error in failures if error is not None] == []
    assert Registration.objects.count() == SIGN_UPS
    quota = Quota.objects.get()
    assert confirmed_participants() == quota.taken <= PLACES
    # A family that waited behind a bigger one may be offered places that freed up
    # for it while others signed up (the waiting-list rule in the README).
    assert {"confirmed", "waiting"} <= set(Registration.objects.values_list("status", flat=True))
    assert set(Registration.objects.values_list("status", flat=True)) <= {
        "confirmed",
        "waiting",
        "offered",
    }
    # Places are left only if the first family in line does not fit in them (they are
    # kept for it, or passed once to a smaller family behind it, never left idle).
    first_in_line = (
        Registration.objects.filter(status="waiting").order_by("created_at", "pk").first()
    )
    assert quota.capacity - quota.taken < first_in_line.places


def test_fifty_simultaneous_sign_ups_fill_exactly_ten_places_with_single_children(
    camp_session, fifty_in_a_queue
):
    jobs = [
        service_sign_up(camp_session, [child(f"Dziecko{index}", "Pojedyncze")], index)
        for index in range(SIGN_UPS)
    ]

    failures = run_together(jobs)

    assert [error for error in failures if error is not None] == []
    assert confirmed_participants() == Quota.objects.get().taken == PLACES
    assert Registration.objects.filter(status="waiting").count() == SIGN_UPS - PLACES


def naive_sign_up(session, participants, index):
    """Count the places taken, then insert: what the service must never do."""

    def sign_up():
        quota = services.quota_for(session)
        taken = Participant.objects.filter(
            quota=quota, registration__status="confirmed", cancelled_at__isnull=True
        ).count()
        time.sleep(0.01)  # the window in which others count too
        status = "confirmed" if taken + len(participants) <= quota.capacity else "waiting"
        with transaction.atomic():
            registration = Registration.objects.create(
                quota=quota,
                submission_key=uuid.uuid4(),
                name=f"Rodzic {index}",
                email=f"r{index}@example.com",
                language="pl",
                status=status,
                places=len(participants),
                data_consent_version="2026-01",
                data_consent_at=quota.session.starts_at,
            )
            for participant in participants:
                Participant.objects.create(
                    registration=registration,
                    quota=quota,
                    first_name=participant.first_name,
                    last_name=participant.last_name,
                    birth_date=participant.birth_date,
                )

    return sign_up


def test_control_count_then_insert_overbooks(camp_session, places_add_up):
    """The same load without the service overbooks: the tests above can fail."""
    jobs = [
        naive_sign_up(camp_session, participants, index)
        for index, participants in enumerate(families(SIGN_UPS))
    ]

    failures = run_together(jobs)

    assert [error for error in failures if error is not None] == []
    assert confirmed_participants() > PLACES
    # check_places sees it too.
    with pytest.raises(CommandError):
        call_command("check_places", stdout=io.StringIO())
    places_add_up.overbooked = True


@pytest.mark.parametrize("round_", range(10))
def test_a_cancellation_racing_a_new_sign_up_offers_the_place_to_the_waiting_family(
    camp_session, round_
):
    leaving = services.sign_up(
        session=camp_session,
        registrant=services.Registrant(name="Wychodzi", email="w@example.com"),
        participants=[child("A", "Wychodzi"), child("B", "Wychodzi")],
        data_consent_version="1",
        submission_key=uuid.uuid4(),
    )
    for index in range(4):
        service_sign_up(
            camp_session, [child(f"C{index}", "Pełna"), child(f"D{index}", "Pełna")], index
        )()
    waiting = service_sign_up(camp_session, [child("E", "Czeka"), child("F", "Czeka")], 90)()
    assert waiting.status == "waiting"

    failures = run_together(
        [
            lambda: services.cancel(registration=leaving),
            service_sign_up(camp_session, [child("G", "Nowa"), child("H", "Nowa")], 91),
        ]
    )

    assert failures == [None, None]
    assert Registration.objects.get(pk=waiting.pk).status == "offered"
    assert Registration.objects.get(email="r91@example.com").status == "waiting"
    assert confirmed_participants() == Quota.objects.get().taken == PLACES


def cancel_the_session(session):
    services.cancel_session(session=session, note="Choroba prowadzącej")


def close_the_sign_up(session):
    Session.objects.filter(translation_key=session.translation_key).update(
        registration_closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )


def change_before_the_lock(monkeypatch, staff_change):
    """Make `staff_change` on another connection, in another thread, between a
    service's first check of a session and its lock on the places, as if the
    service had waited for that lock meanwhile."""
    quota_for = services.quota_for

    def staff_change_in_between(session):
        assert run_together([staff_change]) == [None]
        return quota_for(session)

    monkeypatch.setattr(services, "quota_for", staff_change_in_between)


@pytest.mark.parametrize(
    ("staff_change", "refusal"),
    [
        (cancel_the_session, "This session is cancelled."),
        (close_the_sign_up, "Sign-up for this session has closed."),
    ],
)
def test_a_session_changed_by_staff_while_a_sign_up_waits_takes_no_sign_up(
    camp_session, monkeypatch, staff_change, refusal
):
    """The rules are checked again once the sign-up holds the lock (pretix: lock, then check)."""
    change_before_the_lock(monkeypatch, lambda: staff_change(camp_session))

    with translation.override("uk"), pytest.raises(services.SignUpError) as refused:
        service_sign_up(camp_session, [child("Iwan")], 1)()

    assert refused.value.message == translated_text(refusal, language="uk")
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_a_move_onto_a_session_cancelled_by_other_staff_meanwhile_is_refused(
    camp, camp_session, monkeypatch
):
    week = datetime.timedelta(days=7)
    target = SessionFactory(
        page=camp,
        locale=camp.locale,
        title="Turnus II",
        starts_at=camp_session.starts_at + week,
        ends_at=camp_session.ends_at + week,
        venue=camp_session.venue,
        capacity=5,
        min_age=6,
        max_age=12,
    )
    registration = service_sign_up(camp_session, [child("Iwan")], 1)()
    change_before_the_lock(monkeypatch, lambda: cancel_the_session(target))

    with translation.override("ru"), pytest.raises(services.SignUpError) as refused:
        services.move_registration(registration=registration, to_session=target)

    assert refused.value.message == translated_text("This session is cancelled.", language="ru")
    registration.refresh_from_db()
    assert (registration.quota.session, registration.status) == (camp_session, "confirmed")
