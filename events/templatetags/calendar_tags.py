"""The calendar on other pages: links to the feeds (see events.feeds) and to venue pages,
and the excerpts that home and centre pages show (``home_calendar``, ``centre_calendar``)."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import timezone

from cic_site.public_url import absolute_url
from home.generation_cache import cached
from home.restrictions import public

from ..feeds import calendar_feed_links
from ..listing import Selection, live_programmes, upcoming_occurrences
from ..models import LOCAL_TIMEZONE, Audience, EventIndexPage
from ..models.calendar import venues_of_centre

register = template.Library()

# How many of the next events a home page shows, and a centre's page.
HOME_EVENTS_LIMIT = 4
CENTRE_EVENTS_LIMIT = 20


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
    """{locale id: the live calendar page of that language}, kept for the generation of
    the public pages (a calendar published or moved starts a new one)."""

    def build():
        calendars = {}
        for page in EventIndexPage.objects.live().order_by("path"):
            calendars.setdefault(page.locale_id, page)
        return calendars

    return cached(request, "calendars-by-locale", build)


@register.simple_tag(takes_context=True)
def venue_url(context, venue):
    """The address of `venue`'s page, in the calendar of the venue's own language.

    A session of a translated page may still name the Polish venue: the link goes to
    the venue's page where it exists. Empty when that language has no calendar.
    """
    calendar = calendars_by_locale(context.get("request")).get(venue.locale_id)
    return calendar.venue_url(venue) if calendar else ""


@register.simple_tag(takes_context=True)
def home_calendar(context, home):
    """What a home page shows of the calendar of its language.

    ``{% home_calendar page as calendar %}``: ``calendar.page`` (the calendar's
    page), ``next_events``, and the programmes for children with the listing's
    filter for them (``children_programmes``, ``children_filter``): families come
    for their children, so those come first.
    """
    request = context.get("request")
    programmes = live_programmes(home.locale, request)
    return {
        "page": public(EventIndexPage.objects.live().descendant_of(home), request).first(),
        "next_events": upcoming_occurrences(Selection(programmes), limit=HOME_EVENTS_LIMIT),
        "children_programmes": programmes.filter(audiences__audience=Audience.CHILDREN)
        .distinct()
        .order_by("path"),
        "children_filter": urlencode({"audience": Audience.CHILDREN}),
    }


@register.simple_tag(takes_context=True)
def centre_calendar(context, centre):
    """What a centre's page shows of the calendar: what is on there, where, and its feed.

    ``{% centre_calendar page as calendar %}``: ``calendar.next_events``,
    ``venues``, ``page`` (the calendar of the centre's language, for the link to
    every venue) and ``feed``.
    """
    request = context.get("request")
    sessions = Selection(live_programmes(centre.locale, request), {"centre": centre})
    return {
        "next_events": upcoming_occurrences(sessions, limit=CENTRE_EVENTS_LIMIT),
        "venues": venues_of_centre(centre, request),
        "page": calendars_by_locale(request).get(centre.locale_id),
        "feed": centre_feed(context, centre),
    }


@register.simple_tag(takes_context=True)
def centre_feed(context, centre):
    """The feed of what is on at `centre` (for the page's head, and its Subscribe block)."""
    return calendar_feed_links(context.get("request"), title=centre.title, centre=centre)
