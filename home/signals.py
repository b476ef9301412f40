"""
The site frame (home.frame) and the cached public pages follow what editors change.

The footer and the site settings start a new generation of the public pages
(cic_site.page_cache) when they change; a site, a view restriction and a page
published, unpublished, moved or deleted do so through cic_site.page_cache's own
receivers.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cic_site.page_cache import pages_changed_on_commit

from .models import Footer, SiteSettings


@receiver(post_save, sender=Footer)
@receiver(post_delete, sender=Footer)
@receiver(post_save, sender=SiteSettings)
@receiver(post_delete, sender=SiteSettings)
def frame_changed(sender, **kwargs):
    pages_changed_on_commit()
