from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path, re_path
from django.views.decorators.cache import cache_page
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from home.sitemaps import MultilingualSitemap

from .security import RateLimitedLoginView

handler500 = "cic_site.security.server_error"

urlpatterns = [
    # Wagtail's login with a limit on failed attempts; before the admin's own URLs,
    # so that it is the one that answers /admin/login/.
    path("admin/login/", RateLimitedLoginView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "sitemap.xml",
        cache_page(60 * 15)(sitemap),
        {"sitemaps": {"pages": MultilingualSitemap}},
        name="sitemap",
    ),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    # Pages name their icon; a browser or crawler that asks the old way gets it too.
    # (static() at request time: production's manifest storage names the hashed file.)
    path(
        "favicon.ico",
        lambda request: HttpResponsePermanentRedirect(static("img/favicon.svg")),
        name="favicon",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static as serve_media

    urlpatterns += serve_media(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything a visitor reads is under its language prefix: /pl/, /uk/, /ru/, /en/.
# A request for / is redirected by LocaleMiddleware to the browser's language.
urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path("search/suggest/", home_views.search_suggestions, name="search_suggestions"),
    path("sign-ups/", include("signups.urls")),
    path("calendar/", include("events.feed_urls")),
    # Wagtail's front-end login (for pages only signed-in people may see) would be a
    # second way to try passwords, without a limit: it leads to the admin's instead.
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="wagtailadmin_login", query_string=True),
        name="wagtailcore_login",
    ),
    # Wagtail's view of the pages, with the page at a path found from the cache; its
    # other URLs (password-protected pages) after it.
    re_path(wagtail_urls.serve_pattern, home_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
)
