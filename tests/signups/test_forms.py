"""The public sign-up form: what a family sees, and what bad input gets."""

import datetime
import re
import uuid
from unittest import mock

import pytest

from django.db import OperationalError
from django.test import Client, override_settings
from django.utils import timezone, translation
from django.utils.formats import date_format

from events.models import Session, SignUpQuestion
from signups.models import Participant, Registration
from tests.events.utils import translated
from tests.signups.utils import child, form_data, form_url, sign_up
from tests.utils import page_text, translated_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def url(camp, camp_session):
    return form_url(camp, camp_session)


def test_the_form_asks_for_the_participants_and_the_adult(client, url):
    content = client.get(url).content.decode()

    for field in [
        "participants-0-first_name",
        "participants-0-birth_date",
        "email",
        "data_consent",
    ]:
        assert f'name="{field}"' in content
    assert 'name="submission_key"' in content
    assert "Turnus I" in content


def test_the_form_is_in_the_pages_language(client, camp, camp_session, locales):
    ukrainian = translated(camp, locales["uk"])

    response = client.get(form_url(ukrainian, ukrainian.sessions.get()))

    assert response.status_code == 200
    assert '<html lang="uk">' in response.content.decode()
    assert 'value="uk" selected' in response.content.decode()


def test_the_form_asks_the_programmes_questions(client, camp, url):
    SignUpQuestion.objects.create(
        page=camp, locale=camp.locale, label="Kto odbiera dziecko?", required=True
    )

    content = client.get(url).content.decode()

    assert "Kto odbiera dziecko?" in content


def test_a_good_sign_up_is_confirmed_and_shows_the_private_page(client, url):
    response = client.post(url, form_data(("Iwan", "Kowalenko", 8), ("Maria", "Kowalenko", 6)))

    assert response.status_code == 303
    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert registration.places == 2
    assert response["Location"].startswith("/pl/sign-ups/")
    assert translated_text("Confirmed.") in page_text(client.get(response["Location"]))


def test_answers_are_stored_and_sensitive_ones_apart(client, camp, url):
    pickup = SignUpQuestion.objects.create(page=camp, locale=camp.locale, label="Kto odbiera?")
    health = SignUpQuestion.objects.create(
        page=camp, locale=camp.locale, label="Alergie", kind="long_text", sensitive=True
    )

    client.post(
        url,
        form_data(
            **{
                f"participants-0-question_{pickup.key}": "Babcia",
                f"participants-0-question_{health.key}": "Orzechy",
            }
        ),
    )

    participant = Participant.objects.get()
    assert participant.answers == {pickup.key: "Babcia"}
    assert participant.sensitive_answers == {health.key: "Orzechy"}


def test_the_country_of_origin_is_kept_apart_with_the_age_band_for_the_statistics(
    client, camp, url
):
    country = SignUpQuestion.objects.create(
        page=camp, locale=camp.locale, label="Kraj pochodzenia", kind="country"
    )

    response = client.get(url)
    assert '<option value="UA">' in response.content.decode()
    client.post(url, form_data(**{f"participants-0-question_{country.key}": "UA"}))

    participant = Participant.objects.get()
    assert participant.country.code == "UA"
    assert participant.answers == {}
    assert participant.age_band == "6-12"


def test_an_unknown_country_is_refused_next_to_the_question(client, camp, url):
    country = SignUpQuestion.objects.create(
        page=camp, locale=camp.locale, label="Kraj pochodzenia", kind="country"
    )

    response = client.post(url, form_data(**{f"participants-0-question_{country.key}": "XX"}))

    assert response.status_code == 400
    assert response.context["participants"].forms[0].errors[f"question_{country.key}"]
    assert not Participant.objects.exists()


def test_a_family_that_does_not_fit_sees_its_place_on_the_waiting_list(client, camp_session, url):
    sign_up(camp_session, *[child(f"K{i}", "Pełna") for i in range(9)], email="p@example.com")

    response = client.post(url, form_data(("Iwan", "Kowalenko", 8), ("Maria", "Kowalenko", 6)))

    assert Registration.objects.get(email="olena@example.com").status == "waiting"
    assert translated_text(
        "You are number %(position)s on the waiting list.", position=1
    ) in page_text(client.get(response["Location"]))


def test_a_full_session_with_a_waiting_list_says_so_on_the_form(client, camp_session, url):
    sign_up(camp_session, *[child(f"K{i}", "Pełna") for i in range(10)], email="p@example.com")

    response = client.get(url)

    content = response.content.decode()
    assert translated_text(
        "This session is full. If you sign up, you join the waiting list: when places "
        "free up, we e-mail you and keep them for you."
    ) in page_text(response)
    assert 'name="participants-0-first_name"' in content


def test_a_full_session_without_waiting_list_shows_no_form(client, camp_session, url):
    Session.objects.filter(pk=camp_session.pk).update(waiting_list=False)
    sign_up(camp_session, *[child(f"K{i}", "Pełna") for i in range(10)], email="p@example.com")

    response = client.get(url)

    content = response.content.decode()
    assert translated_text("This session is full.") in page_text(response)
    assert 'name="participants-0-first_name"' not in content


def test_before_sign_up_opens_the_page_says_when(client, camp_session, url):
    opens = timezone.localtime() + datetime.timedelta(days=3)
    Session.objects.filter(pk=camp_session.pk).update(registration_opens_at=opens)

    response = client.get(url)

    with translation.override("pl"):
        when = date_format(timezone.localtime(opens), "DATETIME_FORMAT")
    assert translated_text("Sign-up opens on %(when)s.", when=when) in page_text(response)
    assert opens.strftime("%H:%M") in response.content.decode()
    assert client.post(url, form_data()).status_code == 200
    assert not Registration.objects.exists()


def test_after_sign_up_closes_the_page_says_so(client, camp_session, url):
    Session.objects.filter(pk=camp_session.pk).update(
        registration_closes_at=timezone.now() - datetime.timedelta(hours=1)
    )

    assert translated_text("Sign-up for this session has closed.") in page_text(client.get(url))


def test_an_unknown_session_is_not_found(client, camp):
    assert client.get(f"/pl/sign-ups/session/{uuid.uuid4()}/").status_code == 404


# What bad input gets


def test_missing_consent_is_refused_next_to_the_consent(client, url):
    data = form_data()
    del data["data_consent"]

    response = client.post(url, data)

    assert response.status_code == 400
    assert translated_text("We can only sign you up with this consent.") in page_text(response)
    assert 'value="Olena Kowalenko"' in response.content.decode()  # the rest kept as typed
    assert not Registration.objects.exists()


def test_a_child_too_old_is_named_next_to_the_date_of_birth(client, camp_session, url):
    response = client.post(url, form_data(("Iwan", "Kowalenko", 8), ("Taras", "Kowalenko", 14)))

    assert response.status_code == 400
    content = response.content.decode()
    with translation.override("pl"):
        age_range = camp_session.age_range_display()
    assert translated_text(
        "%(name)s will be %(age)s on the first day, and this session is for %(range)s.",
        name="Taras Kowalenko",
        age=14,
        range=age_range,
    ) in page_text(response)
    assert 'id="id_participants-1-birth_date-errors"' in content
    assert not Registration.objects.exists()


def test_a_10_kb_name_gets_a_field_error_not_a_server_error(client, url):
    response = client.post(url, form_data(name="Ł" * 10_000))

    assert response.status_code == 400
    assert 'id="id_name-errors"' in response.content.decode()
    assert not Registration.objects.exists()


def test_a_script_in_a_name_is_kept_as_typed_and_shown_escaped(client, url):
    response = client.post(url, form_data(("<script>alert(1)</script>", "Kowalenko", 8)))

    assert Participant.objects.get().first_name == "<script>alert(1)</script>"
    content = client.get(response["Location"]).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert(1)" not in content


def test_a_post_without_csrf_token_is_forbidden(url):
    response = Client(enforce_csrf_checks=True).post(url, form_data())

    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_a_filled_honeypot_is_rejected_without_e_mail(
    client, url, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data(website="http://spam.example"))

    assert response.status_code == 400
    assert not Registration.objects.exists()
    assert mailoutbox == []


@override_settings(CIC_SIGN_UP_RATE_PER_IP="2/h")
def test_too_many_sign_ups_from_one_address_get_429(client, url):
    for number in range(2):
        data = form_data((f"Dziecko{number}", "Kowalenko", 8), email=f"{number}@example.com")
        assert client.post(url, data).status_code == 303

    response = client.post(url, form_data(email="olena@example.com"))

    assert response.status_code == 429
    assert response["Retry-After"]
    assert 'value="olena@example.com"' in response.content.decode()
    assert Registration.objects.count() == 2


@override_settings(CIC_SIGN_UP_RATE_PER_EMAIL="1/m")
def test_too_many_attempts_with_one_e_mail_get_429_from_any_address(client, url):
    client.post(url, form_data(), REMOTE_ADDR="10.0.0.1")

    response = client.post(url, form_data(), REMOTE_ADDR="10.0.0.2")

    assert response.status_code == 429


def test_a_locked_database_answers_503_with_retry_after_and_stores_nothing(client, url):
    locked = OperationalError("database is locked")
    with mock.patch("signups.services.sign_up", side_effect=locked):
        response = client.post(url, form_data())

    assert response.status_code == 503
    assert response["Retry-After"]
    assert not Registration.objects.exists()


def test_the_same_child_twice_is_refused_with_a_clear_message(client, camp_session, url):
    sign_up(camp_session, child("Iwan"), email="tata@example.com")

    response = client.post(url, form_data(("Iwan", "Kowalenko", 8)))

    assert response.status_code == 400
    assert translated_text(
        "%(name)s is already signed up for this session.", name="Iwan Kowalenko"
    ) in page_text(response)


def test_a_double_submit_gives_one_sign_up_and_the_same_answer(client, url):
    data = form_data()

    first = client.post(url, data)
    second = client.post(url, data)

    assert Registration.objects.count() == 1
    assert second.status_code == 303
    assert second["Location"] == first["Location"]


# Adding and removing participants without JavaScript


def test_adding_a_participant_keeps_what_was_typed(client, url):
    response = client.post(url, form_data(add_participant="1"))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="participants-1-first_name"' in content
    assert 'value="Iwan"' in content
    assert "field-error" not in content
    assert not Registration.objects.exists()


def test_removing_a_participant_keeps_the_others(client, url):
    data = form_data(("Iwan", "Kowalenko", 8), ("Maria", "Kowalenko", 6), remove_participant="0")

    content = client.post(url, data).content.decode()

    assert 'value="Maria"' in content
    assert 'value="Iwan"' not in content
    assert 'name="participants-1-first_name"' not in content


def test_a_blank_added_participant_is_ignored(client, url):
    data = form_data(**{"participants-TOTAL_FORMS": "2"})

    client.post(url, data)

    assert Registration.objects.get().places == 1


def test_the_calendar_links_to_the_sign_up_form(client, calendar_page, camp, url):
    assert f'href="{url}"' in client.get(calendar_page.url).content.decode()


def test_the_programme_page_links_each_open_session_to_its_form(client, camp, url):
    assert f'href="{url}"' in client.get(camp.url).content.decode()


def test_no_sign_up_link_before_sign_up_opens(client, camp, camp_session, url):
    Session.objects.filter(pk=camp_session.pk).update(
        registration_opens_at=timezone.now() + datetime.timedelta(days=3)
    )

    assert f'href="{url}"' not in client.get(camp.url).content.decode()


def test_no_sign_up_link_after_sign_up_closes(client, camp, camp_session, url):
    Session.objects.filter(pk=camp_session.pk).update(
        registration_closes_at=timezone.now() - datetime.timedelta(hours=1)
    )

    assert f'href="{url}"' not in client.get(camp.url).content.decode()


def test_a_full_session_without_waiting_list_has_no_sign_up_link(client, camp, camp_session, url):
    Session.objects.filter(pk=camp_session.pk).update(waiting_list=False)
    sign_up(camp_session, *[child(f"K{i}", "Pełna") for i in range(10)], email="p@example.com")

    content = client.get(camp.url).content.decode()

    assert f'href="{url}"' not in content
    with translation.override("pl"):
        assert f">{translation.gettext('Full')}</span>" in content


def test_a_full_session_with_waiting_list_still_links_to_the_form(client, camp, camp_session, url):
    sign_up(camp_session, *[child(f"K{i}", "Pełna") for i in range(10)], email="p@example.com")

    content = client.get(camp.url).content.decode()

    assert f'href="{url}"' in content
    with translation.override("pl"):
        assert translation.gettext("join the waiting list") in content


def test_a_ukrainian_page_signs_up_for_the_same_places(client, camp, camp_session, locales):
    ukrainian = translated(camp, locales["uk"])

    response = client.post(form_url(ukrainian, ukrainian.sessions.get()), form_data())

    assert response["Location"].startswith("/uk/sign-ups/")
    assert Session.objects.get(pk=camp_session.pk).places_left == 9


def test_the_private_link_is_in_the_confirmation_e_mail(
    client, url, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, form_data())

    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/sign-ups/\S+/", mailoutbox[0].body).group(0)
    assert link.endswith(response["Location"].replace("/pl/", "/uk/", 1))


# Enter, adding and removing (issue 10, item 2)


def sign_up_form_html(response):
    content = response.content.decode()
    return content[content.index('<form method="post"') :]


def test_the_first_submit_button_of_the_form_sends_the_sign_up(client, url):
    """Enter in a text field presses the form's first submit button (HTML's implicit
    submission): it must be the sign-up, not "Remove participant 1"."""
    data = form_data(("Iwan", "Kowalenko", 8), ("Maria", "Kowalenko", 6), add_participant="1")

    form = sign_up_form_html(client.post(url, data))

    first_button = re.search(r"<button[^>]*>", form).group(0)
    assert 'type="submit"' in first_button
    assert "add_participant" not in first_button
    assert "remove_participant" not in first_button
    assert 'tabindex="-1"' in first_button
    assert 'aria-hidden="true"' in first_button


def test_removing_a_participant_says_who_was_removed_and_keeps_the_rest(client, url):
    data = form_data(("Iwan", "Kowalenko", 8), ("Anna", "Kowalska", 6), remove_participant="1")

    response = client.post(url, data)

    assert response.status_code == 200
    assert translated_text(
        "Participant %(number)s (%(name)s) removed.", number=2, name="Anna Kowalska"
    ) in page_text(response)
    content = response.content.decode()
    assert 'value="Iwan"' in content
    assert 'value="Olena Kowalenko"' in content
    assert 'value="Anna"' not in content


# Rate limits (issue 10, item 3)


@override_settings(CIC_SIGN_UP_RATE_PER_EMAIL="5/h")
def test_corrections_do_not_use_up_the_sign_up_limit(client, url):
    data = form_data()
    del data["data_consent"]
    for _attempt in range(6):
        assert client.post(url, data).status_code == 400

    response = client.post(url, form_data())

    assert response.status_code == 303
    assert Registration.objects.count() == 1


@override_settings(CIC_SIGN_UP_RATE_PER_EMAIL="1/h")
def test_a_sign_up_past_the_e_mail_limit_keeps_the_form_and_says_how_long_to_wait(client, url):
    assert client.post(url, form_data(("Iwan", "Kowalenko", 8))).status_code == 303

    response = client.post(url, form_data(("Taras", "Kowalenko", 9)))

    assert response.status_code == 429
    minutes = -(-int(response["Retry-After"]) // 60)
    assert 1 <= minutes <= 60
    with translation.override("pl"):
        message = translation.ngettext(
            "Too many sign-ups with this e-mail address in a short time. Your form is kept: "
            "please send it again in about %(minutes)s minute.",
            "Too many sign-ups with this e-mail address in a short time. Your form is kept: "
            "please send it again in about %(minutes)s minutes.",
            minutes,
        ) % {"minutes": minutes}
    assert message in page_text(response)
    content = response.content.decode()
    assert 'value="Taras"' in content
    assert 'value="olena@example.com"' in content
    assert Registration.objects.count() == 1


@override_settings(CIC_SIGN_UP_RATE_PER_EMAIL="1/h")
def test_a_double_submit_of_the_last_allowed_sign_up_still_gets_its_answer(client, url):
    data = form_data()

    first = client.post(url, data)
    second = client.post(url, data)

    assert second.status_code == 303
    assert second["Location"] == first["Location"]


@override_settings(CIC_SIGN_UP_RATE_PER_EMAIL="1/h")
def test_blank_e_mails_do_not_share_one_limit(client, url):
    client.post(url, form_data(email=""), REMOTE_ADDR="10.0.0.1")
    client.post(url, form_data(email="not an e-mail"), REMOTE_ADDR="10.0.0.2")

    response = client.post(url, form_data(email=""), REMOTE_ADDR="10.0.0.3")

    assert response.status_code == 400
    assert 'id="id_email-errors"' in response.content.decode()


@override_settings(CIC_SIGN_UP_FORM_RATE_PER_IP="2/h")
def test_adding_and_removing_count_against_the_address_and_keep_the_form(client, url):
    client.post(url, form_data(add_participant="1"))
    client.post(url, form_data(add_participant="1"))

    response = client.post(url, form_data(add_participant="1"))

    assert response.status_code == 429
    assert response["Retry-After"]
    assert 'value="Iwan"' in response.content.decode()
    assert not Registration.objects.exists()


@override_settings(CIC_SIGN_UP_RATE_PER_IP="1/h")
def test_adding_and_removing_do_not_use_up_the_sign_up_limit(client, url):
    client.post(url, form_data(add_participant="1"))
    client.post(
        url, form_data(("Iwan", "Kowalenko", 8), ("Maria", "K", 6), remove_participant="1")
    )

    assert client.post(url, form_data()).status_code == 303


def test_a_huge_participant_count_is_cut_to_the_maximum_before_any_work(client, url):
    data = form_data(**{"participants-TOTAL_FORMS": "10000000"}, remove_participant="0")

    started = timezone.now()
    response = client.post(url, data)

    assert (timezone.now() - started).total_seconds() < 5
    assert response.status_code == 200
    assert 'name="participants-10-first_name"' not in response.content.decode()


# One round of errors (issue 10, item 4)


def test_every_problem_shows_in_one_round(client, camp_session, url):
    """A child too old is named even while another child and the adult's details are wrong."""
    data = form_data(("Taras", "Kowalenko", 14), ("", "Kowalenko", 8), email="")
    del data["data_consent"]

    response = client.post(url, data)

    assert response.status_code == 400
    text = page_text(response)
    with translation.override("pl"):
        age_range = camp_session.age_range_display()
    assert (
        translated_text(
            "%(name)s will be %(age)s on the first day, and this session is for %(range)s.",
            name="Taras Kowalenko",
            age=14,
            range=age_range,
        )
        in text
    )
    assert translated_text("We can only sign you up with this consent.") in text
    content = response.content.decode()
    for field in ["participants-0-birth_date", "participants-1-first_name", "email"]:
        assert f'id="id_{field}-errors"' in content


def test_a_child_twice_is_named_even_when_other_fields_are_wrong(client, url):
    data = form_data(
        ("Iwan", "Kowalenko", 8), ("Iwan", "Kowalenko", 8), ("", "Kowalenko", 6), name=""
    )

    response = client.post(url, data)

    assert translated_text("%(name)s is on this form twice.", name="Iwan Kowalenko") in page_text(
        response
    )
    assert 'id="id_name-errors"' in response.content.decode()


def test_the_error_summary_comes_first_takes_focus_and_links_to_each_field(client, url):
    data = form_data(("Taras", "Kowalenko", 14), email="")

    response = client.post(url, data)

    content = response.content.decode()
    summary = re.search(r'<div class="error-summary"[^>]*>', content).group(0)
    assert "autofocus" in summary
    assert 'role="alert"' in summary
    assert 'tabindex="-1"' in summary
    assert content.index("error-summary") < content.index('<form method="post"')
    assert content.count("autofocus") == 1
    # In the order of the page: the participants first, then the adult.
    assert content.index('href="#id_participants-0-birth_date"') < content.index(
        'href="#id_email"'
    )


def test_the_added_participant_gets_the_focus(client, url):
    response = client.post(url, form_data(add_participant="1"))

    content = response.content.decode()
    new_field = re.search(r'<input[^>]*name="participants-1-first_name"[^>]*>', content).group(0)
    assert "autofocus" in new_field
    assert content.count("autofocus") == 1


# In the page's language (issue 10, item 5)


def ukrainian_form_url(camp, locales):
    ukrainian = translated(camp, locales["uk"])
    return form_url(ukrainian, ukrainian.sessions.get())


def test_a_form_without_participants_says_so_in_the_pages_language(client, camp, locales):
    data = form_data(("", "", None))

    response = client.post(ukrainian_form_url(camp, locales), data)

    assert response.status_code == 400
    assert translated_text("Add at least one participant.", "uk") in page_text(response)
    assert "Proszę" not in page_text(response)


def test_too_many_participants_are_refused_in_the_pages_language(client, camp, locales):
    data = form_data(*[(f"Dziecko{i}", "Kowalenko", 8) for i in range(11)])

    response = client.post(ukrainian_form_url(camp, locales), data)

    assert response.status_code == 400
    with translation.override("uk"):
        message = translation.ngettext(
            "You can sign up at most %(num)s participant at once.",
            "You can sign up at most %(num)s participants at once.",
            10,
        ) % {"num": 10}
    assert message in page_text(response)
    assert "Proszę" not in page_text(response)
    assert not Registration.objects.exists()


def test_choice_options_show_in_the_pages_language_and_are_stored_as_in_polish(
    client, camp, locales
):
    question = SignUpQuestion.objects.create(
        page=camp,
        locale=camp.locale,
        label="Czy dziecko mówi po polsku?",
        kind="choice",
        choices="Tak\nTrochę\nNie",
    )
    camp.save_revision().publish()
    url = ukrainian_form_url(camp, locales)
    SignUpQuestion.objects.filter(locale=locales["uk"]).update(
        label="Чи дитина говорить польською?", choices="Так\nТрохи\nНі"
    )
    field = f"participants-0-question_{question.key}"

    content = client.get(url).content.decode()
    assert '<option value="Трохи">Трохи</option>' in content
    assert "Trochę" not in content
    assert client.post(url, form_data(**{field: "Trochę"})).status_code == 400
    client.post(url, form_data(**{field: "Трохи"}))

    assert Participant.objects.get().answers == {question.key: "Trochę"}


def test_countries_are_sorted_by_their_name_in_the_pages_language(client, camp, locales):
    SignUpQuestion.objects.create(
        page=camp, locale=camp.locale, label="Kraj pochodzenia", kind="country"
    )
    camp.save_revision().publish()

    content = client.get(ukrainian_form_url(camp, locales)).content.decode()

    names = ["Австралія", "Аргентина", "Вірменія", "Грузія", "Україна", "Японія"]
    positions = [content.index(f">{name}</option>") for name in names]
    assert positions == sorted(positions)


def test_the_error_summary_gives_a_consents_message_without_its_long_label(client, url):
    data = form_data()
    del data["data_consent"]

    response = client.post(url, data)

    message = translated_text("We can only sign you up with this consent.")
    assert f'<a href="#id_data_consent">{message}</a>' in page_text(response)


def test_the_old_address_below_the_programme_page_leads_to_the_form(client, camp_session):
    """Links in e-mails and feeds sent before the form had an address of its own."""
    old = f"{camp_session.page.url}sign-up/{camp_session.translation_key}/"
    new = f"/pl/sign-ups/session/{camp_session.translation_key}/"

    response = client.get(old + "?participants=2")

    assert response.status_code == 308
    assert response["Location"] == new + "?participants=2"
    assert client.get(response["Location"]).status_code == 200


def test_a_form_sent_to_the_old_address_is_sent_on(client, camp_session):
    old = f"{camp_session.page.url}sign-up/{camp_session.translation_key}/"

    response = client.post(old, {"name": "Olena"})

    assert response.status_code == 308
    assert response["Location"] == f"/pl/sign-ups/session/{camp_session.translation_key}/"


def test_a_form_of_an_unpublished_programme_is_not_found(client, camp_session):
    camp_session.page.unpublish()

    response = client.get(f"/pl/sign-ups/session/{camp_session.translation_key}/")

    assert response.status_code == 404
