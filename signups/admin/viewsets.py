"""The sign-up admin: sessions and who signed up, consent texts, personal data, cancelled dates."""

from django.conf import settings
from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.editor_forms import note_field
from events.models import CancelledOccurrence

from ..models import ConsentText
from . import attendance, personal_data, staff_desk, views
from .cancelled_dates import CancelDateView, RestoreDateView
from .forms import CancelledOccurrenceForm
from .permissions import MANAGE_PERSONAL_DATA, VIEW_PARTICIPANTS


class CancelledOccurrenceViewSet(ModelViewSet):
    """Single dates of repeating sessions that will not take place (a club's Friday off).

    Adding one e-mails everyone signed up for the session; deleting one brings the
    date back and tells them too (``signups.admin.cancelled_dates``).
    """

    model = CancelledOccurrence
    # In the Calendar menu (events.viewsets.CalendarViewSetGroup), beside venues.
    menu_hook = "register_calendar_menu_item"
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


class PermissionMenuItem(MenuItem):
    """A menu item shown only to staff who have `permission`."""

    permission = None

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class SignUpsMenuItem(PermissionMenuItem):
    permission = VIEW_PARTICIPANTS


class SignUpViewSet(ViewSet):
    """The sessions that take sign-ups, who signed up for each, and what staff do about it."""

    name = "sign_ups"
    url_prefix = "sign-ups"
    icon = "group"
    menu_label = _("Sessions")
    menu_item_class = SignUpsMenuItem

    def get_urlpatterns(self):
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
                attendance.AttendanceView.as_view(),
                name="attendance",
            ),
            path(
                "<int64:quota_pk>/attendance/print/",
                attendance.PrintRegisterView.as_view(),
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
            # The staff desk (events/staff_desk.py).
            path(
                "<int64:quota_pk>/add/",
                staff_desk.StaffSignUpView.as_view(),
                name="staff_sign_up",
            ),
            path(
                "<int64:quota_pk>/message/",
                staff_desk.SessionMessageView.as_view(),
                name="session_message",
            ),
            path(
                "registrations/<int64:pk>/edit/",
                staff_desk.EditRegistrationView.as_view(),
                name="edit_registration",
            ),
            path(
                "registrations/<int64:pk>/move/",
                staff_desk.MoveRegistrationView.as_view(),
                name="move_registration",
            ),
            path(
                "registrations/<int64:pk>/cancel-participant/",
                staff_desk.CancelParticipantView.as_view(),
                name="cancel_participant",
            ),
        ]


class PersonalDataMenuItem(PermissionMenuItem):
    permission = MANAGE_PERSONAL_DATA


class PersonalDataViewSet(ViewSet):
    """Subject access and erasure: every sign-up of one e-mail address."""

    name = "personal_data"
    url_prefix = "personal-data"
    icon = "user"
    menu_label = _("Personal data")
    menu_item_class = PersonalDataMenuItem

    def get_urlpatterns(self):
        return [path("", personal_data.PersonalDataView.as_view(), name="index")]


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
