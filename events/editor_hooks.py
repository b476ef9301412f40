"""Hooks of the editors' tools (events.editor_views): where the admin shows them."""

from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.widgets import Button

from .editor_views import (
    AddSessionsView,
    CancelSessionView,
    RestoreSessionView,
    add_sessions_url,
)
from .models import ProgrammePage


@hooks.register("register_admin_urls")
def add_sessions_urls():
    return [
        path(
            "programmes/<int64:page_id>/add-sessions/",
            AddSessionsView.as_view(),
            name="events_add_sessions",
        ),
        path(
            "programmes/<int64:page_id>/sessions/<uuid:session_key>/cancel/",
            CancelSessionView.as_view(),
            name="events_cancel_session",
        ),
        path(
            "programmes/<int64:page_id>/sessions/<uuid:session_key>/restore/",
            RestoreSessionView.as_view(),
            name="events_restore_session",
        ),
    ]


def takes_sessions(page, user):
    """A programme page that `user` may edit (a translation leads to its source page's tool)."""
    return (
        issubclass(page.specific_class or type(page), ProgrammePage)
        and page.permissions_for_user(user).can_edit()
    )


@hooks.register("register_page_header_buttons")
def add_sessions_header_button(page, user, view_name, next_url=None):
    if takes_sessions(page, user):
        yield Button(_("Add sessions"), add_sessions_url(page), icon_name="date", priority=40)


@hooks.register("register_page_listing_more_buttons")
def add_sessions_listing_button(page, user, next_url=None):
    if takes_sessions(page, user):
        yield Button(_("Add sessions"), add_sessions_url(page), icon_name="date", priority=40)


class AddSessionsMenuItem(ActionMenuItem):
    """In the editor's save menu: leaves the editor for the series tool (a link, not a save)."""

    label = _("Add sessions")
    name = "action-add-sessions"
    icon_name = "date"
    order = 60

    def is_shown(self, context):
        return (
            context["view"] == "edit"
            and not context["locked_for_user"]
            and takes_sessions(context["page"], context["request"].user)
        )

    def get_url(self, parent_context):
        return add_sessions_url(parent_context["page"])


@hooks.register("register_page_action_menu_item")
def add_sessions_action_menu_item():
    return AddSessionsMenuItem()
