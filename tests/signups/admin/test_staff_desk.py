"""The staff desk: centre staff sign a family up by phone, correct, move and cancel sign-ups,
and e-mail everyone of a session, in the Wagtail admin (issue 11)."""

import uuid

import pytest
from recurrence import WEEKLY, Recurrence, Rule

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from wagtail.models import ModelLogEntry

from events.models import Quota, SignUpQuestion
from signups import services
from signups.models import Participant, Registration
from tests.events.factories import SessionFactory
from tests.events.utils import in_days
from tests.signups.utils import born, child, sign_up, sign_up_data
from tests.utils import page_text, translated_plural, translated_text

pytestmark = pytest.mark.django_db

Status = Registration.Status


def fill_camp(camp_session, places):
    """Take `places` of the camp's 10 for another family."""
    return sign_up(
        camp_session,
        *(child(f"Kid{i}", "Nowak") for i in range(places)),
        email="nowak@example.com",
        name="Anna Nowak",
    )


@pytest.fixture
def quota(camp_session):
    return services.quota_for(camp_session)


@pytest.fixture
def other_session(camp, kalisz_library):
    """A second camp week, 5 places, for moves."""
    return SessionFactory(
        page=camp,
        locale=camp.locale,
        title="Turnus II",
        starts_at=in_days(21, hour=9),
        ends_at=in_days(21, hour=13),
        venue=kalisz_library,
        capacity=5,
        min_age=6,
        max_age=12,
    )


# Staff sign-up


def test_centre_staff_sign_a_family_up_by_phone_and_the_family_gets_its_e_mail(
    coordinator_client, quota, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("sign_ups:staff_sign_up", args=[quota.pk])

    form = coordinator_client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url,
            sign_up_data(("Maksym", "Kowalenko", born(8)), ("Sofia", "Kowalenko", born(10))),
            follow=True,
        )

    assert form.status_code == 200
    assert translated_text(
        "The family agreed to the data processing consent, read to them"
    ) in page_text(form)
    registration = Registration.objects.get()
    assert (registration.status, registration.places, registration.language) == (
        Status.CONFIRMED,
        2,
        "uk",
    )
    assert response.redirect_chain[-1][0] == reverse("sign_ups:registrations", args=[quota.pk])
    assert "Olena Kowalenko" in page_text(response)
    [mail] = mailoutbox
    assert mail.to == ["olena@example.com"]
    assert registration.token in mail.body
    with translation.override("uk"):
        assert (
            translation.gettext("Sign-up confirmed: %(title)s") % {"title": "Półkolonie w Kaliszu"}
            == mail.subject
        )
    entry = ModelLogEntry.objects.get(action="events.staff_sign_up")
    assert entry.data["data_consent_version"] == registration.data_consent_version
    assert "Olena" not in str(entry.data)


def test_a_member_of_centre_staff_finds_the_session_and_adds_a_family_by_phone(
    client, django_user_model, quota
):
    """Issue 11's "done": no superuser, only the "Pracownicy centrum" group's rights."""
    user = django_user_model.objects.create_user("desk", "desk@example.com", "pass")
    user.groups.add(Group.objects.get(name="Pracownicy centrum"))
    client.force_login(user)
    url = reverse("sign_ups:staff_sign_up", args=[quota.pk])

    sessions = client.get(reverse("sign_ups:index"))
    form = client.get(url)
    response = client.post(url, sign_up_data(("Maksym", "Kowalenko", born(8))))

    assert "Turnus I" in page_text(sessions)
    assert form.status_code == 200
    assert response.status_code == 303
    assert Registration.objects.get().status == Status.CONFIRMED


def test_staff_sign_up_asks_the_programmes_questions_and_stores_the_answers(
    coordinator_client, camp, quota
):
    question = SignUpQuestion.objects.create(
        page=camp, locale=camp.locale, label="Kto odbiera dziecko?", kind="text", required=True
    )
    url = reverse("sign_ups:staff_sign_up", args=[quota.pk])
    data = sign_up_data(("Maksym", "Kowalenko", born(8)))

    form = coordinator_client.get(url)
    unanswered = coordinator_client.post(url, data)
    coordinator_client.post(url, {**data, f"participants-0-question_{question.key}": "Babcia"})

    assert "Kto odbiera dziecko?" in page_text(form)
    assert unanswered.status_code == 400
    assert Participant.objects.get().answers == {question.key: "Babcia"}


def test_staff_sign_up_without_the_consent_ticked_is_refused_with_the_form_kept(
    coordinator_client, quota
):
    data = sign_up_data(("Maksym", "Kowalenko", born(8)))
    del data["data_consent"]

    response = coordinator_client.post(reverse("sign_ups:staff_sign_up", args=[quota.pk]), data)

    assert response.status_code == 400
    assert translated_text(
        "Read the consent to the family: a sign-up needs their agreement."
    ) in page_text(response)
    assert 'value="Maksym"' in page_text(response)
    assert not Registration.objects.exists()


def test_staff_add_and_remove_participants_without_javascript(coordinator_client, quota):
    url = reverse("sign_ups:staff_sign_up", args=[quota.pk])
    data = sign_up_data(("Maksym", "Kowalenko", born(8)), name="")

    added = coordinator_client.post(url, {**data, "add_participant": "1"})
    two = {**data, "participants-TOTAL_FORMS": "2", "participants-1-first_name": "Sofia"}
    removed = coordinator_client.post(url, {**two, "remove_participant": "0"})

    assert added.status_code == 200
    assert added.context["participants"].total_form_count() == 2
    # Nothing checked yet: the empty name is not an error until the form is sent.
    assert not added.context["registrant_form"].errors
    assert removed.context["participants"].total_form_count() == 1
    assert 'value="Sofia"' in page_text(removed)
    assert not Registration.objects.exists()


def test_staff_sign_up_for_a_full_session_puts_the_family_on_the_waiting_list(
    coordinator_client, camp_session, quota
):
    fill_camp(camp_session, 10)

    response = coordinator_client.post(
        reverse("sign_ups:staff_sign_up", args=[quota.pk]),
        sign_up_data(("Maksym", "Kowalenko", born(8))),
        follow=True,
    )

    registration = Registration.objects.get(email="olena@example.com")
    assert registration.status == Status.WAITING
    assert translated_text(
        "%(name)s is on the waiting list, at position %(position)s, and has been told by e-mail.",
        name="Olena Kowalenko",
        position=1,
    ) in page_text(response)


def test_staff_cannot_sign_up_for_a_full_session_without_a_waiting_list(
    coordinator_client, camp_session, quota
):
    fill_camp(camp_session, 10)
    camp_session.waiting_list = False
    camp_session.save()
    url = reverse("sign_ups:staff_sign_up", args=[quota.pk])

    page = coordinator_client.get(url)
    response = coordinator_client.post(url, sign_up_data(("Maksym", "Kowalenko", born(8))))

    assert translated_text("This session is full.") in page_text(page)
    assert "participants-TOTAL_FORMS" not in page_text(page)
    assert response.status_code == 400
    assert not Registration.objects.filter(email="olena@example.com").exists()


def test_staff_sign_up_of_a_child_too_old_names_the_child(coordinator_client, quota):
    response = coordinator_client.post(
        reverse("sign_ups:staff_sign_up", args=[quota.pk]),
        sign_up_data(("Maksym", "Kowalenko", born(14))),
    )

    assert response.status_code == 400
    assert "Maksym Kowalenko" in page_text(response)
    assert not Registration.objects.exists()


def test_staff_sign_up_of_a_child_signed_up_already_is_refused(
    coordinator_client, camp_session, quota
):
    sign_up(camp_session, child("Maksym"))

    response = coordinator_client.post(
        reverse("sign_ups:staff_sign_up", args=[quota.pk]),
        sign_up_data(("Maksym", "Kowalenko", born(8)), email="other@example.com"),
    )

    assert response.status_code == 400
    assert translated_text(
        "%(name)s is already signed up for this session.", name="Maksym Kowalenko"
    ) in page_text(response)
    assert Registration.objects.count() == 1


def test_the_same_staff_sign_up_sent_twice_is_one_sign_up(coordinator_client, quota):
    url = reverse("sign_ups:staff_sign_up", args=[quota.pk])
    data = sign_up_data(("Maksym", "Kowalenko", born(8)))

    coordinator_client.post(url, data)
    coordinator_client.post(url, data)

    assert Registration.objects.count() == 1
    assert ModelLogEntry.objects.filter(action="events.staff_sign_up").count() == 1


# Finding the desk from a session's sign-ups


def test_a_sessions_sign_ups_lead_to_adding_and_e_mailing_and_to_each_sign_ups_actions(
    coordinator_client, camp_session, quota
):
    registration = sign_up(camp_session, child("Maksym"), child("Sofia"))
    cancelled = sign_up(camp_session, child("Ivan", "Petrenko"), email="p@example.com")
    services.cancel(registration=cancelled)

    html = page_text(coordinator_client.get(reverse("sign_ups:registrations", args=[quota.pk])))

    assert reverse("sign_ups:staff_sign_up", args=[quota.pk]) in html
    assert reverse("sign_ups:session_message", args=[quota.pk]) in html
    for name in ["edit_registration", "move_registration", "cancel_participant"]:
        assert reverse(f"sign_ups:{name}", args=[registration.pk]) in html
        assert reverse(f"sign_ups:{name}", args=[cancelled.pk]) not in html


# Permissions


def desk_urls(registration):
    quota_pk, pk = registration.quota_id, registration.pk
    return [
        reverse("sign_ups:staff_sign_up", args=[quota_pk]),
        reverse("sign_ups:session_message", args=[quota_pk]),
        reverse("sign_ups:edit_registration", args=[pk]),
        reverse("sign_ups:move_registration", args=[pk]),
        reverse("sign_ups:cancel_participant", args=[pk]),
    ]


def test_staff_without_the_permission_get_403_on_every_desk_page(editor_client, camp_session):
    registration = sign_up(camp_session, child("Anna"))

    for url in desk_urls(registration):
        assert editor_client.get(url).status_code == 403, url
        assert editor_client.post(url, {}).status_code == 403, url

    assert Registration.objects.get().status == Status.CONFIRMED


def test_staff_with_the_permission_open_every_desk_page(coordinator_client, camp_session):
    registration = sign_up(camp_session, child("Anna"))

    for url in desk_urls(registration):
        assert coordinator_client.get(url).status_code == 200, url


def test_an_unknown_sign_up_or_session_is_a_404(coordinator_client, camp_session):
    for name in [
        "staff_sign_up",
        "session_message",
        "edit_registration",
        "move_registration",
        "cancel_participant",
    ]:
        # Django's LocaleMiddleware first tries the address with the language prefix.
        response = coordinator_client.get(reverse(f"sign_ups:{name}", args=[999]), follow=True)
        assert response.status_code == 404, name


# Editing a sign-up


def edit_data(registration, **changes):
    data = {
        "name": registration.name,
        "email": registration.email,
        "phone": registration.phone,
        "language": registration.language,
    }
    for participant in registration.participants.all():
        prefix = f"participant-{participant.pk}-"
        data[prefix + "first_name"] = participant.first_name
        data[prefix + "last_name"] = participant.last_name
        data[prefix + "birth_date"] = participant.birth_date.isoformat()
    return {**data, **changes}


def test_staff_correct_a_childs_name_and_birth_date_and_the_log_names_only_the_fields(
    coordinator_client, camp_session, mailoutbox, django_capture_on_commit_callbacks
):
    registration = sign_up(camp_session, child("Maxym"), child("Sofia"))
    maksym = registration.participants.get(first_name="Maxym")
    mailoutbox.clear()
    prefix = f"participant-{maksym.pk}-"

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("sign_ups:edit_registration", args=[registration.pk]),
            edit_data(
                registration,
                **{prefix + "first_name": "Maksym", prefix + "birth_date": born(9).isoformat()},
            ),
            follow=True,
        )

    maksym.refresh_from_db()
    assert (maksym.first_name, maksym.birth_date) == ("Maksym", born(9))
    assert translated_text(
        "The sign-up of %(name)s is saved.", name="Olena Kowalenko"
    ) in page_text(response)
    assert mailoutbox == []
    entry = ModelLogEntry.objects.get(action="events.edit_registration")
    assert sorted(entry.data["fields"]) == ["birth_date", "first_name"]
    assert "Maksym" not in str(entry.data)


def test_staff_may_tell_the_family_of_the_correction(
    coordinator_client, camp_session, mailoutbox, django_capture_on_commit_callbacks
):
    registration = sign_up(camp_session, child("Maxym"))
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse("sign_ups:edit_registration", args=[registration.pk]),
            edit_data(registration, name="Olena Kovalenko", notify="on"),
        )

    [mail] = mailoutbox
    assert "Olena Kovalenko" in mail.body
    with translation.override("uk"):
        assert mail.subject == translation.gettext("Sign-up changed: %(title)s") % {
            "title": "Półkolonie w Kaliszu"
        }


def test_a_correction_making_a_child_too_old_is_refused_with_the_reason(
    coordinator_client, camp_session
):
    registration = sign_up(camp_session, child("Maksym"))
    maksym = registration.participants.get()

    response = coordinator_client.post(
        reverse("sign_ups:edit_registration", args=[registration.pk]),
        edit_data(registration, **{f"participant-{maksym.pk}-birth_date": born(15).isoformat()}),
    )

    assert response.status_code == 400
    assert "Maksym Kowalenko" in page_text(response)
    maksym.refresh_from_db()
    assert maksym.birth_date == born(8)


def test_a_correction_making_a_child_a_duplicate_of_another_sign_up_is_refused(
    coordinator_client, camp_session
):
    sign_up(camp_session, child("Maksym"), email="first@example.com")
    registration = sign_up(camp_session, child("Maxym"))
    maxym = registration.participants.get()

    response = coordinator_client.post(
        reverse("sign_ups:edit_registration", args=[registration.pk]),
        edit_data(registration, **{f"participant-{maxym.pk}-first_name": "Maksym"}),
    )

    assert response.status_code == 400
    assert translated_text(
        "%(name)s is already signed up for this session.", name="Maksym Kowalenko"
    ) in page_text(response)
    maxym.refresh_from_db()
    assert maxym.first_name == "Maxym"


# Moving a sign-up


def test_staff_move_a_sign_up_the_family_keeps_its_link_and_the_freed_places_are_offered(
    coordinator_client,
    camp_session,
    quota,
    other_session,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    moving = sign_up(camp_session, child("Maksym"), child("Sofia"))
    fill_camp(camp_session, 8)
    waiting = sign_up(camp_session, child("Ivan", "Petrenko"), email="petrenko@example.com")
    target = services.quota_for(other_session)
    token = moving.token
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            reverse("sign_ups:move_registration", args=[moving.pk]),
            {"to_quota": target.pk, "if_full": "refuse"},
            follow=True,
        )

    moving.refresh_from_db()
    waiting.refresh_from_db()
    assert response.redirect_chain[-1][0] == reverse("sign_ups:registrations", args=[target.pk])
    assert (moving.quota_id, moving.status, moving.token) == (target.pk, Status.CONFIRMED, token)
    assert set(
        Participant.objects.filter(registration=moving).values_list("quota", flat=True)
    ) == {target.pk}
    assert (Quota.objects.get(pk=quota.pk).taken, Quota.objects.get(pk=target.pk).taken) == (9, 2)
    assert waiting.status == Status.OFFERED
    moved_mail = next(mail for mail in mailoutbox if mail.to == ["olena@example.com"])
    assert "Turnus II" in moved_mail.body
    assert token in moved_mail.body
    assert any(name.endswith(".ics") for name, _content, _type in moved_mail.attachments)
    assert ModelLogEntry.objects.get(action="events.move_registration").object_id == str(quota.pk)
    assert ModelLogEntry.objects.get(action="events.move_registration_here").object_id == str(
        target.pk
    )


def test_a_sign_up_moves_to_sessions_not_over_and_a_weekly_club_that_began_earlier(
    coordinator_client, camp, camp_session, other_session
):
    def add(title, days, **kwargs):
        session = SessionFactory(
            page=camp,
            locale=camp.locale,
            title=title,
            starts_at=in_days(days),
            ends_at=in_days(days, hour=12),
            capacity=5,
            **kwargs,
        )
        return services.quota_for(session)

    club = add("Klub", -14, recurrence=Recurrence(rrules=[Rule(WEEKLY)]))
    past = add("Turnus 0", -14)
    cancelled = add("Turnus X", 30)
    services.cancel_session(session=cancelled.session)
    target = services.quota_for(other_session)
    moving = sign_up(camp_session, child("Maksym"))

    response = coordinator_client.get(reverse("sign_ups:move_registration", args=[moving.pk]))

    listed = {quota.pk for quota in response.context["form"].fields["to_quota"].queryset}
    assert listed == {target.pk, club.pk}
    assert past.pk not in listed and cancelled.pk not in listed
    assert "Turnus II, Biblioteka Publiczna w Kaliszu" in page_text(response)


def test_a_move_to_a_session_too_full_is_refused_unless_staff_choose_its_waiting_list(
    coordinator_client, camp_session, other_session
):
    moving = sign_up(camp_session, child("Maksym"), child("Sofia"))
    target = services.quota_for(other_session)
    sign_up(other_session, *(child(f"Kid{i}", "Nowak") for i in range(4)), email="n@example.com")
    url = reverse("sign_ups:move_registration", args=[moving.pk])

    refused = coordinator_client.post(url, {"to_quota": target.pk, "if_full": "refuse"})
    moving.refresh_from_db()
    assert refused.status_code == 400
    assert translated_text("Only %(count)s place is left for this session.", count=1) in page_text(
        refused
    )
    assert (moving.quota.session_id, moving.status) == (camp_session.pk, Status.CONFIRMED)

    coordinator_client.post(url, {"to_quota": target.pk, "if_full": "wait"})
    moving.refresh_from_db()
    assert (moving.quota_id, moving.status) == (target.pk, Status.WAITING)
    assert Quota.objects.get(pk=target.pk).taken == 4


def test_a_move_locks_both_sessions_the_lower_first(camp_session, other_session, monkeypatch):
    """Two moves in opposite directions at once must not wait for each other for ever."""
    target = services.quota_for(other_session)
    moving = sign_up(camp_session, child("Maksym"))
    assert moving.quota_id > target.pk  # from the higher to the lower
    locked = []
    lock = services._locked_quota
    monkeypatch.setattr(services, "_locked_quota", lambda pk: locked.append(pk) or lock(pk))

    services.move_registration(registration=moving, to_session=other_session)

    assert locked[:2] == [target.pk, moving.quota_id]


def test_a_move_of_a_child_outside_the_target_age_range_is_refused(
    coordinator_client, camp_session, other_session
):
    other_session.min_age = 10
    other_session.save()
    moving = sign_up(camp_session, child("Maksym", age=8))
    target = services.quota_for(other_session)

    response = coordinator_client.post(
        reverse("sign_ups:move_registration", args=[moving.pk]),
        {"to_quota": target.pk, "if_full": "wait"},
    )

    assert response.status_code == 400
    assert "Maksym Kowalenko" in page_text(response)
    moving.refresh_from_db()
    assert moving.quota.session_id == camp_session.pk


# Cancelling one child


def test_staff_cancel_one_child_and_the_family_is_told(
    coordinator_client, camp_session, mailoutbox, django_capture_on_commit_callbacks
):
    registration = sign_up(camp_session, child("Maksym"), child("Sofia"))
    sofia = registration.participants.get(first_name="Sofia")
    url = reverse("sign_ups:cancel_participant", args=[registration.pk])
    mailoutbox.clear()

    confirmation = coordinator_client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(url, {"who": sofia.pk}, follow=True)

    assert "Maksym Kowalenko" in page_text(confirmation)
    assert "Sofia Kowalenko" in page_text(confirmation)
    sofia.refresh_from_db()
    registration.refresh_from_db()
    assert sofia.cancelled_at is not None
    assert (registration.status, registration.places) == (Status.CONFIRMED, 1)
    assert translated_text(
        "%(participant)s is no longer signed up; %(name)s has been told by e-mail.",
        participant="Sofia Kowalenko",
        name="Olena Kowalenko",
    ) in page_text(response)
    [mail] = mailoutbox
    assert "Sofia Kowalenko" in mail.body
    assert ModelLogEntry.objects.filter(action="events.cancel_participant").count() == 1


def test_cancelling_a_participant_of_another_sign_up_is_refused(coordinator_client, camp_session):
    registration = sign_up(camp_session, child("Maksym"), child("Sofia"))
    other = sign_up(camp_session, child("Ivan", "Petrenko"), email="p@example.com")

    response = coordinator_client.post(
        reverse("sign_ups:cancel_participant", args=[registration.pk]),
        {"who": other.participants.get().pk},
    )

    assert response.status_code == 400
    assert not Participant.objects.filter(cancelled_at__isnull=False).exists()


# E-mailing everyone


def test_staff_e_mail_everyone_each_family_in_its_language_or_polish_said_so(
    coordinator_client, camp_session, quota, mailoutbox, django_capture_on_commit_callbacks
):
    ukrainian = sign_up(camp_session, child("Maksym"))
    russian = sign_up(camp_session, child("Ivan", "Petrov"), email="petrov@example.com")
    Registration.objects.filter(pk=russian.pk).update(language="ru")
    url = reverse("sign_ups:session_message", args=[quota.pk])
    form = coordinator_client.get(url)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator_client.post(
            url,
            {
                "form_key": form.context["form"]["form_key"].value(),
                "recipients": "active",
                "subject_pl": "Zmiana sali",
                "body_pl": "Zajęcia odbędą się w sali 2.",
                "subject_uk": "Зміна залу",
                "body_uk": "Заняття відбудуться в залі 2.",
            },
            follow=True,
        )

    by_address = {mail.to[0]: mail for mail in mailoutbox}
    assert by_address["olena@example.com"].subject == "Зміна залу"
    assert "Заняття відбудуться в залі 2." in by_address["olena@example.com"].body
    assert ukrainian.token in by_address["olena@example.com"].body
    russian_mail = by_address["petrov@example.com"]
    assert russian_mail.subject == "Zmiana sali"
    assert translated_text("This message is in Polish.", language="ru") in russian_mail.body
    assert "Zajęcia odbędą się w sali 2." in russian_mail.alternatives[0][0]
    entry = ModelLogEntry.objects.get(action="events.email_session")
    assert entry.data["count"] == 2
    assert translated_plural(
        "The message is on its way to %(count)s sign-up.",
        "The message is on its way to %(count)s sign-ups.",
        2,
        count=2,
    ) in page_text(response)


def test_a_message_sent_again_with_the_same_form_sends_nothing(
    coordinator_client, camp_session, quota, mailoutbox, django_capture_on_commit_callbacks
):
    sign_up(camp_session, child("Maksym"))
    mailoutbox.clear()
    data = {
        "form_key": str(uuid.uuid4()),
        "recipients": "active",
        "subject_pl": "Zmiana sali",
        "body_pl": "Sala 2.",
    }
    url = reverse("sign_ups:session_message", args=[quota.pk])

    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(url, data)
        again = coordinator_client.post(url, data, follow=True)

    assert len(mailoutbox) == 1
    assert translated_text("This message has been sent already.") in page_text(again)


def test_a_message_to_the_waiting_list_reaches_only_those_waiting(
    coordinator_client, camp_session, quota, mailoutbox, django_capture_on_commit_callbacks
):
    fill_camp(camp_session, 10)
    sign_up(camp_session, child("Maksym"))
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        coordinator_client.post(
            reverse("sign_ups:session_message", args=[quota.pk]),
            {
                "form_key": str(uuid.uuid4()),
                "recipients": "waiting",
                "subject_pl": "Lista",
                "body_pl": "Czekamy.",
            },
        )

    assert [mail.to for mail in mailoutbox] == [["olena@example.com"]]


def test_a_message_without_polish_is_refused_and_nothing_is_sent(
    coordinator_client, camp_session, quota, mailoutbox
):
    sign_up(camp_session, child("Maksym"))
    mailoutbox.clear()

    response = coordinator_client.post(
        reverse("sign_ups:session_message", args=[quota.pk]),
        {"form_key": str(uuid.uuid4()), "recipients": "active", "subject_uk": "Тема"},
    )

    assert response.status_code == 400
    assert mailoutbox == []
    assert not ModelLogEntry.objects.filter(action="events.email_session").exists()
