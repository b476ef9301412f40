"""
Production settings: PostgreSQL, Redis, HTTPS behind a proxy.

Refuses to start without the variables that must not have a default, and
passes `manage.py check --deploy` without warnings once they are set.
"""

import os
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.http.request import validate_host

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, CIC_PUBLIC_URL, DATABASES, MIDDLEWARE, TASK_BACKENDS, env_bool

REQUIRED_VARIABLES = [
    "DJANGO_SECRET_KEY",
    "DJANGO_ALLOWED_HOSTS",
    "DATABASE_URL",
    "CIC_PUBLIC_URL",
]
missing = [name for name in REQUIRED_VARIABLES if not os.environ.get(name)]
if missing:
    raise ImproperlyConfigured(
        "Production settings need these environment variables: " + ", ".join(missing)
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    raise ImproperlyConfigured("Production runs on PostgreSQL: DATABASE_URL is a SQLite URL.")

# The one public address (see base.py): https, a bare origin, and a host the site answers.
public = urlsplit(CIC_PUBLIC_URL)
if public.scheme != "https" or not public.hostname or public.path or public.query:
    raise ImproperlyConfigured(
        f"CIC_PUBLIC_URL must be the site's https origin, like https://cic.example.org "
        f"(no path): {CIC_PUBLIC_URL!r}"
    )
if public.port not in (None, 443):
    raise ImproperlyConfigured(
        "CIC_PUBLIC_URL must use the https port (443): Wagtail's Site record cannot say otherwise."
    )
if not validate_host(public.hostname, ALLOWED_HOSTS):
    raise ImproperlyConfigured(
        f"The host of CIC_PUBLIC_URL ({public.hostname}) is not in DJANGO_ALLOWED_HOSTS."
    )

DEBUG = False

# Persistent database connections (a new PostgreSQL connection costs every request a few
# milliseconds otherwise); DATABASE_CONN_MAX_AGE=0 closes them after each request.
if "DATABASE_CONN_MAX_AGE" not in os.environ:
    DATABASES["default"]["CONN_MAX_AGE"] = 60

# The site sits behind a TLS-terminating proxy or load balancer.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)

# Static files straight from the app servers, compressed and with far-future caching.
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Mail and other background work go through the database to a worker (`manage.py db_worker`).
TASKS = {"default": {"BACKEND": TASK_BACKENDS[os.environ.get("TASK_BACKEND", "database")]}}

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
