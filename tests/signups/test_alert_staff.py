"""The staff side of alerts: how many families subscribed (Reports → Alert subscribers),
a subscription found, exported and erased on the Personal data page with the audit log
recording it, and subscriptions unused for two years told that they end, then deleted
unless kept."""

import datetime
import io
import json
import re
from urllib.parse import urlsplit

import pytest

from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation

from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from signups import alerts, tasks
from signups.models import AlertKind, AlertSubscription
from tests.events.utils import translated
from tests.signups.utils import child, sign_up, url_in
from tests.utils import links_in, page_text, staff_user, translated_plural, translated_text

pytestmark = pytest.mark.django_db

EMAIL = "olena@example.com"
STATISTICS = reverse("sign_up_reports:alert_statistics")
PERSONAL_DATA = "/admin/personal-data/"
AUDIT_LOG = reverse("sign_up_reports:audit_log")
TWO_YEARS = datetime.timedelta(days=alerts.INACTIVE_DAYS)


def subscribe(email, *, language="pl", centres=(), kinds=(), confirmed=True):
    return AlertSubscription.objects.create(
        email=email,
        language=language,
        centres=[str(centre.translation_key) for centre in centres],
        kinds=list(kinds),
        confirmed_at=timezone.now() if confirmed else None,
    )


def counts(response):
    """The rows of the page's tables, as {(caption, label): count}."""
    found = {}
    for table in re.findall(r"<table.*?</table>", response.content.decode(), re.S):
        caption = re.search(r"<caption[^>]*>(.*?)</caption>", table, re.S).group(1).strip()
        for label, count in re.findall(r'<th scope="row">(.*?)</th><td>(\d+)</td>', table, re.S):
            found[caption, label.strip()] = int(count)
    return found


# Alert subscribers, under Reports.


@pytest.fixture
def subscribers(kalisz, confirmed):
    """Three confirmed subscriptions (one the Ukrainian family's, CIC Kalisz and camps),
    one for everything and one for two kinds at Kalisz, and a request not confirmed."""
    subscribe("all@example.com", language="ru")
    subscribe("two@example.com", centres=[kalisz], kinds=[AlertKind.CAMPS, AlertKind.EVENTS])
    subscribe("new@example.com", language="en", kinds=[AlertKind.COURSES], confirmed=False)


def test_staff_see_the_confirmed_subscribers_per_centre_kind_and_language(
    coordinator_client, subscribers
):
    response = coordinator_client.get(STATISTICS)

    assert response.status_code == 200
    found = counts(response)
    per_centre, per_kind, per_language = (
        translated_text(name)
        for name in ["Per centre", "Per kind of activity", "Per language of the e-mails"]
    )
    assert found[per_centre, translated_text("All centres")] == 1
    assert found[per_centre, "CIC Kalisz"] == 2
    assert found[per_kind, translated_text("All kinds of activity")] == 1
    assert found[per_kind, str(AlertKind.CAMPS.label)] == 2
    assert found[per_kind, str(AlertKind.EVENTS.label)] == 1
    assert found[per_kind, str(AlertKind.COURSES.label)] == 0
    with translation.override("pl"):
        languages = {
            code: translation.get_language_info(code)["name_translated"]
            for code in ["pl", "uk", "ru", "en"]
        }
    assert [found[per_language, languages[code]] for code in ["pl", "uk", "ru", "en"]] == [
        1,
        1,
        1,
        0,
    ]


def test_the_page_says_how_many_await_confirmation(coordinator_client, subscribers):
    text = page_text(coordinator_client.get(STATISTICS))

    with translation.override("pl"):
        confirmed = translation.ngettext(
            "%(counter)s confirmed subscription", "%(counter)s confirmed subscriptions", 3
        ) % {"counter": 3}
        waiting = translation.ngettext(
            "%(counter)s request awaiting confirmation",
            "%(counter)s requests awaiting confirmation",
            1,
        ) % {"counter": 1}
    assert confirmed in text and waiting in text


def test_no_address_is_on_the_page(coordinator_client, subscribers):
    text = page_text(coordinator_client.get(STATISTICS))

    for address in [EMAIL, "all@example.com", "two@example.com", "new@example.com"]:
        assert address not in text
        assert address.split("@")[0] + "@" not in text


def test_centres_are_named_in_the_admin_user_s_language(
    client, django_user_model, kalisz, locales, confirmed
):
    page = translated(kalisz, locales["uk"])
    page.title = "ЦІК Каліш"
    page.save_revision().publish()
    user = staff_user(django_user_model, "coordinator", "events.view_participants")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "uk"
    profile.save()
    client.force_login(user)

    found = counts(client.get(STATISTICS))

    assert found[translated_text("Per centre", "uk"), "ЦІК Каліш"] == 1
    assert "CIC Kalisz" not in {label for _caption, label in found}


def test_the_reports_menu_leads_there(coordinator_client, subscribers):
    response = coordinator_client.get(reverse("wagtailadmin_home"))

    assert STATISTICS in response.content.decode()


def test_staff_who_may_not_see_sign_ups_are_refused(editor_client, subscribers):
    response = editor_client.get(STATISTICS)

    assert response.status_code == 403
    assert translated_text("Can see who signed up") in page_text(response)
    assert STATISTICS not in page_text(editor_client.get(reverse("wagtailadmin_home")))


def test_the_page_costs_the_same_queries_with_5_subscribers_as_with_50(coordinator_client, kalisz):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert coordinator_client.get(STATISTICS).status_code == 200
        return len(captured)

    def add(numbers):
        for number in numbers:
            subscribe(f"{number}@example.com", centres=[kalisz], kinds=[AlertKind.CAMPS])

    add(range(5))
    coordinator_client.get(STATISTICS)  # what the admin caches per process read once
    five = queries()
    add(range(5, 50))

    assert queries() == five


# The Personal data page.


@pytest.fixture
def data_officer_client(client, django_user_model):
    """A data-protection officer, who may also read the audit log."""
    client.force_login(
        staff_user(
            django_user_model,
            "data-officer",
            "signups.manage_personal_data",
            "events.view_participants",
        )
    )
    return client


def test_staff_find_the_alert_subscription_of_an_address_whatever_its_case(
    data_officer_client, confirmed
):
    response = data_officer_client.post(PERSONAL_DATA, {"email": EMAIL.upper(), "action": "find"})

    text = page_text(response)
    assert response.status_code == 200
    assert translated_text("Alerts about sign-ups") in text
    assert "CIC Kalisz" in text and str(AlertKind.CAMPS.label) in text
    assert (
        translated_text("No sign-up was made with this address, or its data was erased already.")
        in text
    )
    assert translated_text("Delete the alert subscription") in text


def test_an_address_without_alerts_says_so(data_officer_client, camp_session):
    sign_up(camp_session, child("Maksym"), email="anna@example.com")

    response = data_officer_client.post(
        PERSONAL_DATA, {"email": "anna@example.com", "action": "find"}
    )

    assert translated_text("This address has no alert subscription.") in page_text(response)


def test_the_export_has_the_subscription_s_choices_and_dates_but_not_its_link(
    data_officer_client, confirmed
):
    response = data_officer_client.post(PERSONAL_DATA, {"email": EMAIL, "action": "json"})

    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["registrations"] == []
    exported = data["alert_subscription"]
    assert exported["email"] == EMAIL
    assert exported["language"] == "uk"
    assert exported["centres"] == ["CIC Kalisz"]
    with translation.override("uk"):
        assert exported["kinds"] == [str(AlertKind.CAMPS.label)]
    assert exported["confirmed"] is True
    assert exported["confirmed_at"] == confirmed.confirmed_at.isoformat()
    assert exported["requested_at"] == confirmed.created_at.isoformat()
    assert confirmed.token not in response.content.decode()


def test_erasing_an_address_deletes_its_sign_ups_data_and_its_subscription(
    data_officer_client, camp_session, confirmed
):
    registration = sign_up(camp_session, child("Maksym"), email=EMAIL)

    response = data_officer_client.post(
        PERSONAL_DATA, {"email": EMAIL, "action": "erase", "confirm": "on"}
    )

    assert response.status_code == 200
    assert not AlertSubscription.objects.exists()
    registration.refresh_from_db()
    assert registration.email == ""
    assert translated_text("The alert subscription was deleted.") in page_text(response)


def test_a_subscription_is_erased_on_its_own_when_the_address_made_no_sign_up(
    data_officer_client, confirmed
):
    response = data_officer_client.post(
        PERSONAL_DATA, {"email": EMAIL, "action": "erase", "confirm": "on"}
    )

    assert response.status_code == 200
    assert not AlertSubscription.objects.exists()
    text = page_text(response)
    assert translated_text("The alert subscription was deleted.") in text
    assert (
        translated_plural("%(count)s sign-up erased.", "%(count)s sign-ups erased.", 0, count=0)
        not in text
    )


def test_erasing_a_subscription_needs_the_confirmation(data_officer_client, confirmed):
    response = data_officer_client.post(PERSONAL_DATA, {"email": EMAIL, "action": "erase"})

    assert response.status_code == 400
    assert AlertSubscription.objects.exists()


@pytest.mark.parametrize(
    "action, logged",
    [
        ("find", "events.view_alert_subscription"),
        ("json", "events.export_alert_subscription"),
        ("erase", "events.erase_alert_subscription"),
    ],
)
def test_the_audit_log_shows_who_found_exported_and_erased_a_subscription_without_the_address(
    data_officer_client, confirmed, action, logged
):
    data_officer_client.post(PERSONAL_DATA, {"email": EMAIL, "action": action, "confirm": "on"})

    [entry] = ModelLogEntry.objects.filter(action=logged)
    assert entry.user.username == "data-officer"
    assert entry.object_id == str(confirmed.pk)
    assert EMAIL not in json.dumps(entry.data) and EMAIL not in entry.label
    log = page_text(data_officer_client.get(AUDIT_LOG))
    assert translated_text("Alert subscription %(number)s", number=confirmed.pk) in log
    assert EMAIL not in log


# Retention: unused for two years, told, then deleted unless kept.


@pytest.fixture
def unused(confirmed):
    """The Ukrainian family's alerts, confirmed and not used since two years and a day."""
    AlertSubscription.objects.filter(pk=confirmed.pk).update(
        last_activity_at=timezone.now() - TWO_YEARS - datetime.timedelta(days=1)
    )
    confirmed.refresh_from_db()
    return confirmed


@pytest.fixture
def run_retention(committed):
    """Run the daily job as of `now`, the e-mails it queues sent."""

    def run(now=None):
        with committed():
            return alerts.apply_alert_retention(now=now)

    return run


def test_alerts_unused_for_two_years_are_told_once_in_their_language(
    unused, run_retention, mailoutbox
):
    run_retention()
    run_retention()

    [mail] = mailoutbox
    assert mail.to == [EMAIL]
    assert mail.subject == translated_text("Your alerts about sign-ups will end soon", "uk")
    unused.refresh_from_db()
    with translation.override("uk"):
        ends = formats.date_format(timezone.localtime(unused.retention_ends_at), "DATE_FORMAT")
    assert ends in mail.body
    assert unused.retention_ends_at - unused.retention_notice_at == datetime.timedelta(days=30)
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_alerts_used_within_two_years_or_never_confirmed_are_not_told(
    confirmed, run_retention, mailoutbox
):
    AlertSubscription.objects.filter(pk=confirmed.pk).update(
        last_activity_at=timezone.now() - TWO_YEARS + datetime.timedelta(days=1)
    )
    AlertSubscription.objects.create(
        email="new@example.com",
        language="pl",
        last_activity_at=timezone.now() - TWO_YEARS - datetime.timedelta(days=1),
    )

    assert run_retention() == (0, 0)
    assert not mailoutbox


def test_the_notice_s_link_opens_the_page_whose_button_keeps_the_alerts(
    unused, run_retention, mailoutbox
):
    run_retention()
    [manage_link] = [
        url for url in links_in(mailoutbox[0]) if "/unsubscribe/" not in urlsplit(url).path
    ]
    client = Client(enforce_csrf_checks=True)

    page = client.get(urlsplit(manage_link).path)

    assert page.status_code == 200
    assert '<html lang="uk">' in page.content.decode()
    assert translated_text("Keep my alerts", "uk") in page_text(page)
    token = client.cookies["csrftoken"].value
    response = client.post(
        url_in("uk", "signups:alert_keep", token=unused.token), {"csrfmiddlewaretoken": token}
    )
    assert response.status_code == 303
    assert translated_text("Your alerts are kept.", "uk") in page_text(
        client.get(response["Location"])
    )
    unused.refresh_from_db()
    assert unused.retention_notice_at is None
    assert timezone.now() - unused.last_activity_at < datetime.timedelta(minutes=1)


def test_the_keep_button_needs_the_csrf_token(unused, run_retention):
    run_retention()
    client = Client(enforce_csrf_checks=True)

    response = client.post(url_in("uk", "signups:alert_keep", token=unused.token))

    assert response.status_code == 403
    unused.refresh_from_db()
    assert unused.retention_notice_at is not None


def test_alerts_not_kept_are_deleted_30_days_after_the_notice(unused, run_retention):
    run_retention()
    noticed_at = AlertSubscription.objects.get().retention_notice_at

    assert run_retention(now=noticed_at + datetime.timedelta(days=29)).deleted == 0
    assert run_retention(now=noticed_at + datetime.timedelta(days=30)).deleted == 1
    assert not AlertSubscription.objects.exists()


def test_alerts_kept_are_not_deleted(client, unused, run_retention, mailoutbox):
    run_retention()
    noticed_at = AlertSubscription.objects.get().retention_notice_at

    client.post(url_in("uk", "signups:alert_keep", token=unused.token))

    later = noticed_at + datetime.timedelta(days=31)
    assert run_retention(now=later) == (0, 0)
    assert AlertSubscription.objects.exists()
    assert len(mailoutbox) == 1


def test_changing_the_choices_counts_as_keeping_them(client, unused, run_retention):
    run_retention()

    client.post(
        url_in("uk", "signups:alert_manage", token=unused.token),
        {"language": "uk", "kinds": [AlertKind.EVENTS], "min_age": "", "max_age": ""},
    )

    unused.refresh_from_db()
    assert unused.retention_notice_at is None
    assert run_retention(now=timezone.now() + datetime.timedelta(days=31)) == (0, 0)


def test_the_private_page_says_nothing_of_ending_before_the_notice(client, confirmed):
    page = client.get(url_in("uk", "signups:alert_manage", token=confirmed.token))

    assert translated_text("Keep my alerts", "uk") not in page_text(page)


def test_the_daily_task_and_command_tell_the_unused_alerts(unused, committed, mailoutbox):
    with committed():
        tasks.apply_retention.enqueue()

    assert len(mailoutbox) == 1
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert "0 unused alert subscription(s) were told they will end" in out.getvalue()


def test_the_command_s_dry_run_tells_and_deletes_nothing(unused, committed, mailoutbox):
    out = io.StringIO()

    with committed():
        call_command("apply_retention", "--dry-run", stdout=out)

    assert "1 unused alert subscription(s) would be told they will end" in out.getvalue()
    assert not mailoutbox
    unused.refresh_from_db()
    assert unused.retention_notice_at is None


def test_a_notice_still_queued_when_the_family_keeps_its_alerts_is_not_sent(
    unused, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks() as queued:
        alerts.apply_alert_retention()
    alerts.keep_alerts(subscription=unused)

    for send in queued:
        send()

    assert mailoutbox == []
