# CalendarDay now belongs to core (core 0003 takes over the same table); tracking only forgets it.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0002_case_incomplete"),
        ("core", "0003_calendar_day"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="CalendarDay")],
            database_operations=[],
        ),
    ]
