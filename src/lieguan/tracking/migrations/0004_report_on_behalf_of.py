# A stand-in (職務代理人) reports for the agency; the report records for whom it was written.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0003_calendar_day_moved"),
        ("organisations", "0002_stand_in_and_heads"),
    ]

    operations = [
        migrations.AddField(
            model_name="progressreport",
            name="on_behalf_of",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="organisations.person",
                verbose_name="代理填報對象",
            ),
        ),
    ]
