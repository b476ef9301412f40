"""Site-wide middleware."""

from django.db import OperationalError
from django.template.response import TemplateResponse

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
