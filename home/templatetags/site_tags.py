"""Template tags for the site-wide frame: the menu and the footer, the language switcher,
hreflang alternates."""

import json
from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from cic_site.public_url import absolute_url

from .. import frame, generation_cache
from ..frame import translations_of

register = template.Library()

# What the switcher shows on a narrow screen, each in its own language ("UK" would read
# as the United Kingdom); the full name stays in the link's accessible name.
LANGUAGE_SHORT_NAMES = {"pl": "PL", "uk": "УКР", "ru": "РУС", "en": "EN"}

JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per site language, leading to the same place in that language.

    For a Wagtail page: its live translation where there is one (`is_translation`),
    else that language's home page. On a route of a routable page (a month of the
    calendar, a sign-up form) the link keeps the route and the query string: a
    view whose route or filters name objects that differ per language (a venue's
    id) puts a `language_route` function in the context, which gives what follows
    the translation's URL ("" for its root). A view about a page at an address of
    its own (a sign-up form) puts a `language_url` function there instead, which
    gives the whole address in a translation's language, or None for the
    translation itself. For any other view (search, a 404):
    the same path under the other language prefix.
    """
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    current = get_language()
    translations = {}
    homes = {}
    if isinstance(page, Page):
        route_in = context.get("language_route") or same_route(request, page)
        url_in = context.get("language_url") or (lambda translation: None)
        for translation, page_url in translations_of(request, page):
            url = url_in(translation)
            if url is None and page_url:
                url = page_url + route_in(translation)
            if url:
                translations[translation.locale.language_code] = url
        homes = frame.site_frame(request)["homes"]

    links = []
    for code, name in settings.LANGUAGES:
        if isinstance(page, Page):
            url = translations.get(code) or homes.get(code) or f"/{code}/"
            is_translation = code in translations
        else:
            url = translate_url(request.get_full_path(), code)
            is_translation = True
        links.append(
            {
                "code": code,
                "name": name,
                "short_name": LANGUAGE_SHORT_NAMES.get(code, code.upper()),
                "url": url,
                "absolute_url": absolute_url(url) if url.startswith("/") else url,
                "is_current": code == current,
                "is_translation": is_translation,
            }
        )
    return links


def same_route(request, page):
    """For the language switcher: the route of a routable page, and its query string, as is.

    A sign-up form (`<programme>/sign-up/<session key>/`) names its session by the key
    all its translations share, so the same route leads to the same form there.
    """
    if not isinstance(page, RoutablePageMixin):
        return lambda translation: ""
    own_url = urlsplit(page.get_url(request) or "").path
    if not request.path.startswith(own_url):
        return lambda translation: ""
    route = request.path.removeprefix(own_url)
    query = request.META.get("QUERY_STRING", "")
    suffix = route + (f"?{query}" if query else "")
    return lambda translation: suffix


@register.simple_tag(takes_context=True)
def site_frame(context):
    """What every page shows around its content, in the active language: the
    organisation's name, the menu and the footer (see home.frame), from the cache."""
    return frame.site_frame(context.get("request"))


@register.simple_tag(takes_context=True)
def content_fragment(context, *parts):
    """``{% content_fragment page.pk as fragment %}``, for a
    ``{% cache fragment.seconds name fragment.key %}`` block that shows nothing but
    content: kept for the content's generation (home.generation_cache.fragment)."""
    return generation_cache.fragment(context.get("request"), *parts)


@register.filter
def tel_uri(phone):
    """A tel: link for a Polish phone number as people write it ("887 069 112")."""
    digits = "".join(char for char in phone if char.isdigit() or char == "+")
    if not digits.startswith("+"):
        digits = "+48" + digits
    return f"tel:{digits}"


@register.filter
def json_ld(data):
    """Render a dict as the body of a <script type="application/ld+json"> element."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))


@register.simple_tag
def describe_field(field, show_errors=True):
    """A form field's input, pointing screen readers to its help text and its errors."""
    described_by = [f"{field.auto_id}-help"] if field.help_text else []
    attrs = {}
    if show_errors and field.errors:
        described_by.append(f"{field.auto_id}-errors")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
