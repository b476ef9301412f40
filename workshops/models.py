"""
Workshop programmes: each is a kind of programme page (events.ProgrammePage) with
its sessions, adding only what is particular to it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from events.models import ProgrammePage


class SummerCampPage(ProgrammePage):
    """Half-day summer camp: week-long sessions ("turnus") in each centre."""

    what_to_bring = models.TextField(_("what to bring"), blank=True)

    content_panels = [
        *ProgrammePage.content_panels[:-1],
        MultiFieldPanel(
            [
                FieldPanel("what_to_bring"),
            ],
            heading=_("Camp days"),
        ),
        ProgrammePage.content_panels[-1],
    ]

    class Meta:
        verbose_name = _("summer camp")
        verbose_name_plural = _("summer camps")

    def extra_facts_template(self):
        return "workshops/includes/summer_camp_facts.html"


class LibraryWorkshopPage(ProgrammePage):
    """Intercultural workshops with the Bajkowóz mobile library: sessions at partner libraries."""

    class Meta:
        verbose_name = _("library workshop")
        verbose_name_plural = _("library workshops")


class SpeakingClubPage(ProgrammePage):
    """Meetings to practise Polish through play, usually one recurring session."""

    class Meta:
        verbose_name = _("speaking club")
        verbose_name_plural = _("speaking clubs")


class PolishCoursePage(ProgrammePage):
    """A Polish course group of one level, meeting on a schedule."""

    class Level(models.TextChoices):
        A1 = "A1", "A1"
        A2 = "A2", "A2"
        B1 = "B1", "B1"
        B2 = "B2", "B2"

    level = models.CharField(_("level"), max_length=2, choices=Level.choices)

    content_panels = [
        *ProgrammePage.content_panels[:-1],
        FieldPanel("level"),
        ProgrammePage.content_panels[-1],
    ]

    class Meta:
        verbose_name = _("Polish course")
        verbose_name_plural = _("Polish courses")

    def extra_facts_template(self):
        return "workshops/includes/polish_course_facts.html"


class AdaptationTopic(models.TextChoices):
    LABOUR_MARKET = "labour_market", _("The labour market in Poland")
    INSURANCE = "insurance", _("Social insurance")
    HEALTH_CARE = "health_care", _("Health care")
    SOCIAL_ASSISTANCE = "social_assistance", _("Social assistance")
    CULTURE = "culture", _("Polish culture and traditions")


class AdaptationCoursePage(ProgrammePage):
    """An adaptation course: the basics of life in Poland, topic by topic."""

    content_panels = [
        *ProgrammePage.content_panels[:-1],
        InlinePanel("topics", label=_("Topic"), heading=_("Topics")),
        ProgrammePage.content_panels[-1],
    ]

    class Meta:
        verbose_name = _("adaptation course")
        verbose_name_plural = _("adaptation courses")

    def extra_facts_template(self):
        return "workshops/includes/adaptation_course_facts.html"


class AdaptationCourseTopic(Orderable):
    page = ParentalKey(AdaptationCoursePage, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(_("topic"), max_length=30, choices=AdaptationTopic.choices)

    panels = [FieldPanel("topic")]

    class Meta(Orderable.Meta):
        verbose_name = _("topic")

    def __str__(self):
        return self.get_topic_display()
