"""Wagtail's Site for each request from the shared cache (home.frame.site_of), and the
request made known to what reads the content's generation without it at hand
(home.generation_cache.current_request).

Wagtail looks the Site up by the request's host on every page view, a query with
a CASE ordering; it keeps the answer on the request, where this middleware puts
the one kept per generation of the public pages (a Site saved or deleted starts a
new one: home.signals). It goes after CommonMiddleware, which has checked the host.
"""

from .frame import site_of
from .generation_cache import current_request


class SiteFromCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            site_of(request)
            return self.get_response(request)
        finally:
            current_request.reset(token)
