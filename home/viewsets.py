from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Footer


class FooterViewSet(SnippetViewSet):
    model = Footer
    icon = "list-ul"
    menu_label = _("Footer")
    add_to_settings_menu = True
    list_display = ["organisation_name", "locale"]
    panels = [FieldPanel("organisation_name"), FieldPanel("text")]
