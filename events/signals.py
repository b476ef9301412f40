"""Keeps the calendar feeds, and the sessions' materialised dates, in line with what
editors publish and staff cancel."""

from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from .feed_cache import feeds_changed
from .models import (
    CancelledOccurrence,
    CancelledSession,
    Category,
    ProgrammePage,
    Session,
    SessionDate,
    Venue,
)


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_delete, sender=Page)
def refresh_feeds_for_pages(sender, instance, **kwargs):
    """Any page: the feeds link programme pages, and centres name them."""
    transaction.on_commit(feeds_changed)


@receiver(post_save, sender=Venue)
@receiver(post_save, sender=Category)
@receiver(post_delete, sender=Venue)
@receiver(post_delete, sender=Category)
def refresh_feeds_for_snippets(sender, instance, **kwargs):
    """Venue addresses and category names are written into the feeds."""
    transaction.on_commit(feeds_changed)


@receiver(post_save, sender=CancelledOccurrence)
@receiver(post_delete, sender=CancelledOccurrence)
@receiver(post_save, sender=CancelledSession)
@receiver(post_delete, sender=CancelledSession)
def announce_cancellation(sender, instance, **kwargs):
    """A session or one of its dates cancelled (or brought back) is a change to its
    subscribed copies: the SEQUENCE goes up, so that calendars replace theirs."""
    Session.objects.filter(translation_key=instance.session_key).update(
        sequence=F("sequence") + 1, changed_at=timezone.now()
    )
    transaction.on_commit(feeds_changed)


# The sessions' dates (events.models.dates). Brought back, a cancellation's rows
# lose it by their foreign key (SET_NULL).


@receiver(post_save, sender=Session)
def refresh_dates_of_session(sender, instance, raw=False, **kwargs):
    """A session saved (its page published, a translation made): its dates anew."""
    if not raw:
        SessionDate.objects.refresh([instance])


@receiver(page_published)
def refresh_dates_of_programme(sender, instance, **kwargs):
    """A programme published: the dates of its sessions in every language.

    Publishing saves the page's own sessions; the facts it carries to the
    translations are written with UPDATE (``events.translation_sync``, whose
    receiver runs before this one: see ``EventsConfig.ready``).
    """
    if isinstance(instance, ProgrammePage):
        keys = Session.objects.filter(page=instance).values("translation_key")
        SessionDate.objects.refresh(Session.objects.filter(translation_key__in=keys))


@receiver(post_save, sender=CancelledSession)
def mark_dates_of_cancelled_session(sender, instance, raw=False, **kwargs):
    if not raw:
        SessionDate.objects.filter(session__translation_key=instance.session_key).update(
            cancelled_session=instance
        )


@receiver(post_save, sender=CancelledOccurrence)
def mark_cancelled_date(sender, instance, raw=False, **kwargs):
    if raw:
        return
    # A cancelled date moved to another start (in the admin) leaves the first one.
    SessionDate.objects.filter(cancelled_date=instance).update(cancelled_date=None)
    SessionDate.objects.filter(
        session__translation_key=instance.session_key, starts_at=instance.starts_at
    ).update(cancelled_date=instance)
