"""Production settings: refuse to start without their secrets, pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cic_site.settings.production",
    "DJANGO_SECRET_KEY": "k3#9vQ!mZ2@rT8pL$wX5^bN7&cF1*hJ4(yG6)dS0_eU-aP+iO=",
    "DJANGO_ALLOWED_HOSTS": "cic.example.org",
    "DATABASE_URL": "postgres://cic@127.0.0.1:5432/cic",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "CIC_PUBLIC_URL": "https://cic.example.org",
}


def manage(*args, env):
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "CIC_PUBLIC_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_keep_the_content_security_policy_and_read_the_proxy_count():
    """production.py rebuilds MIDDLEWARE (for WhiteNoise): the CSP middleware must survive it."""
    script = (
        "from django.conf import settings; "
        "print(settings.CIC_TRUSTED_PROXY_COUNT, "
        "'cic_site.middleware.ContentSecurityPolicyMiddleware' in settings.MIDDLEWARE)"
    )

    result = manage(
        "shell",
        "--no-imports",
        "-c",
        script,
        env={**PRODUCTION_ENV, "CIC_TRUSTED_PROXY_COUNT": "1"},
    )

    assert result.stdout.split() == ["1", "True"], result.stderr


def test_production_settings_refuse_to_start_without_their_secrets():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "DJANGO_SECRET_KEY"}

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("public_url", "says"),
    [
        (None, "CIC_PUBLIC_URL"),
        ("http://cic.example.org", "https origin"),
        ("https://cic.example.org/pl/", "https origin"),
        ("https://cic.example.org:8443", "443"),
        ("https://www.example.com", "not in DJANGO_ALLOWED_HOSTS"),
    ],
)
def test_production_settings_refuse_to_start_without_one_https_public_address(public_url, says):
    """Every link in feeds and e-mails is built on it: a wrong one breaks them all."""
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "CIC_PUBLIC_URL"}
    if public_url:
        env["CIC_PUBLIC_URL"] = public_url

    result = manage("check", env=env)

    assert result.returncode != 0
    assert says in result.stderr


def test_production_admin_links_use_the_public_address():
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)",
        env=PRODUCTION_ENV,
    )

    assert result.stdout.strip() == "https://cic.example.org", result.stderr


def test_production_settings_refuse_sqlite():
    result = manage("check", env={**PRODUCTION_ENV, "DATABASE_URL": "sqlite:///db.sqlite3"})

    assert result.returncode != 0
    assert "PostgreSQL" in result.stderr


def test_sqlite_queues_writers_instead_of_failing_half_way(tmp_path, django_db_blocker):
    """A transaction takes SQLite's write lock when it begins (IMMEDIATE), so a second
    writer waits at BEGIN (here: gives up at once) instead of failing half-way through."""
    from django.db import OperationalError, connections, transaction
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from cic_site.settings.base import SQLITE_OPTIONS

    def connect(alias, timeout):
        settings_dict = {
            **connections["default"].settings_dict,
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(tmp_path / "db.sqlite3"),
            "OPTIONS": {**SQLITE_OPTIONS, "timeout": timeout},
        }
        connections[alias] = DatabaseWrapper(settings_dict, alias=alias)
        return connections[alias]

    first = connect("first_writer", timeout=5)
    connect("second_writer", timeout=0.1)
    try:
        django_db_blocker.unblock()
        with first.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("CREATE TABLE places (taken integer)")

        with transaction.atomic(using="first_writer"):
            try:
                with transaction.atomic(using="second_writer"):
                    raise AssertionError("a second transaction began while the first one wrote")
            except OperationalError as error:
                assert "locked" in str(error)
    finally:
        django_db_blocker.restore()
        for alias in ["first_writer", "second_writer"]:
            connections[alias].close()
            del connections[alias]
