"""The sign-up form's rate limits counted in one round trip to Redis (signups.rate_limits).

These run against the Redis at ``CIC_TEST_REDIS_URL`` (database 14 of the local one
by default), each test under a key prefix of its own; without it they skip on a laptop
and fail in CI (``CIC_REQUIRE_ALL_TESTS``).
"""

import os
import uuid

import pytest
import redis
from django_ratelimit.core import get_usage

from django.conf import settings
from django.core.cache import caches
from django.test import RequestFactory, override_settings

from signups import rate_limits
from signups.models import Registration
from tests.signups.utils import form_data, form_url
from tests.utils import skip_unless_available

REDIS_URL = os.environ.get("CIC_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


def redis_reachable():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        return False


@pytest.fixture
def redis_cache():
    """The default cache is Redis, under a key prefix of this test's own."""
    skip_unless_available(redis_reachable(), f"no Redis at {REDIS_URL}")
    prefix = f"cic-test-{uuid.uuid4().hex}"
    backend = {"BACKEND": "cic_site.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}
    # The other aliases (the kept values in front of it) as they are.
    with override_settings(CACHES={**settings.CACHES, "default": backend}):
        yield caches["default"]
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)


def post(address="10.0.0.1"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def ratelimit_usage(request, limit, increment=False):
    """What django-ratelimit itself says of `limit`."""
    return get_usage(
        request,
        group=limit.group,
        key=limit.key,
        rate=limit.rate,
        method="POST",
        increment=increment,
    )


@override_settings(CIC_SIGN_UP_FORM_RATE_PER_IP="3/h", CIC_SIGN_UP_RATE_PER_IP="2/m")
def test_counters_are_the_ones_django_ratelimit_counts_in(redis_cache):
    request = post()
    form_posts, by_address = rate_limits.FORM_POSTS, rate_limits.SIGN_UPS_BY_ADDRESS

    first = rate_limits.usages(request, [(form_posts, True), (by_address, False)])
    ratelimit_usage(request, form_posts, increment=True)
    ratelimit_usage(request, by_address, increment=True)
    second = rate_limits.usages(request, [(form_posts, True), (by_address, False)])

    assert [(usage["count"], usage["limit"]) for usage in first] == [(1, 3), (0, 2)]
    assert [(usage["count"], usage["limit"]) for usage in second] == [(3, 3), (1, 2)]
    theirs = [ratelimit_usage(request, form_posts), ratelimit_usage(request, by_address)]
    for ours, its in zip(second, theirs, strict=True):
        assert (ours["count"], ours["limit"], ours["should_limit"]) == (
            its["count"],
            its["limit"],
            its["should_limit"],
        )
        # Read a moment apart, on either side of a second's turn maybe.
        assert abs(ours["time_left"] - its["time_left"]) <= 1
    assert 0 < second[0]["time_left"] <= 3600
    assert 0 < second[1]["time_left"] <= 60


def test_a_counter_made_by_reading_it_expires_with_its_window(redis_cache):
    request = post()
    limit = rate_limits.sign_ups_by_email(" Olena@Example.com ")

    (usage,) = rate_limits.usages(request, [(limit, False)])

    key, _window_end, period, _allowed = rate_limits.window(request, limit)
    client = redis.Redis.from_url(REDIS_URL)
    assert usage["count"] == 0
    assert 0 < client.ttl(redis_cache.make_and_validate_key(key)) <= period + 5
    # The e-mail as the key, trimmed and in lower case, as before.
    same = rate_limits.sign_ups_by_email("olena@example.com")
    assert rate_limits.window(request, same)[0] == key


def test_each_address_and_e_mail_has_its_own_counter(redis_cache):
    olena = rate_limits.sign_ups_by_email("olena@example.com")
    taras = rate_limits.sign_ups_by_email("taras@example.com")

    rate_limits.usages(post("10.0.0.1"), [(rate_limits.SIGN_UPS_BY_ADDRESS, True), (olena, True)])

    counts = [
        usage["count"]
        for usage in rate_limits.usages(
            post("10.0.0.2"), [(rate_limits.SIGN_UPS_BY_ADDRESS, False), (taras, False)]
        )
    ]
    assert counts == [0, 0]


@override_settings(RATELIMIT_ENABLE=False)
def test_rate_limiting_off_counts_nothing(redis_cache):
    assert rate_limits.usages(post(), [(rate_limits.FORM_POSTS, True)]) == [None]


# The form's limits, with Redis as in production (tests/signups/test_forms.py has them all
# with the memory cache).


@pytest.mark.django_db
@override_settings(CIC_SIGN_UP_RATE_PER_IP="2/h")
def test_with_redis_too_many_sign_ups_from_one_address_get_429(
    redis_cache, client, camp, camp_session
):
    url = form_url(camp, camp_session)
    for number in range(2):
        data = form_data((f"Dziecko{number}", "Kowalenko", 8), email=f"{number}@example.com")
        assert client.post(url, data).status_code == 303

    response = client.post(url, form_data(email="olena@example.com"))

    assert response.status_code == 429
    assert Registration.objects.count() == 2


@pytest.mark.django_db
@override_settings(CIC_SIGN_UP_RATE_PER_EMAIL="1/h")
def test_with_redis_corrections_and_double_submits_do_not_count(
    redis_cache, client, camp, camp_session
):
    url = form_url(camp, camp_session)
    wrong = form_data()
    del wrong["data_consent"]
    assert client.post(url, wrong).status_code == 400
    data = form_data()

    first = client.post(url, data)
    again = client.post(url, data)
    another = client.post(url, form_data(("Taras", "Kowalenko", 9)))

    assert first.status_code == again.status_code == 303
    assert again["Location"] == first["Location"]
    assert another.status_code == 429
    assert Registration.objects.count() == 1


@pytest.mark.django_db
@override_settings(CIC_SIGN_UP_FORM_RATE_PER_IP="2/h")
def test_with_redis_every_post_counts_against_the_address(redis_cache, client, camp, camp_session):
    url = form_url(camp, camp_session)
    client.post(url, form_data(add_participant="1"))
    client.post(url, form_data(add_participant="1"))

    response = client.post(url, form_data(add_participant="1"))

    assert response.status_code == 429
    assert not Registration.objects.exists()
