"""Site-wide middleware."""

from csp.middleware import CSPMiddleware
from csp.utils import default_config

from django.conf import settings
from django.db import OperationalError
from django.template.response import TemplateResponse
from django.urls import reverse

# PostgreSQL errors that mean "busy, try again": serialization failure, deadlock,
# lock not available, statement timeout, too many connections.
RETRYABLE_SQLSTATES = {"40001", "40P01", "55P03", "57014", "53300"}
RETRY_AFTER_SECONDS = 5


def database_is_busy(exception):
    if not isinstance(exception, OperationalError):
        return False
    if "database is locked" in str(exception):  # SQLite waited out its timeout
        return True
    return getattr(exception.__cause__, "sqlstate", None) in RETRYABLE_SQLSTATES


class DatabaseBusyMiddleware:
    """Answer 503 with a Retry-After hint when the database is too busy, not a 500.

    The transaction was rolled back, so nothing is half-written; the visitor can
    send the same form again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not database_is_busy(exception):
            return None
        response = TemplateResponse(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response.render()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with a policy of its own for the Wagtail admin.

    Public pages get CONTENT_SECURITY_POLICY. The admin gets
    CIC_ADMIN_CONTENT_SECURITY_POLICY, which Wagtail's inline scripts and styles
    satisfy: under the admin's URL, and in previews, which Wagtail renders by
    passing a dummy request for the page's public URL through the middleware.
    That policy never carries a nonce, since browsers ignore 'unsafe-inline' in a
    directive that has one (and a previewed page may ask for one). A view's own
    decorator (csp_replace, csp_update) still applies on top.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and parts.config is None and is_admin(request):
            parts.config = default_config(settings.CIC_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
            parts.nonce = None
        return parts


def is_admin(request):
    if getattr(request, "is_dummy", False):  # set by Wagtail's make_preview_request
        return True
    return request.path_info.startswith(reverse("wagtailadmin_home"))
