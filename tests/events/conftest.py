import datetime

import pytest

from django.utils import timezone

from events.factories import CategoryFactory, EventIndexPageFactory, VenueFactory
from events.models import LOCAL_TIMEZONE
from home.factories import CentreIndexPageFactory, CentrePageFactory


def local(*args):
    """An aware datetime in Europe/Warsaw."""
    return datetime.datetime(*args, tzinfo=LOCAL_TIMEZONE)


def in_days(days, hour=10):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


@pytest.fixture
def calendar_page(home_page):
    return EventIndexPageFactory(parent=home_page)


@pytest.fixture
def kalisz(home_page):
    centres = CentreIndexPageFactory(parent=home_page)
    return CentrePageFactory(parent=centres, title="CIC Kalisz", slug="kalisz", city="Kalisz")


@pytest.fixture
def kalisz_library(kalisz, locales):
    return VenueFactory(name="Biblioteka Publiczna w Kaliszu", city="Kalisz", locale=locales["pl"])


@pytest.fixture
def camp_category(locales):
    return CategoryFactory(name="Półkolonie", slug="polkolonie", locale=locales["pl"])
