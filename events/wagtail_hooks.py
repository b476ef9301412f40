from django.contrib.auth.models import Permission
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import (
    editor_hooks,  # noqa: F401
    page_hooks,  # noqa: F401
    reports,
)
from .audit import LOG_ACTIONS
from .viewsets import CalendarViewSetGroup, SignUpsMenuItem, SignUpViewSetGroup

register_snippet(CalendarViewSetGroup)
# Registered as snippets so that the consent texts in the group are snippets
# (translated with wagtail-localize); the sign-up views are registered with it.
register_snippet(SignUpViewSetGroup)


@hooks.register("register_permissions")
def sign_up_permissions():
    """Seeing who signed up and managing their personal data, grantable under Settings → Groups."""
    return Permission.objects.filter(
        content_type__app_label="events",
        codename__in=["view_participants", "manage_personal_data"],
    )


@hooks.register("register_log_actions")
def sign_up_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


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


@hooks.register("register_admin_urls")
def sign_up_report_urls():
    return [path("reports/sign-ups/", include((reports.urlpatterns, "sign_up_reports")))]


@hooks.register("register_reports_menu_item")
def sign_up_statistics_menu_item():
    return SignUpsMenuItem(
        _("Sign-up statistics"),
        reverse("sign_up_reports:statistics"),
        name="sign-up-statistics",
        icon_name="table",
        order=1300,
    )


@hooks.register("register_reports_menu_item")
def sign_up_audit_log_menu_item():
    return SignUpsMenuItem(
        _("Sign-up audit log"),
        reverse("sign_up_reports:audit_log"),
        name="sign-up-audit-log",
        icon_name="history",
        order=1400,
    )
