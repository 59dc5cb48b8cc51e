"""An approval's document becomes a stored document: ``document_name`` and ``document_sha256`` are renamed
``original_name`` and ``sha256`` (data kept); size, pages and content type are added and filled for existing
rows from their stored files."""

from django.db import migrations, models

from council import uploads


def fill_stored_facts(apps, schema_editor):
    uploads.fill_stored_facts(apps.get_model("territorial", "Approval"), file_field="document")


class Migration(migrations.Migration):
    dependencies = [
        ("territorial", "0002_alter_approvalstep_actor_alter_approvalstep_at_and_more"),
    ]

    operations = [
        migrations.RenameField(model_name="approval", old_name="document_name", new_name="original_name"),
        migrations.RenameField(model_name="approval", old_name="document_sha256", new_name="sha256"),
        migrations.RenameField(model_name="historicalapproval", old_name="document_name", new_name="original_name"),
        migrations.RenameField(model_name="historicalapproval", old_name="document_sha256", new_name="sha256"),
        migrations.AddField(
            model_name="approval",
            name="content_type",
            field=models.CharField(blank=True, max_length=100, verbose_name="content type"),
        ),
        migrations.AddField(
            model_name="approval",
            name="pages",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="pages"),
        ),
        migrations.AddField(
            model_name="approval", name="size", field=models.PositiveBigIntegerField(default=0, verbose_name="size")
        ),
        migrations.AddField(
            model_name="historicalapproval",
            name="content_type",
            field=models.CharField(blank=True, max_length=100, verbose_name="content type"),
        ),
        migrations.AddField(
            model_name="historicalapproval",
            name="pages",
            field=models.PositiveIntegerField(blank=True, null=True, verbose_name="pages"),
        ),
        migrations.AddField(
            model_name="historicalapproval",
            name="size",
            field=models.PositiveBigIntegerField(default=0, verbose_name="size"),
        ),
        migrations.RunPython(fill_stored_facts, migrations.RunPython.noop),
    ]
