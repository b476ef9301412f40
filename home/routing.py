"""
Wagtail's routing below a language's home page, from the shared cache.

Wagtail finds the page at /pl/a/b/ one level at a time: the Site's root page in the
active language (a query for the Locale, one for its specific page), then the child
with slug "a" of the home page, then its specific page, then the child "b" and its
specific page, two queries a level. Which page answers a path, and what that page's
own fields hold, change only when pages are published, unpublished, moved or deleted,
each of which starts a new generation of the content (cic_site.page_cache), so the
home page of each language and the page found at each path are kept whole (with their
locale) under home.generation_cache.fragment_key, and the next view of that path reads
no page from the database at all.

The answer stays Wagtail's: the page found is asked to route what follows it
(a routable page's own routes, a sign-up form, a month of the calendar), as
Wagtail's walk would. An entry is made only for a page's own path, so there are no
more entries than pages, and one is used for a longer path only when no page above
it is routable (a routable page tries its routes before its children, so a longer
path could stop there).
"""

import hashlib

from django.http import Http404
from django.utils.translation import get_language

from wagtail.contrib.routable_page.models import RoutablePageMixin

from .generation_cache import TIMEOUT_SECONDS, cached, fragment_key, kept_cache


def route_for_request(request, site, path):
    """What Wagtail's ``Page.route_for_request(request, path)`` gives for the request's
    `site` (a RouteResult, or None for no page), from the cache: the Site's root page in
    the active language, then :func:`route` below it."""
    if site is None:
        return None
    home = cached(
        request,
        f"route-home:{site.pk}:{get_language()}",
        lambda: kept(site.root_page.localized.specific),
        bounded=True,
    )
    try:
        return home.route(request, [component for component in path.split("/") if component])
    except Http404:
        return None


def kept(page):
    """`page` as it is kept: read afresh with its locale and what its model names in
    ``kept_with`` (rows every view of it reads: a centre's opening hours), so that
    nothing a request hung on the object it walked with (its parent, its site) is kept
    with it."""
    model = type(page)
    related = getattr(model, "kept_with", {})
    pages = model._default_manager.select_related("locale", *related.get("select", ()))
    return pages.prefetch_related(*related.get("prefetch", ())).get(pk=page.pk)


def route(home, request, path_components, walk):
    """What `walk(request, path_components)` (Wagtail's Page.route from `home`) gives,
    the page found taken from the cache when it knows it."""
    keys = {
        prefix_key(request, home, path_components[:length]): length
        for length in range(len(path_components), 0, -1)
    }
    found = kept_cache.get_many(list(keys))
    for key, length in keys.items():  # the longest path first
        if key not in found:
            continue
        page, routable_above = found[key]
        if routable_above and length < len(path_components):
            continue
        if page.depth == home.depth + 1:
            page._cached_parent_obj = home
        page._cic_routable_above = routable_above
        result = page.route(request, path_components[length:])
        if length < len(path_components):  # a page below it, found by walking from it
            remember(home, request, path_components, result.page)
        return result

    result = walk(request, path_components)
    remember(home, request, path_components, result.page)
    return result


def prefix_key(request, home, path_components):
    path = "/".join(path_components)
    return fragment_key(
        request, f"route:{home.pk}:{hashlib.sha256(path.encode()).hexdigest()[:32]}"
    )


def remember(home, request, path_components, page):
    """Keep the page Wagtail's walk found, if it is the page at the whole path."""
    if page.depth - home.depth != len(path_components):
        return
    if page.url_path != home.url_path + "".join(f"{slug}/" for slug in path_components):
        return
    routable_above = False
    ancestor = page
    while ancestor.depth > home.depth + 1:
        ancestor = getattr(ancestor, "_cached_parent_obj", None)
        if ancestor is None:
            return
        routable_above = routable_above or isinstance(ancestor, RoutablePageMixin)
        if hasattr(ancestor, "_cic_routable_above"):  # kept: what is above it is known
            routable_above = routable_above or ancestor._cic_routable_above
            break
    kept_cache.set(
        prefix_key(request, home, path_components),
        (kept(page), routable_above),
        TIMEOUT_SECONDS,
    )
