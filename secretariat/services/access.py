"""Who may act on a meeting's questions: the secretary, the responsible body's and the co-executors'
secretariat employees (R-000-10f)."""

from council.rules import allowed, speaks_for


def can_schedule(user, council, day):
    return allowed(user, "secretariat.schedule_meeting", council, day=day)


def is_responsible_employee(user, item, day):
    """The secretariat employee of the body that prepares the question (R-000-10f)."""
    return item.responsible_body_id is not None and is_employee_of(
        user, item.meeting.council, item.responsible_body_id, day
    )


def is_employee_of(user, council, body_id, day):
    return speaks_for(user, council, body_id, day)
