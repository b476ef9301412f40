"""The blank sign-up form from the shared cache (signups.form_cache): to whom, with what, until when."""

import datetime
import re
from unittest import mock

import pytest

from django.contrib.messages.storage.cookie import CookieStorage
from django.test import Client
from django.utils import timezone

from wagtail.models import PageViewRestriction

from events.models import Session
from signups import form_cache, services
from signups.models import Registration
from tests.signups.utils import child, form_data, form_url, sign_up
from tests.utils import page_text, translated_plural, translated_text

pytestmark = pytest.mark.django_db

BOUND = 2  # CIC_SIGN_UP_FORM_CACHE_SECONDS in these tests


@pytest.fixture(autouse=True)
def form_cache_on(settings):
    settings.CIC_SIGN_UP_FORM_CACHE_SECONDS = BOUND


@pytest.fixture
def url(camp, camp_session):
    return form_url(camp, camp_session)


@pytest.fixture
def stored(client, commit, url):
    """GET the blank form twice as a new visitor: the second answer comes from the cache."""

    def get():
        commit()
        client.cookies.clear()
        client.get(url)
        commit()
        client.cookies.clear()
        response = client.get(url)
        assert response.status_code == 200
        return response

    return get


def csrf_token(response):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode())[1]


def submission_key(response):
    return re.search(r'name="submission_key" value="([^"]+)"', response.content.decode())[1]


def without_holes(response):
    """The page with this visitor's token and key taken out."""
    return (
        response.content.decode()
        .replace(csrf_token(response), "TOKEN")
        .replace(submission_key(response), "KEY")
    )


def places_left(count):
    return translated_plural(
        "%(places)s place left", "%(places)s places left", count, places=count
    )


def clock_at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def test_a_new_visitor_gets_the_stored_form_without_a_query(
    client, stored, url, django_assert_num_queries
):
    first = stored()
    client.cookies.clear()

    with django_assert_num_queries(0):
        again = client.get(url)

    assert again.status_code == 200
    assert without_holes(again) == without_holes(first)


def test_each_visitor_gets_a_csrf_token_and_cookie_and_a_submission_key_of_their_own(
    client, stored, url
):
    first = stored()
    client.cookies.clear()

    again = client.get(url)

    assert again.cookies["csrftoken"].value
    assert csrf_token(again) != csrf_token(first)
    assert submission_key(again) != submission_key(first)
    for hole in (form_cache.CSRF_TOKEN_HOLE, form_cache.SUBMISSION_KEY_HOLE):
        assert hole not in again.content.decode()


def test_the_stored_form_can_be_sent(stored, url):
    """With the CSRF checks a browser meets: the token put in matches the cookie set."""
    browser = Client(enforce_csrf_checks=True)
    stored()
    form = browser.get(url)
    assert form.context is None  # from the cache, not built for this visitor

    data = form_data(csrfmiddlewaretoken=csrf_token(form), submission_key=submission_key(form))
    response = browser.post(url, data)

    assert response.status_code == 303
    assert Registration.objects.get().submission_key.hex == submission_key(form).replace("-", "")


def test_a_form_sent_with_errors_is_built_for_the_visitor(client, stored, url):
    stored()

    response = client.post(url, form_data(email="not an address"))

    assert response.status_code == 400
    assert translated_text("Please check the form") in page_text(response)


def test_a_form_with_errors_is_never_stored(client, commit, url):
    commit()
    client.post(url, form_data(email="not an address"))
    client.cookies.clear()

    response = client.get(url)

    assert response.context is not None  # built
    assert translated_text("Please check the form") not in page_text(response)


def test_a_signed_in_user_never_gets_the_stored_form_nor_leaves_theirs(
    client, stored, url, admin_client
):
    stored()
    admins = admin_client.get(url)
    assert admins.context is not None  # built for them

    client.cookies.clear()
    visitors = client.get(url)
    assert visitors.context is None
    assert 'class="w-userbar' not in visitors.content.decode()


def test_a_visitor_with_a_session_or_messages_is_not_answered_from_the_cache(client, stored, url):
    stored()
    client.cookies[CookieStorage.cookie_name] = "anything"
    assert client.get(url).context is not None

    client.cookies.clear()
    client.cookies["sessionid"] = "anything"
    assert client.get(url).context is not None


def test_a_query_string_is_not_answered_from_the_cache(client, stored, url):
    stored()
    client.cookies.clear()

    assert client.get(url + "?from=newsletter").context is not None


def test_the_cache_can_be_turned_off(client, stored, url, settings):
    stored()
    settings.CIC_SIGN_UP_FORM_CACHE_SECONDS = 0
    client.cookies.clear()

    assert client.get(url).context is not None


# Places: at most the stated bound old


def test_after_a_sign_up_the_stored_form_is_at_most_the_bound_old(
    client, stored, commit, url, camp_session
):
    assert places_left(10) in page_text(stored())
    sign_up(camp_session, child("Marta"), child("Ivan"))
    commit()
    client.cookies.clear()
    within = page_text(client.get(url))

    later = timezone.now() + datetime.timedelta(seconds=BOUND)
    client.cookies.clear()
    with clock_at(later):
        after = page_text(client.get(url))

    assert places_left(10) in within  # stated: places may be BOUND seconds old
    assert places_left(8) in after


def test_a_form_built_after_a_sign_up_shows_its_places_and_is_kept(
    client, stored, commit, url, camp_session
):
    stored()
    sign_up(camp_session, child("Marta"), child("Ivan"))
    commit()
    later = timezone.now() + datetime.timedelta(seconds=BOUND)
    client.cookies.clear()
    with clock_at(later):
        rebuilt = client.get(url)
        client.cookies.clear()
        again = client.get(url)

    assert places_left(8) in page_text(rebuilt)
    assert rebuilt.context is not None and again.context is None


def test_a_full_session_shows_as_full_once_the_bound_has_passed(
    client, stored, commit, url, camp_session
):
    stored()
    quota = services.quota_for(camp_session)
    services.change_capacity(quota=quota, capacity=0)
    commit()

    later = timezone.now() + datetime.timedelta(seconds=BOUND)
    client.cookies.clear()
    with clock_at(later):
        after = client.get(url)

    assert places_left(10) not in page_text(after)


def test_the_sign_up_itself_is_decided_on_the_places_of_now(
    client, stored, commit, url, camp_session
):
    """A form shown with places that went meanwhile still puts the family on the waiting
    list (or refuses it): what is shown may be old, what is decided never is."""
    stored()
    quota = services.quota_for(camp_session)
    services.change_capacity(quota=quota, capacity=1)
    commit()
    client.cookies.clear()
    form = client.get(url)
    assert places_left(10) in page_text(form)

    response = client.post(url, form_data(("Iwan", "Kowalenko", 8), ("Maria", "Kowalenko", 8)))

    quota.refresh_from_db()
    assert response.status_code == 303
    assert quota.taken == 0
    assert Registration.objects.get().status == "waiting"


# Content and time: at once


def test_a_published_change_shows_at_once(client, stored, commit, url, camp):
    stored()
    camp.title = "Półkolonie letnie"
    camp.save_revision().publish()
    commit()
    client.cookies.clear()

    assert "Półkolonie letnie" in page_text(client.get(url))


def test_an_unpublished_programme_has_no_form_at_once(client, stored, commit, url, camp):
    stored()
    camp.unpublish()
    commit()
    client.cookies.clear()

    assert client.get(url).status_code == 404


def test_a_programme_made_private_has_no_form_for_visitors_at_once(
    client, stored, commit, url, camp
):
    stored()
    PageViewRestriction.objects.create(page=camp, restriction_type="login")
    commit()
    client.cookies.clear()

    assert client.get(url).status_code == 404


def test_the_stored_form_expires_when_sign_up_closes(client, stored, url, camp_session):
    closes = timezone.now() + datetime.timedelta(hours=2)
    Session.objects.filter(pk=camp_session.pk).update(registration_closes_at=closes)
    before = stored()

    client.cookies.clear()
    with clock_at(closes):
        after = client.get(url)

    assert 'name="csrfmiddlewaretoken"' in before.content.decode()
    assert 'name="csrfmiddlewaretoken"' not in after.content.decode()
    assert after.context is not None


def test_the_stored_form_expires_when_sign_up_opens(client, stored, url, camp_session):
    opens = timezone.now() + datetime.timedelta(hours=2)
    Session.objects.filter(pk=camp_session.pk).update(registration_opens_at=opens)
    before = stored()

    client.cookies.clear()
    with clock_at(opens + datetime.timedelta(seconds=1)):
        after = client.get(url)

    assert 'name="csrfmiddlewaretoken"' not in before.content.decode()
    assert 'name="csrfmiddlewaretoken"' in after.content.decode()
