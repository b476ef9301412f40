"""
The waiting list's fairness rule (README, "The waiting list"), with families of
different sizes.

While anyone waits, free places belong to the waiting list: newcomers join it
behind those already waiting. A family that does not fit the free places may be
passed over once, by a smaller family behind it; from then on the places are
kept for it until enough are free.
"""

import datetime

import pytest

from django.core import mail
from django.utils import timezone

from events.models import Quota, Session
from signups import services
from signups.models import Registration
from tests.signups.utils import child, sign_up

pytestmark = pytest.mark.django_db

Status = Registration.Status


def family(size, last_name):
    return [child(f"Dziecko{i}", last_name=last_name) for i in range(size)]


def confirmed_singles(session, count):
    """`count` confirmed sign-ups of one child each: places that can be freed one by one."""
    return [
        sign_up(session, child("Jan", f"Zapisany{n}"), email=f"zapisany{n}@example.com")
        for n in range(count)
    ]


def waiting(session, size, last_name):
    registration = sign_up(
        session, *family(size, last_name), email=f"{last_name.lower()}@example.com"
    )
    assert registration.status == Status.WAITING
    return registration


def statuses(*registrations):
    return [Registration.objects.get(pk=r.pk).status for r in registrations]


def public_places_left(session):
    return Session.objects.get(pk=session.pk).places_left


@pytest.fixture
def full_camp(camp_session):
    """The camp's ten places taken by ten single children."""
    return confirmed_singles(camp_session, 10)


def test_a_freed_place_that_fits_nobody_is_kept_for_the_waiting_list(camp_session, full_camp):
    """Before, the place showed as "1 place left" and a newcomer with one child took it."""
    first, second, third = (
        waiting(camp_session, 2, "Bondarenko"),
        waiting(camp_session, 3, "Szewczenko"),
        waiting(camp_session, 2, "Melnyk"),
    )

    services.cancel(registration=full_camp[0])

    assert statuses(first, second, third) == [Status.WAITING] * 3
    assert Quota.objects.get().free == 1
    assert public_places_left(camp_session) == 0
    newcomer = sign_up(camp_session, child("Nowy", "Nowak"), email="nowy@example.com")
    assert newcomer.status == Status.WAITING
    assert newcomer.waiting_position() == 4
    assert Quota.objects.get().taken == 9


def test_a_freed_place_goes_to_a_smaller_family_once_then_is_kept_for_the_first(
    camp_session, full_camp
):
    """Three waiting, places freed one at a time: the first family is passed over only once."""
    big = waiting(camp_session, 2, "Bondarenko")
    small = waiting(camp_session, 1, "Szewczenko")
    smaller_still = waiting(camp_session, 1, "Melnyk")

    services.cancel(registration=full_camp[0])

    assert statuses(big, small, smaller_still) == [Status.WAITING, Status.OFFERED, Status.WAITING]

    services.cancel(registration=full_camp[1])  # fits the last family, but is kept for the first

    assert statuses(big, small, smaller_still) == [Status.WAITING, Status.OFFERED, Status.WAITING]
    assert Quota.objects.get().free == 1

    services.cancel(registration=full_camp[2])  # two free: enough for the first in line

    assert statuses(big, small, smaller_still) == [Status.OFFERED, Status.OFFERED, Status.WAITING]
    assert Quota.objects.get().free == 0


def test_places_freed_together_go_to_every_family_behind_that_fits(camp_session):
    confirmed_singles(camp_session, 8)
    pair = sign_up(camp_session, *family(2, "Para"), email="para@example.com")
    big = waiting(camp_session, 3, "Bondarenko")
    first_small = waiting(camp_session, 1, "Szewczenko")
    second_small = waiting(camp_session, 1, "Melnyk")

    services.cancel(registration=pair)

    assert statuses(big, first_small, second_small) == [
        Status.WAITING,
        Status.OFFERED,
        Status.OFFERED,
    ]


def test_a_place_freed_after_the_first_was_passed_over_is_kept_for_it(camp_session, full_camp):
    big = waiting(camp_session, 3, "Bondarenko")
    first_small = waiting(camp_session, 1, "Szewczenko")
    second_small = waiting(camp_session, 1, "Melnyk")
    services.cancel(registration=full_camp[0])

    services.cancel(registration=full_camp[1])

    assert statuses(big, first_small, second_small) == [
        Status.WAITING,
        Status.OFFERED,
        Status.WAITING,
    ]
    assert Quota.objects.get().free == 1


def test_places_added_together_are_shared_in_one_round(camp_session, full_camp):
    big = waiting(camp_session, 3, "Bondarenko")
    first_small = waiting(camp_session, 1, "Szewczenko")
    second_small = waiting(camp_session, 1, "Melnyk")

    services.change_capacity(quota=Quota.objects.get(), capacity=12)

    assert statuses(big, first_small, second_small) == [
        Status.WAITING,
        Status.OFFERED,
        Status.OFFERED,
    ]


def test_raising_the_capacity_offers_the_kept_places_to_the_first_in_line(camp_session, full_camp):
    big = waiting(camp_session, 3, "Bondarenko")
    behind = waiting(camp_session, 2, "Szewczenko")
    services.cancel(registration=full_camp[0])  # one place, kept: it fits nobody
    assert statuses(big, behind) == [Status.WAITING, Status.WAITING]

    services.change_capacity(quota=Quota.objects.get(), capacity=11)  # two free: still kept

    assert statuses(big, behind) == [Status.WAITING, Status.WAITING]
    assert public_places_left(camp_session) == 0

    services.change_capacity(quota=Quota.objects.get(), capacity=12)  # three: the first fits

    assert statuses(big, behind) == [Status.OFFERED, Status.WAITING]


def test_an_expired_offer_passes_its_places_down_the_list_and_keeps_the_rest(camp_session):
    confirmed_singles(camp_session, 8)
    pair = sign_up(camp_session, *family(2, "Para"), email="para@example.com")
    first = waiting(camp_session, 2, "Bondarenko")
    small = waiting(camp_session, 1, "Szewczenko")
    bigger = waiting(camp_session, 2, "Melnyk")
    now = timezone.now()
    services.cancel(registration=pair, now=now)
    assert statuses(first, small, bigger) == [Status.OFFERED, Status.WAITING, Status.WAITING]

    services.expire_offers(now=now + datetime.timedelta(hours=49))

    assert statuses(first, small, bigger) == [Status.CANCELLED, Status.OFFERED, Status.WAITING]
    # One place left over, kept for the family of two; a newcomer waits behind it.
    assert Quota.objects.get().free == 1
    newcomer = sign_up(camp_session, child("Nowy", "Nowak"), email="nowy@example.com")
    assert newcomer.status == Status.WAITING


def test_when_the_first_in_line_leaves_its_kept_places_go_to_the_next(camp_session, full_camp):
    big = waiting(camp_session, 3, "Bondarenko")
    behind = waiting(camp_session, 2, "Szewczenko")
    for registration in full_camp[:2]:
        services.cancel(registration=registration)
    assert statuses(big, behind) == [Status.WAITING, Status.WAITING]

    services.cancel(registration=big)  # leaves the waiting list

    assert statuses(behind) == [Status.OFFERED]


def test_a_family_bigger_than_the_session_holds_up_nobody(camp_session, full_camp):
    too_big = waiting(camp_session, 11, "Bondarenko")
    small = waiting(camp_session, 1, "Szewczenko")

    services.cancel(registration=full_camp[0])
    services.cancel(registration=full_camp[1])

    assert statuses(too_big, small) == [Status.WAITING, Status.OFFERED]
    assert Quota.objects.get().free == 1


def test_a_family_that_does_not_fit_the_places_left_has_them_kept_for_it(camp_session):
    """Nobody waited: the family of two waits for one more place, the one left is kept for it."""
    confirmed_singles(camp_session, 9)
    pair = sign_up(camp_session, *family(2, "Bondarenko"), email="para@example.com")

    single = sign_up(camp_session, child("Nowy", "Nowak"), email="nowy@example.com")

    assert statuses(pair, single) == [Status.WAITING, Status.WAITING]
    assert public_places_left(camp_session) == 0


def test_newcomers_wait_behind_and_are_offered_in_turn(camp_session, full_camp):
    pair = waiting(camp_session, 2, "Bondarenko")
    services.cancel(registration=full_camp[0])  # kept for the pair
    newcomer = sign_up(camp_session, child("Nowy", "Nowak"), email="nowy@example.com")

    services.cancel(registration=full_camp[1])
    services.cancel(registration=full_camp[2])

    assert statuses(pair, newcomer) == [Status.OFFERED, Status.OFFERED]


def test_the_first_in_line_is_e_mailed_the_offer_once_enough_places_are_free(
    camp_session, full_camp, django_capture_on_commit_callbacks
):
    big = waiting(camp_session, 2, "Bondarenko")

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=full_camp[0])
    assert [m for m in mail.outbox if m.to == [big.email]] == []

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel(registration=full_camp[1])
    [offer] = [m for m in mail.outbox if m.to == [big.email]]
    assert Registration.objects.get(pk=big.pk).token in offer.body
