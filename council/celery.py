"""The Celery application; the beat schedule lives here, in code."""

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "council.settings")

from . import observability  # noqa: E402,F401 - request ids into tasks, failed tasks into the logs

app = Celery("council")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Liveness of the worker and beat, reported by /healthz.
    "heartbeat": {"task": "council.tasks.heartbeat", "schedule": 60.0},
    # Reminders, overdue marks and escalation of every regulated deadline (council.deadline_services).
    "deadline-sweep": {"task": "council.tasks.deadline_sweep", "schedule": 300.0},
    # Each quarter's regional report of every territorial council, with its deadline (R-003-33).
    "regional-reports": {"task": "territorial.tasks.regional_reports_open", "schedule": 3600.0},
    # Each quarter's review of the assignments under control (R-003-49).
    "control-reviews": {"task": "protocols.tasks.control_reviews_open", "schedule": 3600.0},
    # The daily e-mail of those who chose one instead of an e-mail per notice, at 8:00 (CELERY_TIMEZONE).
    "notification-digest": {"task": "council.tasks.notification_digest", "schedule": crontab(hour=8, minute=0)},
}
app.conf.timezone = "Asia/Almaty"


@worker_ready.connect
def _heartbeat_on_start(sender, **kwargs):
    """A worker that has just started reports at once, so /healthz need not wait for beat's first minute."""
    sender.app.send_task("council.tasks.heartbeat")
