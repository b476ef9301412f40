"""Factories for the kinds of programme: one per page model, as in tests/events/factories.py."""

import factory

import wagtail_factories

from workshops import models


class ProgrammePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Zajęcia {n}")
    intro = "Spotkanie dla całych rodzin."

    class Meta:
        abstract = True


class SummerCampPageFactory(ProgrammePageFactory):
    class Meta:
        model = models.SummerCampPage


class LibraryWorkshopPageFactory(ProgrammePageFactory):
    class Meta:
        model = models.LibraryWorkshopPage


class SpeakingClubPageFactory(ProgrammePageFactory):
    class Meta:
        model = models.SpeakingClubPage


class PolishCoursePageFactory(ProgrammePageFactory):
    level = models.PolishCoursePage.Level.A1

    class Meta:
        model = models.PolishCoursePage


class AdaptationCoursePageFactory(ProgrammePageFactory):
    class Meta:
        model = models.AdaptationCoursePage
