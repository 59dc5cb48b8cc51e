"""A proposal's justification note becomes a stored document: its name column is ``original_name`` (data
kept), and it gains SHA-256, size, pages and content type, filled for existing rows from their stored files."""

from django.db import migrations, models

from council import uploads


def fill_stored_facts(apps, schema_editor):
    uploads.fill_stored_facts(apps.get_model("plans", "Proposal"), file_field="justification_file")


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_plan_item_version"),
    ]

    operations = [
        migrations.RenameField(model_name="proposal", old_name="justification_name", new_name="original_name"),
        migrations.RenameField(
            model_name="historicalproposal", old_name="justification_name", new_name="original_name"
        ),
        migrations.AddField(
            model_name="proposal",
            name="content_type",
            field=models.CharField(blank=True, max_length=100, verbose_name="content type"),
        ),
        migrations.AddField(
            model_name="proposal",
            name="pages",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="pages"),
        ),
        migrations.AddField(
            model_name="proposal",
            name="sha256",
            field=models.CharField(blank=True, max_length=64, verbose_name="SHA-256"),
        ),
        migrations.AddField(
            model_name="proposal", name="size", field=models.PositiveBigIntegerField(default=0, verbose_name="size")
        ),
        migrations.AddField(
            model_name="historicalproposal",
            name="content_type",
            field=models.CharField(blank=True, max_length=100, verbose_name="content type"),
        ),
        migrations.AddField(
            model_name="historicalproposal",
            name="pages",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="pages"),
        ),
        migrations.AddField(
            model_name="historicalproposal",
            name="sha256",
            field=models.CharField(blank=True, max_length=64, verbose_name="SHA-256"),
        ),
        migrations.AddField(
            model_name="historicalproposal",
            name="size",
            field=models.PositiveBigIntegerField(default=0, verbose_name="size"),
        ),
        migrations.AlterField(
            model_name="proposal",
            name="original_name",
            field=models.CharField(blank=True, max_length=200, verbose_name="file name"),
        ),
        migrations.AlterField(
            model_name="historicalproposal",
            name="original_name",
            field=models.CharField(blank=True, max_length=200, verbose_name="file name"),
        ),
        migrations.RunPython(fill_stored_facts, migrations.RunPython.noop),
    ]
