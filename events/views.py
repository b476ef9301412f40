"""The calendar's views, served by EventIndexPage's routes (see models.EventIndexPage)."""

import calendar
import dataclasses
import datetime
import functools
from urllib.parse import urlencode, urlsplit

from csp.constants import SELF
from csp.decorators import csp_update

from django import forms
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

from cic_site.public_url import absolute_url
from home import generation_cache

from .feeds import EMBED_LIMIT, calendar_feed_links
from .forms import FIRST_YEAR, LAST_YEAR, OccurrenceFilterForm, find_translation
from .listing import (
    UPCOMING_WINDOW,
    Selection,
    live_programmes,
    local_midnight,
    occurrences,
    upcoming_occurrences,
)
from .models import Venue

PER_PAGE = 20
ARCHIVE_WINDOW = datetime.timedelta(days=366)


@dataclasses.dataclass
class FilteredSessions:
    """The filter form as submitted, and the sessions it selects."""

    form: OccurrenceFilterForm
    filters: dict
    sessions: Selection
    filter_query: str  # the filters as a query string, for links that keep them

    @classmethod
    def from_request(cls, request, index_page):
        form = OccurrenceFilterForm(request.GET or None, locale=index_page.locale)
        filters = form.cleaned_data if form.is_valid() else {}
        filter_query = {
            key: value for key, value in request.GET.items() if key != "page" and value
        }
        sessions = Selection(index_page.programmes(request), filters)
        return cls(
            form=form, filters=filters, sessions=sessions, filter_query=urlencode(filter_query)
        )

    def count_name(self, index_page):
        """What tells this selection from any other in the content's generation, for the
        count of its dates kept (events.listing.occurrences); None with "only with places
        left", which a sign-up changes."""
        if self.filters.get("places"):
            return None
        filters = sorted(
            (name, getattr(value, "pk", value)) for name, value in self.filters.items()
        )
        return f"{index_page.pk}:{generation_cache.digest(filters)}"


def render(request, index_page, template, filtered=None, **context):
    if filtered is not None:
        context.update(form=filtered.form, filter_query=filtered.filter_query)
        context.setdefault(
            "feed", calendar_feed_links(request, title=index_page.title, query=filtered.filters)
        )
    context.setdefault("language_route", language_route(request, index_page, filtered))
    response = index_page.render(request, template=template, context_overrides=context)
    if filtered is not None and filtered.form.errors:
        response.status_code = 400
    return response


def language_route(request, index_page, filtered=None, venue=None):
    """For the language switcher: this view and its filters as they read in another language.

    Returns what follows the other language's calendar URL. A venue, a centre or a
    category is named by its slug there (found by translation_key: a translator may
    have changed it), and a filter whose object has no translation there is left
    out rather than lead to a refused filter. A venue with no translation leads to
    the calendar.
    """
    own_url = urlsplit(index_page.get_url(request) or "").path
    route = request.path.removeprefix(own_url) if request.path.startswith(own_url) else ""
    form = filtered.form if filtered is not None else None
    filters = filtered.filters if filtered is not None else {}

    @functools.cache
    def counterparts(obj, field_name):
        """{locale id: field value} of `obj`'s translations, `obj` included, kept for the
        generation (a venue, category or page saved starts a new one)."""

        def build():
            objects = type(obj).objects.filter(translation_key=obj.translation_key)
            if isinstance(obj, Page):
                objects = objects.live()
            return dict(objects.values_list("locale_id", field_name))

        name = f"counterparts:{obj._meta.label}:{obj.translation_key}:{field_name}"
        return generation_cache.cached(request, name, build)

    def route_in(translation):
        path = route
        if venue is not None:
            venue_there = counterparts(venue, "slug").get(translation.locale_id)
            if venue_there is None:
                return ""
            path = index_page.reverse_subpage("venue", args=(venue_there,))
        query = []
        for key, values in request.GET.lists():
            field = form.fields.get(key) if form is not None else None
            if isinstance(field, forms.ModelChoiceField):
                obj = filters.get(key)
                value = obj and counterparts(obj, field.to_field_name or "pk").get(
                    translation.locale_id
                )
                values = [value] if value else []
            query += [(key, value) for value in values]
        return path + (f"?{urlencode(query)}" if query else "")

    return route_in


def page_of(request, found):
    return Paginator(found, PER_PAGE).get_page(request.GET.get("page"))


def render_list(request, index_page, filtered, found, view):
    """The upcoming and the past events: a paginated list beside the filters."""
    return render(
        request,
        index_page,
        "events/event_index_page.html",
        filtered,
        occurrences_page=page_of(request, found),
        view=view,
    )


def upcoming_view(request, index_page):
    filtered = FilteredSessions.from_request(request, index_page)
    filters = filtered.filters
    now = timezone.now()
    start = local_midnight(filters["date_from"]) if filters.get("date_from") else now
    end = (
        local_midnight(filters["date_to"] + datetime.timedelta(days=1))
        if filters.get("date_to")
        else start + UPCOMING_WINDOW
    )
    found = occurrences(
        filtered.sessions, max(start, now), end, count_kept_as=filtered.count_name(index_page)
    )
    return render_list(request, index_page, filtered, found, view="list")


def week_view(request, index_page):
    filtered = FilteredSessions.from_request(request, index_page)
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    days = [monday + datetime.timedelta(days=offset) for offset in range(7)]
    found = occurrences(
        filtered.sessions,
        local_midnight(days[0]),
        local_midnight(days[-1] + datetime.timedelta(days=1)),
    )
    by_day = {day: [] for day in days}
    by_day.update(by_local_day(found, days))
    return render(request, index_page, "events/week.html", filtered, days=by_day, view="week")


def month_view(request, index_page, year=None, month=None):
    filtered = FilteredSessions.from_request(request, index_page)
    today = timezone.localdate()
    if year is None:
        year, month = today.year, today.month
    if not (1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR):
        raise Http404
    first = datetime.date(year, month, 1)
    previous_month = first - datetime.timedelta(days=1)
    next_month = (first + datetime.timedelta(days=32)).replace(day=1)
    return render(
        request,
        index_page,
        "events/month.html",
        filtered,
        view="month",
        month=first,
        grid=MonthGrid(filtered.sessions, year, month),
        # The grid shows content and the day, not places (unless only those with places
        # left are asked for): kept for the content's generation.
        grid_fragment=generation_cache.fragment(
            request,
            "month",
            index_page.pk,
            first,
            today,
            sorted(request.GET.lists()),
            keep=not filtered.filters.get("places"),
        ),
        # No link to a month out of the calendar's years (a 404).
        previous_month=previous_month if previous_month.year >= FIRST_YEAR else None,
        next_month=next_month if next_month.year <= LAST_YEAR else None,
        today=today,
    )


class MonthGrid:
    """A month's occurrences by day, read when the template first asks (not while its
    block is kept)."""

    def __init__(self, sessions, year, month):
        self.sessions = sessions
        self.month = month
        self.dates = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)

    @functools.cached_property
    def by_day(self):
        found = occurrences(
            self.sessions,
            local_midnight(self.dates[0][0]),
            local_midnight(self.dates[-1][-1] + datetime.timedelta(days=1)),
        )
        return by_local_day(found, [day for week in self.dates for day in week])

    @functools.cached_property
    def weeks(self):
        """Each week's days, each with its occurrences."""
        return [[(day, self.by_day.get(day, [])) for day in week] for week in self.dates]

    @functools.cached_property
    def days_on(self):
        """On a phone the grid gives way to a list of this month's days with something on."""
        return [(day, listed) for day, listed in self.by_day.items() if day.month == self.month]


def by_local_day(found, days):
    """`found` occurrences on each of `days` they take place on, in order of the time of day.

    A camp from Monday to Friday is on each of its days, after an event at 7:00.
    """
    by_day = {day: [] for day in days}
    for occurrence in found:
        for day in occurrence.days:
            if day in by_day:
                by_day[day].append(occurrence)
    return {
        day: sorted(day_occurrences, key=lambda occurrence: occurrence.time_of_day)
        for day, day_occurrences in by_day.items()
        if day_occurrences
    }


def archive_view(request, index_page):
    filtered = FilteredSessions.from_request(request, index_page)
    now = timezone.now()
    found = occurrences(filtered.sessions, now - ARCHIVE_WINDOW, now, latest_first=True)
    return render_list(request, index_page, filtered, found, view="archive")


def venues_view(request, index_page):
    """Every venue of this language, by town: where to find the activities, and each one's page."""
    venues = Venue.objects.filter(locale=index_page.locale).order_by("city", "name")
    return render(
        request,
        index_page,
        "events/venues.html",
        venues=[venue for venue in venues if venue.kind != Venue.Kind.LIBRARY],
        libraries=[venue for venue in venues if venue.kind == Venue.Kind.LIBRARY],
    )


# The height of the embedded list, so that a library's page shows it whole, without a
# scroll bar inside the frame (see embed.css), down to a phone's column (about 320 px):
# the frame's padding and the link to every event (two lines there), then one row per
# date: its time, its title and its sign-up state, each of which may take two lines.
# A list of EMBED_LIMIT dates is as tall as it gets.
EMBED_FRAME_PX = 96
EMBED_ROW_PX = 130


def embed_height(listed):
    """The <iframe> height, in pixels, that shows a list of `listed` dates whole."""
    return EMBED_FRAME_PX + EMBED_ROW_PX * min(max(listed, 1), EMBED_LIMIT)


@csp_update({"frame-src": [SELF]})
def venue_view(request, index_page, venue_key):
    """A venue's page: where it is, what is on there, and how to show that elsewhere.

    The page frames its own embeddable list as a preview, hence frame-src 'self'.
    """
    venue = generation_cache.cached(
        request,
        f"venue-page:{index_page.locale_id}:{venue_key}",
        lambda: find_translation(Venue.objects.all(), venue_key, locale=index_page.locale),
    )
    if venue is None:
        raise Http404
    if venue.slug != venue_key:
        # An id (the address before slugs) or another language's slug: the same venue here.
        return redirect(index_page.venue_url(venue), permanent=True)
    upcoming = upcoming_occurrences(
        Selection(live_programmes(index_page.locale, request), {"venue": venue}),
        count_kept_as=f"{index_page.pk}:venue:{venue.pk}",
    )
    embed_path = reverse("feeds:embed") + "?" + urlencode({"venue": venue.slug})
    return render(
        request,
        index_page,
        "events/venue.html",
        venue=venue,
        occurrences_page=page_of(request, upcoming),
        feed=calendar_feed_links(request, title=venue.name, venue=venue),
        language_route=language_route(request, index_page, venue=venue),
        # The preview frames the list from this very site, whatever address it is on.
        embed_path=embed_path,
        embed_url=absolute_url(embed_path),
        embed_height=embed_height(len(upcoming)),
        embed_json_url=reverse("feeds:embed_json") + "?" + urlencode({"venue": venue.slug}),
    )
