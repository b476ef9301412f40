"""Every interface string is translated into pl, uk, ru and en, and the catalogues are current."""

import shutil
from pathlib import Path

import polib
import pytest

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

PROJECT_DIR = Path(__file__).resolve().parent.parent
LANGUAGES = [code for code, _name in settings.LANGUAGES]
SOURCE_DIRS = ["site", "home", "events", "workshops", "signups"]


def catalogue(code):
    return polib.pofile(str(PROJECT_DIR / "locale" / code / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_is_completely_translated(code):
    po = catalogue(code)

    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert len(po) > 0
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_keeps_the_placeholders_of_every_string(code):
    """A translation that drops or renames %(name)s or {{ name }} breaks the page."""
    import re

    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\{\s*\w+\s*\}\}")
    for entry in catalogue(code).translated_entries():
        expected = sorted(placeholder.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            found = sorted(placeholder.findall(translation))
            if entry.msgid_plural:
                assert set(found) <= set(expected + placeholder.findall(entry.msgid_plural))
            else:
                assert found == expected, entry.msgid


def test_catalogues_contain_every_string_in_the_code(tmp_path, monkeypatch):
    """makemessages on a copy of the code finds no string missing from locale/."""
    for name in SOURCE_DIRS:
        shutil.copytree(
            PROJECT_DIR / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    (tmp_path / "locale").mkdir()
    monkeypatch.chdir(tmp_path)

    with override_settings(LOCALE_PATHS=[tmp_path / "locale"]):
        call_command("makemessages", locale=["en"], no_location=True, verbosity=0)

    extracted = {
        entry.msgid
        for entry in polib.pofile(str(tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    }
    committed = {entry.msgid for entry in catalogue("en")}
    assert sorted(extracted - committed) == []
