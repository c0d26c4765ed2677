# MinutesCaseDecision is the meetings app's record of what the minutes say; whether tracking applied a
# decision is read from tracking's own CaseDecision rows (issue 12), so the flag it kept here goes.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="minutescasedecision",
            name="applied",
        ),
    ]
