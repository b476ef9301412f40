"""
The "tell me when sign-ups open" form, and a subscription's private pages.

Under the language prefix, like the sign-up form. What happens is decided by
``signups.alerts``; these views turn requests into its calls and answers into pages.
The form has the sign-up form's protections (CSRF, a trap field, rate limits per
address and per e-mail), and its answer never tells whether the address was known.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import alerts, rate_limits
from .forms import AlertChoicesForm, AlertSubscriptionForm
from .models import AlertSubscription
from .views import (
    field_errors,
    limit_reached,
    minutes_to_wait,
    private_headers,
    too_many_from_connection,
)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe_view(request):
    """The form; a request it accepts leads to the same "check your inbox" page always."""
    centres = alerts.centre_choices()
    if request.method != "POST":
        form = AlertSubscriptionForm(centres=centres, initial={"language": get_language()})
        return render_form(request, form)
    # Every post counts against the client's address, corrections included; the
    # address's accepted requests are read in the same round trip.
    form_posts, by_address = rate_limits.usages(
        request,
        [(rate_limits.ALERT_FORM_POSTS, True), (rate_limits.ALERT_REQUESTS_BY_ADDRESS, False)],
    )
    form = AlertSubscriptionForm(request.POST, centres=centres)
    if wait := limit_reached([form_posts], counted=True):
        return too_many_attempts(request, form, wait, by_email=False)
    if form.is_spam:
        error = _("Your request could not be sent. Please try again.")
        return render_form(request, form, error=error, status=400)
    if not form.is_valid():
        return render_form(request, form, status=400)
    email = form.cleaned_data["email"]
    (by_email,) = rate_limits.usages(
        request, [(rate_limits.alert_requests_by_email(email), False)]
    )
    if wait := limit_reached([by_address], counted=False):
        return too_many_attempts(request, form, wait, by_email=False)
    if wait := limit_reached([by_email], counted=False):
        return too_many_attempts(request, form, wait, by_email=True)
    alerts.request_alerts(email=email, **form.choices())
    rate_limits.usages(
        request,
        [
            (rate_limits.ALERT_REQUESTS_BY_ADDRESS, True),
            (rate_limits.alert_requests_by_email(email), True),
        ],
    )
    # 303: the browser fetches the answer with GET, and a reload does not post again.
    response = redirect("signups:alert_sent")
    response.status_code = 303
    return response


def render_form(request, form, *, error=None, status=200, show_errors=True):
    summary = [{"message": error}] if error else []
    if show_errors and form.is_bound:
        summary += field_errors(form)
    return TemplateResponse(
        request,
        "signups/alert_form.html",
        {"form": form, "error_summary": summary, "show_errors": show_errors},
        status=status,
    )


def too_many_attempts(request, form, wait, *, by_email):
    """429 with the form as typed, saying how long to wait; nothing is saved."""
    minutes = minutes_to_wait(wait)
    if by_email:
        message = ngettext(
            "Too many requests with this e-mail address in a short time. Your form is kept: "
            "please send it again in about %(minutes)s minute.",
            "Too many requests with this e-mail address in a short time. Your form is kept: "
            "please send it again in about %(minutes)s minutes.",
            minutes,
        ) % {"minutes": minutes}
    else:
        message = too_many_from_connection(minutes)
    response = render_form(request, form, error=message, status=429, show_errors=False)
    response["Retry-After"] = str(minutes * 60)
    return response


@never_cache
def sent_view(request):
    return TemplateResponse(request, "signups/alert_sent.html")


# The private pages, behind the link in every e-mail.


def private_alerts(view):
    """A view of a subscription's private link; an unknown token gets :func:`gone`."""

    @never_cache
    def wrapped(request, token):
        subscription = AlertSubscription.objects.filter(token=token).first()
        if subscription is None:
            return gone(request)
        return private_headers(view(request, subscription))

    return wrapped


def gone(request):
    """The answer to a private link whose subscription is no more (ended, or never
    confirmed and pruned): a 404 that says why and leads to the form, not a dead end."""
    return private_headers(TemplateResponse(request, "signups/alert_gone.html", status=404))


def manage_url(subscription):
    return reverse("signups:alert_manage", kwargs={"token": subscription.token})


@require_http_methods(["GET", "HEAD", "POST"])
@private_alerts
def confirm_view(request, subscription):
    """GET shows one button (the confirmation e-mail's link leads here); POST confirms."""
    if request.method == "POST":
        alerts.confirm_alerts(subscription=subscription)
        messages.success(request, _("Your alerts are confirmed."))
        response = redirect(manage_url(subscription))
        response.status_code = 303
        return response
    return confirm_page(request, subscription)


def confirm_page(request, subscription):
    return TemplateResponse(
        request,
        "signups/alert_confirm.html",
        {"subscription": subscription, "choices": alerts.described(subscription)},
    )


@require_http_methods(["GET", "HEAD", "POST"])
@private_alerts
def manage_view(request, subscription):
    """What the subscription is about, a form to change it, and a button to end it."""
    if subscription.confirmed_at is None:
        return confirm_page(request, subscription)
    centres = alerts.centre_choices()
    if request.method == "POST":
        form = AlertChoicesForm(request.POST, centres=centres)
        if form.is_valid():
            alerts.change_alerts(subscription=subscription, **form.choices())
            messages.success(request, _("Your choices are saved."))
            response = redirect(manage_url(subscription))
            response.status_code = 303
            return response
        status = 400
    else:
        form = AlertChoicesForm(
            centres=centres,
            initial={
                "language": subscription.language,
                "centres": subscription.centres,
                "kinds": subscription.kinds,
                "min_age": subscription.min_age,
                "max_age": subscription.max_age,
            },
        )
        status = 200
    return TemplateResponse(
        request,
        "signups/alert_subscription.html",
        {
            "subscription": subscription,
            "choices": alerts.described(subscription),
            "form": form,
            "show_errors": True,
            "error_summary": field_errors(form) if form.is_bound else [],
        },
        status=status,
    )


@require_http_methods(["POST"])
@private_alerts
def keep_view(request, subscription):
    """The button that keeps alerts going after the notice that they will end unused."""
    alerts.keep_alerts(subscription=subscription)
    messages.success(request, _("Your alerts are kept."))
    response = redirect(manage_url(subscription))
    response.status_code = 303
    return response


@csrf_exempt  # RFC 8058: mail clients post the one-click unsubscribe without a token.
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe_view(request, token):
    """POST (a mail client's one click, or the button here) ends the subscription.

    A GET only shows the button. A POST for a subscription ended already says it is
    ended: a mail client may send its click twice.
    """
    subscription = AlertSubscription.objects.filter(token=token).first()
    if request.method == "POST":
        if subscription is not None:
            alerts.end_alerts(subscription=subscription)
        return private_headers(TemplateResponse(request, "signups/alert_ended.html"))
    if subscription is None:
        return gone(request)
    return private_headers(
        TemplateResponse(request, "signups/alert_unsubscribe.html", {"subscription": subscription})
    )
