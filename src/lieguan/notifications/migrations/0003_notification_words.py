"""What a notification says, kept as message ids and parameters to word in the reader's language (issue 19).

Rows written before have none ({}) and are read as their stored subject and body.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0002_reminders_from_core'),
    ]

    operations = [
        migrations.AddField(
            model_name='notification',
            name='words',
            field=models.JSONField(blank=True, default=dict, editable=False, verbose_name='措辭'),
        ),
    ]
