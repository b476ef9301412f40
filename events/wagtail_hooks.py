from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .viewsets import CalendarViewSetGroup

register_snippet(CalendarViewSetGroup)


@hooks.register("insert_editor_js")
def recurrence_widget_on_added_sessions():
    return format_html('<script src="{}"></script>', static("events/js/recurrence-inline.js"))
