from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The project package as an app: its templates and static files, and the admin's languages."""

    name = "cic_site"
    label = "cic_site"

    def ready(self):
        from .translation import translate_snippet_breadcrumbs_per_request, use_english_fallback

        use_english_fallback()
        translate_snippet_breadcrumbs_per_request()
