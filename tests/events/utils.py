"""Helpers for tests of the calendar: times in Warsaw, days from now, translated pages."""

import datetime

import recurrence

from django.utils import timezone

from events.models import LOCAL_TIMEZONE
from tests.utils import translate_page


def local(*args):
    """An aware datetime in Europe/Warsaw."""
    return datetime.datetime(*args, tzinfo=LOCAL_TIMEZONE)


def in_days(days, hour=10):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def translated(page, locale):
    """`page` published in `locale`, with the pages above it translated first."""
    for ancestor in page.get_ancestors().filter(depth__gte=2):
        if not ancestor.get_translations().filter(locale=locale).exists():
            translate_page(ancestor, locale)
    return translate_page(page, locale)


def summer_camp(venues, **changes):
    """The answers for a summer camp of 2 centres × 2 weeks, Monday to Friday 8:00–13:00."""
    return {
        "title_pattern": "Turnus {roman}",
        "first_number": "1",
        "first_day": "2027-07-05",
        "weeks": "2",
        "more_days": "",
        "days": "5",
        "daily": "weekdays",
        "start_time": "08:00",
        "end_time": "13:00",
        "venues": [venue.pk for venue in venues],
        "capacity": "20",
        "waiting_list": "on",
        "min_age": "6",
        "max_age": "12",
        "registration_opens_at": "2027-06-01 10:00",
        "opens_days_before": "",
        "closes_days_before": "3",
        **changes,
    }


def years_of_sessions(calendar_page, centres, count, *, first=0):
    """`count` sessions of `centres`' programmes (bulk-created, dates then rebuilt),
    spread over three years: two past and the next one, as a site keeps them.

    `centres` are (centre page, its venue) pairs; each centre has a club and an
    event programme per year, made on the first call. Every tenth session is a
    weekly club of 8 meetings, every tenth from the fifth a Monday-to-Friday camp,
    the rest one-off afternoons; half take sign-ups. `first` numbers them on from
    an earlier call.
    """
    from events.models import ProgrammeAudience, Session, SessionDate
    from tests.events.factories import EventPageFactory

    today = timezone.localdate()
    pages = {}
    for centre, _venue in centres:
        for year in range(3):
            for kind in ("club", "event"):
                title = f"{centre.title}: {kind} {today.year - 2 + year}"
                page = calendar_page.get_children().filter(title=title).first()
                if page is None:
                    page = EventPageFactory(parent=calendar_page, title=title, organiser=centre)
                    ProgrammeAudience.objects.create(page=page, audience="children")
                pages[centre.pk, year, kind] = page.specific
    sessions = []
    for number in range(first, first + count):
        centre, venue = centres[number % len(centres)]
        offset = -730 + (number * 7919) % 1095  # scattered over the three years
        day = today + datetime.timedelta(days=offset)
        kind = "club" if number % 10 == 0 else "event"
        page = pages[centre.pk, min((offset + 730) // 365, 2), kind]
        starts_at = local(day.year, day.month, day.day, 16)
        fields = {"ends_at": starts_at + datetime.timedelta(hours=2)}
        if number % 10 == 0:
            fields["recurrence"] = recurrence.Recurrence(
                rrules=[recurrence.Rule(recurrence.WEEKLY, count=8)]
            )
        elif number % 10 == 5:
            monday = day - datetime.timedelta(days=day.weekday())
            starts_at = local(monday.year, monday.month, monday.day, 8)
            friday = monday + datetime.timedelta(days=4)
            fields = {
                "ends_at": local(friday.year, friday.month, friday.day, 13),
                "daily": Session.Daily.WEEKDAYS,
            }
        sessions.append(
            Session(
                page=page,
                locale=page.locale,
                sort_order=number,
                title=f"Spotkanie {number}",
                starts_at=starts_at,
                venue=venue,
                capacity=20 if number % 2 else None,
                **fields,
            )
        )
    Session.objects.bulk_create(sessions)
    SessionDate.objects.refresh_all()
