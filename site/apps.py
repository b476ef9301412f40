from django.apps import AppConfig
from django.urls import register_converter

from .converters import BoundedIntConverter

# On import, before any app's models: Wagtail's routable pages compile their routes
# when their class is defined, and this module is imported before every models module.
register_converter(BoundedIntConverter, "int64")


class SiteConfig(AppConfig):
    """The project package as an app: its templates and static files, the admin's languages,
    the Site record on the public address, and the page cache told of Wagtail's changes."""

    name = "cic_site"
    label = "cic_site"

    def ready(self):
        from django.apps import apps
        from django.db.models.signals import post_migrate

        from .page_cache import connect_receivers
        from .public_url import sync_default_site
        from .translation import translate_snippet_breadcrumbs_per_request, use_english_fallback

        # Wagtail's page addresses follow the Site record: keep it on CIC_PUBLIC_URL.
        post_migrate.connect(sync_default_site, sender=apps.get_app_config("wagtailcore"))

        connect_receivers()
        use_english_fallback()
        translate_snippet_breadcrumbs_per_request()
