"""Helpers for tests of the calendar: times in Warsaw, days from now, translated pages."""

import datetime

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
