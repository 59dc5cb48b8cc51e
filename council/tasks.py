from celery import shared_task
from django.utils import timezone

from .services import heartbeat_record


@shared_task(name="council.tasks.heartbeat")
def heartbeat():
    """Beat sends it every minute; the worker records when it ran (idempotent: one row, updated)."""
    heartbeat_record(name="worker", at=timezone.now())


@shared_task(name="council.tasks.deadline_sweep")
def deadline_sweep():
    """Beat runs it every few minutes: reminders, overdue marks and escalations whose time has come."""
    from .deadline_services import deadline_sweep as sweep

    result = sweep(now=timezone.now())
    return {"handled": result.handled, "notices": result.notices, "errors": len(result.errors)}
