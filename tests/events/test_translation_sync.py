"""
A programme's translations follow the Polish page (events/translation_sync.py).

Editors change times, places and status on the Polish page; families read the
Ukrainian page and subscribe to the Ukrainian feed. Publishing the Polish page
carries those facts to every translation at once, and leaves what translators
wrote alone.
"""

import datetime

import icalendar
import pytest

from django.core import mail
from django.utils import timezone

from wagtail_localize.models import Translation, TranslationSource

from events.models import ProgrammePage, Session
from signups import services
from tests.events.factories import SessionFactory, VenueFactory
from tests.events.utils import in_days, translated
from tests.signups.utils import child, sign_up
from tests.utils import translated_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish `page` as an editor does, with `change(page, sessions)` made first.

    The work queued for after the editor's transaction (feeds, e-mails) is done.
    """

    def publish(page, change=None):
        page = ProgrammePage.objects.get(pk=page.pk).specific
        sessions = list(page.sessions.all())
        if change:
            change(page, sessions)
        page.sessions = sessions
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        return page

    return publish


def move_by(delta):
    def change(page, sessions):
        for session in sessions:
            session.starts_at += delta
            session.ends_at += delta

    return change


def feed_events(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return icalendar.Calendar.from_ical(response.content).events


def shown_time(moment):
    return timezone.localtime(moment).strftime("%H:%M")


def test_a_polish_time_change_reaches_the_ukrainian_page_and_feed_at_once(
    client, camp, locales, publish
):
    ukrainian = translated(camp, locales["uk"])
    [before] = feed_events(client, "/uk/calendar/events.ics")

    publish(camp, move_by(datetime.timedelta(hours=2)))

    session = camp.sessions.get()
    page = client.get(ukrainian.url)
    assert shown_time(session.starts_at) == "11:00"
    assert "11:00" in page.content.decode()
    [polish] = feed_events(client, "/pl/calendar/events.ics")
    [in_ukrainian] = feed_events(client, "/uk/calendar/events.ics")
    assert in_ukrainian.decoded("DTSTART") == session.starts_at
    assert in_ukrainian["SEQUENCE"] == polish["SEQUENCE"] > before["SEQUENCE"]


def test_the_programme_feed_of_the_translation_has_the_new_time(client, camp, locales, publish):
    ukrainian = translated(camp, locales["uk"])

    publish(camp, move_by(datetime.timedelta(days=1)))

    [event] = feed_events(client, f"/uk/calendar/programme/{ukrainian.pk}.ics")
    assert event.decoded("DTSTART") == camp.sessions.get().starts_at


def test_what_the_translator_wrote_is_kept(camp, locales, publish):
    ukrainian = translated(camp, locales["uk"])
    row = ukrainian.sessions.get()
    row.title = "Зміна I"
    ukrainian.title = "Півколонії в Каліші"
    ukrainian.sessions = [row]
    ukrainian.save_revision().publish()

    def change(page, sessions):
        sessions[0].capacity = 12
        sessions[0].min_age = 7

    publish(camp, change)

    ukrainian = ProgrammePage.objects.get(pk=ukrainian.pk)
    row = ukrainian.sessions.get()
    assert (ukrainian.title, row.title) == ("Півколонії в Каліші", "Зміна I")
    assert (row.capacity, row.min_age) == (12, 7)


def test_every_synchronised_fact_reaches_the_translation(camp, locales, publish):
    ukrainian = translated(camp, locales["uk"])
    opens = in_days(1)

    def change(page, sessions):
        session = sessions[0]
        session.all_day = True
        session.waiting_list = False
        session.registration_opens_at = opens
        session.registration_closes_at = opens + datetime.timedelta(days=3)
        session.max_age = 10
        session.status = Session.Status.MOVED
        session.status_note = "Do sali 2"

    publish(camp, change)

    row = ukrainian.sessions.get()
    assert row.all_day and not row.waiting_list
    assert row.registration_opens_at == opens
    assert row.registration_closes_at == opens + datetime.timedelta(days=3)
    assert row.max_age == 10
    # No note of its own yet: readers get the Polish one, marked as such (Session.note).
    assert (row.status, row.status_note) == (Session.Status.MOVED, "")


def test_the_venue_becomes_its_translation(camp, locales, publish, kalisz_library):
    cinema = VenueFactory(name="Kino Centrum", locale=locales["pl"])
    cinema_uk = cinema.copy_for_translation(locales["uk"])
    cinema_uk.name = "Кінотеатр Центрум"
    cinema_uk.save()
    ukrainian = translated(camp, locales["uk"])

    def change(page, sessions):
        sessions[0].venue = cinema

    publish(camp, change)

    assert ukrainian.sessions.get().venue == cinema_uk


def test_a_venue_not_yet_translated_is_the_polish_one(camp, locales, publish):
    park = VenueFactory(name="Park Przyjaźni", locale=locales["pl"])
    ukrainian = translated(camp, locales["uk"])

    def change(page, sessions):
        sessions[0].venue = park

    publish(camp, change)

    assert ukrainian.sessions.get().venue == park


def test_a_session_added_in_polish_appears_in_ukrainian(client, camp, locales, publish):
    ukrainian = translated(camp, locales["uk"])
    second = in_days(21, hour=9)

    def change(page, sessions):
        sessions.append(
            SessionFactory.build(
                page=page,
                locale=page.locale,
                title="Turnus II",
                starts_at=second,
                ends_at=second + datetime.timedelta(hours=4),
                capacity=10,
            )
        )

    publish(camp, change)

    rows = list(ukrainian.sessions.order_by("starts_at"))
    assert [row.starts_at for row in rows] == [
        session.starts_at for session in camp.sessions.order_by("starts_at")
    ]
    assert rows[1].locale == locales["uk"]
    assert {row.translation_key for row in rows} == set(
        camp.sessions.values_list("translation_key", flat=True)
    )
    assert len(feed_events(client, "/uk/calendar/events.ics")) == 2


def test_a_session_removed_in_polish_leaves_ukrainian(camp, locales, publish):
    second = in_days(21, hour=9)
    SessionFactory(
        page=camp,
        locale=camp.locale,
        starts_at=second,
        ends_at=second + datetime.timedelta(hours=4),
    )
    ukrainian = translated(camp, locales["uk"])
    assert ukrainian.sessions.count() == 2

    def change(page, sessions):
        sessions.pop()

    publish(camp, change)

    assert list(ukrainian.sessions.values_list("translation_key", flat=True)) == list(
        camp.sessions.values_list("translation_key", flat=True)
    )


def test_a_translators_draft_stays_a_draft_with_the_new_facts(camp, locales, publish):
    """Publishing the Polish page must not publish what the translator has not finished."""
    ukrainian = translated(camp, locales["uk"])
    draft = ProgrammePage.objects.get(pk=ukrainian.pk).specific
    draft.title = "Півколонії (чернетка)"
    draft.save_revision()

    publish(camp, move_by(datetime.timedelta(hours=1)))
    new_start = camp.sessions.get().starts_at

    ukrainian = ProgrammePage.objects.get(pk=ukrainian.pk).specific
    assert ukrainian.title != "Півколонії (чернетка)"
    assert ukrainian.has_unpublished_changes
    assert ukrainian.sessions.get().starts_at == new_start
    latest = ukrainian.get_latest_revision_as_object()
    assert latest.title == "Півколонії (чернетка)"
    assert latest.sessions.get().starts_at == new_start


def test_the_translators_next_publish_keeps_the_new_time(camp, locales, publish):
    ukrainian = translated(camp, locales["uk"])
    publish(camp, move_by(datetime.timedelta(hours=1)))
    new_start = camp.sessions.get().starts_at

    page = ProgrammePage.objects.get(pk=ukrainian.pk).specific.get_latest_revision_as_object()
    page.title = "Півколонії в Каліші"
    page.save_revision().publish()

    session = ProgrammePage.objects.get(pk=ukrainian.pk).sessions.get()
    assert session.starts_at == new_start
    assert session.sequence == camp.sessions.get().sequence


def test_cancelling_in_polish_cancels_in_ukrainian_with_one_e_mail_per_family(
    client, camp, locales, publish, django_capture_on_commit_callbacks
):
    ukrainian = translated(camp, locales["uk"])
    sign_up(camp.sessions.get(), child("Daryna"))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_session(session=camp.sessions.get())
    publish(camp)

    assert ukrainian.sessions.get().is_cancelled
    [email] = mail.outbox
    assert email.subject.startswith(
        translated_text("Session cancelled: %(title)s", "uk", title="")
    )
    page = client.get(ukrainian.url).content.decode()
    assert translated_text("Cancelled", "uk") in page


def test_unpublishing_the_polish_page_takes_the_ukrainian_page_offline(client, camp, locales):
    ukrainian = translated(camp, locales["uk"])
    session = ukrainian.sessions.get()

    camp.unpublish()

    assert client.get(ukrainian.url).status_code == 404
    sign_up_url = ukrainian.url + ukrainian.reverse_subpage(
        "sign_up", args=(session.translation_key,)
    )
    assert client.get(sign_up_url).status_code == 404


def test_a_translation_published_alone_changes_nothing_in_polish(camp, locales, publish):
    ukrainian = translated(camp, locales["uk"])
    before = list(camp.sessions.values_list("starts_at", "sequence"))

    publish(ukrainian, move_by(datetime.timedelta(hours=3)))

    assert list(camp.sessions.values_list("starts_at", "sequence")) == before


def test_publishing_from_the_translation_editor_keeps_the_new_time(
    camp, locales, publish, django_capture_on_commit_callbacks
):
    """wagtail-localize builds the translation from its copy of the source: kept current."""
    source, _created = TranslationSource.get_or_create_from_instance(camp)
    translation = Translation.objects.create(source=source, target_locale=locales["uk"])
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)

    publish(camp, move_by(datetime.timedelta(hours=2)))
    # The translator publishes later, in a request of their own.
    with django_capture_on_commit_callbacks(execute=True):
        Translation.objects.get(pk=translation.pk).save_target(publish=True)

    ukrainian = camp.get_translation(locales["uk"])
    assert ukrainian.live
    assert ukrainian.sessions.get().starts_at == camp.sessions.get().starts_at


def test_a_time_change_e_mails_each_family_at_most_once(camp, locales, publish):
    """The translations are changed, not published: nothing there tells the families again."""
    translated(camp, locales["uk"])
    translated(camp, locales["ru"])
    sign_up(camp.sessions.get(), child("Daryna"))
    mail.outbox.clear()

    publish(camp, move_by(datetime.timedelta(hours=2)))

    assert len(mail.outbox) == 1
