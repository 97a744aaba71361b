#!/usr/bin/env python3
"""Django's command-line utility for the djbench reference app."""
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "djbench_app.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    # Django's command runner keeps a settings error aside and goes on, so a
    # bad DJBENCH_* value would surface later as an unrelated error (which one
    # depends on the order the system checks run in). Load the settings first
    # and stop with the message that names the variable.
    try:
        settings.INSTALLED_APPS
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"manage.py: the app's settings are not valid: {exc}\n")
        sys.exit(2)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
