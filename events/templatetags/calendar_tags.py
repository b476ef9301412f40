"""Links to the calendar feeds (see events.feeds) and to venue pages, for the pages that show them."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import timezone

from cic_site.public_url import absolute_url

from ..models import LOCAL_TIMEZONE, EventIndexPage

register = template.Library()


@register.simple_tag
def session_ics_path(session, starts_at=None):
    """The .ics of one session ("Add to calendar"), all its dates; or with `starts_at`,
    the one date of a repeating session that starts then ("Add this date").
    """
    path = reverse("feeds:session", kwargs={"session_key": session.translation_key})
    if starts_at is None:
        return path
    day = timezone.localtime(starts_at, LOCAL_TIMEZONE).date()
    return path + "?" + urlencode({"date": day.isoformat()})


@register.simple_tag(takes_context=True)
def embed_url(context, **filters):
    """The embeddable list of the next events, narrowed by `filters`."""
    # Venues, centres and categories by slug: the address holds in every language.
    query = {name: getattr(value, "slug", value) for name, value in filters.items() if value}
    path = reverse("feeds:embed") + ("?" + urlencode(query) if query else "")
    return absolute_url(path)


def calendars_by_locale(request):
    """{locale id: the live calendar page of that language}, looked up once per request."""
    calendars = getattr(request, "_calendars_by_locale", None)
    if calendars is None:
        calendars = {}
        for page in EventIndexPage.objects.live().order_by("path"):
            calendars.setdefault(page.locale_id, page)
        if request is not None:
            request._calendars_by_locale = calendars
    return calendars


@register.simple_tag(takes_context=True)
def venue_url(context, venue):
    """The address of `venue`'s page, in the calendar of the venue's own language.

    A session of a translated page may still name the Polish venue: the link goes to
    the venue's page where it exists. Empty when that language has no calendar.
    """
    calendar = calendars_by_locale(context.get("request")).get(venue.locale_id)
    return calendar.venue_url(venue) if calendar else ""
