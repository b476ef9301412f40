"""The calendar feeds and the embeddable list, under each language's prefix (see events.feeds)."""

from django.urls import path

from . import feeds

app_name = "feeds"

urlpatterns = [
    path("events.ics", feeds.calendar_feed_view, name="calendar"),
    path("programme/<int64:page_id>.ics", feeds.programme_feed_view, name="programme"),
    path("session/<uuid:session_key>.ics", feeds.session_ics_view, name="session"),
    path("embed/", feeds.embed_view, name="embed"),
    path("embed/events.json", feeds.embed_json_view, name="embed_json"),
]
