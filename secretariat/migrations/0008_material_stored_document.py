"""Materials become stored documents: the content type is recorded; existing rows get it from their file name."""

from django.db import migrations, models

from council import uploads


def fill_stored_facts(apps, schema_editor):
    uploads.fill_stored_facts(apps.get_model("secretariat", "Material"), file_field="file")


class Migration(migrations.Migration):
    dependencies = [
        ("secretariat", "0007_meeting_day"),
    ]

    operations = [
        migrations.AddField(
            model_name="material",
            name="content_type",
            field=models.CharField(blank=True, max_length=100, verbose_name="content type"),
        ),
        migrations.AlterField(
            model_name="material",
            name="original_name",
            field=models.CharField(blank=True, max_length=200, verbose_name="file name"),
        ),
        migrations.AlterField(
            model_name="material",
            name="sha256",
            field=models.CharField(blank=True, max_length=64, verbose_name="SHA-256"),
        ),
        migrations.AlterField(
            model_name="material", name="size", field=models.PositiveBigIntegerField(default=0, verbose_name="size")
        ),
        migrations.RunPython(fill_stored_facts, migrations.RunPython.noop),
    ]
