import logging

from django.core.paginator import Paginator
from django.db import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from wagtail import views as wagtail_views
from wagtail.models import Locale

from . import routing
from .forms import SearchForm
from .frame import site_of
from .search import describe_results, search_pages, suggest_pages

logger = logging.getLogger(__name__)

RESULTS_PER_PAGE = 10
SUGGEST_MIN_LENGTH = 2
RETRY_AFTER_SECONDS = 60


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
    results_page = similar = None
    if query:
        try:
            found = search_pages(query, locale=Locale.get_active())
            results_page = Paginator(found.pages, RESULTS_PER_PAGE).get_page(
                request.GET.get("page")
            )
            results_page.object_list = describe_results(results_page.object_list)
        except DatabaseError:
            # The database is busy, or lacks a language's dictionary (check_search_configurations).
            logger.exception("The site search failed for %r", query)
            response = render(
                request,
                "home/search.html",
                {"form": form, "query": query, "unavailable": True},
                status=503,
            )
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
        similar = found.similar
    status = 400 if form.errors else 200
    return render(
        request,
        "home/search.html",
        {"form": form, "query": query, "results_page": results_page, "similar": similar},
        status=status,
    )


@require_GET
def search_suggestions(request):
    """Titles of the live pages in the visitor's language with words that begin as the
    words typed so far, as JSON for the search box (site/static/js/search-suggest.js).
    None when the search cannot run: the box is a plain search form then."""
    form = SearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    suggestions = []
    if len(query) >= SUGGEST_MIN_LENGTH:
        try:
            pages = suggest_pages(query, locale=Locale.get_active())
        except DatabaseError:
            logger.exception("The search suggestions failed for %r", query)
            pages = []
        suggestions = [{"title": page.title, "url": page.get_url(request)} for page in pages]
    return JsonResponse({"suggestions": suggestions}, json_dumps_params={"ensure_ascii": False})


@require_GET
def robots_txt(request):
    return render(request, "robots.txt", content_type="text/plain; charset=utf-8")
