"""Django configured once for the probe's tests that need it: an in-memory
SQLite database and the small trace app."""
import os

import django
from django.conf import settings

HERE = os.path.dirname(os.path.abspath(__file__))

if not settings.configured:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="probe-tests",
        ALLOWED_HOSTS=["testserver"],
        INSTALLED_APPS=["django.contrib.contenttypes", "djbench_probe", "tests.traceapp"],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [],
                "APP_DIRS": True,
            }
        ],
        MIDDLEWARE=[],
        USE_TZ=True,
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
    )
    django.setup()


def create_tables():
    """The trace app's tables, once per process."""
    from django.db import connection

    from tests.traceapp.models import Author, Book, Genre, Review

    if "traceapp_book" in connection.introspection.table_names():
        return
    with connection.schema_editor() as editor:
        for model in (Author, Genre, Book, Review):
            editor.create_model(model)
