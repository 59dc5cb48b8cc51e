"""The nine position categories of Appendix 2 of Order No. 146 of the Prosecutor General (R-004-11), in
Kazakh as the order writes them and in Russian; later changes are made in admin and kept in history."""

from django.db import migrations

from council.appendix2 import ensure_position_categories



def load(apps, schema_editor):
    ensure_position_categories(apps.get_model("council", "PositionCategory"))


class Migration(migrations.Migration):
    dependencies = [("council", "0011_access_position_categories_sensitive_material")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
