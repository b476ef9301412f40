"""
The sign-up rules of PRODUCT.md, one test per rule, through the service layer.

The public form, the private link, the e-mails, the staff side and the
concurrency proof have their own modules; this one pins the rules themselves.
"""

import datetime
import uuid

import pytest

from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation

from wagtail.models import Revision

from events.models import EventPage, Quota, Session
from signups import services
from signups.models import Participant, Registration
from tests.events.factories import EventPageFactory, SessionFactory
from tests.events.utils import in_days, translated
from tests.signups.utils import child, sign_up

pytestmark = pytest.mark.django_db

Status = Registration.Status


def family(size, last_name):
    return [child(f"Dziecko{i}", last_name=last_name) for i in range(size)]


def fill(session, places, last_name="Pełna"):
    """Confirmed sign-ups taking `places` places, in families of at most three."""
    registrations = []
    while places:
        size = min(places, 3)
        registrations.append(
            sign_up(session, *family(size, f"{last_name}{places}"), email=f"{places}@example.com")
        )
        places -= size
    return registrations


def statuses(*registrations):
    return [Registration.objects.get(pk=r.pk).status for r in registrations]


# Capacity in participants


def test_capacity_is_counted_in_participants(camp_session):
    sign_up(camp_session, *family(3, "Bondarenko"))

    assert Quota.objects.get().taken == 3
    assert camp_session.places_left == 7


def test_language_versions_of_a_session_share_their_places(camp, camp_session, locales):
    ukrainian = translated(camp, locales["uk"]).sessions.get()

    sign_up(ukrainian, *family(2, "Shevchenko"))

    assert ukrainian.translation_key == camp_session.translation_key
    assert Session.objects.get(pk=camp_session.pk).places_left == 8
    assert Quota.objects.count() == 1


def test_database_refuses_more_places_taken_than_capacity(camp_session):
    """The CHECK constraint is the backstop should any code skip the service."""
    fill(camp_session, 10)

    with pytest.raises(IntegrityError), transaction.atomic():
        Quota.objects.update(taken=F("taken") + 1)


# All or nothing per sign-up


def test_family_that_does_not_fit_goes_on_the_waiting_list_together(camp_session):
    fill(camp_session, 9)

    registration = sign_up(camp_session, *family(2, "Melnyk"))

    assert registration.status == Status.WAITING
    assert registration.places == 2
    assert Quota.objects.get().taken == 9


def test_without_waiting_list_a_family_that_does_not_fit_is_refused_with_places_left(
    camp_session,
):
    Session.objects.filter(pk=camp_session.pk).update(waiting_list=False)
    camp_session.refresh_from_db()
    fill(camp_session, 8)

    with pytest.raises(services.SignUpError) as refusal:
        sign_up(camp_session, *family(3, "Melnyk"))

    assert refusal.value.code == "full"
    assert "2" in refusal.value.message
    assert not Registration.objects.filter(email="olena@example.com").exists()
    assert Quota.objects.get().taken == 8


def test_without_waiting_list_a_full_session_is_refused_as_full(camp_session):
    Session.objects.filter(pk=camp_session.pk).update(waiting_list=False)
    camp_session.refresh_from_db()
    fill(camp_session, 10)

    with pytest.raises(services.SignUpError) as refusal:
        sign_up(camp_session, child("Ołeh"))

    assert refusal.value.code == "full"


# Eligibility


def test_child_outside_the_age_range_is_named_in_the_error(camp_session):
    with pytest.raises(services.SignUpError) as refusal:
        sign_up(camp_session, child("Iwan", age=8), child("Taras", age=13))

    assert refusal.value.code == "age"
    assert "Taras Kowalenko" in refusal.value.message
    assert refusal.value.participant == 1
    assert not Registration.objects.exists()


def test_age_is_counted_on_the_sessions_first_day(camp_session):
    """A child who turns six before the camp starts may come, though five today."""
    first_day = timezone.localtime(camp_session.starts_at).date()
    zoja = services.NewParticipant(
        "Zoja", "Kowalenko", birth_date=first_day.replace(year=first_day.year - 6, day=1)
    )
    if zoja.birth_date > timezone.localdate().replace(day=1, year=first_day.year - 6):
        assert zoja.age_on(timezone.localdate()) == 5

    registration = sign_up(camp_session, zoja)

    assert registration.status == Status.CONFIRMED


def test_an_age_range_needs_a_date_of_birth(camp_session):
    with pytest.raises(services.SignUpError) as refusal:
        sign_up(camp_session, services.NewParticipant("Zoja", "Kowalenko"))

    assert refusal.value.code == "birth_date_missing"


def test_before_sign_up_opens_the_refusal_says_when_it_opens(camp_session):
    opens = in_days(3, hour=9)
    Session.objects.filter(pk=camp_session.pk).update(registration_opens_at=opens)
    camp_session.refresh_from_db()

    with pytest.raises(services.SignUpError) as refusal:
        sign_up(camp_session, child("Iwan"))

    assert refusal.value.code == "not_open_yet"
    assert "09:00" in refusal.value.message


def test_after_sign_up_closes_it_is_refused(camp_session):
    Session.objects.filter(pk=camp_session.pk).update(
        registration_closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    camp_session.refresh_from_db()

    with pytest.raises(services.SignUpError) as refusal:
        sign_up(camp_session, child("Iwan"))

    assert refusal.value.code == "closed"


def test_sign_up_closes_when_the_session_starts_unless_set(camp_session):
    later = camp_session.starts_at + datetime.timedelta(minutes=5)

    with pytest.raises(services.SignUpError) as refusal:
        sign_up(camp_session, child("Iwan"), now=later)

    assert refusal.value.code == "closed"


def test_a_cancelled_session_takes_no_sign_up(camp_session):
    services.cancel_session(session=camp_session, note="Remont")
    camp_session.refresh_from_db()

    with pytest.raises(services.SignUpError) as refusal:
        sign_up(camp_session, child("Iwan"))

    assert refusal.value.code == "cancelled"


# Duplicates


def test_the_same_child_twice_on_a_session_is_refused(camp_session):
    sign_up(camp_session, child("Iwan"))

    with pytest.raises(services.SignUpError) as refusal:
        sign_up(camp_session, child("Maria"), child("iwan "), email="tata@example.com")

    assert refusal.value.code == "duplicate"
    assert "Iwan Kowalenko" in refusal.value.message
    assert Participant.objects.count() == 1


def test_the_same_child_twice_in_one_sign_up_is_refused(camp_session):
    with pytest.raises(services.SignUpError) as refusal:
        sign_up(camp_session, child("Iwan"), child("Iwan"))

    assert refusal.value.code == "duplicate"
    assert not Registration.objects.exists()


def test_database_refuses_the_same_child_twice_without_the_services_check(camp_session):
    registration = sign_up(camp_session, child("Iwan"))
    existing = registration.participants.get()

    with pytest.raises(IntegrityError), transaction.atomic():
        Participant.objects.create(
            registration=registration,
            quota=registration.quota,
            first_name="IWAN",
            last_name="Kowalenko",
            birth_date=existing.birth_date,
        )


def test_a_cancelled_child_can_be_signed_up_again(camp_session):
    registration = sign_up(camp_session, child("Iwan"))
    services.cancel(registration=registration)

    again = sign_up(camp_session, child("Iwan"), email="tata@example.com")

    assert again.status == Status.CONFIRMED


def test_a_replayed_submission_yields_the_same_sign_up(camp_session):
    key = uuid.uuid4()

    first = sign_up(camp_session, child("Iwan"), submission_key=key)
    replay = sign_up(camp_session, child("Iwan"), submission_key=key)

    assert replay.pk == first.pk
    assert Registration.objects.count() == 1
    assert Quota.objects.get().taken == 1


# Waiting list


def test_the_waiting_list_is_ordered_by_sign_up_time(camp_session):
    fill(camp_session, 10)
    first = sign_up(camp_session, child("A", "Pierwsza"), email="a@example.com")
    second = sign_up(camp_session, child("B", "Druga"), email="b@example.com")

    assert (first.waiting_position(), second.waiting_position()) == (1, 2)


def test_freed_places_are_offered_to_the_first_waiting_family_that_fits(camp_session):
    confirmed = fill(camp_session, 10)
    too_big = sign_up(camp_session, *family(3, "Duża"), email="duza@example.com")
    fits = sign_up(camp_session, child("Mała", "Mała"), email="mala@example.com")

    services.cancel(registration=confirmed[-1], participant=confirmed[-1].participants.first())

    assert statuses(too_big, fits) == [Status.WAITING, Status.OFFERED]
    assert Registration.objects.get(pk=too_big.pk).waiting_position() == 1


def test_a_waiting_family_that_did_not_fit_is_offered_as_soon_as_it_fits(camp_session):
    confirmed = fill(camp_session, 10)  # families of 3, 3, 3 and 1
    too_big = sign_up(camp_session, *family(3, "Duża"), email="duza@example.com")
    later = sign_up(camp_session, child("Mała", "Mała"), email="mala@example.com")
    services.cancel(registration=confirmed[-1])  # one place: only the small family fits
    services.accept_offer(registration=later)

    services.cancel(registration=confirmed[0])  # three places: the big family, first in line

    assert statuses(too_big, later) == [Status.OFFERED, Status.CONFIRMED]


def test_an_offer_holds_the_places_for_48_hours(camp_session):
    confirmed = fill(camp_session, 10)
    waiting = sign_up(camp_session, child("Ołena", "Czeka"), email="czeka@example.com")
    now = timezone.now()

    services.cancel(registration=confirmed[-1], now=now)

    waiting.refresh_from_db()
    assert waiting.status == Status.OFFERED
    assert waiting.offer_expires_at == now + datetime.timedelta(hours=48)
    assert Quota.objects.get().taken == 10  # held for the offer, not free to newcomers
    newcomer = sign_up(camp_session, child("Nowy", "Nowy"), email="nowy@example.com")
    assert newcomer.status == Status.WAITING


def test_an_accepted_offer_confirms_the_sign_up(camp_session):
    confirmed = fill(camp_session, 10)
    waiting = sign_up(camp_session, child("Ołena", "Czeka"), email="czeka@example.com")
    services.cancel(registration=confirmed[-1])

    services.accept_offer(registration=waiting)

    assert statuses(waiting) == [Status.CONFIRMED]
    assert Quota.objects.get().taken == 10


def test_an_offer_not_accepted_in_time_passes_to_the_next(camp_session):
    confirmed = fill(camp_session, 10)
    first = sign_up(camp_session, child("A", "Pierwsza"), email="a@example.com")
    second = sign_up(camp_session, child("B", "Druga"), email="b@example.com")
    services.cancel(registration=confirmed[-1])

    expired = services.expire_offers(now=timezone.now() + datetime.timedelta(hours=49))

    assert expired == 1
    assert statuses(first, second) == [Status.CANCELLED, Status.OFFERED]
    assert Registration.objects.get(pk=first.pk).cancelled_by == "offer_expired"
    with pytest.raises(services.SignUpError) as refusal:
        services.accept_offer(registration=first)
    assert refusal.value.code == "offer_expired"


def test_expiring_offers_twice_changes_nothing_more(camp_session):
    confirmed = fill(camp_session, 10)
    sign_up(camp_session, child("A", "Pierwsza"), email="a@example.com")
    services.cancel(registration=confirmed[-1])
    later = timezone.now() + datetime.timedelta(hours=49)

    assert services.expire_offers(now=later) == 1
    assert services.expire_offers(now=later) == 0
    assert Quota.objects.get().taken == 9


def test_staff_can_offer_places_by_hand_out_of_turn(camp_session):
    Session.objects.filter(pk=camp_session.pk).update(capacity=12)
    Quota.objects.update(capacity=12)
    fill(camp_session, 10)
    Quota.objects.update(capacity=10)
    sign_up(camp_session, child("A", "Pierwsza"), email="a@example.com")
    second = sign_up(camp_session, child("B", "Druga"), email="b@example.com")
    Quota.objects.update(capacity=11)

    services.offer_places(registration=second)

    assert statuses(second) == [Status.OFFERED]


def test_staff_cannot_offer_places_that_are_not_free(camp_session):
    fill(camp_session, 10)
    waiting = sign_up(camp_session, child("A", "Pierwsza"), email="a@example.com")

    with pytest.raises(services.SignUpError) as refusal:
        services.offer_places(registration=waiting)

    assert refusal.value.code == "full"


def test_more_places_are_offered_to_the_waiting_list(camp_session):
    fill(camp_session, 10)
    waiting = sign_up(camp_session, *family(2, "Czeka"), email="czeka@example.com")

    services.change_capacity(quota=Quota.objects.get(), capacity=12)

    assert statuses(waiting) == [Status.OFFERED]
    assert Session.objects.get(pk=camp_session.pk).places == 12


def test_places_cannot_go_below_those_taken(camp_session):
    fill(camp_session, 6)

    with pytest.raises(services.SignUpError) as refusal:
        services.change_capacity(quota=Quota.objects.get(), capacity=5)

    assert refusal.value.field == "capacity"
    assert Quota.objects.get().capacity == 10


def test_publishing_other_places_leaves_the_quota_as_it_is(camp, camp_session):
    """Once a session has a quota, its places are staff's: a number in a published
    page's session row does not change them (the page editor shows them read-only)."""
    fill(camp_session, 10)
    waiting = sign_up(camp_session, child("Ołena", "Czeka"), email="czeka@example.com")
    session = camp.sessions.get()
    session.capacity = 11
    camp.sessions = [session]

    camp.save_revision().publish()

    assert statuses(waiting) == [Status.WAITING]
    assert Quota.objects.get().capacity == 10


def test_a_new_capacity_survives_the_next_publish_of_the_page(camp, camp_session):
    """Places changed by staff are the quota's, which no publish of the page changes."""
    camp.save_revision().publish()
    services.change_capacity(quota=Quota.objects.get(), capacity=14)

    editor_copy = EventPage.objects.get(pk=camp.pk).get_latest_revision_as_object()
    editor_copy.save_revision().publish()

    assert Session.objects.get(pk=camp_session.pk).places == 14
    assert Quota.objects.get().capacity == 14


def test_publishing_an_older_draft_brings_back_neither_the_places_nor_the_session(
    camp, camp_session
):
    """Why places and cancellations are not kept in the page's session rows: a draft
    saved before staff changed them would bring the old ones back when published."""
    camp.save_revision().publish()
    older_draft = EventPage.objects.get(pk=camp.pk).save_revision()
    registration = sign_up(camp_session, child("Iwan"))
    services.change_capacity(quota=Quota.objects.get(), capacity=14)
    services.cancel_session(session=camp_session, note="Awaria ogrzewania")

    older_draft.publish()

    session = Session.objects.get(translation_key=camp_session.translation_key)
    assert session.places == 14
    assert session.is_cancelled
    assert session.note.text == "Awaria ogrzewania"
    assert Quota.objects.get().capacity == 14
    assert statuses(registration) == [Status.CANCELLED]


def test_a_scheduled_publish_brings_back_neither_the_places_nor_the_session(camp, camp_session):
    """The same for a revision scheduled before staff's changes and published after them."""
    camp.save_revision().publish()
    scheduled = EventPage.objects.get(pk=camp.pk).save_revision(
        approved_go_live_at=timezone.now() + datetime.timedelta(hours=1)
    )
    scheduled.publish()  # Wagtail keeps it for later: its go-live time is to come.
    services.change_capacity(quota=Quota.objects.get(), capacity=14)
    services.cancel_session(session=camp_session, note="Awaria ogrzewania")

    # Its time comes.
    Revision.objects.filter(pk=scheduled.pk).update(
        approved_go_live_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled")

    camp.refresh_from_db()
    assert camp.live_revision_id == scheduled.pk
    session = Session.objects.get(translation_key=camp_session.translation_key)
    assert (session.places, session.is_cancelled) == (14, True)
    assert Quota.objects.get().capacity == 14


def test_cancelling_a_session_cancels_it_in_every_language(camp, camp_session, locales):
    ukrainian = translated(camp, locales["uk"])
    registration = sign_up(camp_session, child("Iwan"))

    services.cancel_session(session=camp_session, note="Awaria ogrzewania")

    assert [
        session.is_cancelled
        for session in Session.objects.filter(translation_key=camp_session.translation_key)
    ] == [True, True]
    # Staff wrote the note in Polish only: Ukrainian readers get it, marked as Polish.
    with translation.override("uk"):
        note = ukrainian.sessions.get().note
    assert (note.text, note.in_source_language) == ("Awaria ogrzewania", True)
    assert statuses(registration) == [Status.CANCELLED]
    assert Registration.objects.get().cancelled_by == "session_cancelled"


# Self-service (the private link's views are tested in tests/signups/test_views.py)


def test_cancelling_one_child_keeps_the_siblings(camp_session):
    registration = sign_up(camp_session, child("Iwan"), child("Maria"))

    services.cancel(registration=registration, participant=registration.participants.first())

    registration.refresh_from_db()
    assert registration.status == Status.CONFIRMED
    assert registration.places == 1
    assert [str(p) for p in registration.active_participants()] == ["Maria Kowalenko"]
    assert Quota.objects.get().taken == 1


def test_cancelling_the_last_child_cancels_the_sign_up(camp_session):
    registration = sign_up(camp_session, child("Iwan"))

    services.cancel(registration=registration, participant=registration.participants.get())

    assert statuses(registration) == [Status.CANCELLED]
    assert Quota.objects.get().taken == 0


def test_a_child_cancelled_already_never_takes_the_last_one_with_it(camp_session):
    """A stale form, the family's or staff's: the child left stays signed up."""
    registration = sign_up(camp_session, child("Iwan"), child("Maria"))
    iwan, maria = registration.participants.order_by("first_name")
    services.cancel(registration=registration, participant=iwan)

    with pytest.raises(services.SignUpError):
        services.cancel(registration=registration, participant=iwan)

    maria.refresh_from_db()
    assert maria.cancelled_at is None
    assert statuses(registration) == [Status.CONFIRMED]
    assert Quota.objects.get().taken == 1


def test_leaving_the_waiting_list_frees_no_places(camp_session):
    fill(camp_session, 10)
    waiting = sign_up(camp_session, child("Ołena", "Czeka"), email="czeka@example.com")

    services.cancel(registration=waiting)

    assert statuses(waiting) == [Status.CANCELLED]
    assert Quota.objects.get().taken == 10


def test_a_cancelled_sign_up_cannot_be_cancelled_again(camp_session):
    registration = sign_up(camp_session, child("Iwan"))
    services.cancel(registration=registration)

    with pytest.raises(services.SignUpError):
        services.cancel(registration=registration)

    assert Quota.objects.get().taken == 0


def test_every_private_link_is_different_and_long(camp_session):
    first = sign_up(camp_session, child("Iwan"))
    second = sign_up(camp_session, child("Maria"), email="tata@example.com")

    assert first.token != second.token
    assert len(first.token) >= 43  # 256 random bits


# Consents


def test_consents_are_recorded_with_their_version_and_time(camp_session):
    registration = sign_up(camp_session, child("Iwan", photo_consent=True), child("Maria"))

    iwan, maria = registration.participants.all()
    assert registration.data_consent_version == "2026-01"
    assert registration.data_consent_at == registration.created_at
    assert (iwan.photo_consent, iwan.photo_consent_at) == (True, registration.created_at)
    assert (maria.photo_consent, maria.photo_consent_at) == (False, None)


def test_photo_consent_can_be_withdrawn_and_the_time_is_kept(camp_session):
    registration = sign_up(camp_session, child("Iwan", photo_consent=True))
    participant = registration.participants.get()

    services.withdraw_photo_consent(participant=participant)

    participant.refresh_from_db()
    assert participant.photo_consent is False
    assert participant.photo_consent_withdrawn_at is not None


# Sessions without sign-up, and the listing


def test_a_session_without_places_takes_no_sign_up(calendar_page):
    page = EventPageFactory(parent=calendar_page)
    session = SessionFactory(page=page, locale=page.locale, capacity=None)

    with pytest.raises(services.SignUpError) as refusal:
        sign_up(session, child("Iwan"))

    assert refusal.value.code == "no_sign_up"


def test_the_calendar_shows_places_left_after_sign_ups(client, calendar_page, camp_session):
    fill(camp_session, 7)

    response = client.get(calendar_page.url)

    content = response.content.decode()
    assert "3 wolne miejsca" in content
    assert "10 wolnych miejsc" not in content


def test_the_places_filter_hides_full_sessions(client, calendar_page, camp_session):
    fill(camp_session, 10)

    response = client.get(calendar_page.url, {"places": "on"})

    assert "Półkolonie w Kaliszu" not in response.content.decode()
