"""A registrant's own .ics: attached to the confirmation, downloadable from the private link.

Built on the calendar's iCalendar functions (``events.ical``), in the registrant's
language, with their private link.
"""

import datetime

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import Locale

from cic_site.public_url import absolute_url
from events.ical import cancelled_date_event, new_calendar, session_event
from events.models import CancelledOccurrence

from .models import Registration


def registration_ics(registration):
    """The .ics of one sign-up, in the registrant's language, with their private link.

    A repeating session carries its cancelled dates, so the family's calendar drops
    them; each new copy has the session's current SEQUENCE, so it replaces the last.
    """
    locale = Locale.objects.filter(language_code=registration.language).first()
    session = with_facts_of(registration.quota.session, registration.quota.session_in(locale))
    cancelled_dates = (
        CancelledOccurrence.objects.filter(session_key=session.translation_key)
        if session.repeats
        else []
    )
    with translation.override(registration.language):
        link = private_link(registration)
        names = ", ".join(str(p) for p in registration.active_participants())
        lines = [
            gettext("Signed up: %(names)s") % {"names": names} if names else "",
            gettext("See or cancel your sign-up: %(link)s") % {"link": link},
        ]
        event = session_event(
            session,
            description="\n".join(line for line in lines if line),
            status=_registration_status(registration, session),
        )
        events = [event]
        for cancelled in cancelled_dates:
            # A date no longer in the series (it moved) has no instance to override.
            if session.occurrences_between(
                cancelled.starts_at, cancelled.starts_at + datetime.timedelta(seconds=1)
            ):
                events.append(cancelled_date_event(session, cancelled))
    return new_calendar(events).to_ical()


def with_facts_of(source, session):
    """`session` (a language version) with the time, place and status of `source`.

    The Polish row owns them; a translation's row follows it when the page is
    published (``events.translation_sync``), which may be just after an e-mail
    about the change is built.
    """
    if source is None or source.pk == session.pk:
        return session
    for name in ("starts_at", "ends_at", "all_day", "daily", "recurrence", "status", "changed_at"):
        setattr(session, name, getattr(source, name))
    session.sequence = max(session.sequence, source.sequence)
    if source.venue_id != session.venue_id:
        venue = source.venue
        session.venue = venue and (venue.get_translation_or_none(session.locale_id) or venue)
    return session


def private_link(registration, url_name="signups:detail"):
    """The absolute address of a registrant's private link, or of one of its actions.

    It carries the prefix of the active language: call it inside ``translation.override``.
    """
    path = reverse(
        url_name, kwargs={"reference": registration.reference, "token": registration.token}
    )
    return absolute_url(path)


def _registration_status(registration, session):
    if session.is_cancelled or registration.status == Registration.Status.CANCELLED:
        return "CANCELLED"
    if registration.status == Registration.Status.CONFIRMED:
        return "CONFIRMED"
    return "TENTATIVE"  # waiting, or a place offered and not yet accepted
