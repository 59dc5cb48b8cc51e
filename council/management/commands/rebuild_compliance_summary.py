"""Recompute the compliance dashboard's summary from the deadlines (R-000-11d).

The services keep the summary in step as deadlines change; this rebuilds it from the deadlines, which stay
the source of truth: after a restore, a load of data by SQL, or to check that the counts kept step by step
still agree (``--check`` reports a difference and exits with an error, without changing anything). Both the
summary and its roll-up without the body are rebuilt and checked."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext_lazy, ngettext

from council.compliance_summary import rebuild, rollup_rows, summary_rows


def _differing(kept, rebuilt):
    return sum(kept.get(key) != rebuilt.get(key) for key in kept.keys() | rebuilt.keys())


class Command(BaseCommand):
    help = gettext_lazy("Recompute the compliance dashboard's summary from the deadlines.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help=gettext_lazy("Only compare the summary with the deadlines; exit with an error if they differ."),
        )

    def handle(self, *args, check=False, **options):
        if check:
            kept, kept_rollup = summary_rows(), rollup_rows()
            with transaction.atomic():
                rebuild()
                rebuilt, rebuilt_rollup = summary_rows(), rollup_rows()
                transaction.set_rollback(True)  # a check changes nothing
            differing = _differing(kept, rebuilt) + _differing(kept_rollup, rebuilt_rollup)
            if differing:
                raise CommandError(
                    ngettext(
                        "The compliance summary differs from the deadlines in %(count)d row.",
                        "The compliance summary differs from the deadlines in %(count)d rows.",
                        differing,
                    )
                    % {"count": differing}
                )
        else:
            rebuild()
            rebuilt = summary_rows()
        self.stdout.write(
            ngettext(
                "The compliance summary agrees with the deadlines: %(count)d row.",
                "The compliance summary agrees with the deadlines: %(count)d rows.",
                len(rebuilt),
            )
            % {"count": len(rebuilt)}
        )
