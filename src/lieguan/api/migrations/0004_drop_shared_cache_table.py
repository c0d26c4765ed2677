"""The rate-limit counters moved to ``RateCounter`` (0003): the database cache's table holds nothing any more."""

from django.db import migrations


def drop_cache_table(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name('lieguan_cache')}")


class Migration(migrations.Migration):
    dependencies = [("api", "0003_rate_counter")]

    # Going back, 0002 creates the table again for a database cache configured then.
    operations = [migrations.RunPython(drop_cache_table, migrations.RunPython.noop)]
