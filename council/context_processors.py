from django.conf import settings
from django.utils import timezone

from .selectors import councils_overseen_by


def navigation(request):
    """The language choices, the unread-notice count and the links the header may show."""
    user = getattr(request, "user", None)
    unread = oversees = my_work = None
    if user is not None and user.is_authenticated:

        def unread():  # evaluated only where a template shows it
            return user.notifications.filter(read_at__isnull=True).count()

        def oversees():  # the compliance link only for those whose page answers (no link to a 403)

            return councils_overseen_by(user=user, day=timezone.localdate()).exists()

        def my_work():  # the count beside "My work" in the header
            from django.utils import timezone

            from .worklist import work_count

            return work_count(user=user, day=timezone.localdate())

    return {
        "my_work_count": my_work,
        "LANGUAGE_CHOICES": settings.LANGUAGES,
        "unread_notifications": unread,
        "oversees_compliance": oversees,
    }
