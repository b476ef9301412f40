from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        # translation_sync first: receivers run in the order they connect, and the
        # dates of a published programme are rebuilt (signals) once its facts have
        # reached the translations.
        from . import translation_sync  # noqa: F401, I001
        from . import signals  # noqa: F401
