"""The full-text index itself, which differs by database: an FTS5 table on SQLite, a tsvector column on PostgreSQL.

Each backend gets only its own part (see lieguan/search/fulltext.py); the
statements are idempotent so that `lieguan search reindex` can restore them.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from lieguan.search.fulltext import install

    install(schema_editor.connection)


def backwards(apps, schema_editor):
    from lieguan.search.fulltext import uninstall

    uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
