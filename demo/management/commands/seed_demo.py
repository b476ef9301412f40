"""
Build the demo site from the centres' real texts (demo/content/*.json), with the
calendar's dates placed around the day it runs (demo/calendar.py).

Idempotent: every object is looked up before it is created, and nothing that
exists is changed, so a second run changes nothing (not even a revision).
Pages are translated into uk, ru and en with wagtail-localize, the way an
editor would: a translation source, string translations (demo/locale/<lang>/
LC_MESSAGES/demo.po), then save_target. The families' sign-ups go through the
sign-up services, as the public form's do.
"""

import datetime
import uuid

import recurrence

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.test.utils import override_settings
from django.utils import timezone

from wagtail.models import Locale, Page, Site
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from cic_site.public_url import absolute_url, site_address
from events.models import (
    Category,
    EventIndexPage,
    EventPage,
    ProgrammeAudience,
    ProgrammeLanguage,
    Session,
    SignUpQuestion,
    Venue,
)
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
from signups import services
from signups.models import ConsentText, Registration
from workshops.models import (
    AdaptationCoursePage,
    AdaptationCourseTopic,
    LibraryWorkshopPage,
    PolishCoursePage,
    SpeakingClubPage,
    SummerCampPage,
)

from ... import calendar as demo_calendar
from ...texts import SITE, TRANSLATIONS

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
            # Wagtail's reference index ("Usage" in the admin) rebuilt once at the end,
            # not after each of the thousand saves, a third of the seeding's time.
            with disable_reference_index_auto_update():
                home = self.build_polish_site()
                self.create_consents()
                self.translate_site(home)
                self.create_footers()
                self.sign_up_families()
            call_command("rebuild_references_index", verbosity=0)
        self.create_superuser()

    # Polish originals

    def build_polish_site(self):
        default_locale = Locale.get_default()
        home = HomePage.objects.filter(depth=2, locale=default_locale).first()
        if home is None:
            home = Page.get_first_root_node().add_child(
                instance=HomePage(title=SITE["home"]["title"], slug="home")
            )
            hostname, port = site_address()
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={"hostname": hostname, "port": port, "root_page": home},
            )
        if not home.intro:
            home.title = SITE["home"]["title"]
            home.intro = SITE["home"]["intro"]
            home.save_revision().publish()

        information_point = self.child(
            home, StandardPage(show_in_menus=True, **self.standard(SITE["information_point"]))
        )
        for topic in SITE["topics"]:
            self.child(information_point, StandardPage(**self.standard(topic)))

        centres_index = self.child(
            home, CentreIndexPage(show_in_menus=True, **SITE["centres_index"])
        )
        for centre in SITE["centres"]:
            self.child(centres_index, self.centre(centre))

        news_index = self.child(home, NewsIndexPage(show_in_menus=True, **SITE["news_index"]))
        for article in SITE["news"]:
            self.child(news_index, self.news(article))

        self.child(
            home, StandardPage(show_in_menus=True, **self.standard(SITE["about"], centres_index))
        )
        privacy = self.child(home, StandardPage(**self.standard(SITE["privacy"])))
        self.build_calendar(home, centres_index)

        if home.information_point_id != information_point.pk:
            home.information_point = information_point
            home.save_revision().publish()

        site = Site.objects.get(is_default_site=True)
        site_settings = SiteSettings.for_site(site)
        if not site_settings.email:
            for field, value in SITE["site_settings"].items():
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
        for block in data["body"]:
            block_type, value = block["type"], block["value"]
            if block_type == "heading":
                value = {"text": value, "level": "h2"}
            elif block_type == "quote":
                value = {"text": value, "attribution": ""}
            elif block_type == "call_to_action":
                value = {
                    "title": value,
                    "text": "",
                    "button_label": SITE["call_to_action_button"],
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
        operator = SITE["operators"][data["operator"]]
        hours = SITE["opening_hours"]
        centre = CentrePage(
            slug=data["slug"],
            title=data["title"],
            intro=data["intro"],
            street_address=data["street_address"],
            city=data["city"],
            phone=data["phone"],
            email=data["email"],
            operator_name=operator["name"],
            operator_address=operator["address"],
            opening_hours_note=hours["saturdays_note"] if data["saturdays"] else "",
        )
        for weekday in range(5):
            day = hours["late_day"] if weekday == data["late_day"] else hours["weekdays"]
            centre.opening_hours.add(OpeningHours(weekday=weekday, **self.hours(day)))
        if data["saturdays"]:
            centre.opening_hours.add(
                OpeningHours(weekday=5, selected_days_only=True, **self.hours(hours["saturdays"]))
            )
        for code in data["languages"]:
            centre.languages.add(CentreLanguage(code=code))
        return centre

    def hours(self, data):
        return {
            "opens": datetime.time.fromisoformat(data["opens"]),
            "closes": datetime.time.fromisoformat(data["closes"]),
        }

    def news(self, data):
        article = NewsPage(
            slug=data["slug"],
            title=data["title"],
            date=datetime.date.fromisoformat(data["date"]),
            intro=data["intro"],
            body=[(block["type"], block["value"]) for block in data["body"]],
        )
        article.tags.add(*data["tags"])
        return article

    def translate_tags(self, article, locale):
        """Give a translated news article the tags of its language (wagtail-localize copies
        the Polish ones)."""
        catalogue = TRANSLATIONS.get(locale.language_code, {})
        names = [catalogue.get(name, name) for name in article.tags.names()]
        article.tags.set(names)
        article.save_revision().publish()

    # The calendar

    def build_calendar(self, home, centres_index):
        calendar_page = self.child(
            home, EventIndexPage(show_in_menus=True, **demo_calendar.CALENDAR_PAGE)
        )
        locale = home.locale
        categories = {
            category["slug"]: Category.objects.get_or_create(
                slug=category["slug"], locale=locale, defaults={"name": category["name"]}
            )[0]
            for category in demo_calendar.CATEGORIES
        }
        venues = self.create_venues(centres_index, locale)
        centres = {centre.slug: centre for centre in CentrePage.objects.child_of(centres_index)}
        for data in demo_calendar.programmes(timezone.localdate()):
            self.child(calendar_page, self.programme(data, categories, venues, centres))

    def create_venues(self, centres_index, locale):
        venues = {}
        for centre in CentrePage.objects.child_of(centres_index):
            venues[f"centre:{centre.slug}"] = Venue.objects.get_or_create(
                centre=centre,
                locale=locale,
                defaults={
                    "name": centre.title,
                    "kind": Venue.Kind.CENTRE,
                    "street_address": centre.street_address,
                    "city": centre.city,
                    "phone": centre.phone,
                    "email": centre.email,
                },
            )[0]
        for library in demo_calendar.LIBRARIES:
            # Found by town, so that a library renamed in the demo is not made twice.
            town = library["town"]
            venues[f"library:{town}"] = Venue.objects.get_or_create(
                kind=Venue.Kind.LIBRARY,
                city=town,
                locale=locale,
                defaults={
                    "name": library["name"],
                    "street_address": library.get("street_address", ""),
                    "postcode": library.get("postcode", ""),
                    "website": library.get("website", ""),
                },
            )[0]
        for data in demo_calendar.OTHER_VENUES:
            venues[data["key"]] = Venue.objects.get_or_create(
                name=data["name"],
                locale=locale,
                defaults={"kind": data["kind"], "city": data["city"]},
            )[0]
        return venues

    def programme(self, data, categories, venues, centres):
        page_class, extra = {
            "event": (EventPage, {}),
            "summer_camp": (
                SummerCampPage,
                {
                    "what_to_bring": data.get("what_to_bring", ""),
                },
            ),
            "library_workshop": (LibraryWorkshopPage, {}),
            "speaking_club": (SpeakingClubPage, {}),
            "polish_course": (PolishCoursePage, {"level": data.get("level", "")}),
            "adaptation_course": (AdaptationCoursePage, {}),
        }[data["type"]]
        page = page_class(
            slug=data["slug"],
            title=data["title"],
            intro=data["intro"],
            category=categories[data["category"]],
            organiser=centres.get(data.get("organiser")),
            **extra,
        )
        for audience in data["audiences"]:
            page.audiences.add(ProgrammeAudience(audience=audience))
        for code in data["languages"]:
            page.activity_languages.add(ProgrammeLanguage(code=code))
        for topic in data.get("topics", []):
            page.topics.add(AdaptationCourseTopic(topic=topic))
        for session in data["sessions"]:
            page.sessions.add(self.session(session, venues))
        for question in data.get("questions", []):
            page.sign_up_questions.add(SignUpQuestion(**question))
        return page

    def session(self, data, venues):
        start = data["start"]
        daily = ""
        if "days" in data:
            # A week-long half-day camp meets every day from the first to the last, 8 to 13.
            end = start.replace(hour=13) + datetime.timedelta(days=data["days"] - 1)
            daily = Session.Daily.EVERY_DAY
        else:
            end = start + datetime.timedelta(hours=data["hours"])
        rule = None
        if "weekly_until" in data:
            until = datetime.datetime.combine(data["weekly_until"], datetime.time(23, 59))
            rule = recurrence.Recurrence(
                rrules=[recurrence.Rule(recurrence.WEEKLY, until=until)],
                exdates=[
                    datetime.datetime.combine(
                        start.date() + datetime.timedelta(weeks=weeks), datetime.time.min
                    )
                    for weeks in data.get("except_weeks", [])
                ],
            )
        min_age, max_age = data.get("ages", (None, None))
        opens, closes = data.get("opens"), data.get("closes")
        return Session(
            title=data.get("title", ""),
            starts_at=timezone.make_aware(start),
            ends_at=timezone.make_aware(end),
            daily=daily,
            recurrence=rule,
            venue=venues[data["venue"]],
            capacity=data.get("capacity"),
            min_age=min_age,
            max_age=max_age,
            status=data.get("status", Session.Status.SCHEDULED),
            status_note=data.get("status_note", ""),
            registration_opens_at=opens and timezone.make_aware(opens),
            registration_closes_at=closes and timezone.make_aware(closes),
        )

    # Translations

    def translate_site(self, home):
        """Translate every demo page into the other site languages, parents first.

        Venues and categories first, so that the pages' references to them are translated.
        """
        for code, _name in settings.LANGUAGES:
            locale, _ = Locale.objects.get_or_create(language_code=code)
            if locale == home.locale:
                continue
            for snippet in [
                *Category.objects.filter(locale=home.locale),
                *Venue.objects.filter(locale=home.locale),
                *ConsentText.objects.filter(locale=home.locale),
            ]:
                if not snippet.has_translation(locale):
                    self.translate(snippet, locale)
            for page in home.get_descendants(inclusive=True).live().order_by("path"):
                if not page.has_translation(locale):
                    self.translate(page.specific, locale)

    def translate(self, instance, locale):
        source, _ = TranslationSource.get_or_create_from_instance(instance)
        translation, _ = Translation.objects.get_or_create(source=source, target_locale=locale)
        catalogue = TRANSLATIONS.get(locale.language_code, {})
        segments = StringSegment.objects.filter(source=source).select_related("string", "context")
        for segment in segments:
            # wagtail-localize keeps the line breaks of a plain text field as <br/>.
            source_text = segment.string.data.replace("<br/>", "\n")
            text = catalogue.get(source_text)
            if text is None:
                continue
            text = text.replace("\n", "<br/>")
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
        if isinstance(instance, NewsPage):
            self.translate_tags(instance.get_translation(locale).specific, locale)
        self.stdout.write(f"  + {locale.language_code}: {instance}")

    def create_consents(self):
        for kind, text in SITE["consents"].items():
            ConsentText.objects.get_or_create(
                kind=kind,
                locale=Locale.get_default(),
                defaults={"text": text, "version": SITE["consent_version"]},
            )

    def sign_up_families(self):
        """Families signed up for the next Kalisz camp: a full session with a waiting list."""
        session = (
            Session.objects.filter(
                page__slug="polkolonie",
                venue__centre__slug="kalisz",
                locale=Locale.get_default(),
                starts_at__gt=timezone.now(),
            )
            .order_by("starts_at")
            .first()
        )
        if session is None or Registration.objects.filter(quota__session=session).exists():
            return
        first_day = timezone.localtime(session.starts_at).date()
        # The demo's e-mails would only clutter the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            for family in demo_calendar.CAMP_SIGN_UPS:
                services.sign_up(
                    session=session,
                    registrant=services.Registrant(
                        name=family["name"], email=family["email"], language=family["language"]
                    ),
                    participants=[
                        services.NewParticipant(
                            first_name=child["first_name"],
                            last_name=child["last_name"],
                            birth_date=datetime.date(
                                first_day.year - child["age"], first_day.month, 1
                            )
                            - datetime.timedelta(days=30),
                            photo_consent=index % 2 == 0,
                            country=family["country"],
                        )
                        for index, child in enumerate(family["children"])
                    ],
                    data_consent_version=SITE["consent_version"],
                    submission_key=uuid.uuid5(uuid.NAMESPACE_URL, f"demo:{family['email']}"),
                    page=session.page,
                )
        self.stdout.write("  + sign-ups for the Kalisz camp")

    def create_footers(self):
        default_locale = Locale.get_default()
        footer = Footer.objects.filter(locale=default_locale).first()
        if footer is None:
            footer = Footer.objects.create(locale=default_locale, **SITE["footer"])
        for locale in Locale.objects.exclude(pk=default_locale.pk):
            if not footer.has_translation(locale):
                self.translate(footer, locale)

    def create_superuser(self):
        """The demo's superuser, with the README's password only under DEBUG.

        Anywhere else (a server, even a test one) a password everyone can read opens
        the admin to anyone: there it comes from ``CIC_DEMO_ADMIN_PASSWORD``, or no
        superuser is made and the command says why.
        """
        User = get_user_model()
        password = settings.CIC_DEMO_ADMIN_PASSWORD or (
            SUPERUSER_PASSWORD if settings.DEBUG else ""
        )
        if not User.objects.filter(username=SUPERUSER_NAME).exists():
            if not password:
                self.stdout.write(
                    self.style.WARNING(
                        f"No user {SUPERUSER_NAME} created: DEBUG is off, and the demo's "
                        "well-known password is for a developer's laptop only. Set "
                        "CIC_DEMO_ADMIN_PASSWORD to create it, or run manage.py createsuperuser."
                    )
                )
                return
            User.objects.create_superuser(SUPERUSER_NAME, SUPERUSER_EMAIL, password)
        if settings.CIC_DEMO_ADMIN_PASSWORD:
            password = "the one in CIC_DEMO_ADMIN_PASSWORD"
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin: {absolute_url('/admin/')}  user: {SUPERUSER_NAME}  "
                f"password: {password or 'as set before'} (unless you have changed it)"
            )
        )
