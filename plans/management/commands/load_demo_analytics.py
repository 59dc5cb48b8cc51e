from django.core.management.base import BaseCommand
from django.utils import timezone

from plans.demo_analytics import load_demo_analytics


class Command(BaseCommand):
    help = "Load a small example of information-analytical work (seed 004) after load_demo (safe to run again)."

    def handle(self, *args, **options):
        office = load_demo_analytics(now=timezone.now())
        self.stdout.write(self.style.SUCCESS(f"Analytical work ready: {office.code} (logins: analyst, auditor)"))
