"""
Subject access and erasure in the Wagtail admin (Sign-ups → Personal data).

Staff with ``signups.manage_personal_data`` look up every sign-up made with an
e-mail address, and its alert subscription, read them, download them as JSON for
the person who asked, and erase them (``signups.privacy``). The address travels in
POST bodies only, so it stays out of URLs and server logs. Each look-up and export
is written to the audit log against the sessions concerned and the subscription,
without the address; the erasure is logged by ``privacy.erase_registrations`` and
``privacy.erase_alert_subscription``.
"""

import json

from django import forms
from django.db import transaction
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import View

from wagtail.admin import messages
from wagtail.log_actions import log

from .. import alerts, privacy
from ..audit import log_subscription_action
from ..exports import attachment
from ..forms import ConsentField
from .permissions import MANAGE_PERSONAL_DATA, SignUpPermissionMixin


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person who asked"))
    confirm = ConsentField(
        label=_("I have checked that this is the person who asked, and the data may go."),
        required=False,
    )


class PersonalDataView(SignUpPermissionMixin, View):
    """Find, show, export (JSON) and erase every sign-up and the alert subscription of one
    e-mail address."""

    permission_required = MANAGE_PERSONAL_DATA
    template_name = "signups/admin/personal_data.html"

    def get(self, request):
        return self.render(PersonalDataForm())

    def post(self, request):
        form = PersonalDataForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        email = form.cleaned_data["email"]
        registrations = list(privacy.registrations_of(email))
        subscription = privacy.alert_subscription_of(email)
        action = request.POST.get("action", "find")
        if action == "json":
            self.log(registrations, "events.export_personal_data")
            if subscription:
                log_subscription_action(
                    subscription, "events.export_alert_subscription", user=request.user
                )
            return self.json_response(registrations, subscription)
        if action == "erase":
            if not form.cleaned_data["confirm"]:
                form.add_error("confirm", gettext("Tick the box to confirm the erasure."))
                return self.render(form, registrations, subscription, status=400)
            with transaction.atomic():
                erased = privacy.erase_registrations(
                    registrations=registrations, user=request.user
                )
                if subscription:
                    privacy.erase_alert_subscription(subscription=subscription, user=request.user)
            if erased or not subscription:
                messages.success(
                    request,
                    ngettext("%(count)s sign-up erased.", "%(count)s sign-ups erased.", erased)
                    % {"count": erased},
                )
            if subscription:
                messages.success(request, gettext("The alert subscription was deleted."))
            return self.render(PersonalDataForm())
        self.log(registrations, "events.view_personal_data")
        if subscription:
            log_subscription_action(
                subscription, "events.view_alert_subscription", user=request.user
            )
        return self.render(form, registrations, subscription)

    def render(self, form, registrations=None, subscription=None, status=200):
        context = {
            "form": form,
            "registrations": registrations,
            "subscription": subscription,
            "searched": registrations is not None,
        }
        if subscription:
            context["choices"] = alerts.described(subscription)
        return TemplateResponse(self.request, self.template_name, context, status=status)

    def json_response(self, registrations, subscription):
        data = privacy.export_data(registrations, subscription)
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2, default=str),
            content_type="application/json; charset=utf-8",
        )
        name = pgettext("file name", "personal-data")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = attachment(f"{name}-{stamp}.json")
        return response

    def log(self, registrations, action):
        """One entry per session concerned; the address itself is not logged."""
        by_quota = {}
        for registration in registrations:
            by_quota.setdefault(registration.quota, []).append(registration)
        for quota, found in by_quota.items():
            log(
                quota,
                action,
                user=self.request.user,
                data={"registrations": [str(registration.reference) for registration in found]},
            )
