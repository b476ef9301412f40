from django.conf import settings
from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views, attendance_views, privacy_views, staff_views
from .admin_forms import CancelledOccurrenceForm, note_field
from .cancelled_date_views import CancelDateView, RestoreDateView
from .editor_views import VenueChooserViewSet
from .models import CancelledOccurrence, Category, ConsentText, Venue


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


class CancelledOccurrenceViewSet(ModelViewSet):
    """Single dates of repeating sessions that will not take place (a club's Friday off).

    Adding one e-mails everyone signed up for the session; deleting one brings the
    date back and tells them too (``events.cancelled_date_views``).
    """

    model = CancelledOccurrence
    icon = "cross"
    menu_label = _("Cancelled dates")
    add_to_admin_menu = False
    list_display = ["session_name", "__str__", "note"]
    panels = [
        FieldPanel("session"),
        FieldPanel("date"),
        *[FieldPanel(note_field(code)) for code, _name in settings.LANGUAGES],
    ]
    add_view_class = CancelDateView
    delete_view_class = RestoreDateView

    def get_form_class(self, for_update=False):
        return CancelledOccurrenceForm

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=CancelledOccurrenceForm).bind_to_model(
            self.model
        )


class CalendarViewSetGroup(ViewSetGroup):
    items = (VenueViewSet, CategoryViewSet, CancelledOccurrenceViewSet)
    menu_icon = "date"
    menu_label = _("Calendar")
    menu_order = 300


class PermissionMenuItem(MenuItem):
    """A menu item shown only to staff who have `permission`."""

    permission = None

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class SignUpsMenuItem(PermissionMenuItem):
    permission = admin_views.PERMISSION


class SignUpViewSet(ViewSet):
    """The sessions that take sign-ups, who signed up for each, and what staff do about it."""

    name = "sign_ups"
    url_prefix = "sign-ups"
    icon = "group"
    menu_label = _("Sessions")
    menu_item_class = SignUpsMenuItem

    def get_urlpatterns(self):
        views = admin_views
        return [
            path("", views.SessionListView.as_view(), name="index"),
            path(
                "results/",
                views.SessionListView.as_view(results_only=True),
                name="index_results",
            ),
            path(
                "<int64:quota_pk>/",
                views.SessionSignUpsView.as_view(),
                name="registrations",
            ),
            path(
                "<int64:quota_pk>/results/",
                views.SessionSignUpsView.as_view(results_only=True),
                name="registrations_results",
            ),
            path(
                "<int64:quota_pk>/attendance/",
                attendance_views.AttendanceView.as_view(),
                name="attendance",
            ),
            path(
                "<int64:quota_pk>/attendance/print/",
                attendance_views.PrintRegisterView.as_view(),
                name="attendance_print",
            ),
            path("<int64:quota_pk>/places/", views.CapacityView.as_view(), name="capacity"),
            path(
                "<int64:quota_pk>/cancel/",
                views.CancelSessionView.as_view(),
                name="cancel_session",
            ),
            path(
                "registrations/<int64:pk>/cancel/",
                views.CancelRegistrationView.as_view(),
                name="cancel_registration",
            ),
            path(
                "registrations/<int64:pk>/offer/",
                views.OfferPlacesView.as_view(),
                name="offer_places",
            ),
            # The staff desk (events/staff_views.py).
            path(
                "<int64:quota_pk>/add/",
                staff_views.StaffSignUpView.as_view(),
                name="staff_sign_up",
            ),
            path(
                "<int64:quota_pk>/message/",
                staff_views.SessionMessageView.as_view(),
                name="session_message",
            ),
            path(
                "registrations/<int64:pk>/edit/",
                staff_views.EditRegistrationView.as_view(),
                name="edit_registration",
            ),
            path(
                "registrations/<int64:pk>/move/",
                staff_views.MoveRegistrationView.as_view(),
                name="move_registration",
            ),
            path(
                "registrations/<int64:pk>/cancel-participant/",
                staff_views.CancelParticipantView.as_view(),
                name="cancel_participant",
            ),
        ]


class PersonalDataMenuItem(PermissionMenuItem):
    permission = privacy_views.PERMISSION


class PersonalDataViewSet(ViewSet):
    """Subject access and erasure: every sign-up of one e-mail address."""

    name = "personal_data"
    url_prefix = "personal-data"
    icon = "user"
    menu_label = _("Personal data")
    menu_item_class = PersonalDataMenuItem

    def get_urlpatterns(self):
        return [path("", privacy_views.PersonalDataView.as_view(), name="index")]


class ConsentTextViewSet(SnippetViewSet):
    """The wording of the consents on the sign-up form, translated like any snippet.

    The questions each programme asks are not here: they are an inline panel
    ("Sign-up questions") on the programme's page.
    """

    model = ConsentText
    icon = "doc-full"
    menu_label = _("Consent texts")
    list_display = ["kind", "version", "locale"]
    list_filter = ["kind", "locale"]
    panels = [FieldPanel("kind"), FieldPanel("text"), FieldPanel("version")]


class SignUpViewSetGroup(ViewSetGroup):
    items = (SignUpViewSet, ConsentTextViewSet, PersonalDataViewSet)
    menu_icon = "group"
    menu_label = _("Sign-ups")
    menu_order = 310
