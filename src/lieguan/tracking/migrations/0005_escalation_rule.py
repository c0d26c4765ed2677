# Escalation rules are data the secretariat edits; the defaults are put in after migrating (tracking.reminders.ensure_default_rules).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("tracking", "0004_report_on_behalf_of"),
    ]

    operations = [
        migrations.CreateModel(
            name="EscalationRule",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("tier", models.PositiveSmallIntegerField(unique=True, verbose_name="層級")),
                (
                    "condition",
                    models.CharField(
                        choices=[("overdue", "逾期達 N 個工作日"), ("no_report", "會議前 N 個工作日仍未填報辦理情形")],
                        default="overdue",
                        max_length=10,
                        verbose_name="條件",
                    ),
                ),
                ("working_days", models.PositiveIntegerField(verbose_name="工作日數")),
                ("recipients", models.JSONField(default=list, verbose_name="收件對象")),
                ("wording", models.CharField(max_length=300, verbose_name="稽催用語")),
                ("active", models.BooleanField(default=True, verbose_name="啟用")),
            ],
            options={"verbose_name": "稽催分級規則", "verbose_name_plural": "稽催分級規則", "ordering": ["tier"]},
        ),
    ]
