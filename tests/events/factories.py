"""Factories for venues, categories, programmes and sessions."""

import datetime

import factory
from factory.django import DjangoModelFactory

from django.utils import timezone

import wagtail_factories

from events import models


class VenueFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Biblioteka Publiczna {n}")
    kind = models.Venue.Kind.LIBRARY
    city = "Kalisz"

    class Meta:
        model = models.Venue


class CategoryFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Kategoria {n}")
    slug = factory.Sequence(lambda n: f"kategoria-{n}")

    class Meta:
        model = models.Category


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Wydarzenia"
    slug = "wydarzenia"

    class Meta:
        model = models.EventIndexPage


class EventPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Wydarzenie {n}")
    intro = "Spotkanie dla całych rodzin."

    class Meta:
        model = models.EventPage


class SessionFactory(DjangoModelFactory):
    starts_at = factory.LazyFunction(
        lambda: timezone.now().replace(microsecond=0) + datetime.timedelta(days=7)
    )
    ends_at = factory.LazyAttribute(
        lambda session: session.starts_at + datetime.timedelta(hours=2)
    )

    class Meta:
        model = models.Session
