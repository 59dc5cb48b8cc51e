"""Co-executors of an agenda item become ordered rows, as on plan items: the JSON list of body ids moves
into AgendaItemCoExecutor in its order (unknown and repeated ids are dropped) and the JSON field goes."""

import django.db.models.deletion
from django.db import migrations, models


def ids_to_rows(apps, schema_editor):
    AgendaItem = apps.get_model("secretariat", "AgendaItem")
    AgendaItemCoExecutor = apps.get_model("secretariat", "AgendaItemCoExecutor")
    Body = apps.get_model("council", "Body")
    known = set(Body.objects.values_list("pk", flat=True))
    rows = []
    for item_id, ids in AgendaItem.objects.exclude(co_executor_ids=[]).values_list("pk", "co_executor_ids"):
        seen = set()
        for body_id in ids or []:
            if body_id in known and body_id not in seen:
                seen.add(body_id)
                rows.append(AgendaItemCoExecutor(item_id=item_id, body_id=body_id, order=len(seen) - 1))
    AgendaItemCoExecutor.objects.bulk_create(rows, batch_size=5000)


def rows_to_ids(apps, schema_editor):
    AgendaItem = apps.get_model("secretariat", "AgendaItem")
    AgendaItemCoExecutor = apps.get_model("secretariat", "AgendaItemCoExecutor")
    lists = {}
    for item_id, body_id in AgendaItemCoExecutor.objects.order_by("item_id", "order", "id").values_list(
        "item_id", "body_id"
    ):
        lists.setdefault(item_id, []).append(body_id)
    for item_id, ids in lists.items():
        AgendaItem.objects.filter(pk=item_id).update(co_executor_ids=ids)


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0009_notification_delivery"),
        ("secretariat", "0008_material_stored_document"),
    ]

    operations = [
        migrations.CreateModel(
            name="AgendaItemCoExecutor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("order", models.PositiveSmallIntegerField(default=0)),
                (
                    "body",
                    models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="council.body"),
                ),
                (
                    "item",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="co_executor_links",
                        to="secretariat.agendaitem",
                    ),
                ),
            ],
            options={
                "ordering": ["order", "id"],
            },
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="co_executors",
            field=models.ManyToManyField(
                blank=True,
                related_name="+",
                through="secretariat.AgendaItemCoExecutor",
                to="council.body",
                verbose_name="co-executors",
            ),
        ),
        migrations.AddConstraint(
            model_name="agendaitemcoexecutor",
            constraint=models.UniqueConstraint(fields=("item", "body"), name="agenda_item_co_executor_once"),
        ),
        migrations.RunPython(ids_to_rows, rows_to_ids),
        migrations.RemoveField(
            model_name="agendaitem",
            name="co_executor_ids",
        ),
        migrations.RemoveField(
            model_name="historicalagendaitem",
            name="co_executor_ids",
        ),
    ]
