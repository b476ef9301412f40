"""
Wagtail's routing below a language's home page, from the shared cache.

Wagtail finds the page at /pl/a/b/ one level at a time: the child with slug "a"
of the home page, then its specific page, then the child "b" and its specific
page, two queries a level. Which page answers a path changes only when pages are
published, unpublished, moved or deleted, each of which starts a new generation of
the public pages (cic_site.page_cache), so the page found at a path is kept per
generation and fetched the next time in one query by its id.

The answer stays Wagtail's: the page found is asked to route what follows it
(a routable page's own routes, a sign-up form, a month of the calendar), as
Wagtail's walk would. An entry is made only for a page's own path, so there are no
more entries than pages, and one is used for a longer path only when no page above
it is routable (a routable page tries its routes before its children, so a longer
path could stop there).
"""

import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

from wagtail.contrib.routable_page.models import RoutablePageMixin

from .generation_cache import TIMEOUT_SECONDS, cache_key


def route(home, request, path_components, walk):
    """What `walk(request, path_components)` (Wagtail's Page.route from `home`) gives,
    the page found fetched by id when the cache knows it."""
    keys = {
        prefix_key(request, home, path_components[:length]): length
        for length in range(len(path_components), 0, -1)
    }
    found = cache.get_many(list(keys))
    for key, length in keys.items():  # the longest path first
        if key not in found:
            continue
        content_type_id, page_id, routable_above = found[key]
        if routable_above and length < len(path_components):
            continue
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model.objects.filter(pk=page_id).first() if model else None
        if page is None:
            break
        if page.depth == home.depth + 1:
            page._cached_parent_obj = home
        return page.route(request, path_components[length:])

    result = walk(request, path_components)
    remember(home, request, path_components, result.page)
    return result


def prefix_key(request, home, path_components):
    path = "/".join(path_components)
    return cache_key(request, f"route:{home.pk}:{hashlib.sha256(path.encode()).hexdigest()[:32]}")


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
    cache.set(
        prefix_key(request, home, path_components),
        (page.content_type_id, page.pk, routable_above),
        TIMEOUT_SECONDS,
    )
