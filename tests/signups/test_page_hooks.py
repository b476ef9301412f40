"""
Deleting or unpublishing a programme page people are signed up for (signups/page_hooks.py).

Editors are told how many people are affected before anything happens; confirming
cancels their sign-ups, e-mails each family in its language and takes the page's
language versions with it. Nothing is deleted silently.
"""

import uuid

import pytest

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import translation

from wagtail.models import ModelLogEntry, Page

from events.models import ProgrammePage, Session
from signups import services
from signups.models import Registration
from tests.events.utils import translated
from tests.signups.utils import child
from tests.utils import page_text, translated_plural, translated_text

pytestmark = pytest.mark.django_db

Status = Registration.Status


def family(session, *children, language, email):
    """A family signing its children up on the site, in `language`."""
    return services.sign_up(
        session=session,
        registrant=services.Registrant(name="Rodzina", email=email, language=language),
        participants=list(children),
        data_consent_version="2026-01",
        submission_key=uuid.uuid4(),
        page=session.page,
    )


@pytest.fixture
def ukrainian(camp, locales):
    return translated(camp, locales["uk"])


@pytest.fixture
def families(camp, ukrainian):
    """A Ukrainian family with two children (signed up on the Ukrainian page) and a Polish one."""
    return [
        family(
            ukrainian.sessions.get(),
            child("Daryna"),
            child("Maksym"),
            language="uk",
            email="olena@example.com",
        ),
        family(
            camp.sessions.get(), child("Zosia", "Nowak"), language="pl", email="anna@example.com"
        ),
    ]


@pytest.fixture
def moderator_client(client, django_user_model):
    """An editor in Wagtail's Moderators group, who may publish and delete pages; no superuser."""
    user = django_user_model.objects.create_user("moderator", "moderator@example.com", "pass")
    user.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(user)
    return client


def delete_url(page):
    return reverse("wagtailadmin_pages:delete", args=(page.pk,))


def unpublish_url(page):
    return reverse("wagtailadmin_pages:unpublish", args=(page.pk,))


def people_text(count):
    return translated_plural(
        "%(counter)s person is signed up for the sessions of this page. Sign-ups belong to a "
        "session in every language, whichever language version they were made on.",
        "%(counter)s people are signed up for the sessions of this page. Sign-ups belong to a "
        "session in every language, whichever language version they were made on.",
        count,
        counter=count,
    )


def active(registrations):
    return Registration.objects.filter(
        pk__in=[r.pk for r in registrations], status__in=Registration.ACTIVE
    ).count()


@pytest.mark.parametrize("client_fixture", ["admin_client", "moderator_client"])
def test_deleting_a_programme_people_signed_up_for_says_how_many_first(
    request, client_fixture, camp, families
):
    client = request.getfixturevalue(client_fixture)

    response = client.get(delete_url(camp))

    text = page_text(response)
    assert response.status_code == 200
    assert people_text(3) in text
    assert (
        translated_plural(
            "Deleting the page cancels %(counter)s sign-up, and the family is told by e-mail in "
            "its language.",
            "Deleting the page cancels %(counter)s sign-ups, and each family is told by e-mail in "
            "its language.",
            2,
            counter=2,
        )
        in text
    )
    assert (
        translated_plural(
            "Its %(counter)s other language version is deleted with it.",
            "Its %(counter)s other language versions are deleted with it.",
            1,
            counter=1,
        )
        in text
    )
    assert ProgrammePage.objects.filter(pk=camp.pk).exists()


@pytest.mark.parametrize("client_fixture", ["admin_client", "moderator_client"])
def test_confirming_cancels_the_sign_ups_e_mails_each_family_and_deletes_every_language_version(
    request, client_fixture, client, camp, ukrainian, families, django_capture_on_commit_callbacks
):
    editor = request.getfixturevalue(client_fixture)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(delete_url(camp), {"cancel_sign_ups": "1", "note": "Brak sali"})

    assert response.status_code == 302
    assert not Page.objects.filter(pk__in=[camp.pk, ukrainian.pk]).exists()
    assert client.get(ukrainian.url).status_code == 404
    assert active(families) == 0
    assert {r.cancelled_by for r in Registration.objects.all()} == {
        Registration.CancelledBy.SESSION_CANCELLED
    }
    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert len(mail.outbox) == 2
    for email, language in [("olena@example.com", "uk"), ("anna@example.com", "pl")]:
        prefix = translated_text("Session cancelled: %(title)s", language, title="")
        assert subjects[email].startswith(prefix), subjects[email]


def test_the_cancellation_e_mail_names_the_deleted_programme(
    admin_client, camp, ukrainian, families, django_capture_on_commit_callbacks
):
    """The e-mails leave after the page and its sessions are gone: they still say what."""
    with translation.override("pl"):
        when = camp.sessions.get().when_display
    titles = {"anna@example.com": camp.title, "olena@example.com": ukrainian.title}
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(delete_url(camp), {"cancel_sign_ups": "1"})

    assert not ProgrammePage.objects.filter(pk__in=[camp.pk, ukrainian.pk]).exists()
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == set(titles)
    for email, title in titles.items():
        assert title in sent[email].subject
        assert title in sent[email].body
    assert when in sent["anna@example.com"].body


def test_the_cancellations_are_in_the_sign_up_audit_log(
    admin_client, camp, families, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(delete_url(camp), {"cancel_sign_ups": "1"})

    [entry] = ModelLogEntry.objects.filter(action="events.cancel_session")
    assert entry.data == {"sign_ups": 2}


def test_a_delete_without_the_editors_confirmation_deletes_nothing(admin_client, camp, families):
    """Wagtail's own form, sent from an old tab, shows the warning instead of deleting."""
    response = admin_client.post(delete_url(camp))

    assert response.status_code == 200
    assert people_text(3) in page_text(response)
    assert ProgrammePage.objects.filter(pk=camp.pk).exists()
    assert active(families) == 2


def test_without_sign_ups_wagtails_delete_runs_and_takes_the_translations(
    admin_client, client, camp, ukrainian
):
    response = admin_client.get(delete_url(camp))
    assert "wagtailadmin/pages/confirm_delete.html" in [t.name for t in response.templates]

    admin_client.post(delete_url(camp))

    assert not Page.objects.filter(pk__in=[camp.pk, ukrainian.pk]).exists()
    assert client.get(ukrainian.url).status_code == 404


def test_deleting_only_the_ukrainian_version_cancels_nothing(
    admin_client, client, camp, ukrainian, families, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    text = translated_text(
        "Deleting only this language version cancels nothing: the page in the other languages "
        "keeps taking sign-ups for the same sessions. To cancel them, delete the Polish page."
    )

    assert text in page_text(admin_client.get(delete_url(ukrainian)))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(delete_url(ukrainian), {"cancel_sign_ups": "1"})

    assert not Page.objects.filter(pk=ukrainian.pk).exists()
    assert client.get(camp.url).status_code == 200
    assert active(families) == 2
    assert camp.sessions.get().status == Session.Status.SCHEDULED
    assert mail.outbox == []


def test_unpublishing_warns_then_cancels_and_unpublishes_every_language_version(
    admin_client, client, camp, ukrainian, families, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    warned = admin_client.post(unpublish_url(camp))
    assert people_text(3) in page_text(warned)
    assert ProgrammePage.objects.get(pk=camp.pk).live
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            unpublish_url(camp),
            {"cancel_sign_ups": "1", "note": "Brak sali", "note_uk": "Немає зали"},
        )

    assert not ProgrammePage.objects.filter(pk__in=[camp.pk, ukrainian.pk], live=True).exists()
    assert client.get(ukrainian.url).status_code == 404
    assert active(families) == 0
    bodies = {message.to[0]: message.body for message in mail.outbox}
    assert len(mail.outbox) == 2
    assert "Немає зали" in bodies["olena@example.com"]
    assert "Brak sali" in bodies["anna@example.com"]


def test_unpublishing_without_sign_ups_unpublishes_the_translations_too(
    admin_client, client, camp, ukrainian
):
    admin_client.post(unpublish_url(camp))

    assert not ProgrammePage.objects.get(pk=ukrainian.pk).live
    assert client.get(ukrainian.url).status_code == 404


def bulk_url(action, *pages):
    ids = "&".join(f"id={page.pk}" for page in pages)
    return reverse("wagtail_bulk_action", args=("wagtailcore", "page", action)) + "?" + ids


@pytest.mark.parametrize("action", ["delete", "unpublish"])
def test_bulk_actions_refuse_a_programme_people_signed_up_for(
    admin_client, camp, families, action
):
    response = admin_client.post(bulk_url(action, camp), follow=True)

    assert ProgrammePage.objects.filter(pk=camp.pk, live=True).exists()
    assert active(families) == 2
    assert camp.title in page_text(response)


def test_bulk_delete_takes_the_translations_along(admin_client, camp, ukrainian):
    admin_client.post(bulk_url("delete", camp))

    assert not Page.objects.filter(pk__in=[camp.pk, ukrainian.pk]).exists()


def test_deleting_the_calendar_above_signed_up_programmes_is_refused(
    admin_client, calendar_page, camp, families
):
    response = admin_client.post(delete_url(calendar_page), follow=True)

    assert Page.objects.filter(pk__in=[calendar_page.pk, camp.pk]).count() == 2
    assert active(families) == 2
    assert calendar_page.title in page_text(response)


def test_unpublishing_the_calendar_with_its_subpages_is_refused_while_people_are_signed_up(
    admin_client, calendar_page, camp, families
):
    response = admin_client.post(
        unpublish_url(calendar_page), {"include_descendants": "on"}, follow=True
    )

    assert ProgrammePage.objects.get(pk=camp.pk).live
    assert calendar_page.title in page_text(response)


def test_bulk_unpublishing_only_the_ukrainian_version_keeps_the_sign_ups(
    admin_client, client, camp, ukrainian, families
):
    admin_client.post(bulk_url("unpublish", ukrainian))

    assert not ProgrammePage.objects.get(pk=ukrainian.pk).live
    assert client.get(camp.url).status_code == 200
    assert active(families) == 2
