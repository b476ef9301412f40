"""A database too busy to answer gives 503 with a retry hint, never a server error."""

from unittest import mock

import pytest

from django.db import OperationalError

from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_a_locked_sqlite_database_answers_503_with_retry_after(client, home_page):
    with mock.patch.object(HomePage, "serve", side_effect=OperationalError("database is locked")):
        response = client.get("/uk/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert '<html lang="uk">' in response.content.decode()


def test_a_postgresql_deadlock_answers_503(client, home_page):
    class DeadlockDetected(Exception):
        sqlstate = "40P01"  # as psycopg's errors.DeadlockDetected

    deadlock = OperationalError("deadlock detected")
    deadlock.__cause__ = DeadlockDetected()

    with mock.patch.object(HomePage, "serve", side_effect=deadlock):
        response = client.get("/pl/")

    assert response.status_code == 503


def test_other_database_errors_are_not_hidden(client, home_page):
    client.raise_request_exception = True

    with (
        mock.patch.object(HomePage, "serve", side_effect=OperationalError("no such table")),
        pytest.raises(OperationalError),
    ):
        client.get("/pl/")
