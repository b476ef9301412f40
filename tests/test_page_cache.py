"""The anonymous page cache (cic_site.page_cache): what it answers, to whom, and until when."""

import datetime
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
import recurrence

from django import forms
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.template.response import TemplateResponse
from django.test import RequestFactory
from django.utils import timezone

from wagtail.models import PageViewRestriction

from cic_site.page_cache import CONTENT, PAGES, PageCacheMiddleware, page_key, pages_changed
from events.models import Session
from signups import services
from tests.events.factories import EventPageFactory, SessionFactory
from tests.events.utils import in_days
from tests.home.factories import StandardPageFactory
from tests.signups.utils import child, form_url, sign_up
from tests.utils import page_text, translated_plural, translated_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(client, commit):
    """GET a page so that the answer is stored; returns the answer.

    The first view of a page may write what is made on first use (the site's
    settings, an image's rendition), which starts a new generation: that view comes
    first, then the one that is stored.
    """

    def get(url, **kwargs):
        commit()
        client.get(url, **kwargs)
        commit()
        response = client.get(url, **kwargs)
        assert response.status_code == 200
        return response

    return get


def places_left(count):
    return translated_plural(
        "%(places)s place left", "%(places)s places left", count, places=count
    )


def directives(response):
    return {directive.strip() for directive in response["Cache-Control"].split(",")}


def clock_at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


# Hits


def test_a_repeat_visit_is_answered_from_the_cache_without_a_query(
    client, cached, camp, django_assert_num_queries
):
    first = cached(camp.url)

    with django_assert_num_queries(0):
        again = client.get(camp.url)

    assert again.status_code == 200
    assert again.content == first.content


def test_a_cached_answer_sets_no_cookie_and_keeps_the_security_headers(client, cached, camp):
    cached(camp.url)

    again = client.get(camp.url)

    assert not again.cookies
    assert again["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in again["Content-Security-Policy"]
    assert again["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert again["X-Content-Type-Options"] == "nosniff"
    assert again["Content-Language"] == "pl"


def test_a_public_page_may_be_kept_by_a_cdn_for_a_minute_and_browsers_ask_again(
    client, cached, camp
):
    assert cached(camp.url)["Cache-Control"] == "public, max-age=0, s-maxage=60"
    assert client.get(camp.url)["Cache-Control"] == "public, max-age=0, s-maxage=60"


def test_a_browser_that_has_the_page_gets_304(client, cached, camp):
    etag = cached(camp.url)["ETag"]

    assert client.get(camp.url, headers={"If-None-Match": etag}).status_code == 304


def test_a_head_request_is_answered_from_the_cache(
    client, cached, camp, django_assert_num_queries
):
    cached(camp.url)

    with django_assert_num_queries(0):
        assert client.head(camp.url).status_code == 200


def test_the_order_of_the_query_string_makes_no_other_page(
    client, cached, calendar_page, camp, django_assert_num_queries
):
    cached(calendar_page.url, query_params={"audience": "children", "centre": ""})

    with django_assert_num_queries(0):
        client.get(calendar_page.url, query_params={"centre": "", "audience": "children"})


def test_the_cache_can_be_turned_off(client, cached, camp, settings):
    settings.CIC_PAGE_CACHE = False
    cached(camp.url)

    # Unannounced, as in SQL; the rows and blocks kept for the content start anew (as
    # they do every CIC_PAGE_CACHE_SECONDS), the pages kept whole keep their generation.
    Session.objects.update(title="Turnus zmieniony")
    CONTENT.start()

    assert "Turnus zmieniony" in page_text(client.get(camp.url))


# Never anything personal


def test_a_signed_in_editor_never_gets_the_cached_page_nor_leaves_theirs(
    client, cached, camp, django_user_model
):
    """The editor's page has Wagtail's user bar, which links to the admin."""
    cached(camp.url)
    editor = django_user_model.objects.create_superuser("editor", "e@example.com", "pass")
    client.force_login(editor)

    theirs = client.get(camp.url)
    client.logout()
    client.cookies.clear()
    visitors = client.get(camp.url)

    assert "/admin/pages/" in theirs.content.decode()
    assert directives(theirs) == {"private", "no-cache"}
    assert "/admin/pages/" not in visitors.content.decode()


def test_an_editors_page_is_not_stored_for_visitors_either(client, commit, camp, admin_user):
    commit()
    client.force_login(admin_user)
    client.get(camp.url)
    client.logout()
    client.cookies.clear()

    assert "/admin/pages/" not in client.get(camp.url).content.decode()


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_a_visitor_with_a_session_or_messages_is_not_answered_from_the_cache(
    client, cached, camp, cookie
):
    cached(camp.url)
    # Unannounced, as in SQL; the rows and blocks kept for the content start anew (as
    # they do every CIC_PAGE_CACHE_SECONDS), the pages kept whole keep their generation.
    Session.objects.update(title="Turnus zmieniony")
    CONTENT.start()
    client.cookies[cookie] = "x"

    response = client.get(camp.url)

    assert "Turnus zmieniony" in page_text(response)
    assert directives(response) == {"private", "no-cache"}


def test_a_page_with_a_csrf_token_is_never_stored(client, commit, home_page):
    """A page kept behind a password shows a form (with its CSRF token) instead."""
    page = StandardPageFactory(parent=home_page, title="Dla partnerów", slug="dla-partnerow")
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="tajne"
    )
    commit()

    first = client.get(page.url)
    client.cookies.clear()
    again = client.get(page.url)

    assert 'name="csrfmiddlewaretoken"' in again.content.decode()
    assert first.content != again.content  # a token of its own
    assert again.cookies["csrftoken"]
    assert "private" in directives(again)


def test_the_sign_up_form_is_never_answered_from_the_cache(client, cached, camp, camp_session):
    cached(form_url(camp, camp_session))
    client.cookies.clear()

    response = client.get(form_url(camp, camp_session))

    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert response.cookies["csrftoken"]


def test_a_page_previewed_in_the_admin_is_never_what_visitors_get(
    client, cached, camp, admin_client
):
    cached(camp.url)
    camp.title = "Półkolonie – szkic"
    draft = camp.save_revision()

    preview = admin_client.get(f"/admin/pages/{camp.pk}/revisions/{draft.pk}/view/")
    client.cookies.clear()

    assert "Półkolonie – szkic" in page_text(preview)
    assert "Półkolonie – szkic" not in page_text(client.get(camp.url))


# Changes people make: each starts a new generation


def test_after_a_sign_up_the_page_shows_the_places_left(
    client, cached, commit, camp, camp_session
):
    assert places_left(10) in page_text(cached(camp.url))

    sign_up(camp_session, child("Marta"), child("Ivan"))
    commit()

    assert places_left(8) in page_text(client.get(camp.url))


def test_after_staff_change_the_places_the_page_shows_them(
    client, cached, commit, camp, camp_session
):
    quota = services.quota_for(camp_session)
    assert places_left(10) in page_text(cached(camp.url))

    services.change_capacity(quota=quota, capacity=14)
    commit()

    assert places_left(14) in page_text(client.get(camp.url))


def test_a_published_change_shows_at_once(client, cached, commit, camp):
    cached(camp.url)

    camp.title = "Półkolonie nad jeziorem"
    camp.save_revision().publish()
    commit()

    assert "Półkolonie nad jeziorem" in page_text(client.get(camp.url))


def test_an_unpublished_page_is_gone_at_once(client, cached, commit, camp):
    cached(camp.url)

    camp.unpublish()
    commit()

    assert client.get(camp.url).status_code == 404


def test_a_moved_page_leads_from_its_old_address_to_its_new_one(
    client, cached, commit, camp, home_page
):
    old_url = camp.url
    cached(old_url)

    camp.move(home_page, pos="last-child")
    commit()
    camp.refresh_from_db()

    assert client.get(old_url).headers["Location"] == camp.url
    assert client.get(camp.url).status_code == 200


def test_a_page_made_private_is_not_shown_from_the_cache(client, cached, commit, camp):
    cached(camp.url)

    PageViewRestriction.objects.create(page=camp, restriction_type=PageViewRestriction.LOGIN)
    commit()

    assert client.get(camp.url).status_code == 302


def test_a_cancelled_session_shows_as_cancelled(client, cached, commit, camp, camp_session):
    cached(camp.url)

    services.cancel_session(session=camp_session, note="Remont biblioteki.")
    commit()

    assert "Remont biblioteki." in page_text(client.get(camp.url))


def test_a_cancelled_date_shows_as_cancelled(client, cached, commit, calendar_page):
    page = EventPageFactory(parent=calendar_page, title="Klub rozmów")
    club = SessionFactory(
        page=page,
        locale=page.locale,
        starts_at=in_days(2, hour=16),
        ends_at=in_days(2, hour=18),
        recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=4)]),
    )
    cached(page.url)

    services.cancel_date(
        session=club, starts_at=in_days(9, hour=16), notes={"pl": "Przerwa świąteczna"}
    )
    commit()

    assert "Przerwa świąteczna" in page_text(client.get(page.url))


def test_a_renamed_venue_shows_at_once(client, cached, commit, camp, kalisz_library):
    cached(camp.url)

    kalisz_library.name = "Miejska Biblioteka w Kaliszu"
    kalisz_library.save()
    commit()

    assert "Miejska Biblioteka w Kaliszu" in page_text(client.get(camp.url))


# Time


def test_a_page_expires_when_sign_up_opens(client, cached, camp, camp_session):
    opens = timezone.now() + datetime.timedelta(hours=2)
    Session.objects.filter(pk=camp_session.pk).update(registration_opens_at=opens)
    before = page_text(cached(camp.url))

    with clock_at(opens + datetime.timedelta(seconds=1)):
        after = page_text(client.get(camp.url))

    assert places_left(10) not in before
    assert places_left(10) in after


def test_a_page_expires_when_sign_up_closes(client, cached, camp, camp_session):
    closes = timezone.now() + datetime.timedelta(hours=2)
    Session.objects.filter(pk=camp_session.pk).update(registration_closes_at=closes)
    cached(camp.url)

    with clock_at(closes):
        after = page_text(client.get(camp.url))

    assert translated_text("Sign-up closed") in after


def test_a_page_is_kept_no_longer_than_the_stated_maximum(client, cached, camp, settings):
    cached(camp.url)
    Session.objects.update(title="Turnus zmieniony")

    later = timezone.now() + datetime.timedelta(seconds=settings.CIC_PAGE_CACHE_SECONDS)
    with clock_at(later):
        assert "Turnus zmieniony" in page_text(client.get(camp.url))


# Bursts


def building(url):
    """Another request is rebuilding the page at `url` (it holds the lock)."""
    key = page_key(RequestFactory().get(url))
    cache.add(key + ":building", True)


def test_while_one_request_rebuilds_a_page_the_others_get_the_previous_body(
    client, cached, camp, django_assert_num_queries
):
    previous = cached(camp.url).content
    Session.objects.update(title="Turnus zmieniony")
    pages_changed()
    building(camp.url)

    with django_assert_num_queries(0):
        during = client.get(camp.url)

    assert during.content == previous
    assert during["Cache-Control"] == "public, max-age=0, s-maxage=0"


def test_the_request_that_rebuilds_stores_the_new_body(client, cached, camp):
    cached(camp.url)
    Session.objects.update(title="Turnus zmieniony")
    pages_changed()

    rebuilt = client.get(camp.url)
    building(camp.url)

    assert "Turnus zmieniony" in page_text(rebuilt)
    assert client.get(camp.url).content == rebuilt.content


def test_the_previous_body_is_not_served_after_its_stated_bound(client, cached, camp, settings):
    cached(camp.url)
    Session.objects.update(title="Turnus zmieniony")
    pages_changed()
    building(camp.url)

    later = timezone.now() + datetime.timedelta(seconds=settings.CIC_PAGE_CACHE_STALE_SECONDS)
    with clock_at(later):
        assert "Turnus zmieniony" in page_text(client.get(camp.url))


def test_the_previous_body_is_not_served_once_its_time_has_come(
    client, cached, camp, camp_session
):
    opens = timezone.now() + datetime.timedelta(seconds=2)
    Session.objects.filter(pk=camp_session.pk).update(registration_opens_at=opens)
    cached(camp.url)
    pages_changed()
    building(camp.url)

    with clock_at(opens):
        assert places_left(10) in page_text(client.get(camp.url))


def test_a_new_generation_is_a_new_token_even_after_the_cache_was_emptied():
    pages_changed()
    first, _started = PAGES.current()
    cache.clear()

    assert PAGES.current()[0] != first


# What makes an answer personal, or not the same for everyone: a view of each kind,
# through the middleware alone


class CountingView:
    """A view that answers `answer(request)` and counts how often it was asked."""

    def __init__(self, answer):
        self.answer = answer
        self.calls = 0

    def __call__(self, request):
        self.calls += 1
        return self.answer(request)


def asked_twice(answer):
    """How often a view was asked for two requests of the same public address."""
    view = CountingView(answer)
    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        request = RequestFactory().get("/pl/strona/")
        request.user = AnonymousUser()
        middleware(request)
    return view.calls


def test_an_answer_the_same_for_everyone_is_rendered_once():
    assert asked_twice(lambda request: HttpResponse("Strona")) == 1


def test_an_answer_that_used_the_csrf_token_is_rendered_each_time():
    def with_token(request):
        return HttpResponse(get_token(request))

    assert asked_twice(with_token) == 2


def test_an_answer_with_a_message_is_rendered_each_time():
    def with_message(request):
        request._messages = CookieStorage(request)
        messages.info(request, "Zapisano.")
        return HttpResponse("Strona")

    assert asked_twice(with_message) == 2


def test_an_answer_with_a_nonce_is_rendered_each_time():
    def with_nonce(request):
        response = HttpResponse("<script nonce='abc'></script>")
        response["Content-Security-Policy"] = "script-src 'self' 'nonce-abc'"
        return response

    assert asked_twice(with_nonce) == 2


def test_an_answer_that_varies_on_the_language_asked_is_rendered_each_time():
    def by_language(request):
        response = HttpResponse("Strona")
        response["Vary"] = "Accept-Language, Cookie"
        return response

    assert asked_twice(by_language) == 2


def test_an_answer_with_form_errors_is_rendered_each_time():
    class DateForm(forms.Form):
        day = forms.DateField()

    def with_errors(request):
        template = engines["django"].from_string("{{ form }}")
        response = TemplateResponse(request, template, {"form": DateForm({})})
        return response.render()

    assert asked_twice(with_errors) == 2


def test_an_answer_for_a_signed_in_user_is_rendered_each_time(admin_user):
    def signed_in(request):
        request.user = admin_user
        return HttpResponse("Strona")

    assert asked_twice(signed_in) == 2


# A CDN in front


def test_a_cdn_is_purged_on_publish_only_when_configured():
    """Wagtail's frontend cache is installed when CIC_CDN_PURGE names a CDN."""
    script = (
        "from wagtail.contrib.frontend_cache.utils import get_backends; "
        "print(sorted(type(backend).__name__ for backend in get_backends().values()))"
    )

    def backends(**env):
        clean = {key: value for key, value in os.environ.items() if not key.startswith("CIC_")}
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
            cwd=Path(__file__).resolve().parent.parent,
            env={**clean, "DJANGO_SETTINGS_MODULE": "cic_site.settings.test", **env},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert backends() == "[]"
    assert backends(CIC_CDN_PURGE="http", CIC_CDN_PURGE_URL="http://varnish:6081") == (
        "['HTTPBackend']"
    )
