"""
What the calendar keeps for sign-ups: a session's places and a programme's questions.

A session's language versions are separate rows sharing a ``translation_key``, so
the places live in one language-independent :class:`Quota` per session, keyed by
that key. Who signed up is the ``signups`` app's (its registrations point to the
quota, never to a page's inline row: editing or translating a programme page can
rewrite its sessions, and must not touch who signed up). Every change to places
goes through ``signups.services``.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from .calendar import ProgrammePage, Session


class SignUpStatus(models.TextChoices):
    """Where a sign-up stands (``signups.models.Registration.Status``).

    The calendar's too: places are kept for those waiting, and a session someone
    holds or waits for a place on is not deleted. It reads them through the
    registrations that point to a :class:`Quota` (``quota.registrations``).
    """

    CONFIRMED = "confirmed", _("Confirmed")
    WAITING = "waiting", _("On the waiting list")
    OFFERED = "offered", _("Place offered")
    CANCELLED = "cancelled", pgettext_lazy("sign-up", "Cancelled")

    @classmethod
    def holding_or_waiting(cls):
        """The sign-ups not cancelled: they hold a place, were offered one, or wait."""
        return [cls.CONFIRMED, cls.OFFERED, cls.WAITING]


class Quota(models.Model):
    """The places of one session, shared by all its language versions.

    ``taken`` counts the participants of confirmed registrations and of offers
    still open. It only ever changes through a conditional UPDATE in
    ``signups.services``; the CHECK constraint is the backstop.
    """

    session_key = models.UUIDField(_("session"), unique=True, editable=False)
    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The session in the language it was written in."),
    )
    capacity = models.PositiveIntegerField(_("places"))
    taken = models.PositiveIntegerField(_("places taken"), default=0)
    # The time and place the families were last told (``signups.services.schedule_of``):
    # what a change is compared with, and the "before" of the e-mail about it.
    told_schedule = models.JSONField(null=True, editable=False)

    class Meta:
        verbose_name = _("places of a session")
        verbose_name_plural = _("places of sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(taken__lte=F("capacity")), name="quota_never_overbooked"
            ),
        ]
        permissions = [("view_participants", _("Can see who signed up"))]

    def __str__(self):
        return str(self.session) if self.session_id else str(self.session_key)

    @property
    def free(self):
        return max(self.capacity - self.taken, 0)

    def session_in(self, locale):
        """This session in `locale`, or in the language it was written in."""
        translated = (
            Session.objects.filter(translation_key=self.session_key, locale=locale)
            .select_related("page", "venue")
            .first()
        )
        return translated or self.session


class SignUpQuestion(TranslatableMixin, Orderable):
    """A question a programme asks about each participant: who collects the child..."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Short text")
        LONG_TEXT = "long_text", _("Long text")
        CHOICE = "choice", _("Choice from a list")
        CHECKBOX = "checkbox", _("Checkbox")
        # Kept apart from the answers, for the yearly figures, and not erased with them.
        COUNTRY = "country", _("Country of origin")

    page = ParentalKey(ProgrammePage, on_delete=models.CASCADE, related_name="sign_up_questions")
    label = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("help text"), max_length=255, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(_("choices"), blank=True, help_text=_("One choice per line."))
    required = models.BooleanField(_("required"), default=False)
    sensitive = models.BooleanField(
        _("sensitive"),
        default=False,
        help_text=_("Health and similar notes: shown to fewer people and erased sooner."),
    )

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("kind")]),
        FieldPanel("help_text"),
        FieldPanel("choices"),
        FieldRowPanel([FieldPanel("required"), FieldPanel("sensitive")]),
    ]
    override_translatable_fields = [
        SynchronizedField("kind"),
        SynchronizedField("required"),
        SynchronizedField("sensitive"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("sign-up question")
        verbose_name_plural = _("sign-up questions")

    def __str__(self):
        return self.label

    @property
    def key(self):
        """What answers are stored under: the same in every language."""
        return str(self.translation_key)

    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]
