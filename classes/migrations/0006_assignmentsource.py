"""Which published version a home routine came from moves beside the plans: the roster
(students) keeps no reference to plans, so the apps depend one way (classes → students)."""

import django.db.models.deletion
from django.db import migrations, models


def copy_sources(apps, schema_editor):
    Assignment = apps.get_model("students", "Assignment")
    AssignmentSource = apps.get_model("classes", "AssignmentSource")
    AssignmentSource.objects.bulk_create(
        AssignmentSource(assignment_id=pk, version_id=version_id)
        for pk, version_id in Assignment.objects.values_list("pk", "source_version_id")
    )


def copy_back(apps, schema_editor):
    Assignment = apps.get_model("students", "Assignment")
    AssignmentSource = apps.get_model("classes", "AssignmentSource")
    for source in AssignmentSource.objects.all():
        Assignment.objects.filter(pk=source.assignment_id).update(
            source_version_id=source.version_id
        )


class Migration(migrations.Migration):
    dependencies = [
        ("classes", "0005_classplan_purpose_stepmodification"),
        ("students", "0003_assignment_acknowledged_at_and_more"),
    ]

    operations = [
        migrations.CreateModel(
            name="AssignmentSource",
            fields=[
                (
                    "assignment",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="source",
                        serialize=False,
                        to="students.assignment",
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="assignment_sources",
                        to="classes.planversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "source of a home routine",
                "verbose_name_plural": "sources of home routines",
                "ordering": ["assignment"],
            },
        ),
        migrations.RunPython(copy_sources, copy_back),
    ]
