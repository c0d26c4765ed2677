# The upload cut-off is counted in working days instead of hours (issue 12, point 10).
# Existing series keep about the same notice: 48 hours become 2 working days.

from django.db import migrations, models


def hours_to_days(apps, schema_editor):
    MeetingSeries = apps.get_model("meetings", "MeetingSeries")
    for series in MeetingSeries.objects.all():
        series.material_cutoff_days = (series.material_cutoff_hours + 23) // 24
        series.save(update_fields=["material_cutoff_days"])


def days_to_hours(apps, schema_editor):
    MeetingSeries = apps.get_model("meetings", "MeetingSeries")
    for series in MeetingSeries.objects.all():
        series.material_cutoff_hours = series.material_cutoff_days * 24
        series.save(update_fields=["material_cutoff_hours"])


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0002_minutes_decision_without_applied"),
    ]

    operations = [
        migrations.AddField(
            model_name="meetingseries",
            name="material_cutoff_days",
            field=models.PositiveSmallIntegerField(default=2, verbose_name="資料上傳截止（會前工作日數）"),
        ),
        migrations.RunPython(hours_to_days, days_to_hours),
        migrations.RemoveField(model_name="meetingseries", name="material_cutoff_hours"),
    ]
