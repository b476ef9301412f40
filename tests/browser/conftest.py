"""Browser tests: Playwright driving Debian's chromium against pytest-django's live server."""

import os
from pathlib import Path

import pytest

from tests.conftest import skip_unless_available

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
