"""
Hardening that the settings and URLs refer to: the client's address behind
proxies (the key of every rate limit), the rate-limited admin login, and the 500
page under the Content-Security-Policy.
"""

import ipaddress

from csp.exceptions import CSPNonceError
from django_ratelimit.core import get_usage

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponseServerError
from django.template import loader
from django.utils.translation import gettext as _

from wagtail.admin.views.account import LoginView


def client_ip(request):
    """The address of the client, as the outermost trusted proxy saw it.

    Each of the CIC_TRUSTED_PROXY_COUNT proxies in front of the site appends the
    address it received the request from to X-Forwarded-For, so that address is
    the Nth entry from the right. A client can put anything before it, never in
    its place. With no trusted proxy the header is ignored: REMOTE_ADDR is the
    client. An entry that is not an address (the proxies are not set up as the
    setting says) also falls back to REMOTE_ADDR.
    """
    proxies = settings.CIC_TRUSTED_PROXY_COUNT
    remote_addr = request.META.get("REMOTE_ADDR", "")
    if proxies <= 0:
        return remote_addr
    forwarded = [
        entry for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()
    ]
    if not forwarded:
        return remote_addr
    # Fewer entries than proxies: the request entered past the outer ones, and the
    # leftmost entry was still written by a trusted proxy.
    return parse_address(forwarded[-min(proxies, len(forwarded))]) or remote_addr


def parse_address(value):
    """An IP address from X-Forwarded-For, without the port some proxies add; None if it is not one."""
    value = value.strip()
    if value.startswith("["):  # [2001:db8::1]:443
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:  # 192.0.2.1:443
        value = value.partition(":")[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


# The admin login


def login_username(group, request):
    return request.POST.get("username", "").strip().lower()


LOGIN_LIMITS = [
    ("admin-login-ip", "ip", "CIC_ADMIN_LOGIN_RATE_PER_IP"),
    ("admin-login-username", login_username, "CIC_ADMIN_LOGIN_RATE_PER_USERNAME"),
]


def failed_logins(request, increment=False):
    """The failed-login counts of this client address and this username (django-ratelimit usages)."""
    usages = [
        get_usage(
            request,
            group=group,
            key=key,
            rate=getattr(settings, rate_setting),
            method="POST",
            increment=increment,
        )
        for group, key, rate_setting in LOGIN_LIMITS
    ]
    return [usage for usage in usages if usage is not None]


class RateLimitedLoginView(LoginView):
    """Wagtail's login, answering 429 once a client address or a username has failed too often.

    Only failed attempts count, so a whole office behind one address can sign in
    all day; past the limit no password is checked until the period is over.
    """

    def post(self, request, *args, **kwargs):
        blocked = [usage for usage in failed_logins(request) if usage["count"] >= usage["limit"]]
        if blocked:
            return self.too_many_attempts(max(usage["time_left"] for usage in blocked))
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        failed_logins(self.request, increment=True)
        return super().form_invalid(form)

    def too_many_attempts(self, retry_after):
        messages.error(
            self.request,
            _("Too many failed sign-in attempts. Please wait a few minutes and try again."),
        )
        form = self.get_form_class()(
            request=self.request, initial={"username": self.request.POST.get("username", "")}
        )
        response = self.render_to_response(self.get_context_data(form=form))
        response.status_code = 429
        response["Retry-After"] = str(max(retry_after, 1))
        return response


def server_error(request):
    """Django's 500 page, with the nonce its inline style needs under the CSP.

    Rendered without a request context, as Django's own handler does, so that a
    failing context processor cannot break it.
    """
    try:
        nonce = str(request.csp_nonce)
    except (AttributeError, CSPNonceError):  # the CSP middleware has not run, or has answered
        nonce = ""
    html = loader.get_template("500.html").render({"CSP_NONCE": nonce})
    return HttpResponseServerError(html)
