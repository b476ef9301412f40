from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.i18n import JavaScriptCatalog

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from cic_site.page_cache import EXPIRES_AT_HOOK

from . import editor_hooks  # noqa: F401
from .page_cache import next_change
from .viewsets import CalendarViewSetGroup

register_snippet(CalendarViewSetGroup)

# Cached public pages expire when the calendar changes by itself (a sign-up opening...).
hooks.register(EXPIRES_AT_HOOK, next_change)


@hooks.register("insert_editor_js")
def recurrence_widget_on_added_sessions():
    return format_html('<script src="{}"></script>', static("events/js/recurrence-inline.js"))


@hooks.register("insert_global_admin_css")
def recurrence_widget_in_line():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("events/css/recurrence-inline.css")
    )


@hooks.register("register_admin_urls")
def recurrence_widget_translation_urls():
    """The recurrence widget's words (days, months, "weekly"...) in the admin user's language.

    django-recurrence looks for its catalogue under a view Django no longer has, so
    it is served here; as an admin URL, it speaks the user's preferred language.
    """
    catalogue = JavaScriptCatalog.as_view(packages=["recurrence"])
    return [path("recurrence-i18n/", catalogue, name="recurrence_javascript_catalogue")]


@hooks.register("insert_global_admin_js")
def recurrence_widget_translations():
    # Before the widget's own scripts (the form's media), which translate as they load.
    return format_html('<script src="{}"></script>', reverse("recurrence_javascript_catalogue"))
