from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from council.demo import DEMO_LOGINS, load_demo


class Command(BaseCommand):
    help = "Load the demo Coordination Council and one oblast council (safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--print-logins", action="store_true", help="Print demo logins (only with DEBUG).")

    def handle(self, *args, **options):
        result = load_demo(today=timezone.localdate())
        self.stdout.write(self.style.SUCCESS(f"Demo data ready: {result['republic'].code}, {result['oblast'].code}"))
        if options["print_logins"]:
            if not settings.DEBUG:
                self.stdout.write("Demo logins are printed only when DEBUG is on.")
                return
            self.stdout.write(f"Demo logins (password: {settings.DEMO_PASSWORD}):")
            for username, role in DEMO_LOGINS:
                self.stdout.write(f"  {username:<18} {role}")
