from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("Councils and registry")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .db_roles import grant_after_migrate

        post_migrate.connect(grant_after_migrate, sender=self, dispatch_uid="council.db_roles")
        from . import (
            links,  # noqa: F401 - registers the SITE_URL deploy check
            throttle,  # noqa: F401 - counts failed sign-ins by address
        )
        from .deadline_services import forget_calendar
        from .models import (
            Appointment,
            Body,
            CalendarDay,
            Council,
            CouncilOfficer,
            Deadline,
            Notification,
            Seat,
            User,
        )
        from .navcache import EVERYONE, watch

        # What the header of every page reads of this app (council.navcache): the deadlines one answers
        # for (R-000-8, R-000-10e), one's notices, one's roles from the registry (R-000-6..R-000-9d).
        watch(Deadline, lambda d: ([d.council_id], [d.responsible_person_id]), reassignable=True)
        watch(Notification, lambda n: ([], [n.recipient_id]))
        watch(CouncilOfficer, lambda o: ([o.council_id], [o.person_id]), reassignable=True)
        watch(Appointment, _appointment_affects, reassignable=True)
        watch(User, lambda u: ([], [u.pk]))
        watch(Seat, lambda _seat: EVERYONE)  # the registry's structure: anyone's roles may follow
        watch(Council, lambda _council: EVERYONE)
        # Pages kept under these generations (My work, the compliance dashboard) show bodies' names and
        # count time left in working days: a body renamed or a decree entered changes them.
        watch(Body, lambda _body: EVERYONE)
        watch(CalendarDay, lambda _day: EVERYONE)
        # The decrees pages count working days with are cached (council.deadline_services.request_calendar).
        post_save.connect(forget_calendar, sender=CalendarDay, dispatch_uid="calendar-forget-save")
        post_delete.connect(forget_calendar, sender=CalendarDay, dispatch_uid="calendar-forget-delete")


def _appointment_affects(appointment):
    """The person, and the councils whose seats the position fills (the roles held there change)."""
    from .models import Seat  # here: this module is imported before the models are loaded

    councils = Seat.objects.filter(position_id=appointment.position_id).values_list("council_id", flat=True)
    return list(councils), [appointment.person_id]
