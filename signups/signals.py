"""Keeps sign-up places in line with what editors publish."""

from django.dispatch import receiver

from wagtail.signals import page_published

from events.models import ProgrammePage

from . import services


@receiver(page_published)
def sync_places_on_publish(sender, instance, **kwargs):
    if isinstance(instance, ProgrammePage):
        services.sync_quotas(instance)
