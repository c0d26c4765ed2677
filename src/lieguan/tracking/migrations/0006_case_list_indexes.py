# The case list sorts and pages in SQL: the number's parts as sortable columns (backfilled here), and indexes
# for the common filters (open cases; one agency's open parts; deadline and opening date).

import re

from django.db import migrations, models

BATCH = 2000


def _as_int(part):
    return int(part) if part.isdecimal() and len(part) < 18 else None


def number_parts(number):
    # A frozen copy of tracking.models.number_parts as it was when this migration was written.
    raw = re.split(r"[-－]", number.strip())
    parts = [_as_int(p) for p in raw]
    prefix = raw[0][:30] if parts[0] is None else ""
    return parts[0], prefix, parts[1] if len(parts) > 1 else -1


def backfill(apps, schema_editor):
    TrackedCase = apps.get_model("tracking", "TrackedCase")
    last = 0
    while True:
        rows = list(TrackedCase.objects.filter(pk__gt=last).order_by("pk").only("pk", "number")[:BATCH])
        if not rows:
            return
        for case in rows:
            case.number_session, case.number_prefix, case.number_item = number_parts(case.number)
        TrackedCase.objects.bulk_update(rows, ["number_session", "number_prefix", "number_item"])
        last = rows[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0003_cutoff_working_days"),
        ("organisations", "0003_succession"),
        ("tracking", "0005_escalation_rule"),
    ]

    operations = [
        migrations.AddField(
            model_name="trackedcase",
            name="number_item",
            field=models.BigIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="trackedcase",
            name="number_session",
            field=models.BigIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="trackedcase",
            name="number_prefix",
            field=models.CharField(blank=True, default="", editable=False, max_length=30),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="assignment",
            index=models.Index(fields=["organisation", "status", "case"], name="assignment_org_status_case"),
        ),
        migrations.AddIndex(
            model_name="trackedcase",
            index=models.Index(
                fields=["status", "series", "number_session", "number_prefix", "number_item"], name="case_status_series_number"
            ),
        ),
        migrations.AddIndex(
            model_name="trackedcase",
            index=models.Index(fields=["status", "opened_on"], name="case_status_opened"),
        ),
        migrations.AddIndex(
            model_name="trackedcase",
            index=models.Index(fields=["id", "status"], name="case_id_status"),
        ),
    ]
