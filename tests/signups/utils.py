"""Helpers for tests of sign-ups: a child as the form passes it on, a sign-up through the
service, the address of a public sign-ups page in a language."""

import datetime
import uuid

from django.urls import reverse
from django.utils import timezone, translation

from signups import services
from signups.services import NewParticipant


def child(first_name, last_name="Kowalenko", age=8, **kwargs):
    """A child of `age` on the camp's first day, as the sign-up form would pass it on."""
    first_day = timezone.localdate() + datetime.timedelta(days=14)
    born = datetime.date(first_day.year - age, first_day.month, 1)
    return NewParticipant(first_name=first_name, last_name=last_name, birth_date=born, **kwargs)


def sign_up(session, *participants, email="olena@example.com", name="Olena Kowalenko", **kwargs):
    """Sign `participants` up through the service, as the public form does."""
    return services.sign_up(
        session=session,
        registrant=services.Registrant(name=name, email=email, language="uk"),
        participants=list(participants),
        data_consent_version="2026-01",
        submission_key=kwargs.pop("submission_key", uuid.uuid4()),
        page=session.page,
        **kwargs,
    )


def form_url(page, session):
    return f"/{page.locale.language_code}/sign-ups/session/{session.translation_key}/"


def birth_date(age):
    """A date of birth making a child `age` on the camp's first day (in 14 days)."""
    first_day = timezone.localdate() + datetime.timedelta(days=14)
    return datetime.date(first_day.year - age, first_day.month, 1).isoformat()


def form_data(*children, **fields):
    """What the form posts for `children` as (first name, last name, age)."""
    children = children or [("Iwan", "Kowalenko", 8)]
    data = {
        "name": "Olena Kowalenko",
        "email": "olena@example.com",
        "phone": "",
        "language": "uk",
        "data_consent": "on",
        "website": "",
        "submission_key": str(uuid.uuid4()),
        "participants-TOTAL_FORMS": str(len(children)),
        "participants-INITIAL_FORMS": "0",
        "participants-MIN_NUM_FORMS": "1",
        "participants-MAX_NUM_FORMS": "10",
    }
    for index, (first_name, last_name, age) in enumerate(children):
        data[f"participants-{index}-first_name"] = first_name
        data[f"participants-{index}-last_name"] = last_name
        data[f"participants-{index}-birth_date"] = birth_date(age) if age is not None else ""
    data.update(fields)
    return data


def born(age):
    """A date of birth making a child `age` on the camp's first day (as conftest.child)."""
    first_day = timezone.localdate() + datetime.timedelta(days=14)
    return datetime.date(first_day.year - age, first_day.month, 1)


def sign_up_data(*children, **registrant):
    """The staff sign-up form as sent: `children` as (first name, last name, date of birth)."""
    data = {
        "submission_key": str(uuid.uuid4()),
        "participants-TOTAL_FORMS": str(len(children)),
        "participants-INITIAL_FORMS": "0",
        "name": "Olena Kowalenko",
        "email": "olena@example.com",
        "phone": "+48 600 100 200",
        "language": "uk",
        "data_consent": "on",
        **registrant,
    }
    for index, (first_name, last_name, birth_date) in enumerate(children):
        data[f"participants-{index}-first_name"] = first_name
        data[f"participants-{index}-last_name"] = last_name
        data[f"participants-{index}-birth_date"] = birth_date.isoformat()
    return data


def url_in(language, name="signups:alert_subscribe", **kwargs):
    """The address of the page `name` (the alerts form by default) in `language`."""
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)
