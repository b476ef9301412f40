"""Each member of staff reads the admin in the language they chose, English where a
catalogue has no translation, never Polish by accident; the recurrence widget too."""

import json
import re

import pytest

from django.urls import reverse

from wagtail.admin.forms.account import LocalePreferencesForm
from wagtail.users.models import UserProfile

from tests.events.factories import EventIndexPageFactory, EventPageFactory, SessionFactory
from tests.utils import page_text, translated_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_in(client, django_user_model):
    """A client signed in as a superuser who chose `language` for the admin."""

    def sign_in(language):
        user = django_user_model.objects.create_superuser(
            f"admin-{language}", f"admin-{language}@example.com", "pass"
        )
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def programme(home_page, locales):
    page = EventPageFactory(parent=EventIndexPageFactory(parent=home_page), title="Piknik")
    SessionFactory(page=page, locale=page.locale, capacity=10)
    return page


def test_ukrainian_admin_shows_english_not_polish_where_wagtail_lacks_ukrainian(
    admin_in, programme
):
    """Wagtail's Ukrainian catalogue has no "Toggle section" or "Save changes"; Django
    used to fill the gap from the default language's catalogue, Polish."""
    client = admin_in("uk")

    text = page_text(client.get(reverse("wagtailadmin_pages:edit", args=[programme.pk])))

    assert "Зберегти чернетку" in text  # Save draft, in Ukrainian
    assert "Toggle section" in text
    assert "Save changes" in text
    assert "Przełącz sekcję" not in text
    assert "Zapisz zmiany" not in text


def breadcrumb_labels(response):
    return re.findall(r'href="/admin/">\s*([^<]+?)\s*</a>', response.content.decode())


def test_snippet_breadcrumbs_are_in_each_users_language(admin_in, locales):
    """The labels were translated once, when the admin's URLs loaded (in Polish)."""
    venues = reverse("wagtailsnippets_events_venue:list")

    polish = admin_in("pl").get(venues)
    english = admin_in("en").get(venues)

    assert "Start" in breadcrumb_labels(polish)
    assert "Home" in breadcrumb_labels(english)
    assert "Start" not in breadcrumb_labels(english)


def test_staff_choose_among_the_four_languages_of_the_site():
    choices = LocalePreferencesForm().fields["preferred_language"].choices

    assert sorted(code for code, _name in choices if code) == ["en", "pl", "ru", "uk"]


def test_recurrence_widget_gets_its_words_before_its_scripts_load(admin_in, programme):
    """django-recurrence translates day and month names as its script loads."""
    client = admin_in("uk")

    html = client.get(reverse("wagtailadmin_pages:edit", args=[programme.pk])).content.decode()

    catalogue = reverse("recurrence_javascript_catalogue")
    assert f'<script src="{catalogue}"></script>' in html
    assert html.index(catalogue) < html.index("recurrence/js/recurrence.js")
    assert client.get(catalogue).status_code == 200


@pytest.mark.parametrize(
    "language,weekly", [("pl", "co tydzień"), ("uk", "щотижня"), ("ru", "еженедельно")]
)
def test_recurrence_widget_speaks_the_admin_language(admin_in, language, weekly):
    """Needs locale/<lang>/LC_MESSAGES/djangojs.po, compiled (make compilemessages)."""
    client = admin_in(language)

    catalogue = client.get(reverse("recurrence_javascript_catalogue")).content.decode("utf-8")

    assert f'"weekly": {json.dumps(weekly)}' in catalogue


def test_recurrence_widget_sits_in_line_with_the_fields_around_it(admin_in, programme):
    """Its stylesheet stops the widget floating beside the next field."""
    client = admin_in("en")

    html = client.get(reverse("wagtailadmin_pages:edit", args=[programme.pk])).content.decode()

    assert "events/css/recurrence-inline.css" in html


@pytest.mark.parametrize("language", ["pl", "uk", "en"])
def test_the_repeats_field_is_labelled_in_the_admin_language(admin_in, programme, language):
    """Its label was "Recurrence" in every language: the translated name went to
    django-recurrence's first argument (include_dtstart), not to the label."""
    client = admin_in(language)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[programme.pk]))

    label = re.search(
        r'<label[^>]*for="id_sessions-0-recurrence"[^>]*>\s*([^<]+?)\s*<',
        response.content.decode(),
    )
    assert label is not None
    assert label.group(1).lower() == translated_text("repeats", language).lower()
