"""
Interface strings in the reader's language, with English, not Polish, where a
catalogue has no translation.

Django falls back to the catalogue of ``LANGUAGE_CODE`` for a message missing in
another language: with Polish the site's default, a Ukrainian or Russian admin
showed Polish wherever Wagtail's own catalogues are incomplete ("Zmień języki",
"Szukaj…"). Every message is written in English, so English is the fallback here:
the ``en`` catalogue, or the message itself.

And a string translated when the admin's URLs load is fixed in the language
active then, Polish (no request has chosen one yet): Wagtail 8's snippet
breadcrumbs are, so they are made lazy, translated when a page is drawn.
"""

from django.conf import settings
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy, trans_real

FALLBACK_LANGUAGE = "en"


def _add_english_fallback(translation, localedirs=None):
    """DjangoTranslation._add_fallback, with English in place of LANGUAGE_CODE."""
    if translation.language().startswith(FALLBACK_LANGUAGE):
        return
    if translation.domain == "django":
        fallback = trans_real.translation(FALLBACK_LANGUAGE)
    else:
        fallback = trans_real.DjangoTranslation(
            FALLBACK_LANGUAGE, domain=translation.domain, localedirs=localedirs
        )
    translation.add_fallback(fallback)


def use_english_fallback():
    """Make every catalogue fall back to English (once, when the apps are ready)."""
    trans_real.DjangoTranslation._add_fallback = _add_english_fallback
    # Catalogues loaded before now were given the Polish fallback.
    trans_real._translations = {}
    trans_real._default = None


def _snippet_breadcrumbs(viewset):
    """SnippetViewSet.breadcrumbs_items, with labels translated when shown."""
    items = [{"url": reverse_lazy("wagtailadmin_home"), "label": gettext_lazy("Home")}]
    if (
        getattr(settings, "WAGTAILSNIPPETS_MENU_SHOW_ALL", False)
        or not viewset.get_menu_item_is_registered()
    ):
        items.append(
            {"url": reverse_lazy("wagtailsnippets:index"), "label": gettext_lazy("Snippets")}
        )
    return items


def translate_snippet_breadcrumbs_per_request():
    from wagtail.snippets.views.snippets import SnippetViewSet

    SnippetViewSet.breadcrumbs_items = property(_snippet_breadcrumbs)
