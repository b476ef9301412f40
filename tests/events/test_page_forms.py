"""Editors create every kind of programme, with its sessions, in the Wagtail admin."""

from django.test import TestCase
from django.urls import reverse

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import EventIndexPage, EventPage, Quota, Session, SignUpQuestion
from home.models import HomePage
from signups import services
from tests.events.factories import CategoryFactory, EventIndexPageFactory, VenueFactory
from tests.signups.utils import child, sign_up
from tests.utils import page_text, translated_text
from workshops.models import (
    AdaptationCoursePage,
    LibraryWorkshopPage,
    PolishCoursePage,
    SpeakingClubPage,
    SummerCampPage,
)

PROGRAMME_TYPES = {
    EventPage,
    SummerCampPage,
    LibraryWorkshopPage,
    SpeakingClubPage,
    PolishCoursePage,
    AdaptationCoursePage,
}


class ProgrammesInTheAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.home = HomePage.objects.get(depth=2)
        self.calendar = EventIndexPageFactory(parent=self.home)
        self.venue = VenueFactory(name="Biblioteka w Golinie", city="Golina")
        self.category = CategoryFactory(name="Warsztaty", slug="warsztaty")

    def programme_form(self, title, slug, **extra):
        return nested_form_data(
            {
                "title": title,
                "slug": slug,
                "intro": "Zajęcia dla dzieci i rodziców.",
                "body": streamfield([("paragraph", rich_text("<p>Zapraszamy!</p>"))]),
                "category": self.category.pk,
                "language_note": "po ukraińsku z tłumaczem",
                "audiences": inline_formset([{"audience": "children"}]),
                "activity_languages": inline_formset([{"code": "uk"}, {"code": "pl"}]),
                "sessions": inline_formset(
                    [
                        {
                            "title": "",
                            "starts_at": "2026-12-04 16:00",
                            "ends_at": "2026-12-04 18:00",
                            "recurrence": "RRULE:FREQ=WEEKLY;COUNT=4",
                            "venue": self.venue.pk,
                            "capacity": "15",
                            "min_age": "6",
                            "max_age": "12",
                            "status": "scheduled",
                            "status_note": "",
                            "registration_opens_at": "",
                            "registration_closes_at": "",
                            "waiting_list": "on",
                        }
                    ],
                    min=1,
                ),
                "sign_up_questions": inline_formset(
                    [{"label": "Kto odbiera dziecko?", "kind": "text", "required": "on"}]
                ),
                **extra,
            }
        )

    def test_calendar_takes_every_kind_of_programme(self):
        self.assertAllowedSubpageTypes(EventIndexPage, PROGRAMME_TYPES)
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})

    def test_editor_creates_an_event_with_a_weekly_session(self):
        self.assertCanCreate(
            self.calendar, EventPage, self.programme_form("Klub planszówek", "klub")
        )

        session = Session.objects.get(page__slug="klub")
        assert session.capacity == 15
        assert session.venue == self.venue
        assert len(session.recurrence.rrules) == 1
        question = SignUpQuestion.objects.get(page__slug="klub")
        assert (question.label, question.required) == ("Kto odbiera dziecko?", True)

    def test_editor_creates_a_summer_camp(self):
        form = self.programme_form(
            "Półkolonie w Kaliszu",
            "polkolonie",
            what_to_bring="Drugie śniadanie i wygodne buty.",
        )
        self.assertCanCreate(self.calendar, SummerCampPage, form)

    def test_editor_creates_a_library_workshop(self):
        self.assertCanCreate(
            self.calendar, LibraryWorkshopPage, self.programme_form("Bajkowóz", "bajkowoz")
        )

    def test_editor_creates_a_speaking_club(self):
        self.assertCanCreate(
            self.calendar, SpeakingClubPage, self.programme_form("Speaking club", "club")
        )

    def test_editor_creates_a_polish_course(self):
        self.assertCanCreate(
            self.calendar, PolishCoursePage, self.programme_form("Kurs A1", "a1", level="A1")
        )

    def test_editor_creates_an_adaptation_course(self):
        form = self.programme_form(
            "Kurs adaptacyjny",
            "adaptacja",
            topics=inline_formset([{"topic": "labour_market"}, {"topic": "health_care"}]),
        )
        self.assertCanCreate(self.calendar, AdaptationCoursePage, form)

    def test_a_session_ending_before_it_starts_is_refused_with_a_message(self):
        form = self.programme_form("Piknik", "piknik")
        form["sessions-0-ends_at"] = "2026-12-04 15:00"

        response = self.client.post(f"/admin/pages/add/events/eventpage/{self.calendar.pk}/", form)

        assert response.status_code == 200
        assert (
            "Koniec terminu nie może być wcześniejszy niż jego początek."
            in response.content.decode()
        )
        assert not EventPage.objects.filter(slug="piknik").exists()

    def test_a_session_people_signed_up_for_cannot_be_deleted(self):
        """Deleting it would hide the sign-ups; cancelling it tells everyone."""
        self.assertCanCreate(self.calendar, EventPage, self.programme_form("Piknik", "piknik"))
        page = EventPage.objects.get(slug="piknik")
        session = page.sessions.get()
        sign_up(session, child("Iwan"))
        form = self.programme_form("Piknik", "piknik")
        form.update(
            {
                "sessions-INITIAL_FORMS": "1",
                "sessions-0-id": str(session.pk),
                "sessions-0-DELETE": "1",
                "sessions-TOTAL_FORMS": "2",
                "sessions-1-starts_at": "2026-12-11 16:00",
                "sessions-1-ends_at": "2026-12-11 18:00",
                "sessions-1-ORDER": "1",
                "sessions-1-status": "scheduled",
            }
        )

        response = self.client.post(f"/admin/pages/{page.pk}/edit/", form)

        assert response.status_code == 200
        assert translated_text(
            "People are signed up for the session %(session)s: cancel it under "
            "Sign-ups (“Cancel session”; everyone is told) instead of deleting it.",
            session="Piknik, 2026-12-04 16:00",
        ) in page_text(response)
        assert Session.objects.filter(pk=session.pk).exists()

    def published_with_sign_ups(self):
        """A published programme whose session people signed up for: it has its quota."""
        self.assertCanCreate(
            self.calendar,
            EventPage,
            self.programme_form("Piknik", "piknik", **{"action-publish": "action-publish"}),
        )
        session = EventPage.objects.get(slug="piknik").sessions.get()
        sign_up(session, child("Iwan"))
        return session, Quota.objects.get(session_key=session.translation_key)

    def edit_form(self, session, **changes):
        """The form of `session`'s published page as the editor sends it back, with `changes`."""
        page = session.page.specific
        form = self.programme_form("Piknik", "piknik", **{"action-publish": "action-publish"})
        for prefix, rows in [
            ("audiences", page.audiences.all()),
            ("activity_languages", page.activity_languages.all()),
            ("sign_up_questions", page.sign_up_questions.all()),
            ("sessions", [session]),
        ]:
            form[f"{prefix}-INITIAL_FORMS"] = str(len(rows))
            for index, row in enumerate(rows):
                form[f"{prefix}-{index}-id"] = str(row.pk)
        form.update(changes)
        return form

    def test_a_session_with_sign_ups_shows_its_places_with_a_link_to_change_them(self):
        session, quota = self.published_with_sign_ups()
        services.change_capacity(quota=quota, capacity=20)

        response = self.client.get(f"/admin/pages/{session.page_id}/edit/")

        html = response.content.decode()
        assert (
            '<p class="staff-owned"><strong>20</strong> <a href="{}">{}</a></p>'.format(
                reverse("sign_ups:capacity", args=[quota.pk]), translated_text("Change places")
            )
            in html
        )
        assert 'name="sessions-0-capacity"' not in html

    def test_places_sent_for_a_session_with_sign_ups_change_nothing(self):
        """A form (an old tab, a hand-made request) cannot set the places staff own."""
        session, quota = self.published_with_sign_ups()
        form = self.edit_form(session, **{"sessions-0-capacity": "30"})

        response = self.client.post(f"/admin/pages/{session.page_id}/edit/", form)

        assert response.status_code == 302
        quota.refresh_from_db()
        assert quota.capacity == 15
        assert Session.objects.get(pk=session.pk).capacity == 15

    def test_a_new_session_takes_the_places_asked_for(self):
        """Only a session without sign-ups' record yet: its number becomes its quota's."""
        session, _quota = self.published_with_sign_ups()
        form = self.edit_form(session)
        form.update(
            {
                "sessions-TOTAL_FORMS": "2",
                "sessions-1-starts_at": "2026-12-11 16:00",
                "sessions-1-ends_at": "2026-12-11 18:00",
                "sessions-1-ORDER": "1",
                "sessions-1-status": "scheduled",
                "sessions-1-capacity": "8",
            }
        )

        self.client.post(f"/admin/pages/{session.page_id}/edit/", form)

        new = Session.objects.exclude(pk=session.pk).get()
        assert Quota.objects.get(session_key=new.translation_key).capacity == 8

    def test_a_cancelled_session_shows_it_instead_of_its_status(self):
        session, _quota = self.published_with_sign_ups()
        services.cancel_session(session=session, note="Burza")

        response = self.client.get(f"/admin/pages/{session.page_id}/edit/")

        html = response.content.decode()
        assert translated_text("Cancelled: %(note)s", note="Burza") in html
        assert 'name="sessions-0-status"' not in html


class CalendarSnippetsTests(TestCase):
    def setUp(self):
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.create_superuser("editor", "e@example.com", "pass")
        self.client.force_login(user)

    def test_venues_and_categories_are_in_the_admin(self):
        VenueFactory()
        CategoryFactory()

        assert self.client.get("/admin/snippets/events/venue/").status_code == 200
        assert self.client.get("/admin/snippets/events/category/").status_code == 200
        assert self.client.get("/admin/snippets/events/venue/add/").status_code == 200
