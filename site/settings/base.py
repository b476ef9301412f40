"""
Settings shared by every environment.

The environment is read here and in production.py only. Every variable has a
safe default for a developer's laptop; production.py insists on the ones that
must not have one.

The folder site/ is imported as ``cic_site`` (see pyproject.toml): a package
named ``site`` would shadow Python's standard-library module of that name.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_required(name, needed_by):
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"{needed_by} needs the environment variable {name}.")
    return value


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The project package (site/): its templates and static files come first, and
    # it gives the admin English where a catalogue lacks a string (translation.py).
    "cic_site",
    "home",
    "events",
    "workshops",
    "signups",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "recurrence",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "django.contrib.admin",  # static files only: the recurrence widget uses its jQuery
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Public pages from the shared cache: before everything that costs something
    # (sessions, languages, URLs), after what every answer needs (security headers;
    # production.py puts WhiteNoise's static files before it).
    "cic_site.page_cache.PageCacheMiddleware",
    "cic_site.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Wagtail's Site for the request from the cache (after CommonMiddleware checked the host).
    "home.middleware.SiteFromCacheMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cic_site.middleware.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "cic_site.urls"
WSGI_APPLICATION = "cic_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "csp.context_processors.nonce",
            ],
        },
    },
]


# Database: SQLite by default, so a newcomer needs nothing else; PostgreSQL in
# production through DATABASE_URL. SQLite takes its write lock when a
# transaction begins (IMMEDIATE), so concurrent writers queue instead of failing
# half-way; WAL lets readers go on while one writes.

SQLITE_PATH = BASE_DIR / "db.sqlite3"
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;",
}
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS
else:
    # PostgreSQL's search types and functions (Wagtail's search docs ask for it).
    INSTALLED_APPS.append("django.contrib.postgres")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_PREPARED_STATEMENTS", True
):
    # PostgreSQL plans a statement it has seen five times on a connection once, not on
    # every execution: the calendar's query took longer to plan (1-2 ms) than to run.
    # Needs the parameters sent apart from the query (server-side binding) and a
    # connection of its own: DATABASE_PREPARED_STATEMENTS=0 behind a pooler in
    # transaction mode (PgBouncer without max_prepared_statements).
    DATABASES["default"]["OPTIONS"] = {"server_side_binding": True, "prepare_threshold": 5}

# Without this, django-recurrence's makemigrations writes a migration into
# site-packages.
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Cache: Redis when REDIS_URL is set (production, several app servers),
# otherwise a per-process memory cache.

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "cic_site.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "cic",
        }
    }
else:
    # Room for the rows and blocks the pages keep (Django's default is 300 entries, and a
    # full cache drops a third of them at once).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }
# What a key names for good (values kept under a generation of the content, the
# template fragments of home.generation_cache.fragment): read from each process's
# memory in front of the cache above, without a round trip (cic_site.cache.KeptCache).
KEPT_CACHE = {
    "BACKEND": "cic_site.cache.KeptCache",
    "LOCATION": "default",
    "OPTIONS": {
        "MAX_ENTRIES": int(os.environ.get("CIC_KEPT_CACHE_ENTRIES", "5000")),
        "LOCAL_SECONDS": 300,
    },
}
CACHES["content"] = CACHES["template_fragments"] = KEPT_CACHE


# E-mail

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "CIC <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL


# Background tasks (django-tasks): sign-up e-mails, and Wagtail's own indexing.
# Run at once in the web process unless TASK_BACKEND=database, where a worker
# (`manage.py db_worker`) takes them from the database and retries mail that
# failed. Production uses the database backend.

TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[os.environ.get("TASK_BACKEND", "immediate")]}}


# Security headers, in every environment (production.py adds HTTPS and HSTS).
#
# The Content-Security-Policy lets a page load only what the site serves itself,
# and the videos editors embed. The public pages have no inline script or style;
# a template that needs one writes nonce="{{ CSP_NONCE }}" (500.html, 503.html).
# JSON-LD blocks need nothing: browsers do not run a <script> whose type is not
# JavaScript, so the policy does not apply to them. The embeddable list
# (events.feeds.embed_view) may be framed by any site; other pages by none.

EMBED_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        # Images come from MEDIA_URL: add its origin here if media moves to a bucket.
        "img-src": [SELF],
        "frame-src": EMBED_FRAME_SOURCES,
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# The Wagtail admin (under /admin/) still starts its widgets with inline scripts
# and styles, so it gets this policy instead, without a nonce (a nonce would make
# browsers ignore 'unsafe-inline'): see cic_site.middleware. Wagtail's preview
# frames the page being edited, and its dashboard asks releases.wagtail.org
# whether a new version is out.
CIC_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "connect-src": [SELF, "https://releases.wagtail.org"],
        "frame-src": [SELF, *EMBED_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Client addresses, for the rate limits. Behind proxies, REMOTE_ADDR is the
# nearest proxy's address; each trusted proxy appends the address it got the
# request from to X-Forwarded-For, and a client can write anything before those.
# Set this to the number of proxies in front of the app servers (1 for one load
# balancer); 0 ignores the header. See cic_site.security.client_ip, which
# django-ratelimit's "ip" key uses through RATELIMIT_IP_META_KEY (it still masks
# IPv6 addresses to their /64, which one household or phone usually holds).
CIC_TRUSTED_PROXY_COUNT = int(os.environ.get("CIC_TRUSTED_PROXY_COUNT", "0"))
RATELIMIT_IP_META_KEY = "cic_site.security.client_ip"
# Failed sign-ins to the admin allowed per client address and per username before
# the login answers 429 (django-ratelimit rates).
CIC_ADMIN_LOGIN_RATE_PER_IP = os.environ.get("CIC_ADMIN_LOGIN_RATE_PER_IP", "10/15m")
CIC_ADMIN_LOGIN_RATE_PER_USERNAME = os.environ.get("CIC_ADMIN_LOGIN_RATE_PER_USERNAME", "10/15m")


# Sign-ups

# How long a place offered to the waiting list is kept for the family.
CIC_OFFER_HOLD_HOURS = int(os.environ.get("CIC_OFFER_HOLD_HOURS", "48"))
# The longest a sign-up operation waits for a lock on PostgreSQL (seconds) before it
# answers "busy, try again" (503) instead of keeping the request waiting.
CIC_LOCK_TIMEOUT_SECONDS = float(os.environ.get("CIC_LOCK_TIMEOUT_SECONDS", "3"))
# Accepted sign-ups allowed (django-ratelimit rates): per client address, and per e-mail.
# A form refused for a mistake does not count.
CIC_SIGN_UP_RATE_PER_IP = os.environ.get("CIC_SIGN_UP_RATE_PER_IP", "20/h")
CIC_SIGN_UP_RATE_PER_EMAIL = os.environ.get("CIC_SIGN_UP_RATE_PER_EMAIL", "5/h")
# Posts of the sign-up form allowed per client address, whatever they are (corrections,
# adding or removing a participant): only to stop a machine hammering the form.
CIC_SIGN_UP_FORM_RATE_PER_IP = os.environ.get("CIC_SIGN_UP_FORM_RATE_PER_IP", "120/h")
# Personal data of sign-ups is erased this many days after the session's last day
# (signups.privacy); health notes and other sensitive answers sooner.
CIC_RETENTION_DAYS = int(os.environ.get("CIC_RETENTION_DAYS", "90"))
CIC_SENSITIVE_RETENTION_DAYS = int(os.environ.get("CIC_SENSITIVE_RETENTION_DAYS", "1"))

# Calendar feeds: how long past sessions stay in them, how long a built feed is
# kept in the cache (a change replaces it at once anyway), and how long clients and
# CDNs may reuse one without asking.
CIC_FEED_PAST_DAYS = int(os.environ.get("CIC_FEED_PAST_DAYS", "90"))
CIC_FEED_CACHE_SECONDS = 24 * 60 * 60
CIC_FEED_MAX_AGE_SECONDS = 15 * 60
# A change of places (a sign-up, a cancellation, an offer) shows in the feeds at once
# when the places they show were read longer ago than this many seconds, otherwise
# as soon as they were: "places left" in a feed body is never more than this behind,
# and a sign-up rush rebuilds each feed for places at most once per interval. A
# change of content (publish, cancel) shows at once. 0: every change at once.
CIC_FEED_PLACES_INTERVAL = int(os.environ.get("CIC_FEED_PLACES_INTERVAL", "300"))

# The anonymous page cache (cic_site.page_cache): public pages a visitor without a
# session reads, kept whole in the shared cache and answered without a query. On when
# the cache is shared (REDIS_URL): a per-process memory cache cannot hear of a change
# made in another process. A page is new after every change it can show; by itself
# it expires at the next sign-up window opening or closing, session starting or
# ending, and at the latest after CIC_PAGE_CACHE_SECONDS. While one request rebuilds
# a page after a change, others get the previous body for at most
# CIC_PAGE_CACHE_STALE_SECONDS after it was built. A CDN may keep a public page
# CIC_PAGE_CDN_SECONDS (s-maxage); browsers ask again every time.
CIC_PAGE_CACHE = env_bool("CIC_PAGE_CACHE", default=bool(REDIS_URL))
CIC_PAGE_CACHE_SECONDS = int(os.environ.get("CIC_PAGE_CACHE_SECONDS", "600"))
CIC_PAGE_CACHE_STALE_SECONDS = 5
CIC_PAGE_CDN_SECONDS = int(os.environ.get("CIC_PAGE_CDN_SECONDS", "60"))
# The blank sign-up form kept whole, with holes for the CSRF token and submission key
# (signups.form_cache), where the page cache is on: the places it shows are at most
# this many seconds old; 0 turns it off.
CIC_SIGN_UP_FORM_CACHE_SECONDS = int(os.environ.get("CIC_SIGN_UP_FORM_CACHE_SECONDS", "2"))

# How often, and after how long, a failed sign-up e-mail is tried again.
CIC_EMAIL_RETRIES = 5
CIC_EMAIL_RETRY_DELAY_SECONDS = 300


AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


# Languages: Polish is the default; every URL carries its language prefix
# (/pl/, /uk/, /ru/, /en/). Interface strings are translated in locale/,
# content with wagtail-localize.

LANGUAGE_CODE = "pl"
LANGUAGES = [
    ("pl", "Polski"),
    ("uk", "Українська"),
    ("ru", "Русский"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Staff choose their admin language among the site's four (Wagtail offers dozens).
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Warsaw"
USE_TZ = True


# Static files and uploads

STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail's page editor can post many fields for a page with long StreamFields.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Django's defaults, stated: a request body without files may be 2.5 MB, and an
# uploaded file larger than 2.5 MB goes to a temporary file rather than memory.
# The whole upload is capped by the proxy in front (e.g. nginx client_max_body_size).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440


# Wagtail

WAGTAIL_SITE_NAME = "CIC"
# The site's one public address, scheme and host (and port when not the scheme's
# own): every link written for reading elsewhere (feeds, e-mails, the embeddable
# list, the sitemap, the admin's e-mails) starts with it, and the default Wagtail
# Site is kept on it after every migrate (cic_site.public_url). Production refuses
# to start without it; `make run` sets it to the address it serves.
CIC_PUBLIC_URL = os.environ.get("CIC_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = CIC_PUBLIC_URL
# Wagtail's database search, each page in its language's text-search configuration on
# PostgreSQL (home.search: word forms, diacritics folded, similar words when nothing matches).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "home.search"}}
# Uploads: documents of office kinds only, always downloaded rather than opened in
# the site's origin (Wagtail's serve view also sends them with nosniff and
# "default-src 'none'"), even when media moves to remote storage; images without
# SVG, which can carry scripts.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# A 50-megapixel photo; Pillow holds every pixel in memory while making renditions.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
# Staff get an uploaded picture or the default one: their e-mail hashes are not sent to Gravatar.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# A CDN in front of the site: Wagtail purges a page from it when the page is
# published or unpublished (wagtail.contrib.frontend_cache, through the task queue).
# Off unless CIC_CDN_PURGE names the CDN's kind: "cloudflare" (with
# CLOUDFLARE_BEARER_TOKEN and CLOUDFLARE_ZONE_ID) or "http", a cache that takes
# PURGE requests, such as Varnish or nginx (with CIC_CDN_PURGE_URL, its address).
CIC_CDN_PURGE = os.environ.get("CIC_CDN_PURGE", "")
if CIC_CDN_PURGE == "cloudflare":
    WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env_required("CLOUDFLARE_BEARER_TOKEN", "CIC_CDN_PURGE=cloudflare"),
            "ZONEID": env_required("CLOUDFLARE_ZONE_ID", "CIC_CDN_PURGE=cloudflare"),
        }
    }
elif CIC_CDN_PURGE == "http":
    WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env_required("CIC_CDN_PURGE_URL", "CIC_CDN_PURGE=http"),
        }
    }
elif CIC_CDN_PURGE:
    raise ImproperlyConfigured(
        f'CIC_CDN_PURGE is "cloudflare", "http" or empty, not {CIC_CDN_PURGE!r}.'
    )
if CIC_CDN_PURGE:
    INSTALLED_APPS.insert(
        INSTALLED_APPS.index("wagtail.contrib.redirects"), "wagtail.contrib.frontend_cache"
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}


# Demo

# The password seed_demo gives the demo's superuser "admin". Empty: the README's
# well-known one under DEBUG (a developer's laptop), and no superuser at all otherwise.
CIC_DEMO_ADMIN_PASSWORD = os.environ.get("CIC_DEMO_ADMIN_PASSWORD", "")
