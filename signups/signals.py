"""Keeps sign-up places in line with what editors publish, and the form with its consents."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.signals import page_published

from cic_site.page_cache import pages_changed_on_commit
from events.models import ProgrammePage

from . import services
from .models import ConsentText


@receiver(page_published)
def sync_places_on_publish(sender, instance, **kwargs):
    if isinstance(instance, ProgrammePage):
        services.sync_quotas(instance)


@receiver(post_save, sender=ConsentText)
@receiver(post_delete, sender=ConsentText)
def consents_changed(sender, **kwargs):
    """The form shows the consents' wording: the stored form and the texts kept per
    generation of the content (signups.form_cache, signups.views) are new at once."""
    pages_changed_on_commit()
