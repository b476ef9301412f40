"""
One lock order for every sign-up operation, and a wait for a lock that ends.

Every service locks the session's places (the quota row) before it writes
anything else, so two staff members changing one session at the same moment
queue instead of deadlocking; and a lock held too long answers "busy, try
again" (503) instead of a request that waits for ever. Sleeps injected between
a service's steps widen the window in which the other request runs.
"""

import threading
import time

import pytest

from django.db import connection, transaction
from django.test import override_settings

from events.models import Quota, Session
from signups import services
from signups.models import Registration
from tests.signups.utils import child, form_data, form_url, sign_up
from tests.utils import run_together

pytestmark = [
    pytest.mark.usefixtures("places_add_up"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite takes one write lock per transaction: no lock order, no lock timeout "
    "(CI runs these in its PostgreSQL pass)",
)


def slowed_down(function, seconds=0.5):
    """`function`, followed by a pause while its transaction keeps what it locked."""

    def slow(*args, **kwargs):
        result = function(*args, **kwargs)
        time.sleep(seconds)
        return result

    return slow


def test_changing_the_places_and_cancelling_the_session_at_once_both_finish(
    camp_session, monkeypatch
):
    """Staff change the places and another cancels the session, at the same moment.

    With two lock orders (places then the cancellation, the cancellation then
    places) the two transactions would wait for each other and PostgreSQL would
    kill one of them.
    """
    sign_up(camp_session, child("Iwan"))
    monkeypatch.setattr(services, "_locked_quota", slowed_down(services._locked_quota))
    monkeypatch.setattr(services, "_locked_quota_of", slowed_down(services._locked_quota_of))
    quota = Quota.objects.get()

    failures = run_together(
        [
            lambda: services.change_capacity(quota=quota, capacity=12),
            lambda: services.cancel_session(session=camp_session, note="Awaria"),
        ]
    )

    assert failures == [None, None]
    assert [session.is_cancelled for session in Session.objects.all()] == [True]
    quota.refresh_from_db()
    assert (quota.capacity, quota.taken) == (12, 0)


@only_on_postgresql
def test_a_sign_up_waiting_longer_than_the_lock_timeout_is_told_to_try_again(
    client, camp, camp_session
):
    quota = services.quota_for(camp_session)
    locked, release = threading.Event(), threading.Event()

    def hold_the_places():
        with transaction.atomic():
            Quota.objects.select_for_update().get(pk=quota.pk)
            locked.set()
            release.wait(timeout=10)

    holder = threading.Thread(target=lambda: run_together([hold_the_places]))
    holder.start()
    try:
        locked.wait(timeout=10)
        started = time.monotonic()
        with override_settings(CIC_LOCK_TIMEOUT_SECONDS=0.5):
            response = client.post(form_url(camp, camp_session), form_data())
        waited = time.monotonic() - started
    finally:
        release.set()
        holder.join()

    assert response.status_code == 503
    assert response["Retry-After"]
    assert waited < 5
    assert not Registration.objects.exists()
