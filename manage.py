#!/usr/bin/env python
"""Django's command-line utility. The project package is the folder site/,
imported as `cic_site` (mapped in pyproject.toml; `make` installs it)."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cic_site.settings.dev")

    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
