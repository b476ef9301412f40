"""
The demo calendar's dates: the centres' real offers (content/calendar.json),
placed around the day the demo is built (some past, most upcoming), so the
calendar always has something on.

Whatever the day, every kind of programme has at least one session that takes
sign-ups now, with places left (a half-day camp, Bajkowóz, a speaking club for
children and one for adults, a Polish course, an adaptation course and an
event), and the other states of sign-up can be seen too: a camp that is full
with a waiting list, one whose sign-up opens in a few days, and sessions whose
sign-up has closed. The camps fall in the school holidays: the next winter
break (ferie, mid-January to February) or summer (July and August), whichever
comes first.

In calendar.json a session's ``start``, ``opens``, ``closes`` (when its
sign-up opens and closes; by default open from the start, closed when the
session starts) and ``weekly_until`` (the last day of a weekly session) are
written relative to the day the demo is built::

    {"from": "monday", "weeks": 2, "days": 5, "time": "17:00"}

is 17:00 on the Saturday two weeks after this week's. ``from`` is one of

- ``today``: the day the demo is built;
- ``monday``: the Monday of this week;
- ``last_summer``: the Monday of the week of 6 July of the last summer
  holidays (this year's once August is over, else last year's);
- ``camp_week``: the Monday of the first holiday week at least two weeks away
  (next_camp_week).

``weeks`` and ``days`` (either may be negative or left out) are added to it;
without ``time`` the value is a date. A session that lasts ``days`` meets every
day from 8 to 13; one with ``hours`` lasts that long. A session title
``{holidays}`` is the name of the holidays it falls in (``holidays`` in the
JSON). ``except_weeks`` of a weekly session are the weeks after the first
meeting when it does not meet.

Illustrative, not from the seeds: the dates and hours of each offer, the winter
half-day camps, the speaking club for adults, and which library of each town
Bajkowóz visits (the seeds name only the towns; an address or website is the
library's main building's as published by the library or the local press, blank
where neither was found with confidence, and the venue's page then says where
to ask). The camp families' names are invented.
"""

import datetime

from .texts import load

CALENDAR = load("calendar.json")
CALENDAR_PAGE = CALENDAR["calendar_page"]
CATEGORIES = CALENDAR["categories"]
LIBRARIES = CALENDAR["libraries"]
OTHER_VENUES = CALENDAR["other_venues"]
# Families signed up for the Kalisz camp of the next holiday week, so that the staff
# screens have something to show: the first take all 15 places, the last one waits.
CAMP_SIGN_UPS = CALENDAR["camp_sign_ups"]

# The keys of a session whose values are written relative to the day the demo is built.
DATES = ("start", "opens", "closes", "weekly_until")


def is_camp_week(monday):
    """Whether the week from `monday` to Friday lies in the school holidays."""
    friday = monday + datetime.timedelta(days=4)
    summer = monday.month in (7, 8) and friday.month in (7, 8)
    # Wielkopolska's winter break falls between mid-January and the end of February.
    winter_break = (
        monday.month in (1, 2) and friday.month in (1, 2) and (monday.month, monday.day) >= (1, 12)
    )
    return summer or winter_break


def next_camp_week(today):
    """The Monday of the first holiday week at least two weeks away.

    Two weeks leave room for a camp whose sign-up opens in a few days.
    """
    monday = today - datetime.timedelta(days=today.weekday()) + datetime.timedelta(weeks=2)
    while not is_camp_week(monday):
        monday += datetime.timedelta(weeks=1)
    return monday


def camp_title(monday):
    """The name of the holidays the week of `monday` falls in."""
    return CALENDAR["holidays"]["winter" if monday.month in (1, 2) else "summer"]


def anchors(today):
    """The days a date in calendar.json can be counted `from`."""
    last_summer = today.year if today.month > 8 else today.year - 1
    july = datetime.date(last_summer, 7, 6)
    return {
        "today": today,
        "monday": today - datetime.timedelta(days=today.weekday()),
        "last_summer": july - datetime.timedelta(days=july.weekday()),
        "camp_week": next_camp_week(today),
    }


def resolve(when, days_from):
    """The date, or the naive local datetime when it has a `time`, that `when` names."""
    day = days_from[when["from"]] + datetime.timedelta(
        weeks=when.get("weeks", 0), days=when.get("days", 0)
    )
    if "time" not in when:
        return day
    return datetime.datetime.combine(day, datetime.time.fromisoformat(when["time"]))


def programmes(today):
    """The demo programmes of calendar.json, their sessions dated relative to `today`."""
    days_from = anchors(today)
    return [
        {
            **programme,
            "sessions": [session(data, days_from) for data in programme["sessions"]],
        }
        for programme in CALENDAR["programmes"]
    ]


def session(data, days_from):
    dated = {**data, **{key: resolve(data[key], days_from) for key in DATES if key in data}}
    if dated.get("title") == "{holidays}":
        dated["title"] = camp_title(dated["start"].date())
    return dated
