"""
The demo's texts, kept as data so that an editor or a translator changes them
without reading Python.

- ``content/site.json``: the Polish pages, centres, news, footer, consent texts
  and site settings, taken from the centres' public pages (../shared/seeds/).
  People's names and personal phone numbers from the seeds are left out on
  purpose. Where the seeds do not say (postcodes, which weekday a centre stays
  open late, the Opole centre's e-mail), the field is blank or illustrative.
  A page's ``body`` is a list of Wagtail StreamField blocks, ``{"type": ...,
  "value": ...}``; times are "HH:MM", dates ISO "YYYY-MM-DD"; a centre's
  ``late_day`` is the weekday (0 is Monday) it stays open until the
  ``late_day`` hours.
- ``content/calendar.json``: the calendar's categories, venues, programmes
  and the families signed up for a camp; its dates are read by calendar.py.
- ``locale/<lang>/LC_MESSAGES/demo.po`` (uk, ru, en): the translations, msgid
  the Polish text exactly as wagtail-localize segments it (one paragraph, list
  item, title or field), msgstr its translation. They are the demo's content,
  not interface strings: read here with polib, never compiled, and kept out of
  ``make messages`` (the Makefile ignores demo/locale).
"""

import json
from pathlib import Path

import polib

HERE = Path(__file__).resolve().parent
LANGUAGES = ["uk", "ru", "en"]


def load(name):
    """The JSON file `name` of content/."""
    return json.loads((HERE / "content" / name).read_text(encoding="utf-8"))


def catalogue_path(language):
    return HERE / "locale" / language / "LC_MESSAGES" / "demo.po"


def load_translations():
    """{language: {Polish text: translation}}, from each language's demo.po."""
    return {
        language: {
            entry.msgid: entry.msgstr
            for entry in polib.pofile(str(catalogue_path(language)))
            if entry.msgstr and not entry.obsolete and "fuzzy" not in entry.flags
        }
        for language in LANGUAGES
    }


SITE = load("site.json")
TRANSLATIONS = load_translations()
