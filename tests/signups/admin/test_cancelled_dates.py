"""
Cancelling one date of a repeating session tells everyone signed up for it (issue 11,
item 2): an e-mail in each family's language naming the date and why, with the
updated calendar; bringing the date back tells them too; and the site never offers
a sign-up beside a cancelled date.
"""

import datetime

import icalendar
import pytest
import recurrence

from django.contrib.messages import get_messages
from django.utils import timezone, translation

from events.models import CancelledOccurrence
from events.models.calendar import when_text
from signups import services
from signups.models import Registration
from tests.events.factories import EventPageFactory, SessionFactory
from tests.events.utils import in_days
from tests.signups.utils import child, sign_up
from tests.utils import page_text, translated_plural, translated_text

pytestmark = pytest.mark.django_db

TITLE = "Klub rozmów"


@pytest.fixture
def club(calendar_page, kalisz_library, locales):
    """A speaking club on six Thursdays from three days ahead, at 16:00, with 3 places."""
    page = EventPageFactory(parent=calendar_page, title=TITLE)
    return SessionFactory(
        page=page,
        locale=page.locale,
        starts_at=in_days(3, hour=16),
        ends_at=in_days(3, hour=18),
        recurrence=recurrence.Recurrence(rrules=[recurrence.Rule(recurrence.WEEKLY, count=6)]),
        venue=kalisz_library,
        capacity=3,
    )


@pytest.fixture
def second_date(club):
    return club.starts_at + datetime.timedelta(weeks=1)


@pytest.fixture
def families(club):
    """A Ukrainian family with two places, an English adult, and one more waiting."""
    olena = sign_up(club, child("Marta"), child("Ivan"))
    john = sign_up(club, child("John", "Smith"), email="john@example.com", name="John Smith")
    Registration.objects.filter(pk=john.pk).update(language="en")
    waiting = sign_up(club, child("Taras", "Czeka"), email="czeka@example.com")
    assert waiting.status == Registration.Status.WAITING
    return olena, Registration.objects.get(pk=john.pk), waiting


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the work queued for after the request's transaction (the e-mails)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def cancel_in_admin(admin_client, club, day, send, **notes):
    with send():
        return admin_client.post(
            "/admin/cancelledoccurrence/new/",
            {"session": club.pk, "date": day.date().isoformat(), **notes},
            follow=True,
        )


def mail_to(mailoutbox, address):
    [mail] = [mail for mail in mailoutbox if mail.to == [address]]
    return mail


def ics_of(mail):
    [(_name, content, _mimetype)] = mail.attachments
    return icalendar.Calendar.from_ical(content)


def test_cancelling_a_date_emails_every_family_signed_up_in_their_language(
    admin_client, club, second_date, families, send, mailoutbox
):
    mailoutbox.clear()

    cancel_in_admin(
        admin_client,
        club,
        second_date,
        send,
        note="Prowadząca choruje.",
        note_uk="Ведуча захворіла.",
        note_en="The host is ill.",
    )

    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "czeka@example.com",
        "john@example.com",
        "olena@example.com",
    ]
    ukrainian, english = (
        mail_to(mailoutbox, "olena@example.com"),
        mail_to(mailoutbox, "john@example.com"),
    )
    assert ukrainian.subject == translated_text("One date cancelled: %(title)s", "uk", title=TITLE)
    with translation.override("uk"), timezone.override(timezone.get_default_timezone()):
        assert when_text(club, second_date) in ukrainian.body
    assert "Ведуча захворіла." in ukrainian.body
    assert "Prowadząca choruje." not in ukrainian.body
    assert english.subject == translated_text("One date cancelled: %(title)s", "en", title=TITLE)
    assert "The host is ill." in english.body


def test_a_language_without_its_own_note_gets_the_polish_one_saying_so(
    admin_client, club, second_date, families, send, mailoutbox
):
    mailoutbox.clear()

    cancel_in_admin(admin_client, club, second_date, send, note="Prowadząca choruje.")

    english = mail_to(mailoutbox, "john@example.com")
    assert (
        translated_text(
            "From the organisers (in Polish): %(note)s", "en", note="Prowadząca choruje."
        )
        in english.body
    )


def test_the_admin_says_how_many_families_were_told(
    admin_client, club, second_date, families, send
):
    response = cancel_in_admin(admin_client, club, second_date, send, note="Ferie")

    [message] = [str(message) for message in get_messages(response.wsgi_request)]
    assert (
        translated_plural(
            "%(count)s sign-up for this session was told by e-mail.",
            "%(count)s sign-ups for this session were told by e-mail.",
            3,
            count=3,
        )
        in message
    )


def test_the_e_mail_carries_the_calendar_without_that_date(
    admin_client, club, second_date, families, send, mailoutbox
):
    olena = families[0]
    mailoutbox.clear()

    cancel_in_admin(admin_client, club, second_date, send, note="Ferie")

    calendar = ics_of(mail_to(mailoutbox, "olena@example.com"))
    series, cancelled = calendar.walk("VEVENT")
    assert series["UID"] == cancelled["UID"]
    assert cancelled["STATUS"] == "CANCELLED"
    assert cancelled["RECURRENCE-ID"].dt == second_date
    club.refresh_from_db()
    assert series["SEQUENCE"] == cancelled["SEQUENCE"] == club.sequence > 0
    # Someone on the waiting list has no calendar entry to update.
    assert mail_to(mailoutbox, "czeka@example.com").attachments == []
    assert olena.status == Registration.Status.CONFIRMED


def test_a_cancelled_sign_up_is_not_told(club, second_date, families, send, mailoutbox):
    olena = families[0]
    services.cancel(registration=olena)
    mailoutbox.clear()

    with send():
        services.cancel_date(session=club, starts_at=second_date, notes={"pl": "Ferie"})

    assert "olena@example.com" not in [mail.to[0] for mail in mailoutbox]
    assert len(mailoutbox) == 2


def test_a_date_already_past_is_cancelled_without_e_mails(club, families, send, mailoutbox):
    mailoutbox.clear()

    with send():
        _cancellation, told = services.cancel_date(
            session=club,
            starts_at=club.starts_at,
            notes={},
            now=club.starts_at + datetime.timedelta(hours=1),
        )

    assert told == []
    assert mailoutbox == []


def test_the_same_date_cannot_be_cancelled_twice(admin_client, club, second_date, send):
    cancel_in_admin(admin_client, club, second_date, send)

    response = cancel_in_admin(admin_client, club, second_date, send)

    assert response.context["form"].errors["date"] == [
        translated_text("This date is already cancelled.")
    ]
    assert CancelledOccurrence.objects.count() == 1


def test_bringing_a_date_back_tells_the_families_too(
    admin_client, club, second_date, families, send, mailoutbox
):
    cancel_in_admin(admin_client, club, second_date, send, note="Ferie")
    cancellation = CancelledOccurrence.objects.get()
    mailoutbox.clear()
    url = f"/admin/cancelledoccurrence/delete/{cancellation.pk}/"

    confirmation = admin_client.get(url)
    with send():
        response = admin_client.post(url, follow=True)

    assert translated_plural(
        "Bring this date back? It takes place as planned, and %(count)s sign-up for "
        "the session is told by e-mail.",
        "Bring this date back? It takes place as planned, and %(count)s sign-ups for "
        "the session are told by e-mail.",
        3,
        count=3,
    ) in page_text(confirmation)
    assert not CancelledOccurrence.objects.exists()
    assert len(mailoutbox) == 3
    assert mail_to(mailoutbox, "olena@example.com").subject == translated_text(
        "The date takes place after all: %(title)s", "uk", title=TITLE
    )
    calendar = ics_of(mail_to(mailoutbox, "olena@example.com"))
    assert [event["STATUS"] for event in calendar.walk("VEVENT")] == ["CONFIRMED"]
    [message] = [str(message) for message in get_messages(response.wsgi_request)]
    assert (
        translated_plural(
            "%(count)s sign-up for this session was told by e-mail.",
            "%(count)s sign-ups for this session were told by e-mail.",
            3,
            count=3,
        )
        in message
    )


def test_an_e_mail_about_a_date_brought_back_meanwhile_is_not_sent(
    club, second_date, families, django_capture_on_commit_callbacks, mailoutbox
):
    """The mail server was down: by the time the first e-mail could leave, the date was back."""
    with django_capture_on_commit_callbacks() as queued:
        cancellation, _told = services.cancel_date(
            session=club, starts_at=second_date, notes={"pl": "Ferie"}
        )
    services.restore_date(cancellation=cancellation)
    mailoutbox.clear()

    for callback in queued:
        callback()

    assert mailoutbox == []


def test_editing_a_cancelled_date_changes_only_its_notes(admin_client, club, second_date, send):
    cancel_in_admin(admin_client, club, second_date, send, note="Ferie", note_uk="Канікули")
    cancellation = CancelledOccurrence.objects.get()
    url = f"/admin/cancelledoccurrence/edit/{cancellation.pk}/"

    form = admin_client.get(url).context["form"]
    assert form["note_uk"].value() == "Канікули"
    assert form.fields["date"].disabled

    admin_client.post(
        url,
        {
            "session": club.pk,
            "date": (second_date + datetime.timedelta(weeks=1)).date().isoformat(),
            "note": "Ferie zimowe",
            "note_uk": "Зимові канікули",
        },
    )

    cancellation.refresh_from_db()
    assert cancellation.starts_at == second_date
    assert cancellation.note == "Ferie zimowe"
    assert cancellation.note_translations == {"uk": "Зимові канікули"}


# On the site


def sign_up_links(html):
    return html.count('class="occurrence__sign-up"')


@pytest.mark.parametrize("where", ["listing", "programme page"])
def test_a_cancelled_date_shows_cancelled_and_its_note_and_no_sign_up(
    client, calendar_page, club, second_date, where
):
    services.cancel_date(session=club, starts_at=second_date, notes={"pl": "Ferie"})
    url = calendar_page.url if where == "listing" else club.page.url

    html = page_text(client.get(url))

    articles = html.split('<article class="occurrence')[1:]
    assert len(articles) == 6
    cancelled = [article for article in articles if article.startswith(" occurrence--cancelled")]
    assert len(cancelled) == 1
    assert "Ferie" in cancelled[0]
    assert translated_text("Cancelled") in cancelled[0]
    assert sign_up_links(cancelled[0]) == 0
    assert all(sign_up_links(article) == 1 for article in articles if article not in cancelled)


def test_a_ukrainian_page_shows_the_polish_note_saying_it_is_in_polish(
    client, calendar_page, club, second_date, locales
):
    from tests.events.utils import translated

    ukrainian = translated(calendar_page, locales["uk"])
    translated(club.page, locales["uk"])
    services.cancel_date(session=club, starts_at=second_date, notes={"pl": "Ferie"})

    html = page_text(client.get(ukrainian.url))

    assert translated_text("From the organisers, in Polish:", "uk") in html
    assert '<span lang="pl">Ferie</span>' in html


def test_a_ukrainian_page_shows_the_ukrainian_note(
    client, calendar_page, club, second_date, locales
):
    from tests.events.utils import translated

    ukrainian = translated(calendar_page, locales["uk"])
    translated(club.page, locales["uk"])
    services.cancel_date(
        session=club, starts_at=second_date, notes={"pl": "Ferie", "uk": "Канікули"}
    )

    html = page_text(client.get(ukrainian.url))

    assert "Канікули" in html
    assert "Ferie" not in html


def test_the_embeddable_list_offers_no_sign_up_for_a_cancelled_date(
    client, calendar_page, club, second_date, kalisz_library
):
    services.cancel_date(session=club, starts_at=second_date, notes={"pl": "Ferie"})

    events = client.get(f"/pl/calendar/embed/events.json?venue={kalisz_library.pk}").json()[
        "events"
    ]

    assert [event["sign_up"] for event in events][:3] == ["open", "cancelled", "open"]
    assert events[1]["status_note"] == "Ferie"


def test_only_a_date_of_the_series_can_be_cancelled(club, second_date):
    with pytest.raises(services.SignUpError) as refusal:
        services.cancel_date(
            session=club, starts_at=second_date + datetime.timedelta(days=1), notes={}
        )

    assert refusal.value.message == translated_text(
        "This session does not take place on that day."
    )
    assert not CancelledOccurrence.objects.exists()
