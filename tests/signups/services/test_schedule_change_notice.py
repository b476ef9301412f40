"""
A new time or place tells everyone signed up (issue 11, item 3): publishing the page
with the session moved to 17:00 or to another venue e-mails each family once, in
their language, with what was before and what is now, and the updated .ics (same
UID, higher SEQUENCE). Only the title, places or description changing tells nobody.
"""

import datetime
import importlib

import icalendar
import pytest
import recurrence

from django.utils import timezone, translation

from events.ical import session_uid
from events.models import ProgrammePage, Quota, Session
from events.models.calendar import when_text
from signups import services
from signups.models import Registration
from tests.events.factories import EventPageFactory, SessionFactory, VenueFactory
from tests.events.utils import in_days, translated
from tests.signups.utils import child, sign_up
from tests.utils import translated_text

pytestmark = pytest.mark.django_db

TITLE = "Półkolonie w Kaliszu"
SUBJECT = "New time or place: %(title)s"


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Publish `page` as an editor does, with `change(sessions)` made first; the e-mails go."""

    def publish(page, change=None):
        page = ProgrammePage.objects.get(pk=page.pk).specific
        sessions = list(page.sessions.all())
        if change:
            change(sessions)
        page.sessions = sessions
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        return page

    return publish


def later_by(hours):
    def change(sessions):
        for session in sessions:
            session.starts_at += datetime.timedelta(hours=hours)
            session.ends_at += datetime.timedelta(hours=hours)

    return change


def setting(**values):
    def change(sessions):
        for session in sessions:
            for name, value in values.items():
                setattr(session, name, value)

    return change


@pytest.fixture
def families(camp_session, django_capture_on_commit_callbacks, mailoutbox):
    """A Ukrainian family and an English one signed up; a third cancelled; no e-mail yet."""
    with django_capture_on_commit_callbacks(execute=True):
        olena = sign_up(camp_session, child("Marta"))
        john = sign_up(camp_session, child("John", "Smith"), email="john@example.com")
        gone = sign_up(camp_session, child("Ivan", "Poszedł"), email="gone@example.com")
        services.cancel(registration=gone)
    Registration.objects.filter(pk=john.pk).update(language="en")
    mailoutbox.clear()
    return olena, john


def told(mailoutbox):
    return sorted(mail.to[0] for mail in mailoutbox)


def when_in(language, session, starts_at):
    with translation.override(language), timezone.override(timezone.get_default_timezone()):
        return when_text(session, starts_at)


def test_a_new_time_emails_each_family_once_in_their_language(
    camp, camp_session, families, publish, mailoutbox
):
    before = when_in("uk", camp_session, camp_session.starts_at)

    publish(camp, later_by(1))

    assert told(mailoutbox) == ["john@example.com", "olena@example.com"]
    [ukrainian] = [mail for mail in mailoutbox if mail.to == ["olena@example.com"]]
    [english] = [mail for mail in mailoutbox if mail.to == ["john@example.com"]]
    assert ukrainian.subject == translated_text(SUBJECT, "uk", title=TITLE)
    assert english.subject == translated_text(SUBJECT, "en", title=TITLE)
    camp_session.refresh_from_db()
    after = when_in("uk", camp_session, camp_session.starts_at)
    assert f"{translated_text('Before', 'uk')}: {before}" in ukrainian.body
    assert f"{translated_text('Now', 'uk')}: {after}" in ukrainian.body
    assert "10:00" in after and "10:00" not in before


def test_the_e_mail_carries_the_updated_calendar(
    camp, camp_session, families, publish, mailoutbox
):
    sequence = Session.objects.get(pk=camp_session.pk).sequence

    publish(camp, later_by(1))

    [mail] = [mail for mail in mailoutbox if mail.to == ["olena@example.com"]]
    [(_name, content, _mimetype)] = mail.attachments
    [event] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    camp_session.refresh_from_db()
    assert event["UID"] == session_uid(camp_session)
    assert event["SEQUENCE"] == camp_session.sequence > sequence
    assert event.start == camp_session.starts_at


def test_a_new_venue_names_the_old_and_the_new_one(
    camp, camp_session, kalisz_library, families, publish, mailoutbox, locales
):
    hall = VenueFactory(name="Sala gimnastyczna", city="Kalisz", locale=locales["pl"])

    publish(camp, setting(venue=hall))

    [mail] = [mail for mail in mailoutbox if mail.to == ["olena@example.com"]]
    before, now = (
        next(
            line for line in mail.body.splitlines() if line.startswith(translated_text(word, "uk"))
        )
        for word in ("Before", "Now")
    )
    assert kalisz_library.name in before and hall.name not in before
    assert hall.name in now


def test_only_the_title_places_or_description_changing_tells_nobody(
    camp, families, publish, mailoutbox
):
    def cosmetic(sessions):
        for session in sessions:
            session.title = "Turnus pierwszy"
            session.capacity = 12

    page = publish(camp, cosmetic)
    page.intro = "Nowy opis."
    publish(page)

    assert mailoutbox == []


def test_publishing_again_or_a_translation_tells_nobody_twice(
    camp, families, publish, mailoutbox, locales
):
    ukrainian = translated(camp, locales["uk"])
    publish(camp, later_by(1))
    mailoutbox.clear()

    publish(camp)
    publish(ukrainian)

    assert mailoutbox == []


def test_a_session_marked_as_moved_emails_its_note(camp, families, publish, mailoutbox):
    publish(camp, setting(status=Session.Status.MOVED, status_note="Do sali 12 na parterze."))

    [mail] = [mail for mail in mailoutbox if mail.to == ["olena@example.com"]]
    assert (
        translated_text("This session has moved. Your sign-up stays as it is.", "uk") in mail.body
    )
    assert (
        translated_text(
            "From the organisers (in Polish): %(note)s", "uk", note="Do sali 12 na parterze."
        )
        in mail.body
    )
    # The time and place are as they were: the note says where it moved to.
    assert f"{translated_text('Before', 'uk')}:" not in mail.body


def test_a_cancelled_session_gets_its_own_e_mail_not_a_change(
    camp, camp_session, families, publish, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_session(session=camp_session)
    publish(camp)

    assert {mail.subject for mail in mailoutbox} == {
        translated_text("Session cancelled: %(title)s", "uk", title=TITLE),
        translated_text("Session cancelled: %(title)s", "en", title=TITLE),
    }


def test_the_e_mail_says_what_families_were_told_even_when_it_leaves_after_another_change(
    camp, camp_session, families, publish, django_capture_on_commit_callbacks, mailoutbox
):
    """The mail server was down: the "before" is what families were told, not the session's
    time when the e-mail finally leaves."""
    first = when_in("uk", camp_session, camp_session.starts_at)
    page = ProgrammePage.objects.get(pk=camp.pk).specific
    sessions = list(page.sessions.all())
    later_by(1)(sessions)
    page.sessions = sessions
    with django_capture_on_commit_callbacks() as queued:
        page.save_revision().publish()
    publish(camp, later_by(1))
    mailoutbox.clear()

    for callback in queued:
        callback()

    [mail] = [mail for mail in mailoutbox if mail.to == ["olena@example.com"]]
    assert f"{translated_text('Before', 'uk')}: {first}" in mail.body
    assert "10:00–14:00" in mail.body


def test_the_first_sign_up_remembers_the_time_and_place_the_family_was_told(
    camp_session, families
):
    quota = Quota.objects.get()

    assert quota.told_schedule == services.schedule_of(camp_session)


def test_the_calendar_has_the_new_time_before_the_translation_follows(
    camp, camp_session, families, locales, django_capture_on_commit_callbacks, mailoutbox
):
    """The Polish row owns the time: the Ukrainian family's .ics does not wait for the
    Ukrainian row to be brought in step."""
    translated(camp, locales["uk"])
    camp_session.starts_at += datetime.timedelta(hours=1)
    camp_session.ends_at += datetime.timedelta(hours=1)
    camp_session.save()

    with django_capture_on_commit_callbacks(execute=True):
        services.sync_quotas(camp)

    [mail] = [mail for mail in mailoutbox if mail.to == ["olena@example.com"]]
    [(_name, content, _mimetype)] = mail.attachments
    [event] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert event.start == camp_session.starts_at
    assert event["SEQUENCE"] == camp_session.sequence


def test_publishing_a_repeating_session_unchanged_tells_nobody(
    calendar_page, kalisz_library, publish, django_capture_on_commit_callbacks, mailoutbox
):
    """A rule with exclusions and extra dates reads back from the page's revision as it was."""
    page = EventPageFactory(parent=calendar_page, title="Klub rozmów")
    club = SessionFactory(
        page=page,
        locale=page.locale,
        starts_at=in_days(3, hour=16),
        ends_at=in_days(3, hour=18),
        recurrence=recurrence.Recurrence(
            rrules=[recurrence.Rule(recurrence.WEEKLY, count=5)],
            exdates=[datetime.datetime.combine(in_days(10).date(), datetime.time())],
            rdates=[datetime.datetime.combine(in_days(12).date(), datetime.time())],
        ),
        venue=kalisz_library,
        capacity=5,
    )
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(club, child("Marta"))
    mailoutbox.clear()

    publish(page)
    publish(page)

    assert mailoutbox == []


def test_the_migration_remembers_what_families_of_earlier_sign_ups_were_told(
    camp_session, families
):
    from django.apps import apps

    migration = importlib.import_module("events.migrations.0009_notes_per_language")
    Quota.objects.update(told_schedule=None)

    migration.remember_what_was_told(apps, None)

    assert Quota.objects.get().told_schedule == services.schedule_of(camp_session)
