"""The reminders' in-app notifications, kept by core before this app existed, move here: one inbox for all."""

from django.db import migrations


def move(apps, schema_editor):
    Old = apps.get_model("core", "Notification")
    New = apps.get_model("notifications", "Notification")
    batch = []
    for old in Old.objects.order_by("pk").iterator(chunk_size=2000):
        batch.append(
            New(
                user_id=old.user_id,
                kind="reminder.digest",
                # Told before, under the old table's id: never told again.
                key=f"core-notification:{old.pk}",
                subject=old.subject,
                body=old.body,
                link=old.link,
                created=old.created,
                in_app=True,
                read_at=old.read_at,
            )
        )
        if len(batch) >= 2000:
            New.objects.bulk_create(batch)
            batch = []
    New.objects.bulk_create(batch)


def back(apps, schema_editor):
    Old = apps.get_model("core", "Notification")
    New = apps.get_model("notifications", "Notification")
    for new in New.objects.filter(kind="reminder.digest", user__isnull=False, in_app=True).iterator():
        Old.objects.create(user_id=new.user_id, subject=new.subject, body=new.body, link=new.link, read_at=new.read_at)
    New.objects.filter(kind="reminder.digest").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_notifications_and_preferences"),
        ("core", "0004_submission_token"),
    ]

    operations = [migrations.RunPython(move, back)]
