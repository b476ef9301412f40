"""
The public sign-up form, and the registrant's private link.

The form is a route of each programme page (``<page>/sign-up/<session key>/``), in
the page's language. What is allowed is decided by ``events.services``; these
views only turn requests into service calls and answers into pages.
"""

import secrets
import uuid

from django_ratelimit.core import is_ratelimited

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from wagtail.models import Locale

from . import ical, privacy, services
from .forms import ParticipantFormSet, RegistrantForm, consent_text
from .models import ConsentText, Registration


def sign_up_view(request, page, session_key):
    session = get_object_or_404(page.sessions.select_related("venue"), translation_key=session_key)
    session.page = page
    refusal = services.sign_up_state(session)
    full = session.places_left == 0
    takes_sign_ups = refusal is None and not (full and not session.waiting_list)
    if request.method == "POST" and takes_sign_ups:
        return submitted(request, page, session, full=full)
    context = {"session": session, "refusal": refusal, "full": full}
    if takes_sign_ups:
        context.update(sign_up_forms(request, page, session))
    return render_sign_up(request, page, context)


def submitted(request, page, session, full):
    forms = sign_up_forms(request, page, session, data=request.POST)
    registrant_form, participants = forms["registrant_form"], forms["participants"]
    context = {"session": session, "full": full, **forms}

    if "add_participant" in request.POST or "remove_participant" in request.POST:
        # Changing the number of participants: show the form again, as typed, without errors.
        return render_sign_up(request, page, {**context, "show_errors": False})
    if too_many_attempts(request):
        return TemplateResponse(request, "events/too_many_attempts.html", status=429)
    if registrant_form.is_spam:
        return render_sign_up(
            request,
            page,
            {**context, "error": _("Your sign-up could not be sent. Please try again.")},
            status=400,
        )
    if not (registrant_form.is_valid() and participants.is_valid()):
        return render_sign_up(request, page, context, status=400)
    try:
        registration = services.sign_up(
            session=session,
            registrant=registrant_form.registrant(),
            participants=participants.participants(),
            data_consent_version=forms["data_consent_version"],
            submission_key=registrant_form.cleaned_data["submission_key"],
            page=page,
        )
    except services.SignUpError as error:
        if error.participant is not None and error.field:
            participants.filled_forms()[error.participant].add_error(error.field, error.message)
            error_message = None
        else:
            error_message = error.message
        return render_sign_up(request, page, {**context, "error": error_message}, status=400)
    # 303: the browser fetches the answer page with GET, and a reload does not post again.
    response = redirect(private_url(registration))
    response.status_code = 303
    return response


def sign_up_forms(request, page, session, data=None):
    """The registrant's form and the participants' formset, as new or as submitted."""
    data_text, data_version = consent_text(ConsentText.Kind.DATA, page.locale)
    photo_text, _photo_version = consent_text(ConsentText.Kind.PHOTOS, page.locale)
    if data is not None:
        data = data.copy()
        prefix = "participants"
        total = int_or(data.get(f"{prefix}-TOTAL_FORMS"), 1)
        if "add_participant" in data:
            data[f"{prefix}-TOTAL_FORMS"] = str(min(total + 1, ParticipantFormSet.max_num))
        elif "remove_participant" in data and total > 1:
            index = int_or(data["remove_participant"], total - 1)
            remove_form(data, prefix, min(max(index, 0), total - 1), total)
    registrant_form = RegistrantForm(
        data,
        data_consent_text=data_text,
        initial={"language": page.locale.language_code, "submission_key": uuid.uuid4()},
    )
    participants = ParticipantFormSet(
        data,
        prefix="participants",
        session=session,
        form_kwargs={
            "session": session,
            "questions": list(page.sign_up_questions.all()),
            "photo_consent_text": photo_text,
        },
    )
    return {
        "registrant_form": registrant_form,
        "participants": participants,
        "data_consent_version": data_version,
    }


def remove_form(data, prefix, index, total):
    """Drop form `index` of a submitted formset, moving the later ones up."""
    forms = []
    for position in range(total):
        start = f"{prefix}-{position}-"
        fields = {
            key.removeprefix(start): data.getlist(key) for key in data if key.startswith(start)
        }
        forms.append(fields)
        for field in fields:
            del data[start + field]
    del forms[index]
    for position, fields in enumerate(forms):
        for field, values in fields.items():
            data.setlist(f"{prefix}-{position}-{field}", values)
    data[f"{prefix}-TOTAL_FORMS"] = str(len(forms))


def render_sign_up(request, page, context, status=200):
    response = page.render(
        request,
        template="events/sign_up.html",
        context_overrides={"show_errors": True, **context},
    )
    response.status_code = status
    return response


def too_many_attempts(request):
    """Count this attempt against the client's address and the e-mail it gives."""
    by_address = is_ratelimited(
        request,
        group="sign-up-ip",
        key="ip",
        rate=settings.CIC_SIGN_UP_RATE_PER_IP,
        method="POST",
        increment=True,
    )
    by_email = is_ratelimited(
        request,
        group="sign-up-email",
        key=lambda group, request: request.POST.get("email", "").strip().lower(),
        rate=settings.CIC_SIGN_UP_RATE_PER_EMAIL,
        method="POST",
        increment=True,
    )
    return by_address or by_email


def int_or(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# The private link


def private_url(registration, name="detail"):
    return reverse(
        f"signups:{name}",
        kwargs={"reference": registration.reference, "token": registration.token},
    )


def registration_for(reference, token):
    """The registration behind a private link; 404 for an unknown or tampered token."""
    registration = Registration.objects.filter(reference=reference).first()
    expected = registration.token if registration else secrets.token_urlsafe(32)
    if not secrets.compare_digest(expected.encode(), token.encode()) or registration is None:
        raise Http404
    return registration


def private(view):
    """A view of the private link: never cached, never indexed, never sent to other sites as a referrer."""

    @never_cache
    def wrapped(request, reference, token, **kwargs):
        response = view(request, registration_for(reference, token), **kwargs)
        # Not "no-referrer": browsers would then send "Origin: null" with the page's own
        # forms, which CSRF protection refuses.
        response["Referrer-Policy"] = "same-origin"
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapped


@private
def registration_view(request, registration):
    session = registration.quota.session_in(Locale.get_active())
    participants = list(registration.participants.all())
    return TemplateResponse(
        request,
        "events/registration.html",
        {
            "registration": registration,
            "session": session,
            "participants": participants,
            "active_count": sum(1 for p in participants if p.cancelled_at is None),
            "position": registration.waiting_position(),
            "can_erase": privacy.can_be_erased_by_registrant(registration),
        },
    )


def participant_of(registration, request):
    participant_id = int_or(request.POST.get("participant"), None)
    if participant_id is None:
        return None
    return get_object_or_404(registration.participants, pk=participant_id)


def act(request, registration, action, done):
    """Run a service for the registrant, and go back to their page with the outcome."""
    try:
        action()
    except services.SignUpError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(private_url(registration))


@require_POST
@private
def cancel_view(request, registration):
    participant = participant_of(registration, request)
    return act(
        request,
        registration,
        lambda: services.cancel(registration=registration, participant=participant),
        _("%(name)s is no longer signed up.") % {"name": participant}
        if participant
        else _("Your sign-up is cancelled."),
    )


@require_POST
@private
def accept_view(request, registration):
    return act(
        request,
        registration,
        lambda: services.accept_offer(registration=registration),
        _("The place is yours: your sign-up is confirmed."),
    )


@require_POST
@private
def photo_consent_view(request, registration):
    participant = participant_of(registration, request)
    if participant is None:
        raise Http404
    return act(
        request,
        registration,
        lambda: services.withdraw_photo_consent(participant=participant),
        _("We will not take or publish photos of %(name)s.") % {"name": participant},
    )


@private
def ics_view(request, registration):
    if registration.quota.session_in(Locale.get_active()) is None:
        raise Http404
    response = HttpResponse(
        ical.registration_ics(registration), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="session.ics"'
    return response


@require_POST
@private
def erase_view(request, registration):
    """The registrant erases their own data: once the session is over, or cancelled."""
    if not privacy.can_be_erased_by_registrant(registration):
        messages.error(
            request,
            _("You can delete your data once the session is over, or after cancelling."),
        )
        return redirect(private_url(registration))
    if not request.POST.get("confirm"):
        messages.error(request, _("Tick the box to confirm that the data should be deleted."))
        return redirect(private_url(registration))
    privacy.anonymise_registrations([registration])
    # The private link is dead now: the answer is a page of its own.
    return TemplateResponse(request, "events/data_erased.html")
