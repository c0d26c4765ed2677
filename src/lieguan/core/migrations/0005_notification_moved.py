"""core.Notification is gone: its rows moved to notifications.Notification (notifications/0002)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_submission_token"),
        ("notifications", "0002_reminders_from_core"),
    ]

    operations = [migrations.DeleteModel(name="Notification")]
