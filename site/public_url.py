"""
The site's one public address (``settings.CIC_PUBLIC_URL``) and the links built on it.

Every link the site writes for reading elsewhere (feeds, e-mails, the embeddable
list and its JSON, the sitemap, the admin's own links) names this address, never
the host a request happened to come in on. Wagtail builds page addresses from its
Site record, so the default Site is kept on the same address: after every
``migrate`` (``sync_default_site``, connected in ``cic_site.apps``).
"""

from urllib.parse import urlsplit

from django.conf import settings


def absolute_url(path):
    """`path` (starting with "/") on the public address: what a link outside a page needs."""
    return settings.CIC_PUBLIC_URL.rstrip("/") + path


def site_address():
    """The hostname and port a Wagtail Site record needs to serve the public address."""
    parts = urlsplit(settings.CIC_PUBLIC_URL)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return parts.hostname, port


def sync_default_site(**kwargs):
    """Put the default Wagtail Site on the public address (a post_migrate receiver)."""
    from wagtail.models import Site

    hostname, port = site_address()
    using = kwargs.get("using", "default")
    Site.objects.using(using).filter(is_default_site=True).exclude(
        hostname=hostname, port=port
    ).update(hostname=hostname, port=port)
    Site.clear_site_root_paths_cache()
