"""Staff are given a role (a group) under Settings → Groups and can then do that job without
being superusers: centre staff run the sign-ups, data protection handles personal data,
editors look after the venues, categories, cancelled dates, consent texts and the footer."""

import re

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.test.utils.form_data import rich_text

from signups import services
from tests.home.factories import FooterFactory
from tests.signups.utils import child, sign_up
from tests.utils import page_text, translated_text

pytestmark = pytest.mark.django_db

CENTRE_STAFF = "Pracownicy centrum"
DATA_PROTECTION = "Ochrona danych"
EDITORS = "Editors"


def member_of(client, django_user_model, group_name):
    """`client` logged in as a new user, not a superuser, whose only rights come from the group."""
    user = django_user_model.objects.create_user(
        group_name.replace(" ", "-").lower(), "staff@example.com", "pass"
    )
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return client


@pytest.fixture
def quota(camp_session):
    sign_up(camp_session, child("Maksym"))
    return services.quota_for(camp_session)


@pytest.mark.parametrize(
    "label",
    [
        "Can see who signed up",
        "Can export and erase the personal data of sign-ups",
    ],
)
def test_the_sign_up_permissions_can_be_granted_on_the_group_page(admin_client, label):
    group = Group.objects.create(name="Koordynatorzy")

    response = admin_client.get(reverse("wagtailusers_groups:edit", args=[group.pk]))

    assert response.status_code == 200
    assert translated_text(label) in page_text(response)


@pytest.mark.parametrize(
    "group_name, label",
    [
        (CENTRE_STAFF, "Can see who signed up"),
        (DATA_PROTECTION, "Can export and erase the personal data of sign-ups"),
    ],
)
def test_the_ready_groups_show_their_sign_up_permission_ticked(admin_client, group_name, label):
    group = Group.objects.get(name=group_name)

    response = admin_client.get(reverse("wagtailusers_groups:edit", args=[group.pk]))

    html = page_text(response)
    label_text = translated_text(label)
    checkbox = re.search(
        rf'<input type="checkbox" name="permissions"[^>]*>\s*{re.escape(label_text)}', html
    )
    assert checkbox and " checked" in checkbox.group()


@pytest.mark.parametrize(
    "url_name, params",
    [
        ("sign_ups:index", {}),
        ("sign_ups:registrations", {}),
        ("sign_ups:registrations", {"export": "csv"}),
        ("sign_ups:capacity", {}),
        ("sign_ups:cancel_session", {}),
        ("cancelledoccurrence:index", {}),
        ("cancelledoccurrence:add", {}),
    ],
)
def test_centre_staff_run_the_sign_ups_without_being_superusers(
    client, django_user_model, quota, url_name, params
):
    staff = member_of(client, django_user_model, CENTRE_STAFF)
    args = [quota.pk] if url_name.startswith("sign_ups:") and url_name != "sign_ups:index" else []

    response = staff.get(reverse(url_name, args=args), params)

    assert response.status_code == 200


@pytest.mark.parametrize(
    "url_name, params",
    [
        ("sign_ups:index", {}),
        ("sign_ups:registrations", {}),
        ("sign_ups:registrations", {"export": "csv"}),
        ("personal_data:index", {}),
    ],
)
def test_editors_do_not_see_who_signed_up(client, django_user_model, quota, url_name, params):
    editor = member_of(client, django_user_model, EDITORS)
    args = [quota.pk] if url_name == "sign_ups:registrations" else []

    response = editor.get(reverse(url_name, args=args), params)

    assert response.status_code == 403


def test_centre_staff_do_not_open_personal_data(client, django_user_model):
    staff = member_of(client, django_user_model, CENTRE_STAFF)

    assert staff.get(reverse("personal_data:index")).status_code == 403


def test_the_refusal_names_the_permission_to_ask_for(client, django_user_model):
    staff = member_of(client, django_user_model, CENTRE_STAFF)

    response = staff.get(reverse("personal_data:index"))

    assert translated_text("Can export and erase the personal data of sign-ups") in page_text(
        response
    )


@pytest.mark.parametrize(
    "url_name", ["sign_ups:capacity", "sign_ups:attendance", "sign_ups:staff_sign_up"]
)
def test_editors_are_refused_before_the_session_is_looked_up(client, django_user_model, url_name):
    """A 403 for a session that does not exist either: the address tells them nothing."""
    editor = member_of(client, django_user_model, EDITORS)

    response = editor.get(reverse(url_name, args=[999999]))

    assert response.status_code == 403
    assert translated_text("Can see who signed up") in page_text(response)


def test_editors_do_not_open_the_sign_up_statistics(client, django_user_model):
    editor = member_of(client, django_user_model, EDITORS)

    assert editor.get(reverse("sign_up_reports:statistics")).status_code == 403


@pytest.mark.parametrize(
    "url_name",
    ["personal_data:index", "sign_up_reports:audit_log"],
)
def test_data_protection_opens_personal_data_and_the_audit_log(
    client, django_user_model, url_name
):
    officer = member_of(client, django_user_model, DATA_PROTECTION)

    response = officer.get(reverse(url_name))

    assert response.status_code == 200


def test_data_protection_finds_the_sign_ups_of_an_address(client, django_user_model, quota):
    officer = member_of(client, django_user_model, DATA_PROTECTION)

    response = officer.post(
        reverse("personal_data:index"), {"email": "olena@example.com", "action": "find"}
    )

    assert response.status_code == 200
    assert "Maksym" in page_text(response)


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailsnippets_events_venue:list",
        "wagtailsnippets_events_venue:add",
        "wagtailsnippets_events_category:list",
        "wagtailsnippets_events_category:add",
        "cancelledoccurrence:index",
        "cancelledoccurrence:add",
        "wagtailsnippets_signups_consenttext:list",
        "wagtailsnippets_signups_consenttext:add",
        "wagtailsnippets_home_footer:list",
    ],
)
def test_editors_manage_the_calendar_snippets_consent_texts_and_footer(
    client, django_user_model, locales, url_name
):
    editor = member_of(client, django_user_model, EDITORS)

    response = editor.get(reverse(url_name))

    assert response.status_code == 200


def test_editors_edit_the_footer(client, django_user_model, locales):
    footer = FooterFactory(locale=locales["pl"], organisation_name="Fundacja CIC")
    editor = member_of(client, django_user_model, EDITORS)

    response = editor.post(
        reverse("wagtailsnippets_home_footer:edit", args=[footer.pk]),
        {
            "organisation_name": "Fundacja Centrum Integracji",
            "text": rich_text("<p>Wszystkie usługi są bezpłatne.</p>"),
        },
    )

    assert response.status_code == 302
    footer.refresh_from_db()
    assert footer.organisation_name == "Fundacja Centrum Integracji"
