from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Site content")

    def ready(self):
        from . import search, signals  # noqa: F401 (search registers its system check)
