from celery import shared_task
from django.utils import timezone

from .review import control_reviews_open as open_reviews


@shared_task(name="protocols.tasks.control_reviews_open")
def control_reviews_open():
    """Beat runs it hourly: each quarter's review of the assignments under control, with the secretary's
    deadline (R-003-49); idempotent."""
    now = timezone.now()
    return len(open_reviews(today=timezone.localdate(now), now=now))
