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
