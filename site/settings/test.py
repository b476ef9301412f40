"""Settings for the test suite: what is slow or talks to the outside is off."""

import os
import tempfile

from .base import *  # noqa: F403
from .base import DATABASES, KEPT_CACHE

DEBUG = False
SECRET_KEY = "test-only-insecure-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "content": KEPT_CACHE,
    "template_fragments": KEPT_CACHE,
}
# The page cache is on, as in production (the tests run in one process, whose memory
# cache is shared); it stands aside while a test's changes wait for a commit that
# never comes (cic_site.page_cache.uncommitted_changes).
CIC_PAGE_CACHE = True
# Off, so that a test sees the places of its own changes at once; tests/signups/
# test_form_cache.py turns it on.
CIC_SIGN_UP_FORM_CACHE_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CIC_PUBLIC_URL = WAGTAILADMIN_BASE_URL = "http://testserver"

# The concurrency tests run threads, each with its own connection. SQLite's
# in-memory test database shares one cache between them, where a writer that
# finds the lock taken fails at once instead of waiting: use a file, as in real use.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {
        "NAME": os.path.join(tempfile.gettempdir(), f"cic-test-{os.getpid()}.sqlite3")
    }
