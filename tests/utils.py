"""Helpers for tests of every app: skips that fail in CI, translated pages and texts, staff."""

import html
import os
import re
import threading

import pytest

from django.contrib.auth.models import Permission
from django.db import connection
from django.utils import translation

from wagtail.models import Page

# CI sets this so that a test skipped for a missing PostgreSQL or chromium fails instead.
REQUIRE_ALL_TESTS = os.environ.get("CIC_REQUIRE_ALL_TESTS") == "1"


def skip_unless_available(available, reason):
    """Skip with `reason` on a developer's laptop; fail in CI, where everything must run."""
    if available:
        return
    if REQUIRE_ALL_TESTS:
        pytest.fail(f"{reason} (CIC_REQUIRE_ALL_TESTS=1 turns this skip into a failure)")
    pytest.skip(reason)


def translate_page(page, locale):
    """A published copy of `page` in `locale` (its parent must be translated already)."""
    translation = page.copy_for_translation(locale)
    translation.save_revision().publish()
    return Page.objects.get(pk=translation.pk).specific


def translated_text(msgid, language="pl", **params):
    """What a page in `language` shows for `msgid`, with its %(name)s placeholders filled."""
    with translation.override(language):
        text = translation.gettext(msgid)
    return text % params if params else text


def translated_plural(singular, plural, number, language="pl", **params):
    """What a page in `language` shows for the plural message that `number` picks."""
    with translation.override(language):
        text = translation.ngettext(singular, plural, number)
    return text % params if params else text


def page_text(response):
    """The text of an HTML response as people read it: entities such as &#x27; decoded.

    Templates escape quotes and apostrophes in translations; compare translated
    text with this rather than with the raw HTML.
    """
    return html.unescape(response.content.decode())


def staff_user(django_user_model, username, *codenames):
    """A staff member who can open the admin, with the permissions named as app.codename."""
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "pass")
    for name in ("wagtailadmin.access_admin", *codenames):
        app_label, codename = name.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


def links_in(mail):
    """The web links of both parts of `mail` (not mailto: or tel:)."""
    [(html_part, _mimetype)] = mail.alternatives
    in_text = re.findall(r"https?://[^\s<>\"]+", mail.body)
    in_html = [html.unescape(href) for href in re.findall(r'href="([^"]+)"', html_part)]
    return {url for url in in_text + in_html if url.startswith(("http://", "https://"))}


def run_together(jobs):
    """Run `jobs` in threads released at once; the exceptions they raised, by job."""
    barrier = threading.Barrier(len(jobs))
    failures = [None] * len(jobs)

    def run(index, job):
        try:
            barrier.wait()
            job()
        except Exception as error:  # every failure is reported by the test
            failures[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return failures
