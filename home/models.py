"""
The site's content: the home page, standard pages, news, the centres, and the
site-wide settings and footer.

Every page lives in one language tree (/pl/, /uk/, /ru/, /en/) and is
translated with wagtail-localize. Facts that do not change with the language
(phone, e-mail, coordinates, opening hours) are synchronised from the Polish
original rather than translated, so an editor changes them in one place.
"""

import datetime
from urllib.parse import quote_plus

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from . import routing
from .blocks import RICH_TEXT_FEATURES, BodyBlock
from .generation_cache import cached
from .restrictions import CachedViewRestrictions, public

# Languages people speak at a centre or an activity is held in. Separate from
# the four languages the site is published in.
SPOKEN_LANGUAGES = [
    ("pl", _("Polish")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("en", _("English")),
    ("be", _("Belarusian")),
    ("ka", _("Georgian")),
    ("de", _("German")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
]

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]

# A day a centre stays open at least this late is shown as its late day.
LATE_CLOSING = datetime.time(17, 0)

NEWS_PER_PAGE = 10


class HomePage(CachedViewRestrictions, Page):
    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    information_point = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Information Point page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Its subpages are listed on the home page as Information Point topics."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("information_point"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def route(self, request, path_components):
        """Wagtail's routing, with the page found at a path kept per generation of the
        public pages (home.routing): one query for it instead of two a level."""
        if not path_components:
            return super().route(request, path_components)
        return routing.route(self, request, path_components, super().route)

    def get_context(self, request, *args, **kwargs):
        # The calendar's part comes from its template tag (events' home_calendar).
        context = super().get_context(request, *args, **kwargs)
        context["latest_news"] = (
            public(NewsPage.objects.live().descendant_of(self), request)
            .select_related("image")
            .order_by("-date", "-pk")[:3]
        )
        context["centres"] = public(
            CentrePage.objects.live().descendant_of(self), request
        ).order_by("path")
        if self.information_point_id:
            information_point = cached(
                request,
                f"information-point:{self.pk}:{get_language()}",
                self.localized_information_point,
            )
            context["information_point"] = information_point
            context["information_point_topics"] = public(
                information_point.get_children().live(), request
            ).order_by("path")
        return context

    def localized_information_point(self):
        """The Information Point page in the active language (Wagtail's `.localized`),
        in one query: its live translation there, else the page chosen."""
        language = get_language() or settings.LANGUAGE_CODE
        chosen = Page.objects.filter(pk=self.information_point_id)
        candidates = list(
            Page.objects.filter(
                models.Q(pk=self.information_point_id)
                | models.Q(
                    translation_key=models.Subquery(chosen.values("translation_key")[:1]),
                    locale__language_code=language,
                    live=True,
                )
            ).select_related("locale")
        )
        by_language = {page.locale.language_code: page for page in candidates if page.live}
        original = next(page for page in candidates if page.pk == self.information_point_id)
        return by_language.get(language, original)


class StandardPage(CachedViewRestrictions, Page):
    """A plain content page: the Information Point topics, "about us", the privacy notice."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = public(self.get_children().live(), request).order_by("path")
        return context


class NewsIndexPage(CachedViewRestrictions, RoutablePageMixin, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]

    class Meta:
        verbose_name = _("news index")

    def news_items(self, request=None):
        return (
            public(NewsPage.objects.live().child_of(self), request)
            .select_related("image")
            .order_by("-date", "-pk")
        )

    @path("")
    def index(self, request):
        items = self.news_items(request)
        tag = request.GET.get("tag", "").strip()
        if tag:
            items = items.filter(tags__name=tag)
        paginator = Paginator(items, NEWS_PER_PAGE)
        news_page = paginator.get_page(request.GET.get("page"))
        return self.render(request, context_overrides={"news_page": news_page, "tag": tag})

    @path("feed/", name="feed")
    def feed(self, request):
        from .feeds import LatestNewsFeed

        return LatestNewsFeed()(request, news_index=self)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "home.NewsPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class StoryPage(CachedViewRestrictions, Page):
    """A page that tells a story: an introduction, an image and a body (news, programmes)."""

    intro = models.TextField(_("introduction"), help_text=_("One or two sentences."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    class Meta:
        abstract = True


class NewsPage(StoryPage):
    date = models.DateField(_("date"), default=datetime.date.today)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        index.FilterField("date"),
    ]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []
    # Kept with the page where its address leads (home.routing): what every view shows.
    kept_with = {"prefetch": ["tags"]}
    override_translatable_fields = [SynchronizedField("date")]

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The tags link to the news index, the page above: its address is this page's
        # without the last part, with no query for the page.
        context["news_index_url"] = (self.get_url(request) or "").removesuffix(f"{self.slug}/")
        return context


class CentreIndexPage(CachedViewRestrictions, Page):
    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.CentrePage"]

    class Meta:
        verbose_name = _("centres index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["centres"] = public(CentrePage.objects.live().child_of(self), request).order_by(
            "path"
        )
        return context


class Place(models.Model):
    """Where something is and how to reach it: the address, coordinates and contact
    that centres (pages) and venues (snippets) share.

    Address and phone are the same in every language: synchronised, not translated.
    """

    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=12, blank=True)
    city = models.CharField(_("city"), max_length=100)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    override_translatable_fields = [
        SynchronizedField("street_address"),
        SynchronizedField("postcode"),
        SynchronizedField("phone"),
    ]

    class Meta:
        abstract = True

    @classmethod
    def address_panel(cls):
        return MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldRowPanel([FieldPanel("postcode"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address"),
        )

    @property
    def postcode_city(self):
        return f"{self.postcode} {self.city}".strip()

    @property
    def full_address(self):
        return ", ".join(part for part in [self.street_address, self.postcode_city] if part)

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None

    @property
    def map_url(self):
        """A link to the place on OpenStreetMap, by coordinates when known."""
        if self.has_coordinates:
            return (
                f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
                f"#map=17/{self.latitude}/{self.longitude}"
            )
        return f"https://www.openstreetmap.org/search?query={quote_plus(self.full_address)}"

    def place_structured_data(self):
        """The schema.org address and coordinates of the place."""
        data = {
            "address": {
                "@type": "PostalAddress",
                "streetAddress": self.street_address,
                "postalCode": self.postcode,
                "addressLocality": self.city,
                "addressCountry": "PL",
            }
        }
        if self.has_coordinates:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(self.latitude),
                "longitude": float(self.longitude),
            }
        return data


class CentrePage(CachedViewRestrictions, Page, Place):  # noqa: DJ008 (Page gives it its __str__)
    """One Foreigner Integration Centre: where it is, how to reach it, when it is open."""

    intro = RichTextField(_("introduction"), features=RICH_TEXT_FEATURES, blank=True)
    # A centre always has a street address; a venue may not (a park, say).
    street_address = models.CharField(_("street address"), max_length=200)
    opening_hours_note = models.CharField(
        _("note on opening hours"),
        max_length=255,
        blank=True,
        help_text=_("For example: closed on public holidays."),
    )
    # The data controller named to families who sign up for the centre's activities:
    # not every centre is run by the organisation that runs the site.
    operator_name = models.CharField(
        _("run by"),
        max_length=200,
        blank=True,
        help_text=_(
            "The institution that runs the centre and controls the personal data of the "
            "families who sign up, for example: Regionalny Ośrodek Polityki Społecznej w "
            "Poznaniu. Leave empty when it is the organisation named in the footer."
        ),
    )
    operator_address = models.CharField(
        _("address of the institution"),
        max_length=255,
        blank=True,
        help_text=_("For example: ul. Nowowiejskiego 11, 61-731 Poznań."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        Place.address_panel(),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("phone"), FieldPanel("email")])],
            heading=_("Contact"),
        ),
        InlinePanel("opening_hours", heading=_("Opening hours"), label=_("Day")),
        FieldPanel("opening_hours_note"),
        InlinePanel("languages", heading=_("Languages spoken"), label=_("Language")),
        MultiFieldPanel(
            [FieldPanel("operator_name"), FieldPanel("operator_address")],
            heading=_("Data controller"),
        ),
    ]
    override_translatable_fields = [
        *Place.override_translatable_fields,
        SynchronizedField("operator_name"),
        SynchronizedField("operator_address"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("city"),
        index.SearchField("street_address"),
        index.SearchField("postcode"),
        index.SearchField("search_languages"),
    ]
    parent_page_types = ["home.CentreIndexPage"]
    subpage_types = []
    # Kept with the page where its address leads (home.routing): what every view shows.
    kept_with = {"prefetch": ["opening_hours", "languages"]}

    class Meta:
        verbose_name = _("centre")
        verbose_name_plural = _("centres")

    @cached_property
    def hours(self):
        """The opening hours, read once for the page and its structured data."""
        return list(self.opening_hours.all())

    @cached_property
    def spoken_languages(self):
        """The languages spoken, read once for the page and its structured data."""
        return list(self.languages.all())

    def search_languages(self):
        """The languages spoken, named in the page's language, for the site search."""
        with translation.override(self.locale.language_code):
            return " ".join(str(language) for language in self.languages.all())

    def structured_data(self):
        """schema.org description of the centre for search engines."""
        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentOffice",
            "name": self.title,
            "url": self.full_url,
            **self.place_structured_data(),
            "openingHoursSpecification": [hours.structured_data() for hours in self.hours],
            "availableLanguage": [language.code for language in self.spoken_languages],
        }
        if self.phone:
            data["telephone"] = self.phone
        if self.email:
            data["email"] = self.email
        return data


class OpeningHours(Orderable):
    page = ParentalKey(CentrePage, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("day of the week"), choices=WEEKDAYS)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    selected_days_only = models.BooleanField(
        _("only on selected days"),
        default=False,
        help_text=_("For example, open on selected Saturdays only: see the calendar."),
    )

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")]),
        FieldPanel("selected_days_only"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"

    def clean(self):
        if self.opens and self.closes and self.closes <= self.opens:
            raise ValidationError(
                {"closes": _("The closing time must be after the opening time.")}
            )

    @property
    def is_late(self):
        return self.closes > LATE_CLOSING

    def structured_data(self):
        day = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        return {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{day[self.weekday]}",
            "opens": f"{self.opens:%H:%M}",
            "closes": f"{self.closes:%H:%M}",
        }


class SpokenLanguageRow(Orderable):
    """One language on a page's list (spoken at a centre, used in an activity)."""

    code = models.CharField(_("language"), max_length=8, choices=SPOKEN_LANGUAGES)

    panels = [FieldPanel("code")]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return self.get_code_display()


class CentreLanguage(SpokenLanguageRow):
    page = ParentalKey(CentrePage, on_delete=models.CASCADE, related_name="languages")

    class Meta(SpokenLanguageRow.Meta):
        verbose_name = _("language spoken")
        verbose_name_plural = _("languages spoken")
        constraints = [
            models.UniqueConstraint(fields=["page", "code"], name="unique_centre_language")
        ]


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What does not depend on the language: contact details, social links, the privacy notice.

    The organisation's name and the footer text are translated, so they live in the
    Footer snippet, one per language.
    """

    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    youtube_url = models.URLField(_("YouTube"), blank=True)
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("address")],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url"), FieldPanel("youtube_url")],
            heading=_("Social media"),
        ),
        FieldPanel("privacy_page"),
    ]

    class Meta:
        verbose_name = _("site settings")

    @property
    def social_links(self):
        links = [
            ("Facebook", self.facebook_url),
            ("Instagram", self.instagram_url),
            ("YouTube", self.youtube_url),
        ]
        return [(name, url) for name, url in links if url]


class Footer(TranslatableMixin, models.Model):
    """The organisation's name and the footer text, in each of the site's languages."""

    organisation_name = models.CharField(_("organisation name"), max_length=200)
    text = RichTextField(_("text"), features=["bold", "italic", "link"], blank=True)

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("footer")
        verbose_name_plural = _("footers")

    def __str__(self):
        return self.organisation_name

    @classmethod
    def for_language(cls, language_code=None):
        """The footer in `language_code` (the active language by default), else in the
        default language: one answer for pages, feeds and e-mails; None when there is none.
        """
        language_code = language_code or get_language() or settings.LANGUAGE_CODE
        footers = {
            footer.locale.language_code: footer
            for footer in cls.objects.select_related("locale").filter(
                locale__language_code__in=[language_code, settings.LANGUAGE_CODE]
            )
        }
        return footers.get(language_code) or footers.get(settings.LANGUAGE_CODE)


class SearchWord(models.Model):
    """A word of the pages' texts, folded (no diacritics), in one text-search configuration:
    what the site search offers for a word typed with a typo (home.search). Written as pages
    are indexed, emptied when the index is rebuilt; used on PostgreSQL only."""

    config = models.CharField(_("text-search configuration"), max_length=20)
    word = models.CharField(_("word"), max_length=100)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            models.UniqueConstraint(fields=["config", "word"], name="unique_search_word")
        ]

    def __str__(self):
        return self.word
