from celery import shared_task
from django.utils import timezone

from .reports import regional_reports_open as open_reports


@shared_task(name="territorial.tasks.regional_reports_open")
def regional_reports_open():
    """Beat runs it hourly: each quarter's regional report of every territorial council, with its deadline
    (R-003-33); idempotent."""
    now = timezone.now()
    return len(open_reports(today=timezone.localdate(now), now=now))
