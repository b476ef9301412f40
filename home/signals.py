"""
The site frame (home.frame) and the cached public pages follow what editors change.

Whatever every page shows around its content starts a new generation of the public
pages (cic_site.page_cache) when it changes: the footer, the site settings, a site
(its root page, its host), a page's view restriction (private pages leave the menu),
a page published, unpublished, moved (the menu's order is the pages' order) or deleted.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cic_site.page_cache import pages_changed

from .models import Footer, SiteSettings


@receiver(post_save, sender=Footer)
@receiver(post_delete, sender=Footer)
@receiver(post_save, sender=SiteSettings)
@receiver(post_delete, sender=SiteSettings)
@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_delete, sender=Page)
def frame_changed(sender, **kwargs):
    """Start a new generation now, for what runs next in this transaction, and again
    when it commits: a request that read the old rows meanwhile may have cached them
    under the generation started now."""
    pages_changed()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(pages_changed)
