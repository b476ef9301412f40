"""
What anyone can do about a session now: the rule every page reads.

:meth:`events.models.Session.sign_up_refusal` says why a session takes no
sign-up (a code); :meth:`~events.models.Session.public_state` adds the places
and gives a :class:`PublicState`: the listing's badge, the programme page, the
sign-up page, the feeds and the "only with places left" filter (the same rule
in SQL, ``events.listing.sessions_of``) all read it, so they never disagree.
The sign-up code (``signups.services``) turns a code into the message a
refused family reads.
"""

import dataclasses
import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

# Below this many places left, the sign-up form warns that a bigger family waits.
FEW_PLACES = 5


@dataclasses.dataclass(frozen=True)
class PublicState:
    """A session's state for visitors. ``places_left`` is what a new sign-up can
    take: none while anyone is on the waiting list, since freed places belong to
    them."""

    NO_SIGN_UP = "no_sign_up"
    CANCELLED = "cancelled"
    NOT_OPEN_YET = "not_open_yet"
    CLOSED = "closed"
    OPEN = "open"
    WAITING_LIST = "waiting_list"
    FULL = "full"

    code: str
    places_left: int | None = None
    opens_at: datetime.datetime | None = None
    # When staff set sign-up to close; None when it closes as the session starts.
    closes_at: datetime.datetime | None = None
    others_waiting: bool = False

    @property
    def takes_sign_ups(self):
        """True when a sign-up sent now is taken, on a place or on the waiting list."""
        return self.code in (self.OPEN, self.WAITING_LIST)

    @property
    def label(self):
        """The badge, in the active language: "3 places left", "Sign-up closed"..."""
        if self.code == self.OPEN:
            return ngettext(
                "%(places)s place left", "%(places)s places left", self.places_left
            ) % {"places": self.places_left}
        if self.code == self.NOT_OPEN_YET:
            return gettext("Sign-up opens %(date)s at %(time)s") % date_and_time(self.opens_at)
        return {
            self.NO_SIGN_UP: gettext("No sign-up needed"),
            self.CANCELLED: gettext("Cancelled"),
            self.CLOSED: gettext("Sign-up closed"),
            self.WAITING_LIST: gettext("Full"),
            self.FULL: gettext("Full"),
        }[self.code]

    @property
    def few_places(self):
        """Few enough places left that a family may not fit: the form says so before it is sent."""
        return self.code == self.OPEN and self.places_left < FEW_PLACES

    @property
    def until(self):
        """Until when sign-ups are taken, when staff set it: "Sign-up until 30 October at 18:00"."""
        if not (self.takes_sign_ups and self.closes_at):
            return ""
        return gettext("Sign-up until %(date)s at %(time)s") % date_and_time(self.closes_at)

    @property
    def action(self):
        """The words of the link to the form, after the badge; empty when there is none."""
        if self.code == self.OPEN:
            return gettext("sign up")
        if self.code == self.WAITING_LIST:
            return gettext("join the waiting list")
        return ""


def date_and_time(moment):
    """A day and a time as the badges say them: "14 December", "9:00" (the year if not this one)."""
    moment = timezone.localtime(moment)
    day = "j E" if moment.year == timezone.localtime().year else "j E Y"
    return {"date": date_format(moment, day), "time": date_format(moment, "G:i")}
