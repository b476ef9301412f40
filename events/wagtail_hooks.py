from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin_views import LOG_ACTIONS
from .viewsets import CalendarViewSetGroup, SignUpViewSetGroup

register_snippet(CalendarViewSetGroup)
# Registered as snippets so that the consent texts in the group are snippets
# (translated with wagtail-localize); the sign-up views are registered with it.
register_snippet(SignUpViewSetGroup)


@hooks.register("register_log_actions")
def sign_up_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)


@hooks.register("insert_editor_js")
def recurrence_widget_on_added_sessions():
    return format_html('<script src="{}"></script>', static("events/js/recurrence-inline.js"))
