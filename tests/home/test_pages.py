"""Every page type renders for a visitor, with what the visitor came for."""

import datetime

import pytest

from django.core.files.base import ContentFile
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.blocks import StructBlockValidationError
from wagtail.documents.models import Document
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from events.feeds import site_name
from home.blocks import CallToActionBlock
from home.models import CentreLanguage, Footer, SiteSettings
from tests.home.factories import (
    CentreIndexPageFactory,
    CentrePageFactory,
    FooterFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    OpeningHoursFactory,
    StandardPageFactory,
)
from tests.utils import translate_page

pytestmark = pytest.mark.django_db


def test_home_page_lists_latest_news_centres_and_information_point_topics(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news_index, title="Otwarcie centrum w Kaliszu")
    centres = CentreIndexPageFactory(parent=home_page)
    CentrePageFactory(parent=centres, title="CIC Kalisz")
    information_point = StandardPageFactory(parent=home_page, title="Punkt Informacyjny")
    StandardPageFactory(parent=information_point, title="Konto w banku")
    home_page.information_point = information_point
    home_page.save_revision().publish()

    response = client.get("/pl/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="pl">' in html
    assert "Otwarcie centrum w Kaliszu" in html
    assert "CIC Kalisz" in html
    assert "Konto w banku" in html


def test_standard_page_renders_every_body_block(client, home_page):
    image = Image.objects.create(title="Piknik", file=get_test_image_file())
    document = Document.objects.create(
        title="Regulamin półkolonii", file=ContentFile(b"%PDF-1.4", name="regulamin.pdf")
    )
    video_url = "https://www.youtube.com/watch?v=demo"
    # A stored embed, so that rendering does not fetch it from the internet.
    Embed.objects.create(
        url=video_url,
        hash=get_embed_hash(video_url),
        type="video",
        html="<iframe title='Film'></iframe>",
    )
    target = StandardPageFactory(parent=home_page, title="Kontakt")
    page = StandardPageFactory(
        parent=home_page,
        title="O nas",
        body=[
            ("heading", {"text": "Co robimy", "level": "h2"}),
            ("paragraph", "<p>Kursy języka polskiego od A1 do B2.</p>"),
            ("image", {"image": image, "decorative": False, "alt_text": "Rodziny na pikniku"}),
            ("quote", {"text": "Szukamy tego, co nas łączy.", "attribution": "CIC"}),
            (
                "call_to_action",
                {
                    "title": "Napisz do nas",
                    "text": "",
                    "button_label": "Kontakt",
                    "page": target,
                    "url": "",
                },
            ),
            ("embed", video_url),
            ("document_link", {"document": document, "label": ""}),
        ],
    )

    response = client.get(page.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h2>Co robimy</h2>" in html
    assert "Kursy języka polskiego od A1 do B2." in html
    assert 'alt="Rodziny na pikniku"' in html
    assert "Szukamy tego, co nas łączy." in html
    assert f'href="{target.url}"' in html
    assert "<iframe title='Film'>" in html
    assert "Regulamin półkolonii" in html


def test_call_to_action_needs_a_page_or_an_address():
    block = CallToActionBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"title": "Zapisz się", "button_label": "Zapisz", "url": ""}))
    assert "Wybierz albo stronę, albo adres zewnętrzny." in str(error.value.block_errors["page"])


def test_news_index_lists_articles_newest_first_and_filters_by_tag(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    older = NewsPageFactory(parent=news_index, title="Starsza", date=datetime.date(2022, 3, 7))
    newer = NewsPageFactory(parent=news_index, title="Nowsza", date=datetime.date(2023, 3, 10))
    newer.tags.add("Opole")
    newer.save_revision().publish()

    html = client.get(news_index.url).content.decode()
    assert html.index("Nowsza") < html.index("Starsza")

    tagged = client.get(news_index.url, {"tag": "Opole"}).content.decode()
    assert "Nowsza" in tagged
    assert older.title not in tagged


def test_news_index_pages_through_articles(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    for _ in range(12):
        NewsPageFactory(parent=news_index)

    first = client.get(news_index.url)
    second = client.get(news_index.url, {"page": 2})
    beyond = client.get(news_index.url, {"page": "not-a-number"})

    assert first.content.decode().count('class="card"') == 10
    assert second.content.decode().count('class="card"') == 2
    assert beyond.status_code == 200


def test_news_page_shows_date_intro_and_tags(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    article = NewsPageFactory(
        parent=news_index,
        title="Pierwsze urodziny Centrum w Opolu",
        date=datetime.date(2023, 3, 10),
        intro="Świętowaliśmy z partnerami.",
    )
    article.tags.add("Opole")
    article.save_revision().publish()

    html = client.get(article.url).content.decode()

    assert '<time datetime="2023-03-10">10 marca 2023</time>' in html
    assert "Świętowaliśmy z partnerami." in html
    assert "?tag=Opole" in html


def test_news_feed_is_rss_with_the_latest_articles(client, home_page):
    news_index = NewsIndexPageFactory(parent=home_page)
    NewsPageFactory(parent=news_index, title="Półkolonie letnie")

    response = client.get(news_index.url + "feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "<title>Półkolonie letnie</title>" in body
    assert "<language>pl</language>" in body


def test_centre_page_shows_address_hours_late_day_languages_and_map(client, home_page):
    centres = CentreIndexPageFactory(parent=home_page)
    centre = CentrePageFactory(parent=centres)
    for weekday in range(5):
        OpeningHoursFactory(page=centre, weekday=weekday)
    OpeningHoursFactory(page=centre, weekday=2, opens=datetime.time(11), closes=datetime.time(19))
    OpeningHoursFactory(
        page=centre,
        weekday=5,
        opens=datetime.time(9),
        closes=datetime.time(13),
        selected_days_only=True,
    )
    CentreLanguage.objects.create(page=centre, code="uk")

    response = client.get(centre.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert "ul. Nowy Świat 13" in html
    assert 'href="tel:+48887069112"' in html
    assert "mailto:info.cickalisz@rops.poznan.pl" in html
    assert "11:00–19:00" in html
    assert "otwarte dłużej" in html
    assert "tylko w wybrane dni" in html
    assert "ukraiński" in html
    assert "openstreetmap.org" in html
    assert '"@type": "GovernmentOffice"' in html


def test_centre_index_lists_its_centres(client, home_page):
    centres = CentreIndexPageFactory(parent=home_page)
    CentrePageFactory(parent=centres, title="CIC Piła", slug="pila")

    response = client.get(centres.url)

    assert response.status_code == 200
    assert "CIC Piła" in response.content.decode()


def test_search_finds_pages_in_the_visitors_language(client, home_page):
    StandardPageFactory(parent=home_page, title="Kursy języka polskiego")

    response = client.get("/pl/search/", {"q": "kursy"})

    assert response.status_code == 200
    assert "Kursy języka polskiego" in response.content.decode()


def test_search_with_an_overlong_query_says_what_is_wrong(client, home_page):
    response = client.get("/pl/search/", {"q": "x" * 300})

    assert response.status_code == 400
    assert "Upewnij się, że ta wartość ma co najwyżej 200 znaków" in response.content.decode()


def test_unknown_page_gets_a_friendly_404_in_the_visitors_language(client, home_page):
    response = client.get("/uk/tsiiei-storinky-nemaie/")

    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="uk">' in html
    assert "Сторінку не знайдено" in html


def test_server_error_page_speaks_all_four_languages(client):
    html = render_to_string("500.html")

    for text in ["wystąpił błąd", "сталася помилка", "произошла ошибка", "something went wrong"]:
        assert text in html


def test_footer_shows_organisation_in_the_active_language_and_contact(client, home_page, locales):
    footer = FooterFactory(locale=locales["pl"])
    footer_uk = footer.copy_for_translation(locales["uk"])
    footer_uk.organisation_name = "Центри інтеграції іноземців"
    footer_uk.save()

    assert "Centra Integracji Cudzoziemców" in client.get("/pl/").content.decode()
    response = client.get("/uk/search/")
    assert "Центри інтеграції іноземців" in response.content.decode()


def test_sitemap_lists_pages_of_every_language_with_alternates(client, home_page, locales):
    about = StandardPageFactory(parent=home_page, title="O nas", slug="o-nas")
    translate_page(home_page, locales["uk"])
    translate_page(about, locales["uk"])

    response = client.get("/sitemap.xml")

    body = response.content.decode()
    assert response.status_code == 200
    assert "<loc>http://testserver/pl/o-nas/</loc>" in body
    assert "<loc>http://testserver/uk/o-nas/</loc>" in body
    assert 'hreflang="uk" href="http://testserver/uk/o-nas/"' in body


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def queries_to_render(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("suffix", ["", "feed/"])
def test_news_listing_and_feed_cost_the_same_queries_for_few_and_many_articles(
    client, home_page, suffix
):
    news_index = NewsIndexPageFactory(parent=home_page)

    def add_articles(count):
        for _ in range(count):
            image = Image.objects.create(title="Piknik", file=get_test_image_file())
            NewsPageFactory(parent=news_index, image=image)

    add_articles(2)
    client.get(news_index.url + suffix)  # the first view of an image makes its rendition
    few = queries_to_render(client, news_index.url + suffix)

    add_articles(18)
    client.get(news_index.url + suffix)  # the first view of an image makes its rendition
    many = queries_to_render(client, news_index.url + suffix)

    assert many == few


def test_pages_name_their_icon_and_the_old_favicon_address_leads_to_it(client, home_page):
    """Without an icon every page a phone opens costs a 404 for /favicon.ico."""
    page = client.get("/pl/")
    icon = client.get("/favicon.ico")

    assert '<link rel="icon" href="/static/img/favicon.svg"' in page.content.decode()
    assert (icon.status_code, icon["Location"]) == (301, "/static/img/favicon.svg")


# The organisation's name: one footer per language, one rule for pages, feeds and e-mails


def test_a_language_without_a_footer_gets_the_default_languages(locales):
    FooterFactory(locale=locales["pl"], organisation_name="Centrum Integracji")
    FooterFactory(locale=locales["uk"], organisation_name="Центр інтеграції")

    assert Footer.for_language("uk").organisation_name == "Центр інтеграції"
    assert Footer.for_language("en").organisation_name == "Centrum Integracji"
    with translation.override("uk"):
        assert Footer.for_language().organisation_name == "Центр інтеграції"


def test_pages_and_feeds_name_the_same_organisation_in_a_language_without_a_footer(
    client, home_page, locales
):
    FooterFactory(locale=locales["pl"], organisation_name="Centrum Integracji")
    english_home = translate_page(home_page, locales["en"])

    page = client.get(english_home.url).content.decode()
    with translation.override("en"):
        feed_name = site_name(None)

    assert "Centrum Integracji</title>" in page
    assert feed_name == "Centrum Integracji"


@pytest.fixture
def content_site(home_page, locales):
    """A footer, settings, a menu, a news index with a dozen illustrated, tagged articles,
    a plain page with topics below it, each translated into Ukrainian."""
    FooterFactory(locale=locales["pl"])
    SiteSettings.objects.create(site=Site.objects.get(is_default_site=True), phone="61 856 05 00")
    translate_page(home_page, locales["uk"])
    news_index = NewsIndexPageFactory(parent=home_page, show_in_menus=True)
    translate_page(news_index, locales["uk"])
    for number in range(12):
        image = Image.objects.create(title="Piknik", file=get_test_image_file())
        article = NewsPageFactory(parent=news_index, slug=f"wiadomosc-{number}", image=image)
        article.tags.add("rodziny", "półkolonie")
        article.save_revision().publish()
    topics = StandardPageFactory(parent=home_page, slug="punkt", show_in_menus=True)
    translate_page(topics, locales["uk"])
    for _ in range(6):
        StandardPageFactory(parent=topics)


@pytest.mark.parametrize(
    ("url", "most"),
    [
        ("/pl/aktualnosci/wiadomosc-3/", 8),
        ("/pl/aktualnosci/", 8),
        ("/pl/aktualnosci/?tag=rodziny&page=2", 8),
        ("/pl/punkt/", 7),
    ],
)
def test_news_and_plain_pages_render_in_few_queries(client, settings, content_site, url, most):
    """Rendered, not from the page cache: the frame, the page's address and its images
    come from the cache after the first view; what is left is the page's own."""
    settings.CIC_PAGE_CACHE = False
    client.get(url)  # the first view builds the frame and the images' renditions

    count = queries_to_render(client, url)

    assert count <= most


def test_an_articles_tags_link_to_its_news_index(client, content_site):
    html = client.get("/pl/aktualnosci/wiadomosc-3/").content.decode()

    assert '<a href="/pl/aktualnosci/?tag=rodziny">rodziny</a>' in html
