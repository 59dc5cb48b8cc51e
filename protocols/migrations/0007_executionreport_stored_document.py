"""Execution reports become stored documents: size, pages and content type; existing rows are filled from
their stored files."""

from django.db import migrations, models

from council import uploads


def fill_stored_facts(apps, schema_editor):
    uploads.fill_stored_facts(apps.get_model("protocols", "ExecutionReport"), file_field="file")


class Migration(migrations.Migration):
    dependencies = [
        ("protocols", "0006_item_and_decision_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="executionreport",
            name="content_type",
            field=models.CharField(blank=True, max_length=100, verbose_name="content type"),
        ),
        migrations.AddField(
            model_name="executionreport",
            name="pages",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="pages"),
        ),
        migrations.AddField(
            model_name="executionreport",
            name="size",
            field=models.PositiveBigIntegerField(default=0, verbose_name="size"),
        ),
        migrations.RunPython(fill_stored_facts, migrations.RunPython.noop),
    ]
