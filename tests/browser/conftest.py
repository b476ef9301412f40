"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server."""

import os
import re
from pathlib import Path

import pytest

from cic_site.public_url import sync_default_site
from tests.utils import skip_unless_available

CHROMIUM = Path("/usr/bin/chromium")

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# fixtures make there are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    skip_unless_available(
        CHROMIUM.exists(),
        "Debian's chromium is not installed (`apt-get install chromium`, or run `make test` as root)",
    )
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        # The machine has no internet: keep chromium from calling home at every start.
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


# Collects what the Content-Security-Policy blocks, in every page the `page` fixture opens.
CSP_VIOLATION_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push({
        directive: event.effectiveDirective,
        blocked: event.blockedURI,
        source: event.sourceFile,
        line: event.lineNumber,
        sample: event.sample,
    });
});
"""


@pytest.fixture
def context(context):
    """pytest-playwright's browser context, its pages listening for CSP violations."""
    context.add_init_script(CSP_VIOLATION_LISTENER)
    return context


def csp_violations(page):
    """What the policy blocked in the page (or frame) shown now, once it has finished loading."""
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__cspViolations")


@pytest.fixture
def demo(live_server, settings, seeded_demo):
    """The demo site (seeded once per module), served by the live server at the address its
    links name."""
    settings.CIC_PUBLIC_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url
    sync_default_site()
    return live_server.url


# A phone at the narrowest width the site supports, in Ukrainian, and what it was sent.

PHONE = {"width": 360, "height": 740}
LINK = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture
def phone(browser):
    """A Ukrainian-speaking phone with JavaScript on; every page it gets is recorded, and
    what the Content-Security-Policy blocks in it (``csp_violations``)."""
    context = browser.new_context(viewport=PHONE, locale="uk-UA", is_mobile=True, has_touch=True)
    context.add_init_script(CSP_VIOLATION_LISTENER)
    yield Visitor(context)
    context.close()


@pytest.fixture
def phone_without_javascript(browser):
    context = browser.new_context(
        viewport=PHONE, locale="uk-UA", is_mobile=True, java_script_enabled=False
    )
    yield Visitor(context)
    context.close()


class Visitor:
    """A browser tab that remembers the status of everything it was sent."""

    def __init__(self, context):
        self.page = context.new_page()
        self.pages = []
        # Every response: pages, and what they load (styles, the icon).
        self.page.on(
            "response", lambda response: self.pages.append((response.status, response.url))
        )

    def failures(self, allowed=()):
        return [
            (status, url) for status, url in self.pages if status >= 400 and status not in allowed
        ]


def email_links(message):
    """Every link in an e-mail, from its text and its HTML part."""
    bodies = [message.body, *(content for content, _type in message.alternatives)]
    return sorted({link.rstrip(".,)") for body in bodies for link in LINK.findall(body)})
