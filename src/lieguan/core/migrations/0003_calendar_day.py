# CalendarDay moves from tracking to core: the state changes owner, the table stays
# where tracking created it (tracking_calendarday), so no row is copied.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_audit_append_only"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CalendarDay",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("date", models.DateField(unique=True, verbose_name="日期")),
                        ("working", models.BooleanField(verbose_name="上班日")),
                        ("note", models.CharField(blank=True, max_length=100, verbose_name="說明")),
                    ],
                    options={
                        "verbose_name": "行事曆調整",
                        "verbose_name_plural": "行事曆調整",
                        "ordering": ["date"],
                        "db_table": "tracking_calendarday",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
