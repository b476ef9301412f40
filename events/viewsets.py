from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from .editor_views import VenueChooserViewSet
from .models import Category, Venue


class VenueViewSet(SnippetViewSet):
    model = Venue
    icon = "site"
    menu_label = _("Venues")
    list_display = ["name", "city", "kind", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["name", "city"]
    # Search by name or town, and a "Create venue" tab, from the session's venue field.
    chooser_viewset_class = VenueChooserViewSet
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("kind")]),
        FieldPanel("slug"),
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
    # More items come from other apps through this hook: sign-ups adds cancelled dates.
    submenu_hook = "register_calendar_menu_item"
    menu_icon = "date"
    menu_label = _("Calendar")
    menu_order = 300
