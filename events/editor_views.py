"""
Editors' tools around programme pages, in the Wagtail admin.

- "Add sessions": a series of sessions for one programme (first days × venues),
  previewed as a table, then added to the page as a new draft revision that the
  editor reviews and publishes as usual. Started from one session, it copies
  that session to another week or venue.
- The venue chooser of the session's venue field: search by name or town, and a
  "Create" tab that makes the venue in the language of the page being edited.
"""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log
from wagtail.models import Locale, Page
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetCreateView,
)

from home.models import CentrePage

from .editor_forms import (
    CancelSessionForm,
    SessionSeriesForm,
    VenueChooserFilterForm,
    initial_from,
)
from .models import CancelledSession, ProgrammePage, Quota

# --- Add sessions ----------------------------------------------------------------------


def add_sessions_url(page, session=None):
    url = reverse("events_add_sessions", args=[page.pk])
    return f"{url}?session={session.pk}" if session else url


class AddSessionsView(WagtailAdminTemplateMixin, FormView):
    """Sessions for one programme page, made from a few answers, added as a draft.

    The first POST ("Preview") shows the sessions to be made; the second ("Add
    to the page") carries the same fields and saves them. Nothing is published:
    the editor reviews the page and publishes it, or sends it to moderation.
    """

    template_name = "events/admin/editor_add_sessions.html"
    form_class = SessionSeriesForm
    page_title = _("Add sessions")
    header_icon = "date"

    def dispatch(self, request, page_id):
        page = get_object_or_404(Page, pk=page_id).specific
        if not isinstance(page, ProgrammePage):
            raise Http404
        if not page.permissions_for_user(request.user).can_edit():
            # Wagtail would redirect to the dashboard; a refusal is a 403 that says why.
            return TemplateResponse(
                request, "events/admin/editor_permission_denied.html", {"page": page}, status=403
            )
        default = Locale.get_default()
        if page.locale_id != default.pk:
            # Translations follow the source page: sessions are added there.
            source = page.get_translation_or_none(default)
            if source is not None:
                messages.info(
                    request,
                    gettext(
                        "Sessions are added to the page in the source language; "
                        "its translations follow it."
                    ),
                )
                return redirect(add_sessions_url(source))
        lock = page.get_lock()
        if lock and lock.for_user(request.user):
            messages.error(
                request,
                lock.get_message(request.user)
                or gettext("The page is locked: sessions cannot be added to it now."),
            )
            return redirect("wagtailadmin_pages:edit", page.pk)
        self.page = page
        self.draft = page.get_latest_revision_as_object()
        return super().dispatch(request, page_id=page_id)

    @cached_property
    def existing_sessions(self):
        """The page's sessions as in its latest draft, those already saved (they have a pk)."""
        return [session for session in self.draft.sessions.all() if session.pk]

    @cached_property
    def template_session(self):
        pk = self.request.GET.get("session", "")
        return next((s for s in self.existing_sessions if str(s.pk) == pk), None)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.get_admin_display_title(),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_initial(self):
        if self.template_session:
            return initial_from(self.template_session)
        return {"first_number": 1, "weeks": 1, "days": 1, "waiting_list": True}

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "page": self.page,
            "existing": self.draft.sessions.all(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=self.page,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            copy_links=[
                (session, add_sessions_url(self.page, session))
                for session in self.existing_sessions
            ],
            template_session=self.template_session,
            **kwargs,
        )

    def form_valid(self, form):
        try:
            sessions = form.build_sessions()
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
        if "confirm" not in self.request.POST:
            return self.render_to_response(
                self.get_context_data(form=form, preview=sessions, skipped=form.skipped)
            )
        self.add_to_draft(sessions)
        messages.success(
            self.request,
            ngettext(
                "%(count)s session added; review and publish.",
                "%(count)s sessions added; review and publish.",
                len(sessions),
            )
            % {"count": len(sessions)},
        )
        return redirect("wagtailadmin_pages:edit", self.page.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def add_to_draft(self, sessions):
        """Append `sessions` to the page's latest draft and save it as a new revision."""
        page = self.draft
        order = max((s.sort_order or 0 for s in page.sessions.all()), default=-1)
        for number, session in enumerate(sessions, start=order + 1):
            session.sort_order = number
        page.sessions.add(*sessions)
        page.save_revision(user=self.request.user, log_action=True)


# --- Cancelling a session that takes no sign-ups ----------------------------------------


class SessionCancellationMixin(WagtailAdminTemplateMixin):
    """A saved session of a programme page the user may edit, without sign-ups.

    A session that takes sign-ups is cancelled under Sign-ups ("Cancel session"),
    which cancels every sign-up and tells each family: it is sent there.
    """

    header_icon = "cross"

    def dispatch(self, request, page_id, session_key):
        page = get_object_or_404(Page, pk=page_id).specific
        if not isinstance(page, ProgrammePage):
            raise Http404
        if not page.permissions_for_user(request.user).can_edit():
            return TemplateResponse(
                request, "events/admin/editor_permission_denied.html", {"page": page}, status=403
            )
        self.page = page
        self.session = get_object_or_404(page.sessions.all(), translation_key=session_key)
        if quota := Quota.objects.filter(session_key=session_key).first():
            return redirect("sign_ups:cancel_session", quota.pk)
        self.cancellation = CancelledSession.objects.filter(session_key=session_key).first()
        if (answer := self.nothing_to_do()) is not None:
            return answer
        return super().dispatch(request, page_id=page_id, session_key=session_key)

    def nothing_to_do(self):
        """The answer when the session is already as asked, else None."""
        return None

    def get_page_subtitle(self):
        return str(self.session)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": self.edit_url, "label": self.page.get_admin_display_title()},
            {"url": "", "label": self.get_page_title()},
        ]

    @property
    def edit_url(self):
        return reverse("wagtailadmin_pages:edit", args=[self.page.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=self.page, session=self.session, back_url=self.edit_url, **kwargs
        )


class CancelSessionView(SessionCancellationMixin, FormView):
    """Cancel a session without sign-ups in every language, saying why in each."""

    template_name = "events/admin/editor_cancel_session.html"
    form_class = CancelSessionForm
    page_title = _("Cancel session")

    def nothing_to_do(self):
        if self.cancellation is not None:
            messages.info(self.request, gettext("This session is already cancelled."))
            return redirect(self.edit_url)
        return None

    def form_valid(self, form):
        # None only when someone else cancelled it meanwhile: cancelled all the same.
        cancellation = CancelledSession.cancel(self.session.translation_key, notes=form.notes())
        if cancellation is not None:
            log(cancellation, "wagtail.create", user=self.request.user)
        messages.success(
            self.request,
            gettext("The session is cancelled in every language: %(session)s")
            % {"session": self.session},
        )
        return redirect(self.edit_url)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class RestoreSessionView(SessionCancellationMixin, TemplateView):
    """Bring back a session without sign-ups that was cancelled (by mistake)."""

    template_name = "events/admin/editor_restore_session.html"
    page_title = _("Bring the session back")

    def nothing_to_do(self):
        return redirect(self.edit_url) if self.cancellation is None else None

    def post(self, request, *args, **kwargs):
        log(self.cancellation, "wagtail.delete", user=request.user)
        self.cancellation.delete()
        messages.success(
            request,
            gettext("The session takes place again: %(session)s") % {"session": self.session},
        )
        return redirect(self.edit_url)


# --- Venue chooser ---------------------------------------------------------------------


class VenueCreationMixin:
    """The "Create venue" form in the language of the page being edited (the chooser's
    `locale` parameter, which Wagtail's page editor passes on), the source language if none.
    """

    @cached_property
    def venue_locale(self):
        code = self.request.GET.get("locale", "")
        return Locale.objects.filter(language_code=code).first() or Locale.get_default()

    def get_creation_form(self):
        form = super().get_creation_form()
        if form is not None and "centre" in form.fields:
            form.fields["centre"].queryset = CentrePage.objects.filter(
                locale=self.venue_locale
            ).order_by("title")
        return form


class VenueChooseView(VenueCreationMixin, ChooseView):
    filter_form_class = VenueChooserFilterForm


class VenueChooseResultsView(VenueCreationMixin, ChooseResultsView):
    filter_form_class = VenueChooserFilterForm


class VenueCreateView(VenueCreationMixin, SnippetCreateView):
    def save_form(self, form):
        venue = form.save(commit=False)
        venue.locale = self.venue_locale
        venue.save()
        log(venue, "wagtail.create", user=self.request.user)
        return venue


class VenueChooserViewSet(SnippetChooserViewSet):
    choose_view_class = VenueChooseView
    choose_results_view_class = VenueChooseResultsView
    create_view_class = VenueCreateView
    # The page editor opens the chooser with the page's language: keep it for "Create".
    preserve_url_parameters = ["multiple", "locale"]
    form_fields = ["name", "kind", "street_address", "postcode", "city", "centre"]
    creation_tab_label = _("Create venue")
    create_action_label = _("Create venue")
