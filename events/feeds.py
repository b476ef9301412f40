"""
The calendar feeds: iCalendar (RFC 5545) subscriptions, and the embeddable list.

A feed is the calendar of one language tree (``EventIndexPage``), narrowed by the
listing's own filters in the query string (centre, venue, category, audience,
language of the activity) and by the kind of programme; a programme page has a
feed of its sessions, and each session an .ics of its own. The VEVENTs come from
``events.ical``; this module picks the sessions, and serves the result cheaply:

* A feed's body is built once per version of the feeds (``events.feed_cache``:
  content changes show at once, places at most ``CIC_FEED_PLACES_INTERVAL``
  late), its address and the day (cancelled sessions and past ones drop out as
  days go by), and kept in the cache with its ETag, a digest of the body; a
  matching ``If-None-Match`` is answered 304 without a query.
* Each session's VEVENTs are kept for the content's generation too, so the
  rebuild after a sign-up writes only those whose places changed.
* The queries that build a feed do not depend on the number of sessions: one for
  the sessions with everything they show, one for the programmes' audiences, one
  for the cancelled dates.
"""

import dataclasses
import datetime
import hashlib
from urllib.parse import urlencode

import icalendar
from csp.decorators import csp_replace

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, Subquery
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, quote_etag
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import condition

from wagtail.models import Locale, Page

from cic_site.public_url import absolute_url
from home.models import Footer
from home.restrictions import public

from . import ical
from .feed_cache import VEVENTS, current_version
from .forms import FIRST_YEAR, LAST_YEAR, OccurrenceFilterForm
from .listing import sessions_of, upcoming_occurrences
from .models import (
    LOCAL_TIMEZONE,
    Audience,
    CancelledOccurrence,
    EventIndexPage,
    ProgrammeAudience,
    ProgrammePage,
    Session,
)

# How often subscribed calendars are asked to look for changes.
REFRESH_INTERVAL = datetime.timedelta(hours=6)
# A cancelled session or date stays in the feeds this long after it was
# cancelled, so every subscribed calendar hears of it.
CANCELLED_KEPT = datetime.timedelta(days=30)
SECOND = datetime.timedelta(seconds=1)
# How long other requests wait for one that builds a feed, serving its previous body.
BUILD_LOCK_SECONDS = 30
# How far ahead a date of a repeating session may be added on its own.
ONE_DATE_AHEAD = datetime.timedelta(days=2 * 366)
# How many upcoming dates the embeddable list shows.
EMBED_LIMIT = 10


# Choosing what a feed holds


def programme_kinds():
    """Every kind of programme (event, summer camp, speaking club...) by a short key."""
    return {model._meta.model_name.removesuffix("page"): model for model in ProgrammePage.kinds()}


class FeedFilterForm(OccurrenceFilterForm):
    """The listing's filters that make sense for a subscription, and the kind of programme.

    Dates, age and "places left" are left out: a subscription follows what comes.
    """

    kind = forms.ChoiceField(label=gettext_lazy("Kind of programme"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("age", "date_from", "date_to", "places"):
            del self.fields[name]
        self.fields["kind"].choices = [
            ("", ""),
            *[(key, model._meta.verbose_name) for key, model in programme_kinds().items()],
        ]

    def clean(self):
        cleaned = super().clean()
        if kind := cleaned.get("kind"):
            cleaned["kind"] = programme_kinds()[kind]
        return cleaned

    def description(self):
        """What the filters select, for the calendar's name: "Biblioteka Raczyńskich, Children"."""
        labels = []
        for name in ("centre", "venue", "category"):
            if value := self.cleaned_data.get(name):
                labels.append(getattr(value, "name", None) or value.title)
        if audience := self.cleaned_data.get("audience"):
            labels.append(str(dict(self.fields["audience"].choices)[audience]))
        if language := self.cleaned_data.get("language"):
            labels.append(str(dict(self.fields["language"].choices)[language]))
        if kind := self.cleaned_data.get("kind"):
            labels.append(str(kind._meta.verbose_name_plural))
        return ", ".join(labels)


class UnknownFilter(Http404):
    """A feed's or the embed's address names a venue, centre... that we do not know.

    ``filters`` are the labels of the filters at fault, for a page that says so.
    """

    def __init__(self, form, index_page):
        super().__init__("Unknown filter")
        self.filters = [form.fields[name].label for name in form.errors if name in form.fields]
        self.index_page = index_page


def filtered_sessions(index_page, query, request=None):
    """The sessions of `index_page`'s calendar selected by `query`; UnknownFilter (a 404)
    for a filter value that names nothing in any language.
    """
    form = FeedFilterForm(query, locale=index_page.locale)
    if not form.is_valid():
        raise UnknownFilter(form, index_page)
    filters = {name: value for name, value in form.cleaned_data.items() if value}
    # The listing's prefetches are not needed: build_calendar reads the audiences itself.
    sessions = sessions_of(index_page.programmes(request), filters).prefetch_related(None)
    if kind := filters.get("kind"):
        sessions = sessions.filter(page__in=kind.objects.live())
    return sessions, form.description()


def feed_sessions(sessions, now):
    """The sessions a feed carries, as a list.

    Past sessions drop out once the last occurrence is more than
    ``CIC_FEED_PAST_DAYS`` old; cancelled ones stay ``CANCELLED_KEPT`` after
    their cancellation, so that calendars hear of it, and then go too.
    """
    cutoff = now - datetime.timedelta(days=settings.CIC_FEED_PAST_DAYS)
    one_off = Q(recurrence__isnull=True) | Q(recurrence="")
    candidates = (
        sessions.with_places()
        .with_cancellation()
        .with_source_notes()
        .select_related("page__organiser")  # the town in the SUMMARY, without a venue
        # Not shown in a feed, and the dearest field to load: the programme's body.
        .defer("page__body")
        .filter(~one_off | Q(ends_at__gte=cutoff))
        .order_by("starts_at", "pk")
    )
    kept = []
    for session in candidates:
        if session.is_cancelled and (session.changed_at or now) < now - CANCELLED_KEPT:
            continue
        if session.recurrence and not session.occurs_after(cutoff - session.duration):
            continue
        kept.append(session)
    return kept


# Building the calendar


@dataclasses.dataclass
class FeedContext:
    """What every VEVENT of one feed needs to know, fetched once for the whole feed."""

    request: object
    stamp: datetime.datetime
    audiences: dict  # page id: the labels of its audiences


def build_calendar(sessions, *, name, request, version):
    """The octets of a VCALENDAR to subscribe to: `sessions` (already filtered by
    feed_sessions), named `name`, as of `version` (``feed_cache.current_version()``).

    Each session's VEVENTs are kept (``feed_cache.VEVENTS``) for the content's
    generation of `version`, under what may still change within it: their
    description (places left, the sign-up state), the cancelled dates still told,
    the language and the address. After a sign-up, a feed writes again only the
    VEVENTs that changed.
    """
    now = timezone.now()
    context = FeedContext(
        request=request, stamp=version.content_changed_at, audiences=audience_labels(sessions)
    )
    cancelled_dates = cancelled_occurrences(sessions, now)
    language = translation.get_language() or settings.LANGUAGE_CODE
    wanted = {}
    for session in sessions:
        page_url = session.page.get_full_url(request)
        description = event_description(session, page_url)
        cancelled = cancelled_dates.get(session.translation_key, [])
        key = "|".join(
            [
                language,
                str(session.pk),
                page_url,
                description,
                *[str(date.pk) for date in cancelled],
            ]
        )
        wanted[key] = (session, page_url, description, cancelled)
    found = VEVENTS.get_many(version.content_token, wanted)
    written = {}
    for key, (session, page_url, description, cancelled) in wanted.items():
        if key not in found:
            events = session_events(
                session, context, page_url=page_url, description=description, cancelled=cancelled
            )
            parts = [ical.written_with_tzids(event) for event in events]
            written[key] = (
                b"".join(octets for octets, _tzids in parts),
                set().union(*[tzids for _octets, tzids in parts]),
            )
    VEVENTS.set_many(version.content_token, written)
    found |= written
    calendar = ical.new_calendar(
        [], name=name, tzids=set().union(*[tzids for _octets, tzids in found.values()])
    )
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add("refresh-interval", icalendar.vDuration(REFRESH_INTERVAL), {"VALUE": "DURATION"})
    calendar.add("x-published-ttl", icalendar.vDuration(REFRESH_INTERVAL))
    return ical.with_events(calendar, [found[key][0] for key in wanted])


def calendar_events(sessions, *, request, stamp):
    """The VEVENTs of `sessions`: each one's series, and its cancelled dates still worth telling."""
    context = FeedContext(request=request, stamp=stamp, audiences=audience_labels(sessions))
    cancelled_dates = cancelled_occurrences(sessions, timezone.now())
    events = []
    for session in sessions:
        page_url = session.page.get_full_url(request)
        events += session_events(
            session,
            context,
            page_url=page_url,
            description=event_description(session, page_url),
            cancelled=cancelled_dates.get(session.translation_key, []),
        )
    return events


def session_events(session, context, *, page_url, description, cancelled):
    """A session's series, and those of its `cancelled` dates that are still dates of it."""
    events = [feed_event(session, context, page_url=page_url, description=description)]
    for date in cancelled:
        # A date that is no longer one of the series' (the series moved) has no
        # instance to override.
        if session.occurrences_between(date.starts_at, date.starts_at + SECOND):
            events.append(
                ical.cancelled_date_event(session, date, stamp=context.stamp, url=page_url)
            )
    return events


def one_date_event(session, day, *, request, stamp):
    """The date `day` of a repeating `session` as an event of its own ("Add this date").

    404 unless `day` is one of its dates, and not further ahead than ``ONE_DATE_AHEAD``
    (so that no address makes the rule expand for ever).
    """
    if not session.repeats or day > timezone.localdate() + ONE_DATE_AHEAD:
        raise Http404("Not a date of this session")
    found = session.occurrences_between(
        datetime.datetime.combine(day, datetime.time(), tzinfo=LOCAL_TIMEZONE),
        datetime.datetime.combine(
            day + datetime.timedelta(days=1), datetime.time(), tzinfo=LOCAL_TIMEZONE
        ),
    )
    if not found:
        raise Http404("Not a date of this session")
    cancelled = CancelledOccurrence.objects.filter(
        session_key=session.translation_key, starts_at=found[0]
    ).first()
    context = FeedContext(request=request, stamp=stamp, audiences=audience_labels([session]))
    page_url = session.page.get_full_url(request)
    if cancelled:
        note = cancelled.note_in(translation.get_language() or settings.LANGUAGE_CODE)
        description = "\n\n".join([gettext("Cancelled"), *([note.labelled] if note else [])])
    else:
        description = event_description(session, page_url)
    return feed_event(
        session,
        context,
        page_url=page_url,
        description=description,
        occurrence=found[0],
        cancelled=cancelled,
    )


def audience_labels(sessions):
    """Who each programme is for, read in one query (a prefetch costs more per page)."""
    labels = dict(Audience.choices)
    found = {}
    for page_id, audience in ProgrammeAudience.objects.filter(
        page_id__in={session.page_id for session in sessions}
    ).values_list("page_id", "audience"):
        found.setdefault(page_id, []).append(str(labels[audience]))
    return found


def cancelled_occurrences(sessions, now):
    """The cancelled dates of recurring `sessions` still worth telling, by session key."""
    found = {}
    for cancelled in CancelledOccurrence.objects.of_sessions(sessions).filter(
        cancelled_at__gte=now - CANCELLED_KEPT
    ):
        found.setdefault(cancelled.session_key, []).append(cancelled)
    return found


def feed_event(session, context, *, page_url, description, occurrence=None, cancelled=None):
    """A session's VEVENT: its series or, with `occurrence`, that one of its dates
    (cancelled when `cancelled`, the date's CancelledOccurrence, is given).
    """
    page = session.page
    event = ical.session_event(
        session,
        description=description,
        status="CANCELLED" if cancelled else None,
        stamp=context.stamp,
        url=page_url,
        occurrence=occurrence,
    )
    categories = [page.category.name] if page.category else []
    categories += context.audiences.get(page.pk, [])
    if categories:
        event.add("categories", categories)
    return event


def event_description(session, page_url):
    """The plain text of a VEVENT: the introduction, the status and how to sign up."""
    page = session.page
    lines = [page.intro] if page.intro else []
    if note := session.note:
        lines.append(note.labelled)
    if session.is_cancelled:
        lines.append(gettext("Cancelled"))
    elif session.needs_sign_up:
        # The same words as the badge on the site: places left, full, opens on..., closed.
        state = session.public_state()
        lines.append(state.label)
        if state.until:
            lines.append(state.until)
        if state.takes_sign_ups:
            path = reverse("signups:sign_up", kwargs={"session_key": session.translation_key})
            lines.append(gettext("Sign up: %(url)s") % {"url": absolute_url(path)})
    else:
        lines.append(gettext("No sign-up needed"))
    return "\n\n".join(lines)


def site_name(request):
    """The organisation's name in the active language, as the site's header shows it."""
    footer = Footer.for_language()
    return footer.organisation_name if footer else gettext("Foreigner Integration Centres")


# Links to the feeds, for the pages they belong to

# The listing's filters a feed understands; the others (dates, age, places) are dropped.
FEED_FILTERS = ("centre", "venue", "category", "audience", "language", "kind")
# What the listing's other filters are called when the Subscribe block says it leaves them out.
LEFT_OUT_FILTERS = {
    "age": gettext_lazy("age"),
    "date_from": gettext_lazy("dates"),
    "date_to": gettext_lazy("dates"),
    "places": gettext_lazy("places left"),
}


@dataclasses.dataclass(frozen=True)
class FeedLinks:
    """How a page offers its feed: ``<link rel="alternate">`` and the "Subscribe" block."""

    title: str
    url: str  # absolute (https in production): what "add by URL" takes
    path: str
    # The listing's filters the feed cannot keep, as the Subscribe block names them.
    left_out: tuple = ()

    @property
    def webcal_url(self):
        return "webcal://" + self.url.split("://", 1)[1]


def calendar_feed_links(request, title=None, query=None, **filters):
    """The feed of the calendar, narrowed by `filters` (a venue, a centre page...).

    With the listing's `query` (its filters as the form cleaned them), the feed keeps
    its own filters and names the others it leaves out.
    """
    query = query or {}
    selected = {}
    for name in FEED_FILTERS:
        value = filters.get(name) or query.get(name)
        if value:
            # Venues, centres and categories by slug: the address holds in every language.
            selected[name] = getattr(value, "slug", value)
    left_out = [
        str(label)
        for name, label in LEFT_OUT_FILTERS.items()
        if query.get(name) not in (None, "", False)
    ]
    path = reverse("feeds:calendar") + ("?" + urlencode(selected) if selected else "")
    return FeedLinks(
        title=title or gettext("Calendar of events"),
        url=absolute_url(path),
        path=path,
        left_out=tuple(dict.fromkeys(left_out)),
    )


def programme_feed_links(request, page):
    path = reverse("feeds:programme", kwargs={"page_id": page.pk})
    return FeedLinks(title=page.title, url=absolute_url(path), path=path)


# Serving


def serve_calendar(request, build, *, filename):
    """Answer a feed request: 304 when the client has it, else the cached or a new body.

    `build(version)` makes the VCALENDAR's octets, or raises Http404. It is only
    called when this version of the feed is not in the cache yet, so a client that
    has the current feed costs no query at all. Django's ``condition`` answers
    ``If-None-Match`` (comparing weakly: a gzipping proxy sends our ETag back as
    W/"...") and ``If-Modified-Since``.
    """
    version = current_version()
    today = timezone.localdate()
    digest = hashlib.sha256(
        f"{version.token}|{today.isoformat()}|{request.get_full_path()}".encode(),
        usedforsecurity=False,
    ).hexdigest()[:32]
    # Past sessions and long-cancelled ones drop out as days go by, which the
    # version's key tells by its day: a client that has yesterday's feed is not
    # sent a 304 either.
    last_modified = max(
        version.changed_at,
        datetime.datetime.combine(today, datetime.time(), tzinfo=timezone.get_current_timezone()),
    )
    served = cached_feed(request, digest, last_modified, lambda: build(version))

    @condition(
        etag_func=lambda request: served.etag,
        last_modified_func=lambda request: served.last_modified,
    )
    def feed(request):
        nonlocal served
        if (body := served.body or cache.get(body_key(served.etag))) is None:
            # The cache let the body go, not its ETag: build it again, ETag and all.
            served = store_feed(request, digest, last_modified, build(version))
            body = served.body
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["ETag"] = served.etag
        response["Last-Modified"] = http_date(served.last_modified.timestamp())
        return response

    response = feed(request)
    patch_cache_control(response, public=True, max_age=settings.CIC_FEED_MAX_AGE_SECONDS)
    return response


@dataclasses.dataclass(frozen=True)
class ServedFeed:
    """A feed's body as built once: its ETag (made of the body itself), its date, and
    the body when at hand (otherwise in the cache under :func:`body_key`)."""

    etag: str
    last_modified: datetime.datetime
    body: bytes | None = None


def body_key(etag):
    return f"cic:feed:body:{etag.strip(chr(34))}"


def cached_feed(request, digest, last_modified, build):
    """This version's body of the feed, built once.

    The ETag is a digest of the body, so it can never stand for another body: not
    when two servers build one version at once, nor when places changed while
    their new version waits (see ``events.feed_cache``). A conditional request
    reads only the ETag from the cache, not the body.

    While one request builds a feed after a change, the others asking for it get
    the feed's previous body (with its own ETag and date) instead of building it too.
    """
    key = f"cic:feed:{digest}"
    if (found := cache.get(key)) is not None:
        return ServedFeed(*found)
    building_key = f"{key}:building"
    if not cache.add(building_key, True, timeout=BUILD_LOCK_SECONDS) and (
        previous := cache.get(previous_key(request))
    ):
        return ServedFeed(*previous)
    try:
        return store_feed(request, digest, last_modified, build())
    finally:
        cache.delete(building_key)


def store_feed(request, digest, last_modified, body):
    etag = quote_etag(hashlib.sha256(body, usedforsecurity=False).hexdigest()[:32])
    timeout = settings.CIC_FEED_CACHE_SECONDS
    cache.set(body_key(etag), body, timeout=timeout)
    cache.set_many(
        {
            f"cic:feed:{digest}": (etag, last_modified),
            previous_key(request): (etag, last_modified),
        },
        timeout=timeout,
    )
    return ServedFeed(etag, last_modified, body)


def previous_key(request):
    """Where the last body built of the feed at this address is named, whatever its version."""
    path = request.get_full_path().encode()
    return "cic:feed:served:" + hashlib.sha256(path, usedforsecurity=False).hexdigest()[:32]


def calendar_feed_view(request):
    """The calendar of the request's language, narrowed by the filters in the query string."""

    def build(version):
        sessions, description = filtered_sessions(calendar_page(), request.GET, request)
        site = site_name(request)
        name = (
            gettext("%(site)s: %(what)s") % {"site": site, "what": description}
            if description
            else gettext("%(site)s: all events") % {"site": site}
        )
        return build_calendar(
            feed_sessions(sessions, timezone.now()), name=name, request=request, version=version
        )

    return serve_calendar(request, build, filename="events.ics")


def programme_feed_view(request, page_id):
    """Every session of one programme, in the request's language.

    `page_id` is the page's id in any language (ids differ from one to the next):
    the address of the Polish feed with /pl/ turned into /uk/ serves the Ukrainian one.
    """

    def build(version):
        page = get_object_or_404(
            public(ProgrammePage.objects.live(), request),
            translation_key=Subquery(Page.objects.filter(pk=page_id).values("translation_key")),
            locale=Locale.get_active(),
        )
        return build_calendar(
            feed_sessions(feed_queryset(page.sessions.all()), timezone.now()),
            name=gettext("%(site)s: %(what)s") % {"site": site_name(request), "what": page.title},
            request=request,
            version=version,
        )

    return serve_calendar(request, build, filename=f"programme-{page_id}.ics")


def session_ics_view(request, session_key):
    """One session, in the request's language, to add to a calendar ("Add to calendar"):
    all its dates or, with ``?date=YYYY-MM-DD``, that one date of a repeating session.

    A file to add, not a calendar to subscribe to: without the calendar's name and
    refresh interval, with which some clients open it as a new calendar.
    """
    day = requested_day(request.GET.get("date"))

    def build(version):
        session = (
            feed_queryset(Session.objects.with_places().with_cancellation())
            .filter(
                translation_key=session_key,
                page__in=public(ProgrammePage.objects.live(), request).filter(
                    locale=Locale.get_active()
                ),
            )
            .first()
        )
        if session is None:
            raise Http404
        stamp = version.content_changed_at
        if day is None:
            events = calendar_events([session], request=request, stamp=stamp)
        else:
            events = [one_date_event(session, day, request=request, stamp=stamp)]
        return ical.to_ical(ical.new_calendar(events))

    return serve_calendar(request, build, filename="session.ics")


def requested_day(value):
    """The day of ``?date=YYYY-MM-DD``: None without one, 404 for anything else,
    a day of a year the calendar does not reach included.
    """
    if value is None:
        return None
    try:
        day = datetime.datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise Http404("Not a date") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise Http404("Not a date of the calendar")
    return day


def calendar_page():
    """The calendar (EventIndexPage) of the request's language."""
    page = EventIndexPage.objects.live().filter(locale=Locale.get_active()).first()
    if page is None:
        raise Http404
    return page


def feed_queryset(sessions):
    return sessions.select_related("page", "page__category", "page__organiser", "venue")


# The embeddable list


def embedded_occurrences(request):
    index_page = calendar_page()
    sessions, description = filtered_sessions(index_page, request.GET, request)
    return index_page, upcoming_occurrences(sessions, limit=EMBED_LIMIT), description


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def embed_view(request):
    """The next events as a small page, for an <iframe> on a partner library's site.

    An address that names a venue (or a centre...) we do not know, or a language
    with no calendar, still answers inside the library's frame, saying what is wrong,
    rather than with a page that browsers refuse to frame.
    """
    try:
        index_page, found, description = embedded_occurrences(request)
    except UnknownFilter as unknown:
        return embed_not_found(request, index_page=unknown.index_page, filters=unknown.filters)
    except Http404:
        return embed_not_found(request, index_page=None, filters=[])
    response = TemplateResponse(
        request,
        "events/embed.html",
        {
            "page": index_page,
            "occurrences": found,
            "description": description,
            "site_name": site_name(request),
        },
    )
    patch_cache_control(response, public=True, max_age=settings.CIC_FEED_MAX_AGE_SECONDS)
    return response


def embed_not_found(request, *, index_page, filters):
    """The embed's 404, framable (as embed_view is): the filters it does not know, if any."""
    return TemplateResponse(
        request,
        "events/embed_not_found.html",
        {"page": index_page, "filters": filters, "site_name": site_name(request)},
        status=404,
    )


def embed_json_view(request):
    """The same list as JSON, for a site that lays it out itself.

    An unknown filter answers 404 in JSON that the library's script may read (CORS),
    saying which filter, in the request's language.
    """
    try:
        index_page, found, description = embedded_occurrences(request)
    except UnknownFilter as unknown:
        return json_response(
            {
                "error": "unknown_filter",
                "filters": [str(label) for label in unknown.filters],
                "message": gettext(
                    "This calendar's address names something we do not know: %(filters)s."
                )
                % {"filters": ", ".join(str(label) for label in unknown.filters)},
            },
            status=404,
        )
    except Http404:
        return json_response(
            {
                "error": "no_calendar",
                "message": gettext("There is no calendar in this language."),
            },
            status=404,
        )
    events = []
    for occurrence in found:
        session, page = occurrence.session, occurrence.page
        venue = session.venue
        state = session.public_state()
        events.append(
            {
                "uid": ical.session_uid(session),
                "title": page.title,
                "session": session.title,
                "starts_at": timezone.localtime(occurrence.starts_at).isoformat(),
                "ends_at": timezone.localtime(occurrence.ends_at).isoformat(),
                "all_day": session.all_day,
                "daily": session.daily,
                "when": occurrence.when,
                "status": "cancelled" if occurrence.is_cancelled else session.status,
                "status_note": occurrence.status_note,
                "places_left": session.places_left,
                # What the site's badge says: open, waiting_list, full, not_open_yet, closed...
                # and never a sign-up beside a cancelled date.
                "sign_up": "cancelled" if occurrence.is_cancelled else state.code,
                "sign_up_label": gettext("Cancelled") if occurrence.is_cancelled else state.label,
                "venue": ({"name": venue.name, "address": venue.full_address} if venue else None),
                "url": page.get_full_url(request),
            }
        )
    response = json_response({"calendar": description or index_page.title, "events": events})
    patch_cache_control(response, public=True, max_age=settings.CIC_FEED_MAX_AGE_SECONDS)
    return response


def json_response(data, status=200):
    """JSON that any site's script may read (the list is public)."""
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
