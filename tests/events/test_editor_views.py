"""Editors add a series of sessions (weeks × venues) to a programme, or copy one session."""

import datetime

import pytest

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from events.models import CancelledSession, Quota, Session
from tests.events.factories import EventPageFactory, SessionFactory, VenueFactory
from tests.events.utils import in_days, local, summer_camp, translated
from tests.utils import page_text, staff_user, translated_plural, translated_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def poznan_library(locales):
    return VenueFactory(name="Biblioteka Raczyńskich", city="Poznań", locale=locales["pl"])


def add_sessions_url(page, **params):
    url = reverse("events_add_sessions", args=[page.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_programme_editor_links_to_the_tool(admin_client, camp):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[camp.pk]))

    assert add_sessions_url(camp) in response.content.decode()


def test_preview_shows_every_session_and_saves_nothing(
    admin_client, camp, kalisz_library, poznan_library
):
    revisions = camp.revisions.count()

    response = admin_client.post(
        add_sessions_url(camp), summer_camp([kalisz_library, poznan_library])
    )

    assert response.status_code == 200
    text = page_text(response)
    assert (
        translated_plural(
            "%(counter)s session to be added", "%(counter)s sessions to be added", 4, counter=4
        )
        in text
    )
    assert text.count("Turnus I<") == 2 and text.count("Turnus II<") == 2
    assert "Biblioteka Raczyńskich, Poznań" in text
    assert camp.revisions.count() == revisions
    assert Session.objects.count() == 1


def test_confirming_adds_the_sessions_to_a_draft_for_review(
    admin_client, admin_user, camp, kalisz_library, poznan_library
):
    response = admin_client.post(
        add_sessions_url(camp), {**summer_camp([kalisz_library, poznan_library]), "confirm": "1"}
    )

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[camp.pk])
    messages = [str(m).strip() for m in get_messages(response.wsgi_request)]
    assert messages == [
        translated_plural(
            "%(count)s session added; review and publish.",
            "%(count)s sessions added; review and publish.",
            4,
            count=4,
        )
    ]
    # Nothing is live yet: the new sessions wait in a draft revision by this editor.
    assert Session.objects.count() == 1
    camp.refresh_from_db()
    assert camp.has_unpublished_changes
    revision = camp.get_latest_revision()
    assert revision.user == admin_user
    draft = revision.as_object()
    added = list(draft.sessions.all())[1:]
    assert [(s.title, s.venue, s.starts_at, s.ends_at) for s in added] == [
        ("Turnus I", kalisz_library, local(2027, 7, 5, 8), local(2027, 7, 9, 13)),
        ("Turnus I", poznan_library, local(2027, 7, 5, 8), local(2027, 7, 9, 13)),
        ("Turnus II", kalisz_library, local(2027, 7, 12, 8), local(2027, 7, 16, 13)),
        ("Turnus II", poznan_library, local(2027, 7, 12, 8), local(2027, 7, 16, 13)),
    ]
    first = added[0]
    assert first.daily == Session.Daily.WEEKDAYS
    assert (first.capacity, first.min_age, first.max_age) == (20, 6, 12)
    assert first.registration_opens_at == local(2027, 6, 1, 10)
    assert first.registration_closes_at == local(2027, 7, 2, 8)

    # Published as usual, they take sign-ups like any session.
    revision.publish()
    assert Session.objects.filter(page=camp).count() == 5
    assert Quota.objects.filter(capacity=20).count() == 4


def test_copying_a_session_fills_the_form_from_it(admin_client, camp_session):
    response = admin_client.get(add_sessions_url(camp_session.page, session=camp_session.pk))

    form = response.context["form"]
    assert form["first_day"].value() == timezone.localdate(camp_session.starts_at)
    assert form["venues"].value() == [camp_session.venue_id]
    assert (form["title_pattern"].value(), form["first_number"].value()) == ("Turnus {roman}", 1)
    assert (form["capacity"].value(), form["min_age"].value()) == (10, 6)


def test_copying_a_week_to_another_week_and_venue_leaves_the_original_alone(
    admin_client, camp_session, poznan_library
):
    """The camp of 2 venues × 2 weeks from its first session: two answers changed."""
    camp = camp_session.page
    form = admin_client.get(add_sessions_url(camp, session=camp_session.pk)).context["form"]
    answers = {
        name: value
        for name, value in ((name, form[name].value()) for name in form.fields)
        if value is not None
    }
    answers.update(weeks="2", venues=[camp_session.venue_id, poznan_library.pk])

    preview = admin_client.post(add_sessions_url(camp, session=camp_session.pk), answers)
    response = admin_client.post(
        add_sessions_url(camp, session=camp_session.pk), {**answers, "confirm": "1"}
    )

    assert translated_text("Already on the page, so not added again:") in page_text(preview)
    assert response.status_code == 302
    camp.refresh_from_db()
    draft = camp.get_latest_revision().as_object()
    week_later = camp_session.starts_at + datetime.timedelta(weeks=1)
    assert [(s.title, s.venue, s.starts_at) for s in draft.sessions.all()] == [
        ("Turnus I", camp_session.venue, camp_session.starts_at),
        ("Turnus I", poznan_library, camp_session.starts_at),
        ("Turnus II", camp_session.venue, week_later),
        ("Turnus II", poznan_library, week_later),
    ]


def test_mistakes_are_shown_translated_with_every_answer_kept(admin_client, camp, kalisz_library):
    response = admin_client.post(
        add_sessions_url(camp),
        {**summer_camp([kalisz_library], min_age="12", max_age="6"), "confirm": "1"},
    )

    assert response.status_code == 400
    text = page_text(response)
    assert translated_text("The maximum age cannot be below the minimum age.") in text
    form = response.context["form"]
    assert form["first_day"].value() == "2027-07-05"
    assert form["title_pattern"].value() == "Turnus {roman}"
    assert Session.objects.count() == 1
    assert (
        not camp.revisions.exists()
        or not camp.get_latest_revision().as_object().sessions.count() > 1
    )


def test_times_are_required_unless_all_day(admin_client, camp, kalisz_library):
    response = admin_client.post(
        add_sessions_url(camp), summer_camp([kalisz_library], start_time="")
    )

    assert response.status_code == 400
    assert translated_text("Give the time, or tick “All day”.") in page_text(response)


def test_someone_who_cannot_edit_the_page_is_refused(client, django_user_model, camp):
    client.force_login(staff_user(django_user_model, "reader", "events.view_participants"))

    assert client.get(add_sessions_url(camp)).status_code == 403
    assert client.post(add_sessions_url(camp), {"confirm": "1"}).status_code == 403


def test_a_translation_sends_the_editor_to_the_source_page(admin_client, camp, locales):
    ukrainian = translated(camp, locales["uk"])

    response = admin_client.get(add_sessions_url(ukrainian))

    assert response.status_code == 302
    assert response.url == add_sessions_url(camp)


def test_a_page_locked_by_someone_else_gets_no_sessions(
    admin_client, django_user_model, camp, kalisz_library
):
    camp.locked, camp.locked_by = True, django_user_model.objects.create_user("olena")
    camp.save()
    revisions = camp.revisions.count()

    response = admin_client.post(
        add_sessions_url(camp), {**summer_camp([kalisz_library]), "confirm": "1"}
    )

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[camp.pk])
    assert camp.revisions.count() == revisions


# Cancelling a session that takes no sign-ups (a picnic), and bringing it back


@pytest.fixture
def picnic(calendar_page):
    page = EventPageFactory(parent=calendar_page, title="Piknik rodzinny", slug="piknik")
    return SessionFactory(page=page, locale=page.locale, starts_at=in_days(10), capacity=None)


def test_the_page_editor_links_a_session_without_sign_ups_to_cancel_session(admin_client, picnic):
    html = page_text(admin_client.get(reverse("wagtailadmin_pages:edit", args=[picnic.page.pk])))

    url = reverse("events_cancel_session", args=[picnic.page.pk, picnic.translation_key])
    assert f'<a href="{url}">{translated_text("Cancel session")}</a>' in html


def test_an_editor_cancels_a_session_without_sign_ups_in_every_language(admin_client, picnic):
    url = reverse("events_cancel_session", args=[picnic.page.pk, picnic.translation_key])

    response = admin_client.post(url, {"note": "Deszcz", "note_uk": "Дощ"})

    assert response.status_code == 302
    picnic = Session.objects.with_cancellation().get(pk=picnic.pk)
    assert picnic.is_cancelled
    assert CancelledSession.objects.get().note_translations == {"uk": "Дощ"}
    edit = page_text(admin_client.get(response["Location"]))
    assert translated_text("Cancelled: %(note)s", note="Deszcz") in edit
    assert translated_text("Bring it back") in edit


def test_a_cancelled_session_without_sign_ups_is_brought_back(admin_client, picnic):
    CancelledSession.cancel(picnic.translation_key, notes={"pl": "Deszcz"})
    url = reverse("events_restore_session", args=[picnic.page.pk, picnic.translation_key])

    assert admin_client.get(url).status_code == 200
    admin_client.post(url)

    assert not CancelledSession.objects.exists()


def test_cancelling_a_session_with_sign_ups_goes_to_the_sign_ups_cancel_session(
    admin_client, camp, camp_session
):
    quota = Quota.objects.create(
        session_key=camp_session.translation_key, session=camp_session, capacity=10
    )

    response = admin_client.get(
        reverse("events_cancel_session", args=[camp.pk, camp_session.translation_key])
    )

    assert response["Location"] == reverse("sign_ups:cancel_session", args=[quota.pk])
    assert not CancelledSession.objects.exists()


def test_only_editors_of_the_page_cancel_its_sessions(client, django_user_model, picnic):
    client.force_login(staff_user(django_user_model, "reader"))
    url = reverse("events_cancel_session", args=[picnic.page.pk, picnic.translation_key])

    response = client.post(url, {"note": "Deszcz"})

    assert response.status_code == 403
    assert not CancelledSession.objects.exists()
