"""events/migrations: data the calendar already holds, carried over as the models change."""

import importlib

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from events.models import Session
from tests.events.utils import translated

# The migration state is changed and put back; the data the migrations made stays.
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.slow]

CANCELLED_SESSIONS = ("events", "0015_cancelled_sessions")


def migrate(target):
    """Migrate the test database to `target` (app, name); the models as they were then."""
    executor = MigrationExecutor(connection)
    executor.migrate([target])
    executor.loader.build_graph()
    return executor.loader.project_state([target]).apps


@pytest.fixture(autouse=True)
def back_to_the_latest_migrations():
    """Every test ends with the database migrated to the end again: the tests after it
    (in this process) need the tables of later migrations."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_session_cancelled_by_its_status_becomes_a_cancelled_session(camp, locales):
    """0015: one CancelledSession per session, with each language's own note, and the
    rows' status back to scheduled."""
    ukrainian = translated(camp, locales["uk"])
    english = translated(camp, locales["en"])
    key = camp.sessions.get().translation_key
    [before] = [
        dependency
        for dependency in importlib.import_module(
            "events.migrations." + CANCELLED_SESSIONS[1]
        ).Migration.dependencies
        if dependency[0] == "events"
    ]
    old = migrate(before)
    rows = old.get_model("events", "Session").objects.filter(translation_key=key)
    rows.update(status="cancelled")
    rows.filter(page=camp.pk).update(status_note="Remont sali")
    rows.filter(page=ukrainian.pk).update(status_note="Ремонт зали")
    # Nobody translated the English note: wagtail-localize copied the Polish words.
    rows.filter(page=english.pk).update(status_note="Remont sali")

    new = migrate(CANCELLED_SESSIONS)

    [cancellation] = new.get_model("events", "CancelledSession").objects.all()
    assert cancellation.session_key == key
    assert (cancellation.note, cancellation.note_translations) == (
        "Remont sali",
        {"uk": "Ремонт зали"},
    )
    assert set(Session.objects.filter(translation_key=key).values_list("status", flat=True)) == {
        "scheduled"
    }
    assert all(session.is_cancelled for session in Session.objects.filter(translation_key=key))
