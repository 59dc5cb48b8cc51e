"""Each notice records what became of its e-mail; notices sent before say so, the others count as failed."""

from django.db import migrations, models


def record_past_deliveries(apps, schema_editor):
    Notification = apps.get_model("council", "Notification")
    Notification.objects.filter(emailed_at__isnull=False).update(delivery="sent", email_attempts=1)
    unsent = Notification.objects.filter(emailed_at__isnull=True)
    unsent.filter(recipient__email="").update(delivery="no_address")
    unsent.exclude(recipient__email="").update(delivery="failed", email_attempts=1)


class Migration(migrations.Migration):

    dependencies = [
        ("council", "0008_auditevent_chain_no_fork"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="delivery",
            field=models.CharField(
                choices=[
                    ("pending", "pending"),
                    ("sent", "sent"),
                    ("failed", "failed"),
                    ("no_address", "no e-mail address"),
                ],
                default="pending",
                max_length=16,
                verbose_name="e-mail delivery",
            ),
        ),
        migrations.AddField(
            model_name="notification",
            name="email_attempts",
            field=models.PositiveSmallIntegerField(default=0, verbose_name="e-mail attempts"),
        ),
        migrations.AddField(
            model_name="notification",
            name="email_error",
            field=models.TextField(blank=True, verbose_name="last e-mail error"),
        ),
        migrations.RunPython(record_past_deliveries, migrations.RunPython.noop),
    ]
