"""The source version now lives in classes.AssignmentSource (copied there first)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("students", "0003_assignment_acknowledged_at_and_more"),
        ("classes", "0006_assignmentsource"),
    ]

    operations = [
        migrations.RemoveField(model_name="assignment", name="source_version"),
    ]
