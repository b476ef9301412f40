"""sitemap.xml for every language tree, each page with its translations as hreflang alternates."""

from collections import defaultdict

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap lists the site root's descendants only; the Ukrainian, Russian
    and English trees are siblings of the Polish one, so list every translation of the root."""

    def items(self):
        root = self.get_wagtail_site().root_page
        in_any_tree = Page.objects.none()
        for translated_root in root.get_translations(inclusive=True):
            in_any_tree |= Page.objects.descendant_of(translated_root, inclusive=True)
        return (
            Page.objects.filter(pk__in=in_any_tree.values("pk"))
            .live()
            .public()
            .select_related("locale")
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        # A page may list more than itself (the calendar lists its venues); its own
        # address comes first, and only that one has the translations as alternates.
        page_urls = {page_obj.pk: page_obj.get_sitemap_urls(self.request) for page_obj in pages}
        by_translation_key = defaultdict(list)
        for page_obj in pages:
            by_translation_key[page_obj.translation_key].append(
                {
                    "lang_code": page_obj.locale.language_code,
                    "location": page_urls[page_obj.pk][0]["location"],
                }
            )

        urls = []
        for page_obj in pages:
            alternates = by_translation_key[page_obj.translation_key]
            own, *listed = page_urls[page_obj.pk]
            urls.append(
                {**own, "item": page_obj, "alternates": alternates if len(alternates) > 1 else []}
            )
            urls += listed
        lastmods = [url.get("lastmod") for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
