"""
The site frame every public page shares: the menu, the footer (the organisation's
name and text, the contact details of the site settings, the privacy notice) and
the language switcher's translations of a page.

They change when an editor publishes, not when a visitor comes, so each is read
from the shared cache, in the current generation of the public pages
(home.generation_cache): a page after the first makes no query for its frame.
Whatever the frame shows starts a new generation when it changes (home.signals):
the footer, the site settings, a site, a page's view restriction, a page published,
unpublished, moved or deleted.
"""

from django.conf import settings
from django.utils.translation import get_language

from wagtail.models import Page, Site
from wagtail.rich_text import expand_db_html

from .generation_cache import cached
from .models import Footer, SiteSettings
from .restrictions import public


def site_of(request):
    """Wagtail's Site for the request (`Site.find_for_request`), from the cache.

    Wagtail keeps it on the request once found: a page found by Wagtail's routing has
    it already; a view of its own (search, a sign-up form, a 404) gets it here without
    a query, and Wagtail's later lookups for the same request find it on the request.
    """
    if request is None:
        return None
    if not hasattr(request, "_wagtail_site"):
        key = f"site:{request.get_host()}:{request.get_port()}"
        # False, not None, for "no site": None is what the cache answers for a miss.
        site = cached(request, key, lambda: Site.find_for_request(request) or False)
        request._wagtail_site = site or None
    return request._wagtail_site


def site_frame(request):
    """The menu, the footer and the home pages in every language, for the active language.

    A dict: ``organisation_name`` (None without a footer), ``menu`` (the pages shown in
    menus under the home page of the active language: ``pk``, ``url``, ``title``),
    ``footer`` (what the footer shows: ``text``, the footer's HTML, ``address``,
    ``phone``, ``email``, ``social_links``, ``privacy_page`` with its ``url`` and
    ``title``) and ``homes`` (each language's home page URL by language code).
    """
    site = site_of(request)
    language = get_language() or settings.LANGUAGE_CODE
    site_id = site.pk if site else None
    return cached(
        request, f"site-frame:{site_id}:{language}", lambda: build_frame(request, site, language)
    )


def build_frame(request, site, language):
    footer = Footer.for_language(language)
    frame = {
        "organisation_name": footer.organisation_name if footer else None,
        "menu": [],
        "footer": {"text": expand_db_html(footer.text) if footer else ""},
        "homes": {},
    }
    if site is None:
        return frame
    home = localized(site.root_page, language)
    frame["menu"] = [
        {"pk": page.pk, "url": page.get_url(request), "title": page.title}
        for page in public(home.get_children().live().in_menu(), request).order_by("path")
    ]
    frame["homes"] = {
        page.locale.language_code: page.get_url(request)
        for page in site.root_page.get_translations(inclusive=True).live().select_related("locale")
    }
    # Not SiteSettings.for_site(), which saves an empty row on a page view.
    site_settings = SiteSettings.objects.filter(site=site).first() or SiteSettings(site=site)
    privacy_page = None
    if site_settings.privacy_page_id:
        privacy_page = localized(site_settings.privacy_page, language)
    frame["footer"].update(
        address=site_settings.address,
        phone=site_settings.phone,
        email=site_settings.email,
        social_links=site_settings.social_links,
        privacy_page=privacy_page
        and {"url": privacy_page.get_url(request), "title": privacy_page.title},
    )
    return frame


def localized(page, language):
    """The page's live translation in `language`, else the page (Wagtail's `.localized`)."""
    translation = (
        page.get_translations()
        .live()
        .filter(locale__language_code=language)
        .exclude(locale_id=page.locale_id)
        .first()
    )
    return translation or page


def translations_of(request, page):
    """The live translations of `page`, itself included: (page, its URL) pairs.

    Each translation is a Page with its locale, for what the language switcher asks of
    it (a view's `language_route` or `language_url`). Kept per page: a page that is not
    saved yet (a preview) is looked up each time.
    """

    def build():
        # Plain Pages, not the specific ones get_translations() gives: lighter to keep.
        translations = Page.objects.filter(translation_key=page.translation_key).live()
        return [
            (translation, translation.get_url(request))
            for translation in translations.select_related("locale").order_by(
                "locale__language_code"
            )
        ]

    if page.pk is None:
        return build()
    site = site_of(request)
    return cached(request, f"translations:{site.pk if site else None}:{page.pk}", build)
