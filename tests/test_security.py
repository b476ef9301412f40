"""Hardening: security headers, what may be uploaded, and rate limits that proxies cannot fool."""

import re
from unittest import mock

import pytest

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse

from wagtail.documents.models import Document
from wagtail.images.models import Image

from cic_site.middleware import ContentSecurityPolicyMiddleware
from cic_site.security import client_ip
from home.models import HomePage
from tests.events.factories import EventIndexPageFactory, EventPageFactory, SessionFactory
from tests.events.utils import in_days
from tests.signups.utils import form_data, form_url
from tests.utils import page_text, translated_text

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-editor-password"
TOO_MANY_LOGINS = "Too many failed sign-in attempts. Please wait a few minutes and try again."


def policy(response):
    """The Content-Security-Policy of `response` as {directive: [sources]}."""
    directives = (part.split() for part in response["Content-Security-Policy"].split(";"))
    return {name: sources for name, *sources in directives}


@pytest.fixture
def calendar_page(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def sign_up_url(calendar_page):
    page = EventPageFactory(parent=calendar_page, title="Piknik rodzinny")
    session = SessionFactory(
        page=page,
        locale=page.locale,
        starts_at=in_days(14, hour=9),
        ends_at=in_days(14, hour=13),
        capacity=100,
    )
    return form_url(page, session)


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.com", PASSWORD)


@pytest.fixture
def admin_client(client, editor):
    client.force_login(editor)
    return client


# The Content-Security-Policy


def test_public_pages_allow_only_the_sites_own_scripts_and_styles(client, home_page):
    response = client.get("/pl/")

    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]


def test_the_sign_up_form_is_under_the_public_policy(client, sign_up_url):
    response = client.get(sign_up_url)

    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'"]
    assert policy(response)["form-action"] == ["'self'"]


def test_the_admin_has_a_policy_of_its_own_that_allows_wagtails_inline_scripts(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert policy(response)["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy(response)["frame-ancestors"] == ["'self'"]  # Wagtail's preview frames pages


def test_the_admin_policy_has_no_nonce_even_when_a_template_asked_for_one():
    """Browsers ignore 'unsafe-inline' next to a nonce; a page previewed in the admin may ask for one."""
    request = RequestFactory().get(reverse("wagtailadmin_home"))
    middleware = ContentSecurityPolicyMiddleware(lambda request: None)
    middleware.process_request(request)
    str(request.csp_nonce)

    response = middleware.process_response(request, HttpResponse())

    assert "'unsafe-inline'" in response["Content-Security-Policy"]
    assert "nonce-" not in response["Content-Security-Policy"]


def test_a_page_previewed_in_the_admin_is_under_the_admins_policy(home_page):
    """Wagtail renders a preview through a dummy request for the page's public URL."""
    response = home_page.make_preview_request()

    assert policy(response)["frame-ancestors"] == ["'self'"]  # framed by the preview panel
    assert policy(response)["script-src"] == ["'self'", "'unsafe-inline'"]


def test_the_busy_page_style_carries_the_nonce_of_its_policy(client, home_page):
    with mock.patch.object(HomePage, "serve", side_effect=OperationalError("database is locked")):
        response = client.get("/pl/")

    nonce = re.search(r'<style nonce="([^"]+)">', response.content.decode()).group(1)
    assert response.status_code == 503
    assert f"'nonce-{nonce}'" in policy(response)["style-src"]


def test_the_server_error_page_style_carries_the_nonce_of_its_policy(home_page):
    client = Client(raise_request_exception=False)

    with mock.patch.object(HomePage, "serve", side_effect=RuntimeError("bug")):
        response = client.get("/pl/")

    nonce = re.search(r'<style nonce="([^"]+)">', response.content.decode()).group(1)
    assert response.status_code == 500
    assert f"'nonce-{nonce}'" in policy(response)["style-src"]


def test_the_embeddable_list_may_be_framed_by_any_site(client, calendar_page):
    response = client.get("/pl/calendar/embed/")

    assert response.status_code == 200
    assert policy(response)["frame-ancestors"] == ["*"]
    assert "X-Frame-Options" not in response


def test_other_pages_may_not_be_framed(client, home_page):
    response = client.get("/pl/")

    assert policy(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def test_pages_send_referrer_policy_nosniff_and_opener_policy(client, home_page):
    response = client.get("/pl/")

    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


# Uploads


def test_an_svg_image_is_refused(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'

    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Logo", "file": SimpleUploadedFile("logo.svg", svg, "image/svg+xml")},
    )

    assert response.status_code == 200  # the form again, with the error
    assert response.context["form"].errors["file"] == [
        translated_text(
            "Not a supported image format. Supported formats: %(supported_formats)s.",
            supported_formats="GIF, JPG, JPEG, PNG, WEBP",
        )
    ]
    assert not Image.objects.exists()


@pytest.mark.parametrize(("filename", "extension"), [("setup.exe", "exe"), ("page.html", "html")])
def test_a_document_of_an_unsafe_kind_is_refused(admin_client, settings, filename, extension):
    response = admin_client.post(
        reverse("wagtaildocs:add"),
        {"title": "Plik", "file": SimpleUploadedFile(filename, b"MZ <script>alert(1)</script>")},
    )

    assert response.status_code == 200  # the form again, with the error
    assert response.context["form"].errors["file"] == [
        translated_text(
            "File extension “%(extension)s” is not allowed. Allowed extensions are: %(allowed_extensions)s.",
            extension=extension,
            allowed_extensions=", ".join(settings.WAGTAILDOCS_EXTENSIONS),
        )
    ]
    assert not Document.objects.exists()


def test_a_pdf_document_is_downloaded_not_opened_in_the_sites_origin(client, settings, tmp_path):
    # On disk, as in production: Wagtail serves a document from its file's path.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    document = Document.objects.create(
        title="Regulamin", file=ContentFile(b"%PDF-1.4 regulamin", name="regulamin.pdf")
    )

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


# The admin login


def log_in(client, username="editor", password="wrong password", **headers):
    return client.post(
        reverse("wagtailadmin_login"), {"username": username, "password": password}, **headers
    )


@override_settings(CIC_ADMIN_LOGIN_RATE_PER_IP="3/15m")
def test_too_many_failed_logins_from_one_address_get_429_even_with_the_right_password(
    client, editor
):
    for attempt in range(3):
        assert log_in(client, username=f"guess{attempt}").status_code == 200

    response = log_in(client, password=PASSWORD)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert translated_text(TOO_MANY_LOGINS) in page_text(response)
    assert "_auth_user_id" not in client.session


@override_settings(CIC_ADMIN_LOGIN_RATE_PER_USERNAME="3/15m")
def test_too_many_failed_logins_for_one_username_get_429_from_any_address(client, editor):
    for attempt in range(3):
        log_in(client, REMOTE_ADDR=f"10.0.0.{attempt}")

    response = log_in(client, username="Editor ", REMOTE_ADDR="10.0.0.99")

    assert response.status_code == 429


@override_settings(CIC_ADMIN_LOGIN_RATE_PER_IP="2/15m")
def test_successful_logins_do_not_count_against_an_office_sharing_one_address(client, editor):
    for _attempt in range(4):
        response = log_in(client, password=PASSWORD)
        assert response.status_code == 302
        client.logout()


def test_wagtails_front_end_login_leads_to_the_admins_and_checks_no_password(client, editor):
    response = client.post(
        "/pl/_util/login/?next=/pl/", {"username": "editor", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('wagtailadmin_login')}?next=/pl/"
    assert "_auth_user_id" not in client.session


@override_settings(CIC_ADMIN_LOGIN_RATE_PER_IP="3/15m", CIC_TRUSTED_PROXY_COUNT=1)
def test_a_forged_x_forwarded_for_does_not_reset_the_login_limit(client, editor):
    """Behind one proxy, a client can only prepend addresses; the proxy's entry stays last."""
    for attempt in range(3):
        log_in(
            client,
            username=f"guess{attempt}",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}, 203.0.113.7",
            REMOTE_ADDR="10.0.0.1",
        )

    response = log_in(client, username="guess9", HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.7")

    assert response.status_code == 429


@override_settings(CIC_ADMIN_LOGIN_RATE_PER_IP="3/15m", CIC_TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_each_client_has_its_own_login_limit(client, editor):
    for attempt in range(3):
        log_in(client, username=f"guess{attempt}", HTTP_X_FORWARDED_FOR="203.0.113.7")

    response = log_in(client, username="guess9", HTTP_X_FORWARDED_FOR="203.0.113.8")

    assert response.status_code == 200


@override_settings(CIC_ADMIN_LOGIN_RATE_PER_IP="3/15m", CIC_TRUSTED_PROXY_COUNT=0)
def test_without_a_trusted_proxy_x_forwarded_for_is_ignored(client, editor):
    for attempt in range(3):
        log_in(client, username=f"guess{attempt}", HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}")

    response = log_in(client, username="guess9", HTTP_X_FORWARDED_FOR="203.0.113.99")

    assert response.status_code == 429


@override_settings(CIC_SIGN_UP_RATE_PER_IP="2/m", CIC_TRUSTED_PROXY_COUNT=1)
def test_a_forged_x_forwarded_for_does_not_reset_the_sign_up_limit(client, sign_up_url):
    # Only accepted sign-ups count: each family signs up a child of its own.
    for attempt in range(2):
        client.post(
            sign_up_url,
            form_data((f"Child{attempt}", "Kowalenko", 8), email=f"family{attempt}@example.com"),
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}, 203.0.113.7",
        )

    response = client.post(
        sign_up_url,
        form_data(("Child9", "Kowalenko", 8), email="family9@example.com"),
        HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.7",
    )

    assert response.status_code == 429


@override_settings(CIC_SIGN_UP_RATE_PER_IP="2/m", CIC_TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_each_family_has_its_own_sign_up_limit(client, sign_up_url):
    for attempt in range(2):
        client.post(
            sign_up_url,
            form_data(email=f"family{attempt}@example.com"),
            HTTP_X_FORWARDED_FOR="203.0.113.7",
        )

    response = client.post(
        sign_up_url, form_data(email="family9@example.com"), HTTP_X_FORWARDED_FOR="203.0.113.8"
    )

    assert response.status_code != 429


# The client's address


def request_from(remote_addr="10.0.0.1", forwarded_for=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **headers)


@pytest.mark.parametrize(
    ("proxies", "forwarded_for", "expected"),
    [
        pytest.param(0, "203.0.113.7", "10.0.0.1", id="no-trusted-proxy-ignores-the-header"),
        pytest.param(1, None, "10.0.0.1", id="no-header-is-the-direct-client"),
        pytest.param(1, "203.0.113.7", "203.0.113.7", id="one-proxy-takes-the-last-entry"),
        pytest.param(
            1, "198.51.100.1, 198.51.100.2, 203.0.113.7", "203.0.113.7", id="prepended-are-skipped"
        ),
        pytest.param(2, "198.51.100.1, 203.0.113.7, 10.1.1.1", "203.0.113.7", id="two-proxies"),
        pytest.param(3, "203.0.113.7, 10.1.1.1", "203.0.113.7", id="fewer-entries-than-proxies"),
        pytest.param(1, "203.0.113.7:51234", "203.0.113.7", id="ipv4-with-a-port"),
        pytest.param(1, "[2001:db8::7]:443", "2001:db8::7", id="ipv6-with-a-port"),
        pytest.param(1, "2001:db8::7", "2001:db8::7", id="ipv6"),
        pytest.param(1, "unknown", "10.0.0.1", id="not-an-address-falls-back-to-remote-addr"),
    ],
)
def test_client_ip_counts_trusted_proxies_from_the_right(proxies, forwarded_for, expected):
    with override_settings(CIC_TRUSTED_PROXY_COUNT=proxies):
        assert client_ip(request_from(forwarded_for=forwarded_for)) == expected
