"""
The blank sign-up form, kept whole in the shared cache with holes for what is per visitor.

On sign-up day every family first GETs the form, and building it (the session, the
programme, its questions and consents, the formset, the site frame) costs as much as
the sign-up itself. What differs from one visitor to the next is only the CSRF token
and the form's submission key: the page is built with a marker in their place, kept,
and each visitor gets it with a token and a key of their own put in (hole punching).
The token is asked of Django's CSRF machinery as the ``{% csrf_token %}`` tag does, so
the CSRF cookie is set exactly as for a page built for this visitor.

* **Only the blank form for a visitor without a session**: a GET without a query
  string, from a visitor with no session or messages cookie and no credentials (so not
  signed in, no message waiting), answered 200. A submitted form (with or without
  errors), a 404, a private page, a form in a test transaction with uncommitted
  changes, are never served from it nor kept.
* **Content**: an editor's change (a page published, unpublished, moved or made
  private, a snippet or setting saved: the content's generation,
  :data:`cic_site.page_cache.CONTENT`) makes the stored form stale at once.
* **Time**: it expires by itself at the next moment pages change with time (a sign-up
  window opening or closing, the session starting), as the public pages do.
* **Places**: a change of places (a sign-up, a cancellation, an offer, new capacity)
  starts a new generation of the pages; a form built before it is still served for
  ``CIC_SIGN_UP_FORM_CACHE_SECONDS`` after it was built. So the places left, "full"
  and "closed" it shows are at most that many seconds old. What is decided is never
  stale: the POST reads the session and takes the places under the lock.

``CIC_SIGN_UP_FORM_CACHE_SECONDS = 0``, or the page cache off (``CIC_PAGE_CACHE``),
turns it off.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

from cic_site.page_cache import CONTENT, PAGES, expires_at, personal_request, uncommitted_changes

# What the stored page holds where each visitor's own value goes: never found in a page
# otherwise, and left alone by HTML escaping.
CSRF_TOKEN_HOLE = "cic-hole-csrf-token-5b0e9d"
SUBMISSION_KEY_HOLE = "cic-hole-submission-key-5b0e9d"

# (pages generation, content generation, built at, expires at, content type, body).
KEY_PREFIX = "cic:sign-up-form:v1:"


def applies(request):
    """Whether this request may get the stored blank form (and its answer be stored)."""
    return (
        # A memory cache of one process would not hear of changes made in another.
        settings.CIC_PAGE_CACHE
        and settings.CIC_SIGN_UP_FORM_CACHE_SECONDS > 0
        and request.method == "GET"
        and not request.META.get("QUERY_STRING")
        and not personal_request(request)
        and not uncommitted_changes()
    )


def form_key(request):
    address = f"{request.scheme}://{request.get_host()}{request.path}"
    return KEY_PREFIX + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()


def stored_form(request):
    """The blank form for this visitor from the shared cache, or None; and the
    generations to keep a form built now under (read before it is built, so that a
    change committed meanwhile makes it stale)."""
    key = form_key(request)
    found = cache.get_many([key, PAGES.key, CONTENT.key])
    current_pages, current_content = found.get(PAGES.key), found.get(CONTENT.key)
    generations = (
        (current_pages or PAGES.current())[0],
        (current_content or CONTENT.current())[0],
    )
    entry = found.get(key)
    if entry is None:
        return None, generations
    pages, content, built_at, expires, content_type, body = entry
    now = timezone.now().timestamp()
    if content != generations[1] or now >= expires:
        return None, generations
    if pages != generations[0] and now - built_at >= settings.CIC_SIGN_UP_FORM_CACHE_SECONDS:
        return None, generations
    return HttpResponse(punch(request, body), content_type=content_type), generations


def store_form(request, response, generations, built_at):
    """Keep a blank form built with holes (see :func:`holes`) since `built_at` (a
    timestamp) under `generations` (read before it); the answer for this visitor."""
    response.render()
    if response.status_code != 200 or response.cookies:
        return fill(request, response)
    pages, content = generations
    expires = expires_at(pages, built_at)
    timeout = int(expires - timezone.now().timestamp())
    if timeout > 0:
        entry = (pages, content, built_at, expires, response["Content-Type"], response.content)
        cache.set(form_key(request), entry, timeout=timeout)
    return fill(request, response)


def holes():
    """What the form is built with instead of this visitor's values: the template's
    ``csrf_token`` and the registrant form's submission key."""
    return {"csrf_token": CSRF_TOKEN_HOLE, "submission_key": SUBMISSION_KEY_HOLE}


def punch(request, body):
    """`body` with this visitor's CSRF token and a new submission key in its holes."""
    return body.replace(CSRF_TOKEN_HOLE.encode(), get_token(request).encode()).replace(
        SUBMISSION_KEY_HOLE.encode(), str(uuid.uuid4()).encode()
    )


def fill(request, response):
    response.content = punch(request, response.content)
    return response
