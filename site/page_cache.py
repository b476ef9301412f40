"""
The public pages kept whole in the shared cache, for visitors without a session.

A public page (under a language prefix; not the sign-up form or a private link,
not the feeds, which have a cache of their own) asked for by a visitor with no
session or messages cookie is answered by :class:`PageCacheMiddleware` from the
shared cache, before any middleware but SecurityMiddleware (and WhiteNoise):
one cache round trip, no session, no URL resolving, no template, no query.

* **What is stored**: only an answer that is the same for every such visitor: a
  200 to a GET, for an anonymous user, that set no cookie, used no CSRF token, no
  CSP nonce and no message, shows no form errors, is not marked private, no-cache
  or no-store, and varies on nothing but Cookie (which is why it is served only to
  visitors without a session or messages cookie).
* **Generations**: every change a public page can show (a page published,
  unpublished, moved or deleted, places taken or given back, a session or a date
  cancelled, a snippet, setting, image or document saved, a page made private)
  calls :func:`pages_changed`, which makes every stored page stale at once.
* **Time**: a stored page expires by itself at the next moment the pages change
  with time (a sign-up window opening or closing, a session or one of its dates
  starting or ending: the ``cic_page_cache_expires_at`` hooks, asked once per
  generation), and at the latest ``CIC_PAGE_CACHE_SECONDS`` after it was built.
* **Bursts**: while one request rebuilds a page of a stale generation, the others
  get the previous body, if it was built less than ``CIC_PAGE_CACHE_STALE_SECONDS``
  ago and its time has not run out (a sign-up rush starts a generation at every
  sign-up).
* **CDN**: a stored page is sent with ``public, max-age=0, s-maxage=N`` (N at most
  ``CIC_PAGE_CDN_SECONDS``, and never past the page's own expiry); everything
  personal with ``private, no-cache``.

Django's cache middleware (UpdateCacheMiddleware and FetchFromCacheMiddleware) is
not subclassed: it costs two cache round trips a hit (the stored header list, then
the page), keys on the values of the Vary headers (the whole Cookie header, for
``Vary: Cookie``), has no generation, per-page expiry or rebuild lock, and sends
``max-age`` equal to the cache's timeout where browsers must ask again. Its
helpers (patch_cache_control, set_response_etag, get_conditional_response) are used.
"""

import datetime
import hashlib
import math
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.forms import BaseForm
from django.forms.formsets import BaseFormSet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    cc_delim_re,
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)

from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    published,
    unpublished,
)

from .generation import Generation

PAGES = Generation("cic:pages:generation")
# What editors change (pages, snippets, settings), not places: values read by every
# page that places never change (the site frame, which page answers a path, the
# private sections: home.generation_cache) are kept per generation of this.
CONTENT = Generation("cic:content:generation")

# Each hook is called with the present moment and gives the next moment after it at
# which a public page changes by itself (an aware datetime), or None.
EXPIRES_AT_HOOK = "cic_page_cache_expires_at"

# Under each language's prefix, what is not a page for everyone: the sign-up form and
# the private links (cic_site.urls: signups.urls), the feeds and the embeddable list
# (events.feeds, cached by generation themselves), Wagtail's front-end login.
NOT_PAGES = ("sign-ups/", "calendar/", "_util/")

# The stored entry: (generation, built at, expires at, headers, body), times as
# timestamps. A plain tuple, so that an entry written by another version of the code
# can still be read; the "v1" in the key changes with its shape.
KEY_PREFIX = "cic:page:v1:"


def pages_changed(*, content=True):
    """Start a new generation of the cached public pages.

    With ``content=False`` (places taken or given back) only the pages go stale, not
    the values of the content's generation: a sign-up rush does not rebuild the
    site frame at every sign-up.
    """
    if content:
        CONTENT.start()
    PAGES.start()


def pages_changed_on_commit(**kwargs):
    """A signal receiver: a new generation now, for what runs next in this transaction,
    and again once the change is committed (a request that read the old rows
    meanwhile may have cached them under the generation started now)."""
    pages_changed()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(pages_changed)


def connect_receivers():
    """Start a new generation on the changes Wagtail itself makes to what pages show.

    The calendar's and the site frame's own models (sessions, venues, places, footer,
    settings) call :func:`pages_changed` from their apps. A redirect needs nothing:
    Wagtail follows one only where no page answers, and a page not found is never
    stored.
    """
    for signal in (page_published, page_unpublished, post_page_move, published, unpublished):
        signal.connect(pages_changed_on_commit, dispatch_uid="cic_page_cache")
    post_delete.connect(pages_changed_on_commit, sender=Page, dispatch_uid="cic_page_cache")
    # A page made private must leave the cache at once; a Site's root or host moves
    # every address; an image or document changes what the pages that show it link to.
    for model in (PageViewRestriction, Site, get_image_model(), get_document_model()):
        post_save.connect(pages_changed_on_commit, sender=model, dispatch_uid="cic_page_cache")
        post_delete.connect(pages_changed_on_commit, sender=model, dispatch_uid="cic_page_cache")


def expires_at(generation, now):
    """When a page built at `now` (a timestamp) stops being true by itself: the
    earliest of the hooks' moments, computed once per generation, and at most
    CIC_PAGE_CACHE_SECONDS from `now`."""
    key = f"cic:pages:changes-at:{generation}"
    moment = cache.get(key)
    if moment is None or moment <= now:
        present = datetime.datetime.fromtimestamp(now, tz=datetime.UTC)
        moments = [hook(present) for hook in hooks.get_hooks(EXPIRES_AT_HOOK)]
        moment = min((at.timestamp() for at in moments if at is not None), default=math.inf)
        cache.set(key, moment, timeout=settings.CIC_PAGE_CACHE_SECONDS)
    return min(moment, now + settings.CIC_PAGE_CACHE_SECONDS)


def page_key(request):
    """The cache key of a page: scheme, host, path and query string (in one order)."""
    query = request.META.get("QUERY_STRING", "")
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode(sorted(pairs, key=lambda pair: pair[0]))
    address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
    return KEY_PREFIX + hashlib.md5(address.encode(), usedforsecurity=False).hexdigest()


def cdn_cache_control(seconds):
    """Browsers ask again every time; a CDN may keep the page `seconds`, at most
    CIC_PAGE_CDN_SECONDS."""
    seconds = max(0, min(settings.CIC_PAGE_CDN_SECONDS, int(seconds)))
    return f"public, max-age=0, s-maxage={seconds}"


def answer(request, entry, now, *, stale=False):
    """The stored page, as a response (304 when the client has this body already)."""
    _generation, _built_at, expires, headers, body = entry
    response = HttpResponse(body, headers=headers)
    # A CDN keeps no previous body: the next request brings the rebuilt one.
    response["Cache-Control"] = cdn_cache_control(0 if stale else expires - now)
    return get_conditional_response(request, etag=response.get("ETag"), response=response)


def personal_request(request):
    """Whether the answer may depend on who asks: a session, messages waiting, credentials."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


def personal_response(request, response):
    """Whether the answer carries something of this visitor's: a cookie, a CSRF token,
    a message, a signed-in user's page."""
    if response.cookies:
        return True
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return True
    messages = getattr(request, "_messages", None)
    if messages is not None and messages.added_new:
        return True
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return True
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


def storable(response):
    """Whether the same answer would go to every visitor without a session, whoever asks.

    The session may have been read (Wagtail's user bar asks whether the visitor may
    edit, for every page): without a session cookie it was empty, and it was not
    written, or the answer would set a cookie.
    """
    if response.status_code != 200 or response.streaming:
        return False
    directives = {
        directive.split("=")[0].strip().lower()
        for directive in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if directives & {"private", "no-cache", "no-store"}:
        return False
    varies = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", ""))}
    if varies - {"", "cookie"}:
        return False
    # A nonce is only worth anything if it is new for every answer.
    if "'nonce-" in response.get("Content-Security-Policy", ""):
        return False
    return not shows_form_errors(response)


def shows_form_errors(response):
    context = getattr(response, "context_data", None) or {}
    return any(
        isinstance(value, BaseForm | BaseFormSet) and value.is_bound and not value.is_valid()
        for value in context.values()
    )


def uncommitted_changes():
    """Whether this request runs in a transaction with changes not committed yet.

    Never so in production, where a request starts outside any transaction; always
    so in a test that changed something (the test is one transaction, never
    committed): the change's new generation starts on commit, so until then the
    shared cache neither answers nor keeps what this connection sees.
    """
    return bool(transaction.get_connection().run_on_commit)


class PageCacheMiddleware:
    """Answer public pages from the shared cache for visitors without a session (see
    the module's docstring); outermost but for SecurityMiddleware and WhiteNoise, so
    that a stored page costs nothing else and still gets their headers."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = tuple(f"/{code}/" for code, _name in settings.LANGUAGES)
        self.not_pages = tuple(
            language + route for language in self.languages for route in NOT_PAGES
        )

    def __call__(self, request):
        path = request.path_info
        if (
            not settings.CIC_PAGE_CACHE
            or request.method not in ("GET", "HEAD")
            or not path.startswith(self.languages)
            or path.startswith(self.not_pages)
            # Wagtail's preview renders a draft through the middleware with a dummy request.
            or getattr(request, "is_dummy", False)
        ):
            return self.get_response(request)
        if personal_request(request):
            return private(self.get_response(request))
        if uncommitted_changes():
            return self.get_response(request)
        key = page_key(request)
        found = cache.get_many([PAGES.key, key])
        entry, current = found.get(key), found.get(PAGES.key)
        generation = current[0] if current is not None else PAGES.current()[0]
        now = timezone.now().timestamp()
        if entry is None or now >= entry[2]:
            return self.build(request, key, generation, now)
        if entry[0] == generation:
            return answer(request, entry, now)
        return self.rebuild(request, key, generation, now, previous=entry)

    def rebuild(self, request, key, generation, now, previous):
        """Build a page of a stale generation again; while one request does, the others
        get the previous body, if it is recent enough."""
        if now - previous[1] >= settings.CIC_PAGE_CACHE_STALE_SECONDS:
            return self.build(request, key, generation, now, previous=previous)
        lock = key + ":building"
        if not cache.add(lock, True, timeout=settings.CIC_PAGE_CACHE_STALE_SECONDS):
            return answer(request, previous, now, stale=True)
        try:
            return self.build(request, key, generation, now, previous=previous)
        finally:
            cache.delete(lock)

    def build(self, request, key, generation, now, previous=None):
        """Let the request through, and keep the answer if it is the same for everyone."""
        response = self.get_response(request)
        if personal_response(request, response):
            return private(response)
        if request.method != "GET":
            return response
        if not storable(response):
            if previous is not None:
                # The page is gone or changed its nature (unpublished, made private): its
                # previous body must not stand in for it any more.
                cache.delete(key)
            return response
        expires = expires_at(generation, now)
        timeout = math.ceil(expires - timezone.now().timestamp())
        if timeout <= 0:
            return response
        set_response_etag(response)
        headers = [
            (name, value) for name, value in response.items() if name.lower() != "cache-control"
        ]
        cache.set(key, (generation, now, expires, headers, response.content), timeout=timeout)
        response["Cache-Control"] = cdn_cache_control(expires - now)
        return response


def private(response):
    """Keep a personal answer out of shared caches, unless its view said how to cache it."""
    if not response.has_header("Cache-Control"):
        patch_cache_control(response, private=True, no_cache=True)
    return response
