"""Keeps the calendar feeds in line with what editors publish."""

from django.db import transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from .feed_cache import feeds_changed
from .models import CancelledOccurrence, CancelledSession, Category, Session, Venue


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
