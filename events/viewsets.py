from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Category, Venue


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    list_display = ["name", "city", "kind", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["name", "city"]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        Venue.address_panel(),
        FieldPanel("centre"),
        FieldPanel("accessibility"),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")],
            heading=_("Contact"),
        ),
    ]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    list_display = ["name", "slug", "locale"]
    panels = [FieldPanel("name"), FieldPanel("slug")]


class CalendarViewSetGroup(ViewSetGroup):
    items = (VenueViewSet, CategoryViewSet)
    menu_icon = "date"
    menu_label = _("Calendar")
    menu_order = 300
