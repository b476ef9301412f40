"""
Staff notes in every language (issue 11, item 6): why a session is cancelled is given
per language on "Cancel session", kept in each language's row of the session, and
shown on pages and in e-mails in the reader's language; where staff gave none for a
language, the Polish note is shown, saying it is in Polish.
"""

import pytest

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from events.models import ProgrammePage, Quota, Registration, Session
from tests.conftest import page_text, translated_text
from tests.events.conftest import child, sign_up, translated

pytestmark = pytest.mark.django_db

POLISH, UKRAINIAN = "Awaria ogrzewania w bibliotece.", "Аварія опалення в бібліотеці."


@pytest.fixture
def camp_in_every_language(camp, calendar_page, locales):
    """The camp, and the calendar with it, in Ukrainian, Russian and English."""
    for language in ("uk", "ru", "en"):
        translated(camp, locales[language])
    return camp


@pytest.fixture
def families(camp_session, camp_in_every_language):
    """A Ukrainian family and a Russian one."""
    olena = sign_up(camp_session, child("Marta"))
    irina = sign_up(camp_session, child("Irina", "Petrova"), email="irina@example.com")
    Registration.objects.filter(pk=irina.pk).update(language="ru")
    return olena, irina


def cancel_url(camp_session):
    return reverse("sign_ups:cancel_session", args=[Quota.objects.get().pk])


def cancel(coordinator_client, camp_session, django_capture_on_commit_callbacks, **notes):
    with django_capture_on_commit_callbacks(execute=True):
        return coordinator_client.post(cancel_url(camp_session), notes)


def test_the_cancel_form_asks_for_the_note_in_every_language(
    coordinator_client, camp_session, families
):
    response = coordinator_client.get(cancel_url(camp_session))

    form = response.context["form"]
    assert list(form.fields) == ["note", "note_uk", "note_ru", "note_en"]
    labels = [str(field.label) for field in form.fields.values()]
    why = translated_text("Why it is cancelled")
    with translation.override("pl"):
        expected = [
            gettext("%(label)s (%(language)s)") % {"label": why, "language": name}
            for name in ("polski", "ukraiński", "rosyjski", "angielski")
        ]
    assert labels == expected


def test_each_language_of_the_session_keeps_its_own_note(
    coordinator_client, camp_session, families, django_capture_on_commit_callbacks
):
    cancel(
        coordinator_client,
        camp_session,
        django_capture_on_commit_callbacks,
        note=POLISH,
        note_uk=UKRAINIAN,
    )

    notes = dict(
        Session.objects.filter(translation_key=camp_session.translation_key).values_list(
            "locale__language_code", "status_note"
        )
    )
    assert notes == {"pl": POLISH, "uk": UKRAINIAN, "ru": "", "en": ""}


def test_families_read_the_note_in_their_language_or_the_polish_one_marked_as_such(
    coordinator_client, camp_session, families, django_capture_on_commit_callbacks, mailoutbox
):
    mailoutbox.clear()

    cancel(
        coordinator_client,
        camp_session,
        django_capture_on_commit_callbacks,
        note=POLISH,
        note_uk=UKRAINIAN,
    )

    [ukrainian] = [mail for mail in mailoutbox if mail.to == ["olena@example.com"]]
    [russian] = [mail for mail in mailoutbox if mail.to == ["irina@example.com"]]
    assert translated_text("From the organisers: %(note)s", "uk", note=UKRAINIAN) in ukrainian.body
    assert POLISH not in ukrainian.body
    assert (
        translated_text("From the organisers (in Polish): %(note)s", "ru", note=POLISH)
        in russian.body
    )


def test_pages_show_the_note_in_their_language_or_the_polish_one_marked_as_such(
    client, coordinator_client, camp, camp_session, families, django_capture_on_commit_callbacks
):
    cancel(
        coordinator_client,
        camp_session,
        django_capture_on_commit_callbacks,
        note=POLISH,
        note_uk=UKRAINIAN,
    )
    ukrainian, russian = (
        camp.get_translation(camp.locale.__class__.objects.get(language_code=language))
        for language in ("uk", "ru")
    )

    ukrainian_page = page_text(client.get(ukrainian.url))
    russian_page = page_text(client.get(russian.url))

    assert UKRAINIAN in ukrainian_page and POLISH not in ukrainian_page
    assert translated_text("From the organisers, in Polish:", "ru") in russian_page
    assert f'<span lang="pl">{POLISH}</span>' in russian_page


def test_the_ukrainian_note_survives_the_next_publish_of_the_ukrainian_page(
    coordinator_client, camp, camp_session, families, django_capture_on_commit_callbacks, locales
):
    cancel(
        coordinator_client,
        camp_session,
        django_capture_on_commit_callbacks,
        note=POLISH,
        note_uk=UKRAINIAN,
    )
    ukrainian = ProgrammePage.objects.get(
        translation_key=camp.translation_key, locale=locales["uk"]
    ).specific

    ukrainian.get_latest_revision_as_object().save_revision().publish()

    assert ukrainian.sessions.get().status_note == UKRAINIAN


def test_a_note_left_untranslated_on_a_translated_page_counts_as_polish(
    client, camp, camp_session, camp_in_every_language, locales
):
    """wagtail-localize copies what nobody translated: the Polish words in the English row."""
    Session.objects.filter(translation_key=camp_session.translation_key).update(
        status=Session.Status.MOVED, status_note="Do sali 12."
    )
    english = camp.get_translation(locales["en"])

    html = page_text(client.get(english.url))

    assert translated_text("From the organisers, in Polish:", "en") in html
    assert '<span lang="pl">Do sali 12.</span>' in html


def test_cancelling_without_notes_per_language_keeps_the_polish_note(camp_session, families):
    """Other code (deleting a programme) cancels with one note, written in Polish."""
    from signups import services

    services.cancel_session(session=camp_session, note=POLISH)

    rows = Session.objects.filter(translation_key=camp_session.translation_key)
    assert rows.get(locale__language_code="pl").status_note == POLISH
    assert rows.get(locale__language_code="uk").status_note == ""
