"""
The sign-up e-mails, in the registrant's language, as plain text and HTML.

``signups.tasks.send_registration_email`` calls ``build_message`` for one of the
kinds the services queue (see ``SUBJECTS``). Every kind has one small template,
``signups/email/<kind>.txt``: a few paragraphs of plain text that extend the
layout they are given, ``base.txt`` for the text part and ``base.html`` for the
HTML alternative. The layouts add what every e-mail shows: the session, who is
signed up, the private link and who sent it.

Some kinds need facts the registration does not keep, given by the service that
queued them as ``details`` (JSON): the date of a series cancelled or brought back
(``date_cancelled``, ``date_restored``), the time and place families were told
before a change (``session_changed``), staff's own words to a session
(``session_message``: ``subject``, ``body`` and the ``language`` they are in).
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from cic_site.public_url import absolute_url
from events.contact import contact_for
from events.models import LOCAL_TIMEZONE, CancelledOccurrence, CancelledSession, Session, Venue
from events.models.calendar import when_text
from home.models import Footer

from .ical import private_link, registration_ics
from .models import Registration
from .services import TIME_AND_PLACE

# How dates read in the e-mails: the same as on the site's calendar.
DAY = "l, j E Y"

SUBJECTS = {
    "confirmed": _("Sign-up confirmed: %(title)s"),
    "waiting": _("On the waiting list: %(title)s"),
    "offered": _("A place is free for you: %(title)s"),
    "offer_expired": _("The place offered to you has gone: %(title)s"),
    "reminder": _("Tomorrow: %(title)s"),
    "cancelled": _("Sign-up cancelled: %(title)s"),
    "participant_cancelled": _("Sign-up changed: %(title)s"),
    "session_cancelled": _("Session cancelled: %(title)s"),
    "date_cancelled": _("One date cancelled: %(title)s"),
    "date_restored": _("The date takes place after all: %(title)s"),
    "session_changed": _("New time or place: %(title)s"),
    # Staff desk (events/staff_views.py).
    "sign_up_edited": _("Sign-up changed: %(title)s"),
    "moved": _("Sign-up moved to another session: %(title)s"),
    # "session_message", staff's own message to a session, has the subject they wrote.
}

# The e-mails that say what a registration's status is: by the time one leaves
# (later, when the mail server failed), that may no longer be so, and the e-mail
# about what happened next is on its way.
STATUS_TOLD = {
    "confirmed": Registration.Status.CONFIRMED,
    "waiting": Registration.Status.WAITING,
    "offered": Registration.Status.OFFERED,
    "reminder": Registration.Status.CONFIRMED,
}


# The e-mails about the session itself, for those still signed up; each carries the
# updated .ics to a confirmed sign-up, whose calendar holds the session.
SESSION_NEWS = ("date_cancelled", "date_restored", "session_changed")


def is_outdated(registration, kind, details=None):
    """True when an e-mail of `kind` would tell the registrant what is no longer so.

    A status they no longer have; news of the session once they are not signed up;
    a date cancelled that was brought back meanwhile, or the other way round (the
    later e-mail is on its way).
    """
    if kind in STATUS_TOLD:
        return registration.status != STATUS_TOLD[kind]
    if kind in SESSION_NEWS and registration.status == Registration.Status.CANCELLED:
        return True
    if kind in ("date_cancelled", "date_restored"):
        cancelled = CancelledOccurrence.objects.filter(
            session_key=registration.quota.session_key,
            starts_at=parse_datetime(details["starts_at"]),
        ).exists()
        return cancelled != (kind == "date_cancelled")
    return False


def build_message(registration, kind, *, details=None):
    """The e-mail of `kind` about `registration`, ready to send.

    `details` are the kind's own facts (see the module's docstring).
    """
    details = details or {}
    locale = Locale.objects.filter(language_code=registration.language).first()
    session = registration.quota.session_in(locale)
    page = session.page if session else registration.page
    if session is None and "session" in details:
        # Deleted with its page since: the e-mail names it as it was.
        session, page = _deleted_session(details["session"], registration.language)
    with translation.override(registration.language), timezone.override(LOCAL_TIMEZONE):
        if kind == "session_message":
            subject = details["subject"]
        else:
            subject = str(SUBJECTS[kind] % {"title": page.title if page else ""})
        # Families reply to the centre that organises the session, not to the site.
        contact = contact_for(page=page, session=session, locale=locale)
        reply_to = [contact.email] if contact.email else None
        context = {
            **_context(registration, session, page, locale),
            "kind": kind,
            "subject": subject,
            "reply_to": reply_to,
            "contact": contact,
            **_news_context(registration, kind, session, locale, details),
            # Staff's own message, in Polish when not written in the family's language.
            "staff_message": details.get("body", ""),
            "in_other_language": details.get("language", registration.language)
            != registration.language,
        }
        message = compose(kind, context, layout="base", to=registration.email, reply_to=reply_to)
        # A family moved to another session gets that session's calendar, once confirmed.
        confirmed = kind == "confirmed" or (
            kind in ("moved", *SESSION_NEWS)
            and registration.status == Registration.Status.CONFIRMED
        )
        if confirmed and session:
            message.attach(f"{page.slug}.ics", registration_ics(registration), "text/calendar")
    return message


def compose(kind, context, *, layout, to, reply_to=None, headers=None):
    """An e-mail of `kind` to `to`: ``signups/email/<kind>.txt`` rendered in the plain-text
    and HTML versions of `layout` (``signups/email/<layout>.txt`` and ``.html``), with
    the subject in `context`. Render it in the language of the person it goes to.
    """
    text, html = (
        render_to_string(f"signups/email/{kind}.txt", {**context, "layout": template})
        for template in [f"signups/email/{layout}.txt", f"signups/email/{layout}.html"]
    )
    message = EmailMultiAlternatives(
        subject=context["subject"],
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        reply_to=reply_to,
        headers={"Auto-Submitted": "auto-generated", **(headers or {})},
    )
    message.attach_alternative(html, "text/html")
    return message


def _context(registration, session, page, locale):
    """What the layouts and the kinds show; dates in the active language and time zone."""
    participants = list(registration.participants.all())
    active = [p for p in participants if p.cancelled_at is None]
    cancelled = [p for p in participants if p.cancelled_at is not None]
    rules = session.recurrence if session else None
    return {
        "registration": registration,
        "session": session,
        "page": page,
        "page_url": (page.get_full_url() or "") if page else "",
        "venue": session.venue if session else None,
        "when": _when(session) if session else "",
        "repeats": bool(rules and (rules.rrules or rules.rdates)),
        # Who the sign-up is for; a cancelled sign-up still says who it was for.
        "participants": active or participants,
        "cancelled_participants": cancelled,
        "cancelled_names": ", ".join(str(p) for p in cancelled),
        "waiting_position": registration.waiting_position(),
        # No weekday: "by Friday" would need its own grammatical case in Polish and Ukrainian.
        "deadline": _format(registration.offer_expires_at, "j E Y, H:i"),
        "hold_hours": settings.CIC_OFFER_HOLD_HOURS,
        "private_link": private_link(registration),
        "accept_link": private_link(registration, "signups:accept"),
        "alerts_link": absolute_url(reverse("signups:alert_subscribe")),
        "organisation": Footer.for_language(registration.language),
        "language_code": registration.language,
    }


def _news_context(registration, kind, session, locale, details):
    """What the e-mails about the session itself show, in the active language."""
    if not session:
        return {}
    context = {"note": session.note, "calendar_attached": False}
    if kind in SESSION_NEWS:
        context["calendar_attached"] = registration.status == Registration.Status.CONFIRMED
    if kind in ("date_cancelled", "date_restored"):
        starts_at = parse_datetime(details["starts_at"])
        context["date"] = when_text(session, starts_at)
        cancellation = CancelledOccurrence.objects.filter(
            session_key=session.translation_key, starts_at=starts_at
        ).first()
        context["note"] = cancellation.note_in(locale.language_code) if cancellation else None
    if kind == "session_changed":
        before, after = details["before"], details["after"]
        context.update(
            before_when=when_text(*_as_told(before)),
            before_venue=_venue_in(before["venue_id"], locale),
            # What they are told now, not what the session says by the time this leaves.
            when=when_text(*_as_told(after)),
            venue=_venue_in(after["venue_id"], locale),
            moved=after["status"] == Session.Status.MOVED,
            # Marked as moved with the time and place as they were: the note says where.
            rescheduled=any(before[name] != after[name] for name in TIME_AND_PLACE),
        )
        if not context["moved"]:
            context["note"] = None
    return context


class _DeletedPage:
    """Stands in for a programme page deleted since: its title and organiser, no address."""

    def __init__(self, title, organiser_id=None):
        self.title = title
        self.organiser_id = organiser_id
        self.slug = ""

    def get_full_url(self):
        return ""

    def get_site(self):
        return None


def _deleted_session(told, language):
    """A session whose page is gone, from what ``services._session_as_told`` kept."""
    names = told["languages"]
    own = names.get(language) or names.get(settings.LANGUAGE_CODE) or {}
    source = names.get(settings.LANGUAGE_CODE) or own
    session, _start = _as_told(told["schedule"])
    session.title = own.get("title", "")
    if told["schedule"].get("venue_id"):
        session.venue = Venue.objects.filter(pk=told["schedule"]["venue_id"]).first()
    # Session.note reads why from here instead of the deleted rows.
    own_note = (names.get(language) or {}).get("note", "")
    session.cancellation = CancelledSession(
        note=source.get("note", ""),
        note_translations={language: own_note} if own_note else {},
    )
    return session, _DeletedPage(own.get("page_title", ""), own.get("organiser_id"))


def _as_told(schedule):
    """A session's time as stored in ``Quota.told_schedule``: (session, start) for ``when_text``."""
    told = Session(
        starts_at=parse_datetime(schedule["starts_at"]),
        ends_at=parse_datetime(schedule["ends_at"]),
        all_day=schedule["all_day"],
        daily=schedule["daily"],
    )
    return told, told.starts_at


def _venue_in(venue_id, locale):
    """The venue `venue_id` in `locale` when it is translated, else as it is."""
    venue = Venue.objects.filter(pk=venue_id).first() if venue_id else None
    if venue is None or locale is None or venue.locale_id == locale.pk:
        return venue
    return venue.get_translation_or_none(locale) or venue


def _when(session):
    """The session's date and time, as the calendar shows them: "Monday, 6 July 2026,
    09:00–13:00", or a camp's "Monday 6 – Friday 10 July 2026, daily 08:00–13:00".
    """
    return session.when_display


def _format(moment, pattern=f"{DAY}, H:i"):
    return date_format(timezone.localtime(moment), pattern) if moment else ""
