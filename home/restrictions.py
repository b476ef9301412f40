"""
Public pages without a query for the view restrictions each time.

Wagtail's ``PageQuerySet.public()`` reads every PageViewRestriction each time it is
called: three times on the home page. The private sections change only when an
editor restricts or frees a page, which starts a new generation of the public
pages (home.signals), so their paths are kept per generation instead.
"""

from django.db.models import Q

from wagtail.models import PageViewRestriction

from .generation_cache import cached


def public(pages, request=None):
    """`pages` (a PageQuerySet) without the private ones: Wagtail's `.public()`."""
    private = Q()
    for path, depth in private_sections(request):
        private |= Q(path__startswith=path, depth__gte=depth)
    return pages.exclude(private) if private else pages


def private_sections(request=None):
    """The path and depth of each page with a view restriction (its section is private)."""
    return cached(
        request,
        "private-sections",
        lambda: sorted(set(PageViewRestriction.objects.values_list("page__path", "page__depth"))),
    )


class CachedViewRestrictions:
    """A page mixin: Wagtail's ``get_view_restrictions`` (which its serving hook calls on
    every page, two queries), without a query when no private section covers the page."""

    def get_view_restrictions(self):
        for path, depth in private_sections():
            if self.path.startswith(path) and self.depth >= depth:
                return super().get_view_restrictions()
        return PageViewRestriction.objects.none()
