"""Hypothesis profiles for the fuzzing tests, and the small site they run against.

"ci", the default, tries a fixed, bounded set of cases (the same on every run, so
that a red build is one anyone can repeat); `make fuzz` loads "long"
(HYPOTHESIS_PROFILE=long), which tries many more, new ones each time.
"""

import logging
import os

import pytest
from hypothesis import HealthCheck, Phase, settings

from tests.events.utils import translated
from tests.home.factories import NewsIndexPageFactory, NewsPageFactory

# The fixtures below are built once per test and shared by its examples: each test
# says how it keeps one example from changing what the next one finds.
# The explain phase (re-running a failing case under a tracer) takes longer than the
# search; the failing case and its traceback say enough.
FUZZ_SETTINGS = {
    "deadline": None,
    "phases": [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
settings.register_profile(
    "ci", derandomize=True, database=None, max_examples=120, print_blob=True, **FUZZ_SETTINGS
)
settings.register_profile("long", max_examples=3000, **FUZZ_SETTINGS)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

LANGUAGES = ["pl", "uk", "ru", "en"]


@pytest.fixture(autouse=True)
def quiet_404s(caplog):
    """Thousands of generated addresses are not found: keep only errors in the log."""
    caplog.set_level(logging.ERROR, logger="django.request")


@pytest.fixture
def camps(camp, locales):
    """The summer camp (10 places) in all four languages, by language code."""
    return {
        "pl": camp,
        **{code: translated(camp, locales[code]) for code in LANGUAGES if code != "pl"},
    }


@pytest.fixture
def small_site(camps, camp_category, home_page, locales):
    """A calendar with one programme, a venue, a centre and news, in all four languages."""
    news = NewsPageFactory(parent=NewsIndexPageFactory(parent=home_page))
    for code in LANGUAGES[1:]:
        translated(news, locales[code])
    return camps
