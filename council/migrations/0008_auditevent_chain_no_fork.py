from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("council", "0007_audit_chain"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="auditevent",
            constraint=models.UniqueConstraint(fields=("prev_hash",), name="auditevent_chain_no_fork"),
        ),
    ]
