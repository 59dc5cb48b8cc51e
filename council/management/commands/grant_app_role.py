"""``manage.py grant_app_role <role>``: grant the application's database role its privileges (council/db_roles.py),
run as the owner. ``migrate`` does the same by itself when ``APP_DATABASE_ROLE`` is set."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from council.db_roles import grant


class Command(BaseCommand):
    help = gettext_lazy("Grant the application's database role what it needs, and no more (run as the owner).")

    def add_arguments(self, parser):
        parser.add_argument("role")

    def handle(self, *args, role, **options):
        grant(role)
        self.stdout.write(_("%(role)s: the application's privileges are granted.") % {"role": role})
