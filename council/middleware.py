from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _


class UserLanguageMiddleware:
    """Activate the signed-in user's preferred language (kk/ru/en), chosen in the language switcher."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.preferred_language:
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)


class PrivateResponsesMiddleware:
    """What a signed-in person (or an API token) is shown is theirs alone: every such answer that sets no
    cache policy of its own is ``private, no-store``, so no shared proxy and no browser disk keeps a token,
    a disclosed material, an access log export or a protocol PDF. Anonymous public pages keep theirs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        personal = (user is not None and user.is_authenticated) or "Authorization" in request.headers
        if personal and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "private, no-store"
        return response


class TextOnlyQueryMiddleware:
    """A NUL byte is no part of any address: a query that carries one (``?status__exact=%00``, in admin's
    filters as in the application's) is answered with the 400 page naming the parameter, in the user's
    language, before any view passes it to the database (which refuses NUL in text with an error). Forms
    refuse it in their own fields (Django's text fields do)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key, values in request.GET.lists():
            if "\x00" in key or any("\x00" in v for v in values):
                name = key.replace("\x00", "")[:60]
                message = _("“%(name)s” contains a character that is not allowed (NUL, code 0).") % {"name": name}
                return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)
