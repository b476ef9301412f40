"""WSGI entry point: `gunicorn cic_site.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cic_site.settings.production")

application = get_wsgi_application()

# Refuse to serve with a database that cannot read a language's words for the search.
from django.db import connections  # noqa: E402

from home.search import require_search_configurations  # noqa: E402 (needs the apps loaded)

require_search_configurations()
connections.close_all()  # opened before gunicorn forks (--preload): not to be shared
