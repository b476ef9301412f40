"""RSS feed of the latest news, one per language tree (Django's syndication framework)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

FEED_LENGTH = 20


class LatestNewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, news_index):
        self.request = request
        return news_index

    def title(self, news_index):
        return news_index.title

    # Full addresses, from the Site record on the public address: Django's framework
    # would put the host of the request in front of a path.

    def link(self, news_index):
        return news_index.get_full_url(self.request)

    def description(self, news_index):
        return news_index.intro or news_index.title

    def feed_url(self, news_index):
        return news_index.get_full_url(self.request) + news_index.reverse_subpage("feed")

    def items(self, news_index):
        return news_index.news_items()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.intro

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        midnight = datetime.datetime.combine(item.date, datetime.time.min)
        return timezone.make_aware(midnight)

    def item_updateddate(self, item):
        return item.last_published_at
