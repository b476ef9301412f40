"""What the tests of the demo (test_seed_demo.py, test_seeded_demo.py) look for in it."""

import collections

from django.apps import apps

from wagtail.models import Page

from events.models import EventPage, Session
from events.sign_up_state import PublicState
from workshops.models import (
    AdaptationCoursePage,
    LibraryWorkshopPage,
    PolishCoursePage,
    SpeakingClubPage,
    SummerCampPage,
)

STAFF_NAMES_IN_THE_SEEDS = ["Jedynak", "Grundwald", "Grygier", "Bączyk", "Juraszczyk", "Gosztyła"]

# Every journey a newcomer can try: (kind of programme, the audience it must include).
KINDS = {
    "half-day camp": (SummerCampPage, None),
    "Bajkowóz": (LibraryWorkshopPage, None),
    "speaking club for children": (SpeakingClubPage, "children"),
    "speaking club for adults": (SpeakingClubPage, "adults"),
    "Polish course": (PolishCoursePage, None),
    "adaptation course": (AdaptationCoursePage, None),
    "event": (EventPage, None),
}


def kinds_of(page, audiences):
    return [
        kind
        for kind, (page_class, audience) in KINDS.items()
        if type(page) is page_class and (audience is None or audience in audiences)
    ]


def takes_sign_ups_now(session, now):
    """Open now, with places left, and still to come: what the listing badges "sign up"."""
    state = session.public_state(now)
    return state.code == PublicState.OPEN and state.places_left > 0 and session.occurs_after(now)


def kinds_open_at(now):
    """The kinds of programme with a session in the database that takes sign-ups at `now`."""
    found = collections.Counter()
    sessions = Session.objects.filter(locale__language_code="pl").select_related("page")
    for session in sessions:
        page = session.page.specific
        audiences = set(page.audiences.values_list("audience", flat=True))
        if takes_sign_ups_now(session, now):
            found.update(kinds_of(page, audiences))
    return found


def snapshot():
    counts = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if not model._meta.label.startswith(("sessions.", "contenttypes.", "auth.Permission"))
    }
    pages = list(
        Page.objects.order_by("pk").values_list(
            "pk", "title", "slug", "live", "latest_revision_id", "last_published_at"
        )
    )
    return counts, pages
