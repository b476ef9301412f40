"""Factories for the content pages: tests build exactly the pages they need."""

import datetime

import factory
from factory.django import DjangoModelFactory

import wagtail_factories

from home import models


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Centra Integracji Cudzoziemców"
    intro = "<p>Pomagamy cudzoziemcom zamieszkać, pracować i uczyć się w Polsce.</p>"

    class Meta:
        model = models.HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Strona {n}")
    intro = "Krótki wstęp."

    class Meta:
        model = models.StandardPage


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Aktualności"
    slug = "aktualnosci"

    class Meta:
        model = models.NewsIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Wiadomość {n}")
    date = factory.Sequence(lambda n: datetime.date(2026, 1, 1) + datetime.timedelta(days=n))
    intro = "Krótko o tym, co się wydarzyło."

    class Meta:
        model = models.NewsPage


class CentreIndexPageFactory(wagtail_factories.PageFactory):
    title = "Nasze Centra"
    slug = "centra"

    class Meta:
        model = models.CentreIndexPage


class CentrePageFactory(wagtail_factories.PageFactory):
    title = "CIC Kalisz"
    slug = "kalisz"
    street_address = "ul. Nowy Świat 13"
    city = "Kalisz"
    phone = "887 069 112"
    email = "info.cickalisz@rops.poznan.pl"

    class Meta:
        model = models.CentrePage


class OpeningHoursFactory(DjangoModelFactory):
    weekday = 0
    opens = datetime.time(7, 30)
    closes = datetime.time(15, 30)

    class Meta:
        model = models.OpeningHours


class FooterFactory(DjangoModelFactory):
    organisation_name = "Centra Integracji Cudzoziemców"
    text = "<p>Wszystkie usługi są bezpłatne.</p>"

    class Meta:
        model = models.Footer
