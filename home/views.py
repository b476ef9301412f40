from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wagtail import views as wagtail_views
from wagtail.models import Locale, Page

from . import routing
from .forms import SearchForm
from .frame import site_of

RESULTS_PER_PAGE = 10


def serve(request, path):
    """Wagtail's view of the public pages, with the page at `path` found from the cache
    (home.routing) where Wagtail looks for it first: the request's route."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = routing.route_for_request(
            request, site_of(request), path
        )
    return wagtail_views.serve(request, path)


@require_GET
def search(request):
    """Full-text search of the live pages in the visitor's language."""
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    results_page = None
    if query:
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .specific()
            .search(query)
        )
        results_page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    status = 400 if form.errors else 200
    return render(
        request,
        "home/search.html",
        {"form": form, "query": query, "results_page": results_page},
        status=status,
    )


@require_GET
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")
