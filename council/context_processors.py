from django.conf import settings


def navigation(request):
    """The language choices and the unread-notice count shown in the header."""
    user = getattr(request, "user", None)
    unread = None
    if user is not None and user.is_authenticated:

        def unread():  # evaluated only where a template shows it
            return user.notifications.filter(read_at__isnull=True).count()

    return {"LANGUAGE_CHOICES": settings.LANGUAGES, "unread_notifications": unread}
