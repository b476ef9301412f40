"""
The public sign-up form, and the registrant's private link.

The form is a route of each programme page (``<page>/sign-up/<session key>/``), in
the page's language. What is allowed is decided by ``signups.services``; these
views only turn requests into service calls and answers into pages.
"""

import secrets
import uuid

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext, override
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

from cic_site.converters import is_id
from events.feeds import programme_feed_links
from events.models import Session
from home.generation_cache import cached
from home.restrictions import private_sections

from . import form_cache, privacy, rate_limits, services
from .forms import ParticipantFormSet, RegistrantForm, consent_texts, stored_choices
from .ical import registration_ics
from .models import ConsentText, Registration


def sign_up_view(request, session_key):
    """The sign-up form of a session, in the language of the address.

    The session is named by the key its translations share, so the same address
    under another language prefix is the same form there. The blank form for a visitor
    without a session comes from the shared cache (:mod:`signups.form_cache`).
    """
    cacheable = form_cache.applies(request)
    if cacheable:
        stored, generations = form_cache.stored_form(request)
        if stored is not None:
            return stored
        built_at = timezone.now().timestamp()
    session = session_for_form(session_key)
    page = programme_of(request, session)
    if private_sections(request) and any(
        not restriction.accept_request(request) for restriction in page.get_view_restrictions()
    ):
        raise Http404
    session.page = page
    refusal = services.sign_up_state(session)
    full = session.places_left == 0
    takes_sign_ups = refusal is None and not (full and not session.waiting_list)
    if request.method == "POST" and takes_sign_ups:
        return submitted(request, page, session, full=full)
    context = {"session": session, "refusal": refusal, "full": full}
    holes = form_cache.holes() if cacheable else {}
    if takes_sign_ups:
        context.update(
            sign_up_forms(request, page, session, submission_key=holes.get("submission_key"))
        )
    if not cacheable:
        return render_sign_up(request, page, context)
    response = render_sign_up(request, page, {**context, "csrf_token": holes["csrf_token"]})
    return form_cache.store_form(request, response, generations, built_at)


def session_for_form(session_key):
    """The session behind a form's address, in the active language, with what the form
    shows of it (places left, whether it is cancelled) read in the same query.

    The active language's session is asked for by its language code; only when there is
    none is the locale looked up, as Wagtail does (``Locale.get_active()`` falls back
    to the default language when the active one has no locale).
    """
    sessions = (
        Session.objects.select_related("venue", "page")
        .with_places()
        .with_cancellation()
        .filter(translation_key=session_key, page__live=True)
    )
    try:
        language_code = get_supported_content_language_variant(get_language())
    except LookupError:
        language_code = None
    session = services.one_or_none(sessions.filter(locale__language_code=language_code))
    if session is None:
        session = get_object_or_404(sessions, locale=Locale.get_active())
    return session


def programme_of(request, session):
    """The session's programme page as its own kind, with its locale.

    Kept per generation of the content: only editors change it, and each change they
    publish (or a move, an unpublishing) starts a new one. Whether it is live is read
    with the session each time.
    """
    page = session.page
    model = page.specific_class
    if model is None or isinstance(page, model):
        return page
    return cached(
        request,
        f"sign-up-programme:{page.pk}",
        lambda: model.objects.select_related("locale").get(pk=page.pk),
    )


def submitted(request, page, session, full):
    # Every post counts against the client's address, adding and removing included,
    # far more leniently than sign-ups: a parent correcting mistakes is never locked out.
    # Counted before any work: past the limit, nothing is added or removed. The address's
    # sign-ups are read in the same round trip, for a form that turns out to be valid.
    form_posts, by_address = rate_limits.usages(
        request,
        [(rate_limits.FORM_POSTS, True), (rate_limits.SIGN_UPS_BY_ADDRESS, False)],
    )
    wait = limit_reached([form_posts], counted=True)
    forms = sign_up_forms(request, page, session, data=request.POST, change_count=not wait)
    registrant_form, participants = forms["registrant_form"], forms["participants"]
    context = {"session": session, "full": full, **forms}
    if wait:
        return too_many_attempts(request, page, context, wait, by_email=False)
    if "add_participant" in request.POST or "remove_participant" in request.POST:
        # Changing the number of participants: show the form again, as typed, without errors.
        return render_sign_up(request, page, {**context, "show_errors": False})
    if registrant_form.is_spam:
        return render_sign_up(
            request,
            page,
            {**context, "error": _("Your sign-up could not be sent. Please try again.")},
            status=400,
        )
    # Both forms are checked, so that every problem shows in one round.
    registrant_valid = registrant_form.is_valid()
    if not (participants.is_valid() and registrant_valid):
        return render_sign_up(request, page, context, status=400)
    email = registrant_form.cleaned_data["email"]
    submission_key = registrant_form.cleaned_data["submission_key"]
    # The same form sent again (a double click) gets the answer it got, past any limit:
    # services.sign_up returns the registration it made.
    repeated = Registration.objects.filter(submission_key=submission_key).exists()
    if not repeated:
        (by_email,) = rate_limits.usages(request, [(rate_limits.sign_ups_by_email(email), False)])
        if wait := limit_reached([by_address], counted=False):
            return too_many_attempts(request, page, context, wait, by_email=False)
        if wait := limit_reached([by_email], counted=False):
            return too_many_attempts(request, page, context, wait, by_email=True)
    try:
        registration = services.sign_up(
            session=session,
            registrant=registrant_form.registrant(),
            participants=participants.participants(),
            data_consent_version=forms["data_consent_version"],
            submission_key=submission_key,
            new_submission=not repeated,
            page=page,
        )
    except services.SignUpError as error:
        if error.participant is not None and error.field:
            participants.filled_forms()[error.participant].add_error(error.field, error.message)
            error_message = None
        else:
            error_message = error.message
        return render_sign_up(request, page, {**context, "error": error_message}, status=400)
    if not repeated:
        # Only accepted sign-ups count, so rejected forms never use the quota up, and a
        # blank or mistyped e-mail never reaches a shared counter.
        rate_limits.usages(
            request,
            [
                (rate_limits.SIGN_UPS_BY_ADDRESS, True),
                (rate_limits.sign_ups_by_email(email), True),
            ],
        )
    # 303: the browser fetches the answer page with GET, and a reload does not post again.
    response = redirect(private_url(registration))
    response.status_code = 303
    return response


def sign_up_forms(request, page, session, data=None, change_count=True, submission_key=None):
    """The registrant's form and the participants' formset, as new or as submitted.

    A new form gets a new `submission_key`, unless one is given (the hole of a form
    kept for every visitor, :mod:`signups.form_cache`).

    A submitted form may ask for one participant more or less, which is done if
    `change_count` (not past the rate limit): the answer says which one was removed,
    and the added one gets the focus.
    """
    # Both are kept per generation of the content: editors change them, families never.
    consents = cached(
        request, f"sign-up-consents:{page.locale_id}", lambda: consent_texts(page.locale)
    )
    data_text, data_version = consents[ConsentText.Kind.DATA]
    photo_text, _photo_version = consents[ConsentText.Kind.PHOTOS]
    removed, added = None, False
    if data is not None:
        data = data.copy()
        prefix = "participants"
        # Whatever number a visitor sends, no more forms than the formset can take are
        # built, before any work; one more than that is kept so that the formset says
        # "at most N" rather than drop a child silently.
        total = int_or(data.get(f"{prefix}-TOTAL_FORMS"), 1)
        total = min(max(total, 1), ParticipantFormSet.max_num + 1)
        if change_count and "add_participant" in data and total < ParticipantFormSet.max_num:
            total, added = total + 1, True
        elif change_count and "remove_participant" in data and total > 1:
            index = min(max(int_or(data["remove_participant"], total - 1), 0), total - 1)
            removed = removal_notice(data, prefix, index)
            remove_form(data, prefix, index, total)
            total -= 1
        data[f"{prefix}-TOTAL_FORMS"] = str(total)
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    registrant_form = RegistrantForm(
        data,
        data_consent_text=data_text,
        initial={
            "language": page.locale.language_code,
            "submission_key": submission_key or uuid.uuid4(),
        },
    )
    questions, choices = cached(
        request, f"sign-up-questions:{page.pk}", lambda: questions_of(page)
    )
    participants = ParticipantFormSet(
        data,
        prefix="participants",
        session=session,
        form_kwargs={
            "session": session,
            "questions": questions,
            "stored_choices": choices,
            "photo_consent_text": photo_text,
        },
    )
    return {
        "registrant_form": registrant_form,
        "participants": participants,
        "data_consent_version": data_version,
        "removed": removed,
        "added": added,
    }


def questions_of(page):
    """The programme's questions, and the options of its choice questions as stored."""
    questions = list(page.sign_up_questions.all())
    return questions, stored_choices(questions)


def removal_notice(data, prefix, index):
    """What the form says after removing participant `index`: who it was, if typed."""
    name = " ".join(
        data.get(f"{prefix}-{index}-{field}", "").strip()[:100]
        for field in ("first_name", "last_name")
    ).strip()
    if name:
        return _("Participant %(number)s (%(name)s) removed.") % {
            "number": index + 1,
            "name": name,
        }
    return _("Participant %(number)s removed.") % {"number": index + 1}


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


def render_sign_up(request, page, context, status=200):
    context = {"show_errors": True, **context}
    summary = error_summary(context)
    if context.get("added") and not summary:
        # The new participant's fields in view, with no JavaScript: the browser scrolls
        # to the focused field.
        new_form = context["participants"].forms[-1]
        new_form.fields["first_name"].widget.attrs["autofocus"] = True
    # The page's own context, not the programme's get_context(): that reads the
    # programme's upcoming dates and their JSON-LD, which the form does not show. The
    # programme's feed stays in the head, for calendar apps.
    return TemplateResponse(
        request,
        "signups/sign_up.html",
        {
            **Page.get_context(page, request),
            "feed": programme_feed_links(request, page),
            **context,
            "error_summary": summary,
            "language_url": same_form_in(context["session"]),
        },
        status=status,
    )


def same_form_in(session):
    """For the language switcher: the same form in a language that has the session,
    else the programme page there (a session added after the page was translated
    is not in the translation until staff sync it)."""
    locales = set(
        Session.objects.filter(translation_key=session.translation_key).values_list(
            "locale_id", flat=True
        )
    )

    def url_in(translation):
        if translation.locale_id not in locales:
            return None
        with override(translation.locale.language_code):
            return reverse("signups:sign_up", kwargs={"session_key": session.translation_key})

    return url_in


def error_summary(context):
    """Every problem of a submitted form, in the order of the page, each with its field.

    Entries are dicts: ``message``, and where it applies ``number`` (of the
    participant), ``label`` and ``field`` (the id the entry links to).
    """
    entries = [{"message": context["error"]}] if context.get("error") else []
    if not context["show_errors"] or "participants" not in context:
        return entries
    participants, registrant_form = context["participants"], context["registrant_form"]
    if not participants.is_bound:
        return entries
    first_field = participants.forms[0]["first_name"].id_for_label if participants.forms else ""
    entries += [
        {"message": message, "field": first_field} for message in participants.non_form_errors()
    ]
    for number, form in enumerate(participants.forms, start=1):
        entries += field_errors(form, number=number)
    return entries + field_errors(registrant_form)


def field_errors(form, number=None):
    return [
        {
            "message": message,
            # A checkbox's label is a whole sentence (a consent): its message says enough.
            "label": "" if field.field.widget.input_type == "checkbox" else field.label,
            "field": field.id_for_label,
            "number": number,
        }
        for field in form
        for message in field.errors
    ]


def too_many_attempts(request, page, context, wait, *, by_email):
    """429 with the form as typed, saying how long to wait; nothing is checked or saved."""
    minutes = minutes_to_wait(wait)
    if by_email:
        message = ngettext(
            "Too many sign-ups with this e-mail address in a short time. Your form is kept: "
            "please send it again in about %(minutes)s minute.",
            "Too many sign-ups with this e-mail address in a short time. Your form is kept: "
            "please send it again in about %(minutes)s minutes.",
            minutes,
        )
        message = message % {"minutes": minutes}
    else:
        message = too_many_from_connection(minutes)
    response = render_sign_up(
        request, page, {**context, "show_errors": False, "error": message}, status=429
    )
    response["Retry-After"] = str(minutes * 60)
    return response


def minutes_to_wait(wait):
    """`wait` seconds in whole minutes, at least one."""
    return max(1, -(-wait // 60))


def too_many_from_connection(minutes):
    return ngettext(
        "Too many attempts from your internet connection in a short time. Your form is "
        "kept: please send it again in about %(minutes)s minute.",
        "Too many attempts from your internet connection in a short time. Your form is "
        "kept: please send it again in about %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}


def limit_reached(usages, *, counted):
    """Seconds until the first of `usages` past its limit frees up, or None.

    ``counted``: this request is already counted in them, so reaching the limit is allowed.
    """
    blocked = [
        usage
        for usage in usages
        if usage is not None
        and (usage["count"] > usage["limit"] if counted else usage["count"] >= usage["limit"])
    ]
    if not blocked:
        return None
    return max(max(usage["time_left"] for usage in blocked), 1)


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
        return private_headers(view(request, registration_for(reference, token), **kwargs))

    return wrapped


def private_headers(response):
    """`response`, a page of a private link, kept from search engines and other sites."""
    # Not "no-referrer": browsers would then send "Origin: null" with the page's own
    # forms, which CSRF protection refuses.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def registration_context(registration):
    """What every page of the private link shows: the session and who is signed up."""
    session = registration.quota.session_in(Locale.get_active())
    participants = list(registration.participants.all())
    active = [p for p in participants if p.cancelled_at is None]
    return {
        "registration": registration,
        "session": session,
        # Not "page": the layout would take it for the page shown (language switcher, title).
        "programme": session.page if session else registration.page,
        "participants": participants,
        "active_participants": active,
        "active_count": len(active),
        "position": registration.waiting_position(),
    }


def has_calendar(registration, session):
    """Only a confirmed sign-up is added to a calendar: a waiting or cancelled one is not on."""
    return (
        registration.status == Registration.Status.CONFIRMED
        and session is not None
        and not session.is_cancelled
    )


@private
def registration_view(request, registration):
    context = registration_context(registration)
    return TemplateResponse(
        request,
        "signups/registration.html",
        {
            **context,
            "has_calendar": has_calendar(registration, context["session"]),
            "can_erase": privacy.can_be_erased_by_registrant(registration),
        },
    )


def participant_of(registration, data):
    """The participant of `registration` named in `data` (a form's or a link's); None when
    `data` names nobody. 404 for a value that is none of the registration's participants:
    a mangled link must not be taken for "everyone".
    """
    value = data.get("participant")
    if value is None:
        return None
    if not is_id(value):
        raise Http404("Not a participant")
    return get_object_or_404(registration.participants, pk=int(value))


def act(request, registration, action, done):
    """Run a service for the registrant, and go back to their page with the outcome."""
    try:
        action()
    except services.SignUpError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect(private_url(registration))


@require_http_methods(["GET", "HEAD", "POST"])
@private
def cancel_view(request, registration):
    """GET asks for confirmation on a page of its own, naming who would go; POST cancels.

    A link (from the sign-up's page or an e-mail) only ever shows that page.
    """
    data = request.POST if request.method == "POST" else request.GET
    participant = participant_of(registration, data)
    if request.method == "POST":
        return act(
            request,
            registration,
            lambda: services.cancel(registration=registration, participant=participant),
            _("%(name)s is no longer signed up.") % {"name": participant}
            if participant and registration.places > 1
            else _("Your sign-up is cancelled."),
        )
    if not registration.is_active or (participant and participant.cancelled_at):
        # Nothing left to cancel: the sign-up's page says what it is now.
        return redirect(private_url(registration))
    context = registration_context(registration)
    # Cancelling the last participant still signed up cancels the whole sign-up.
    one = participant if participant and context["active_count"] > 1 else None
    return TemplateResponse(
        request,
        "signups/registration_cancel.html",
        {
            **context,
            "participant": one,
            "leaving": [one] if one else context["active_participants"],
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@private
def accept_view(request, registration):
    """GET shows the offer (the link in the "a place is free" e-mail); POST accepts it."""
    if request.method == "POST":
        return act(
            request,
            registration,
            lambda: services.accept_offer(registration=registration),
            _("The place is yours: your sign-up is confirmed."),
        )
    if registration.status == Registration.Status.OFFERED:
        expired = registration.offer_expires_at <= timezone.now()
        offer = "expired" if expired else "open"
    elif registration.cancelled_by == Registration.CancelledBy.OFFER_EXPIRED:
        offer = "expired"
    else:
        offer = registration.status  # confirmed already, waiting again, or cancelled
    return TemplateResponse(
        request,
        "signups/registration_accept.html",
        {**registration_context(registration), "offer": offer},
    )


@require_POST
@private
def photo_consent_view(request, registration):
    participant = participant_of(registration, request.POST)
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
    if not has_calendar(registration, registration.quota.session_in(Locale.get_active())):
        raise Http404
    response = HttpResponse(
        registration_ics(registration), content_type="text/calendar; charset=utf-8"
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
    # The checkbox's own value only: "off" or "no" is no confirmation.
    if request.POST.get("confirm") != "on":
        messages.error(request, _("Tick the box to confirm that the data should be deleted."))
        return redirect(private_url(registration))
    privacy.erase_registrations(registrations=[registration])
    # The private link is dead now: the answer is a page of its own.
    return TemplateResponse(request, "signups/data_erased.html")
