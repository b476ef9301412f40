"""The calendar on other pages: links to the feeds (see events.feeds) and to venue pages,
the excerpts that home and centre pages show (``home_calendar``, ``centre_calendar``),
and the rows of a list of occurrences (``occurrence_items``)."""

import dataclasses
import uuid
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.template.loader import get_template, render_to_string
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail.templatetags.wagtailcore_tags import pageurl

from cic_site.public_url import absolute_url
from home.generation_cache import TIMEOUT_SECONDS, cached, digest, fragment_key, kept_cache
from home.restrictions import public

from ..feeds import calendar_feed_links
from ..listing import Occurrence, Selection, live_programmes, upcoming_occurrences
from ..models import LOCAL_TIMEZONE, Audience, EventIndexPage
from ..models.calendar import venues_of_centre

register = template.Library()

# How many of the next events a home page shows, and a centre's page.
HOME_EVENTS_LIMIT = 4
CENTRE_EVENTS_LIMIT = 20


# A key no session has, to reverse an address once and put each session's key in it.
PLACEHOLDER_KEY = uuid.UUID(int=0)
_reversed_with_placeholder = {}


def session_path(view_name, session_key):
    """``reverse(view_name, kwargs={"session_key": session_key})``, reversed once per
    language (the prefix) and script prefix: a list of twenty rows asks for forty."""
    cache_key = (
        view_name,
        get_language(),
        get_script_prefix(),
        settings.ROOT_URLCONF,
        get_urlconf(),
    )
    path = _reversed_with_placeholder.get(cache_key)
    if path is None:
        path = reverse(view_name, kwargs={"session_key": PLACEHOLDER_KEY})
        _reversed_with_placeholder[cache_key] = path
    return path.replace(str(PLACEHOLDER_KEY), str(uuid.UUID(str(session_key))))


@register.simple_tag
def session_ics_path(session, starts_at=None):
    """The .ics of one session ("Add to calendar"), all its dates; or with `starts_at`,
    the one date of a repeating session that starts then ("Add this date").
    """
    path = session_path("feeds:session", session.translation_key)
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
    Kept on the request: a list names the same venues again and again.
    """
    request = context.get("request")
    known = getattr(request, "_cic_venue_urls", None) if request is not None else None
    if known is None:
        known = {}
        if request is not None:
            request._cic_venue_urls = known
    key = (venue.pk, venue.locale_id, venue.slug)
    if key not in known:
        calendar = calendars_by_locale(request).get(venue.locale_id)
        known[key] = calendar.venue_url(venue) if calendar else ""
    return known[key]


@dataclasses.dataclass
class OccurrenceRow:
    """What a row of a list of occurrences shows (events/includes/occurrence_row.html),
    worked out in Python: the template reads values, calls no tag."""

    occurrence: Occurrence
    when: str
    page_url: str
    venue_url: str
    audiences: list
    state: object
    sign_up_url: str
    ics_path: str
    ics_date_path: str


def occurrence_row(context, occurrence, page_urls, state=None):
    """The :class:`OccurrenceRow` of `occurrence`: the values the tags give
    (``pageurl``, ``venue_url``, ``sign_up_status``, ``sign_up_url``,
    ``session_ics_path``), each page's address found once (`page_urls`, by page id);
    `state`, the session's public state, when it was worked out already."""
    session = occurrence.session
    page = session.page
    if page.pk not in page_urls:
        page_urls[page.pk] = pageurl(context, page)
    if state is None and not occurrence.is_cancelled:
        state = session.public_state()
    takes_sign_ups = state is not None and state.takes_sign_ups
    return OccurrenceRow(
        occurrence=occurrence,
        when=occurrence.when,
        page_url=page_urls[page.pk],
        venue_url=venue_url(context, session.venue) if session.venue else "",
        audiences=list(page.audiences.all()),
        state=state,
        sign_up_url=sign_up_url(session) if takes_sign_ups else "",
        ics_path=session_ics_path(session),
        ics_date_path=session_ics_path(session, occurrence.starts_at) if session.repeats else "",
    )


ROW_TEMPLATE = "events/includes/occurrence_row.html"


@register.simple_tag(takes_context=True)
def occurrence_items(context, occurrences):
    """``<li>`` items of a list of occurrences (events/includes/occurrence_list.html),
    each row's HTML (``events/includes/occurrence_row.html``) kept in the shared cache.

    A row shows the content (its programme, session and venue: kept for the
    generation of the content, which every change of them starts anew, and at most
    ``CIC_PAGE_CACHE_SECONDS``) and its state at this moment (places left, sign-ups
    open or closed, cancelled), which is worked out on every request and is part of
    the key, with what the addresses the row links to follow from (the language, the
    host, the script prefix). So a sign-up
    rebuilds the rows of its own session only, and the template engine, about 1.5 ms
    a row, runs for the rows that changed. Read in one round trip (``get_many``),
    written in one. A preview's rows are rendered each time.
    """
    request = context.get("request")
    page_urls = {}
    template = get_template(ROW_TEMPLATE)

    def render(occurrence, state=None):
        row = occurrence_row(context, occurrence, page_urls, state)
        return template.render({"row": row})

    if getattr(request, "is_preview", False) or any(
        occurrence.session.pk is None for occurrence in occurrences
    ):
        # A preview shows a draft, which no generation of the content covers.
        return mark_safe("".join(f"<li>{render(occurrence)}</li>" for occurrence in occurrences))
    prefix = fragment_key(request, "occurrence-row")
    # The addresses a row links to follow from the content (the key's generation), the
    # language, and the host and script prefix the page is asked for under (Wagtail
    # links a page of another site in full): worked out only for a row not kept.
    addressed = (get_language(), request.get_host() if request else "", get_script_prefix())
    this_year = timezone.localtime().year
    keyed = []
    for occurrence in occurrences:
        session = occurrence.session
        state = None if occurrence.is_cancelled else session.public_state()
        identity = (
            addressed,
            session.pk,
            occurrence.starts_at.isoformat(),
            getattr(occurrence.cancellation, "pk", None),
            session.is_cancelled,
            dataclasses.astuple(state) if state else None,
            # The badges name the year of a date in another year than this one.
            this_year,
        )
        keyed.append((f"{prefix}:{digest(identity)}", occurrence, state))
    found = kept_cache.get_many([key for key, _occurrence, _state in keyed]) if keyed else {}
    missing = {}
    items = []
    for key, occurrence, state in keyed:
        html = found.get(key)
        if html is None:
            html = missing[key] = render(occurrence, state)
        items.append(f"<li>{html}</li>")
    if missing:
        kept_cache.set_many(missing, TIMEOUT_SECONDS)
    return mark_safe("".join(items))


def sign_up_url(session):
    """The address of `session`'s sign-up form (the ``sign_up_url`` tag's)."""
    return session_path("signups:sign_up", session.translation_key)


class HomeCalendar:
    """What a home page shows of the calendar of its language, each part read when
    the template first asks for it (the parts in a ``{% cache %}`` block are not,
    while the block is kept)."""

    def __init__(self, home, request):
        self.home = home
        self.request = request
        self.children_filter = urlencode({"audience": Audience.CHILDREN})

    @cached_property
    def programmes(self):
        return live_programmes(self.home.locale, self.request)

    @cached_property
    def page(self):
        """The calendar's page (None without one), kept for the generation."""

        def build():
            calendars = EventIndexPage.objects.live().descendant_of(self.home)
            return public(calendars, self.request).first() or False

        return cached(self.request, f"home-calendar:{self.home.pk}", build) or None

    @cached_property
    def next_events(self):
        return upcoming_occurrences(Selection(self.programmes), limit=HOME_EVENTS_LIMIT)

    @cached_property
    def children_programmes(self):
        """The programmes for children, with the listing's filter for them
        (``children_filter``): families come for their children, so those come first."""
        return list(
            self.programmes.filter(audiences__audience=Audience.CHILDREN)
            .distinct()
            .order_by("path")
        )


@register.simple_tag(takes_context=True)
def home_calendar(context, home):
    """``{% home_calendar page as calendar %}``: a :class:`HomeCalendar`."""
    return HomeCalendar(home, context.get("request"))


class CentreCalendar:
    """What a centre's page shows of the calendar, each part read when the template
    first asks for it: what is on there (``next_events``), where (``venues``),
    ``page`` (the calendar of the centre's language, for the link to every venue)
    and ``feed``."""

    def __init__(self, context, centre):
        self.context = context
        self.centre = centre
        self.request = context.get("request")

    @cached_property
    def next_events(self):
        sessions = Selection(
            live_programmes(self.centre.locale, self.request), {"centre": self.centre}
        )
        return upcoming_occurrences(sessions, limit=CENTRE_EVENTS_LIMIT)

    @cached_property
    def venues(self):
        return venues_of_centre(self.centre, self.request)

    @cached_property
    def page(self):
        return calendars_by_locale(self.request).get(self.centre.locale_id)

    @cached_property
    def feed(self):
        return centre_feed(self.context, self.centre)


@register.simple_tag(takes_context=True)
def centre_calendar(context, centre):
    """``{% centre_calendar page as calendar %}``: a :class:`CentreCalendar`."""
    return CentreCalendar(context, centre)


@register.simple_tag(takes_context=True)
def centre_feed(context, centre):
    """The feed of what is on at `centre` (for the page's head, and its Subscribe block)."""
    return calendar_feed_links(context.get("request"), title=centre.title, centre=centre)


@register.simple_tag(takes_context=True)
def calendar_filters(context):
    """The calendar's filter form (events/includes/filters.html), as submitted.

    Its HTML is kept for the generation of the content (a venue, category or centre
    changed starts a new one) by page, language and submitted values: rendering
    its widgets (some fifty options) took longer than the rest of the page. A form
    with errors is rendered each time.
    """
    form = context["form"]
    filter_query = context.get("filter_query", "")

    def build():
        return render_to_string(
            "events/includes/filters.html", {"form": form, "filter_query": filter_query}
        )

    if form.is_bound and form.errors:
        return build()
    page = context.get("page")
    submitted = [
        (name, form.data.getlist(name) if hasattr(form.data, "getlist") else form.data[name])
        for name in form.fields
        if name in form.data
    ]
    # The form's class and fields too: a view with a form of its own never meets this one.
    shape = (type(form).__qualname__, list(form.fields), form.prefix)
    identity = digest((shape, form.is_bound, submitted, filter_query))
    name = f"calendar-filters:{getattr(page, 'pk', None)}:{get_language()}:{identity}"
    return mark_safe(cached(context.get("request"), name, build))
