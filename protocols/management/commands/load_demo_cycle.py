from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from protocols.demo import load_demo_cycle


class Command(BaseCommand):
    help = (
        "Add a lived-in cycle to the demo republic council: an approved plan, a held meeting with its signed "
        "protocol and decisions under control, and the next meeting (only when it has no meetings yet)."
    )

    def handle(self, *args, **options):
        made = load_demo_cycle(today=timezone.localdate(), password=settings.DEMO_PASSWORD)
        if made:
            self.stdout.write(self.style.SUCCESS(f"Demo cycle ready: {made['protocol']}, next {made['upcoming']}"))
        else:
            self.stdout.write("The demo council has meetings already; nothing added.")
