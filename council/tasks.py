from celery import shared_task
from django.utils import timezone

from .services import heartbeat_record


@shared_task(name="council.tasks.heartbeat")
def heartbeat():
    """Beat sends it every minute; the worker records when it ran (idempotent: one row, updated)."""
    heartbeat_record(name="worker", at=timezone.now())
