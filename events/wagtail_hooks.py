from wagtail.snippets.models import register_snippet

from .viewsets import CalendarViewSetGroup

register_snippet(CalendarViewSetGroup)
