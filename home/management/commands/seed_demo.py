"""
Build the demo site from the centres' real texts (home/demo/content.py).

Idempotent: every object is looked up before it is created, and nothing that
exists is changed, so a second run changes nothing (not even a revision).
Pages are translated into uk, ru and en with wagtail-localize, the way an
editor would: a translation source, string translations, then save_target.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from home.demo import content
from home.demo.translations import TRANSLATIONS
from home.models import (
    CentreIndexPage,
    CentreLanguage,
    CentrePage,
    Footer,
    HomePage,
    NewsIndexPage,
    NewsPage,
    OpeningHours,
    SiteSettings,
    StandardPage,
)

SUPERUSER_NAME = "admin"
SUPERUSER_EMAIL = "admin@example.com"
# A demo site on a developer's laptop: a password everyone can read is the point.
SUPERUSER_PASSWORD = "cic-demo"


class Command(BaseCommand):
    help = "Create the demo site (centres, Information Point, news) in all four languages."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the site already has content besides the home page.",
        )

    def handle(self, *args, if_empty=False, **options):
        if if_empty and Page.objects.filter(depth__gt=2).exists():
            self.stdout.write("The site has content already; demo content not added.")
        else:
            # No transaction around the whole: wagtail-localize publishes each translation
            # when its own transaction commits, from the revision it saved, so one outer
            # transaction would publish them all at the end with stale tree counts.
            # Every step is idempotent, so an interrupted run is finished by running it again.
            home = self.build_polish_site()
            self.translate_site(home)
            self.create_footers()
        self.create_superuser()

    # Polish originals

    def build_polish_site(self):
        default_locale = Locale.get_default()
        home = HomePage.objects.filter(depth=2, locale=default_locale).first()
        if home is None:
            home = Page.get_first_root_node().add_child(
                instance=HomePage(title=content.HOME["title"], slug="home")
            )
            Site.objects.update_or_create(
                is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
            )
        if not home.intro:
            home.title = content.HOME["title"]
            home.intro = content.HOME["intro"]
            home.save_revision().publish()

        information_point = self.child(
            home, StandardPage(show_in_menus=True, **self.standard(content.INFORMATION_POINT))
        )
        for topic in content.TOPICS:
            self.child(information_point, StandardPage(**self.standard(topic)))

        centres_index = self.child(
            home, CentreIndexPage(show_in_menus=True, **content.CENTRES_INDEX)
        )
        for centre in content.CENTRES:
            self.child(centres_index, self.centre(centre))

        news_index = self.child(home, NewsIndexPage(show_in_menus=True, **content.NEWS_INDEX))
        for article in content.NEWS:
            self.child(news_index, self.news(article))

        self.child(
            home, StandardPage(show_in_menus=True, **self.standard(content.ABOUT, centres_index))
        )
        privacy = self.child(home, StandardPage(**self.standard(content.PRIVACY)))

        if home.information_point_id != information_point.pk:
            home.information_point = information_point
            home.save_revision().publish()

        site = Site.objects.get(is_default_site=True)
        site_settings = SiteSettings.for_site(site)
        if not site_settings.email:
            for field, value in content.SITE_SETTINGS.items():
                setattr(site_settings, field, value)
            site_settings.privacy_page = privacy
            site_settings.save()
        return home

    def child(self, parent, page):
        """The child of `parent` with the page's slug; `page` is added and published if missing."""
        existing = parent.get_children().filter(slug=page.slug).first()
        if existing is not None:
            return existing.specific
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.stdout.write(f"  + {page.url_path}")
        return page

    def standard(self, data, link_target=None):
        body = []
        for block_type, value in data["body"]:
            if block_type == "heading":
                value = {"text": value, "level": "h2"}
            elif block_type == "quote":
                value = {"text": value, "attribution": ""}
            elif block_type == "call_to_action":
                value = {
                    "title": value,
                    "text": "",
                    "button_label": content.CALL_TO_ACTION_BUTTON,
                    "page": link_target,
                    "url": "",
                }
            body.append((block_type, value))
        return {
            "slug": data["slug"],
            "title": data["title"],
            "intro": data["intro"],
            "body": body,
        }

    def centre(self, data):
        centre = CentrePage(
            slug=data["slug"],
            title=data["title"],
            intro=data["intro"],
            street_address=data["street_address"],
            city=data["city"],
            phone=data["phone"],
            email=data["email"],
            opening_hours_note=(
                "Soboty otwarte: terminy w kalendarzu wydarzeń." if data["saturdays"] else ""
            ),
        )
        opens, closes = content.WEEKDAY_HOURS
        for weekday in range(5):
            if weekday == data["late_day"]:
                late_opens, late_closes = content.LATE_DAY_HOURS
                centre.opening_hours.add(
                    OpeningHours(weekday=weekday, opens=late_opens, closes=late_closes)
                )
            else:
                centre.opening_hours.add(OpeningHours(weekday=weekday, opens=opens, closes=closes))
        if data["saturdays"]:
            saturday_opens, saturday_closes = content.SATURDAY_HOURS
            centre.opening_hours.add(
                OpeningHours(
                    weekday=5,
                    opens=saturday_opens,
                    closes=saturday_closes,
                    selected_days_only=True,
                )
            )
        for code in data["languages"]:
            centre.languages.add(CentreLanguage(code=code))
        return centre

    def news(self, data):
        article = NewsPage(
            slug=data["slug"],
            title=data["title"],
            date=data["date"],
            intro=data["intro"],
            body=list(data["body"]),
        )
        article.tags.add(*data["tags"])
        return article

    # Translations

    def translate_site(self, home):
        """Translate every demo page into the other site languages, parents first."""
        for code, _name in settings.LANGUAGES:
            locale, _ = Locale.objects.get_or_create(language_code=code)
            if locale == home.locale:
                continue
            for page in home.get_descendants(inclusive=True).live().order_by("path"):
                if not page.has_translation(locale):
                    self.translate(page.specific, locale)

    def translate(self, instance, locale):
        source, _ = TranslationSource.get_or_create_from_instance(instance)
        translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
        catalogue = TRANSLATIONS.get(locale.language_code, {})
        segments = StringSegment.objects.filter(source=source).select_related("string", "context")
        for segment in segments:
            text = catalogue.get(segment.string.data)
            if text is None:
                continue
            StringTranslation.objects.get_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": text,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                },
            )
        translation.save_target(publish=True)
        self.stdout.write(f"  + {locale.language_code}: {instance}")

    def create_footers(self):
        default_locale = Locale.get_default()
        footer = Footer.objects.filter(locale=default_locale).first()
        if footer is None:
            footer = Footer.objects.create(locale=default_locale, **content.FOOTER)
        for locale in Locale.objects.exclude(pk=default_locale.pk):
            if not footer.has_translation(locale):
                self.translate(footer, locale)

    def create_superuser(self):
        User = get_user_model()
        if not User.objects.filter(username=SUPERUSER_NAME).exists():
            User.objects.create_superuser(SUPERUSER_NAME, SUPERUSER_EMAIL, SUPERUSER_PASSWORD)
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: http://127.0.0.1:8000/admin/  user: {SUPERUSER_NAME}  "
                f"password: {SUPERUSER_PASSWORD} (unless you have changed it)"
            )
        )
