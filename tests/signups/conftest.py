"""Fixtures shared by the tests of sign-ups and alerts."""

import pytest

from django.utils import timezone

from signups.models import AlertKind, AlertSubscription


@pytest.fixture
def confirmed(kalisz):
    """A Ukrainian-speaking family's confirmed alerts about camps at CIC Kalisz."""
    return AlertSubscription.objects.create(
        email="olena@example.com",
        language="uk",
        kinds=[AlertKind.CAMPS],
        centres=[str(kalisz.translation_key)],
        confirmed_at=timezone.now(),
    )
