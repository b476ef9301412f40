"""
The sign-up e-mails, in the registrant's language, as plain text and HTML.

``events.tasks.send_registration_email`` calls ``build_message`` for one of the
kinds the services queue (see ``SUBJECTS``). Every kind has one small template,
``events/email/<kind>.txt``: a few paragraphs of plain text that extend the
layout they are given, ``base.txt`` for the text part and ``base.html`` for the
HTML alternative. The layouts add what every e-mail shows: the session, who is
signed up, the private link and who sent it.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from home.models import Footer

from .contact import contact_for
from .ical import private_link, registration_ics
from .models import LOCAL_TIMEZONE, Registration

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
    # Staff desk (events/staff_views.py).
    "sign_up_edited": _("Sign-up changed: %(title)s"),
    "moved": _("Sign-up moved to another session: %(title)s"),
    # "session_message", staff's own message to a session, has the subject they write.
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


def is_outdated(registration, kind):
    """True when an e-mail of `kind` would tell the registrant a status they no longer have."""
    return kind in STATUS_TOLD and registration.status != STATUS_TOLD[kind]


def build_message(registration, kind, *, subject=None, extra_context=None):
    """The e-mail of `kind` about `registration`, ready to send.

    `subject` replaces the kind's own, and `extra_context` adds to what the
    template is given: staff's own message to a session uses both.
    """
    locale = Locale.objects.filter(language_code=registration.language).first()
    session = registration.quota.session_in(locale)
    page = session.page if session else registration.page
    with translation.override(registration.language), timezone.override(LOCAL_TIMEZONE):
        subject = subject or str(SUBJECTS[kind] % {"title": page.title if page else ""})
        # Families reply to the centre that organises the session, not to the site.
        contact = contact_for(page=page, session=session, locale=locale)
        reply_to = [contact.email] if contact.email else None
        context = {
            **_context(registration, session, page, locale),
            "kind": kind,
            "subject": subject,
            "reply_to": reply_to,
            "contact": contact,
            **(extra_context or {}),
        }
        text, html = (
            render_to_string(f"events/email/{kind}.txt", {**context, "layout": layout})
            for layout in ["events/email/base.txt", "events/email/base.html"]
        )
        message = EmailMultiAlternatives(
            subject=subject,
            body=text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[registration.email],
            reply_to=reply_to,
            headers={"Auto-Submitted": "auto-generated"},
        )
        message.attach_alternative(html, "text/html")
        # A family moved to another session gets that session's calendar, once confirmed.
        confirmed = kind == "confirmed" or (
            kind == "moved" and registration.status == Registration.Status.CONFIRMED
        )
        if confirmed and session:
            message.attach(f"{page.slug}.ics", registration_ics(registration), "text/calendar")
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
        "organisation": Footer.objects.filter(locale=locale).first(),
        "language_code": registration.language,
    }


def _when(session):
    """The session's date and time, as the calendar shows them: "Monday, 6 July 2026,
    09:00–13:00", or a camp's "Monday 6 – Friday 10 July 2026, daily 08:00–13:00".
    """
    return session.when_display


def _format(moment, pattern=f"{DAY}, H:i"):
    return date_format(timezone.localtime(moment), pattern) if moment else ""
