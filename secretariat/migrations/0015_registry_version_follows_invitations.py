"""An invitation makes its person an invitee on the council (secretariat/roles.py): the tables it is read from
raise the registry's version too (council migration 0018), so a withdrawn invitation or a cancelled meeting
ends the kept role on the next request however it was written."""

from django.db import migrations

from council import registry_triggers

TABLES = {
    "secretariat_invitee": ["INSERT", "UPDATE", "DELETE"],
    "secretariat_meeting": ["INSERT", "DELETE", "UPDATE OF status, date, council_id"],
    "secretariat_agendaitem": ["INSERT", "DELETE", "UPDATE OF meeting_id"],
}


def up(apps, schema_editor):
    registry_triggers.install(schema_editor, TABLES)


def down(apps, schema_editor):
    registry_triggers.uninstall(schema_editor, TABLES)


class Migration(migrations.Migration):
    dependencies = [
        ("secretariat", "0014_agenda_item_criminal_case_refusal"),
        ("council", "0018_registry_version"),
    ]

    operations = [migrations.RunPython(up, down)]
