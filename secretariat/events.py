"""Events of the meeting day that apps above the secretariat react to, without this app importing them.

The reacting app fills these registries in its ``AppConfig.ready()``, as this app fills
``council.roles.ROLE_PROVIDERS``: the protocols app opens the protocol of a held meeting, and closes the
attendance once that protocol has gone beyond a draft.
"""

# Each handler is called as handler(actor=…, meeting=…, now=…) inside the transaction that marks the
# meeting held; an error it raises undoes the whole hold.
MEETING_HELD_HANDLERS = []

# Each check is called as check(meeting) before the attendance of a held meeting changes; it returns the
# reason the attendance can no longer change, or None.
ATTENDANCE_LOCKS = []


def meeting_held(*, actor, meeting, now):
    for handler in MEETING_HELD_HANDLERS:
        handler(actor=actor, meeting=meeting, now=now)


def attendance_lock(meeting):
    """The first reason the attendance of the held ``meeting`` can no longer change, or None."""
    for check in ATTENDANCE_LOCKS:
        reason = check(meeting)
        if reason:
            return reason
    return None
