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
