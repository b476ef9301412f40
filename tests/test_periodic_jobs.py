"""
The periodic jobs a deployer copies from the README's crontab block, and Wagtail's
scheduled publishing, which only happens when one of those jobs runs.
"""

import datetime
import io
import re
from pathlib import Path
from unittest import mock

import pytest

from django.apps import apps
from django.conf import settings
from django.core.management import call_command, get_commands
from django.utils import timezone

from tests.home.factories import StandardPageFactory

README = Path(settings.BASE_DIR) / "README.md"

# The project's own commands that are run by hand, not by cron.
ONE_OFF_COMMANDS = {"seed_demo"}

# Commands of installed packages that the site needs run periodically.
PACKAGE_PERIODIC_COMMANDS = {
    "publish_scheduled",  # Wagtail: pages scheduled to go live or to expire
    "prune_db_task_results",  # django-tasks-db: old task results, mail errors included
}

CRON_LINE = re.compile(r"^(?P<schedule>(\S+\s+){5})(?P<command>.+)$")
MANAGE_PY = re.compile(r"manage\.py\s+(?P<name>[\w-]+)")


def project_commands():
    """Management commands defined in the project's own apps, not in its packages."""
    project_apps = {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(settings.BASE_DIR)
        and "site-packages" not in Path(config.path).parts
    }
    return {name for name, app in get_commands().items() if app in project_apps}


def needed_periodic_commands():
    return (project_commands() - ONE_OFF_COMMANDS) | PACKAGE_PERIODIC_COMMANDS


def readme_crontab():
    """The lines of the README's ```crontab block, comments left out."""
    blocks = re.findall(r"^\s*```crontab\n(.*?)^\s*```", README.read_text(), re.M | re.S)
    assert len(blocks) == 1, "the README has one crontab block for the deployer to copy"
    return [
        line.strip()
        for line in blocks[0].splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]


def readme_cron_jobs():
    """{command name: its cron schedule} as the README's crontab block gives them."""
    jobs = {}
    for line in readme_crontab():
        cron = CRON_LINE.match(line)
        assert cron, f"not a crontab line: {line!r}"
        command = MANAGE_PY.search(cron["command"])
        assert command, f"no manage.py command in: {line!r}"
        jobs[command["name"]] = cron["schedule"].split()
    return jobs


def test_the_readme_crontab_runs_every_command_the_site_needs_and_nothing_else():
    assert set(readme_cron_jobs()) == needed_periodic_commands()


def test_every_command_in_the_readme_crontab_exists():
    available = get_commands()
    missing = [name for name in readme_cron_jobs() if name not in available]
    assert missing == []


def test_the_needed_commands_are_found_in_our_apps():
    """A new command in one of our apps must go into the crontab or into ONE_OFF_COMMANDS."""
    assert project_commands() >= {
        "seed_demo",
        "expire_offers",
        "send_reminders",
        "apply_retention",
    }


def test_scheduled_pages_go_live_within_minutes():
    """Editors schedule to the minute; an hourly job would publish a page up to an hour late."""
    minute, hour, *_ = readme_cron_jobs()["publish_scheduled"]
    assert hour == "*"
    assert minute in {"*", "*/2", "*/5"}


@pytest.fixture
def later():
    """Run code as if it were `delta` from now (the job runs after the scheduled time)."""

    def later(delta):
        return mock.patch("django.utils.timezone.now", return_value=timezone.now() + delta)

    return later


def run_publish_scheduled():
    out = io.StringIO()
    call_command("publish_scheduled", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_a_page_scheduled_to_go_live_is_published_when_the_job_runs(client, home_page, later):
    page = StandardPageFactory(parent=home_page, title="Półkolonie zimowe", live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    assert client.get(page.url).status_code == 404

    with later(datetime.timedelta(hours=1, minutes=1)):
        run_publish_scheduled()

    response = client.get(page.url)
    assert response.status_code == 200
    assert "Półkolonie zimowe" in response.content.decode()


@pytest.mark.django_db
def test_a_page_scheduled_to_go_live_stays_hidden_until_its_time(client, home_page, later):
    page = StandardPageFactory(parent=home_page, title="Półkolonie zimowe", live=False)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()

    with later(datetime.timedelta(minutes=59)):
        run_publish_scheduled()

    assert client.get(page.url).status_code == 404


@pytest.mark.django_db
def test_a_page_past_its_expiry_date_is_taken_down_when_the_job_runs(client, home_page, later):
    page = StandardPageFactory(parent=home_page, title="Zapisy na wrzesień")
    page.expire_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()
    assert client.get(page.url).status_code == 200

    with later(datetime.timedelta(hours=1, minutes=1)):
        run_publish_scheduled()

    assert client.get(page.url).status_code == 404
