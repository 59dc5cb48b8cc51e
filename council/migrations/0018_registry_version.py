"""The registry's version, raised by the database on every change of the tables roles are made of, whoever
writes them and however (council/registry_triggers.py)."""

from django.db import migrations, models

from council import registry_triggers

ALL = ["INSERT", "UPDATE", "DELETE"]
TABLES = {
    "council_council": ["INSERT", "DELETE", "UPDATE OF is_active, parent_id"],
    "council_seat": ALL,
    "council_appointment": ALL,
    "council_councilofficer": ALL,
    "council_accessauditor": ALL,
    "council_position": ["INSERT", "DELETE", "UPDATE OF category_id"],
    "council_positioncategory": ALL,
    "council_user": ["INSERT", "DELETE", "UPDATE OF is_active, is_superuser, is_staff"],
}


def up(apps, schema_editor):
    apps.get_model("council", "RegistryVersion").objects.create(id=1, n=0)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(registry_triggers.POSTGRES_FUNCTION)
    registry_triggers.install(schema_editor, TABLES)


def down(apps, schema_editor):
    registry_triggers.uninstall(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [("council", "0017_compliance_rollup")]

    operations = [
        migrations.CreateModel(
            name="RegistryVersion",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("n", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "registry version", "verbose_name_plural": "registry versions"},
        ),
        migrations.RunPython(up, down),
    ]
