"""Editors create and edit every content type in the Wagtail admin."""

import pytest

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from home.models import NewsPage
from tests.home.factories import (
    CentreIndexPageFactory,
    CentrePageFactory,
    FooterFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.com", "pass")
    client.force_login(user)
    return client


@pytest.fixture
def site_pages(home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    centres = CentreIndexPageFactory(parent=home_page)
    return {
        "home": home_page,
        "standard": StandardPageFactory(parent=home_page),
        "news_index": news_index,
        "news": NewsPageFactory(parent=news_index),
        "centre_index": centres,
        "centre": CentrePageFactory(parent=centres),
    }


@pytest.mark.parametrize(
    "name", ["home", "standard", "news_index", "news", "centre_index", "centre"]
)
def test_editor_opens_the_edit_form_of_every_page_type(editor_client, site_pages, name):
    response = editor_client.get(f"/admin/pages/{site_pages[name].pk}/edit/")

    assert response.status_code == 200


@pytest.mark.parametrize(
    ("parent", "model"),
    [
        ("home", "standardpage"),
        ("home", "newsindexpage"),
        ("home", "centreindexpage"),
        ("news_index", "newspage"),
        ("centre_index", "centrepage"),
        ("standard", "standardpage"),
    ],
)
def test_editor_adds_each_page_type_where_it_belongs(editor_client, site_pages, parent, model):
    response = editor_client.get(f"/admin/pages/add/home/{model}/{site_pages[parent].pk}/")

    assert response.status_code == 200


def test_news_articles_can_only_go_under_a_news_index(site_pages):
    allowed_parents = {model.__name__ for model in NewsPage.allowed_parent_page_models()}

    assert allowed_parents == {"NewsIndexPage"}


def centre_form(opens, closes):
    return nested_form_data(
        {
            "title": "CIC Konin",
            "slug": "konin",
            "intro": rich_text(""),
            "street_address": "ul. Chopina 23B",
            "city": "Konin",
            "phone": "887 067 112",
            "email": "info.cickonin@rops.poznan.pl",
            "opening_hours": inline_formset([{"weekday": "0", "opens": opens, "closes": closes}]),
            "languages": inline_formset([{"code": "uk"}]),
            "action-publish": "publish",
        }
    )


def test_editor_publishes_a_centre_with_opening_hours(editor_client, site_pages):
    centres = site_pages["centre_index"]

    response = editor_client.post(
        f"/admin/pages/add/home/centrepage/{centres.pk}/", centre_form("07:30", "15:30")
    )

    assert response.status_code == 302
    konin = Page.objects.get(slug="konin").specific
    assert konin.live
    assert [str(hours) for hours in konin.opening_hours.all()] == ["Poniedziałek 07:30–15:30"]
    assert [language.code for language in konin.languages.all()] == ["uk"]


def test_editor_is_told_when_a_centre_closes_before_it_opens(editor_client, site_pages):
    centres = site_pages["centre_index"]

    response = editor_client.post(
        f"/admin/pages/add/home/centrepage/{centres.pk}/", centre_form("15:30", "07:30")
    )

    assert response.status_code == 200
    assert (
        "Godzina zamknięcia musi być późniejsza niż godzina otwarcia." in response.content.decode()
    )
    assert not Page.objects.filter(slug="konin").exists()


def test_editor_finds_footer_and_site_settings(editor_client, locales):
    FooterFactory(locale=locales["pl"])

    assert editor_client.get("/admin/snippets/home/footer/").status_code == 200
    settings_page = editor_client.get("/admin/settings/home/sitesettings/", follow=True)
    assert settings_page.status_code == 200
    assert "Facebook" in settings_page.content.decode()
