"""Helpers for tests of sign-ups: a child as the form passes it on, a sign-up through the service."""

import datetime
import uuid

from django.utils import timezone

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
