"""Links to the calendar feeds, for the pages they belong to (see events.feeds)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag
def session_ics_path(session):
    """The .ics of one session ("Add to calendar")."""
    return reverse("feeds:session", kwargs={"session_key": session.translation_key})


@register.simple_tag(takes_context=True)
def embed_url(context, **filters):
    """The embeddable list of the next events, narrowed by `filters`."""
    query = {name: getattr(value, "pk", value) for name, value in filters.items() if value}
    path = reverse("feeds:embed") + ("?" + urlencode(query) if query else "")
    return context["request"].build_absolute_uri(path)
