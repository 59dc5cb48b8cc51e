"""Small helpers shared by the apps' views."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect


def attach_errors(form, exc):
    """Put a service's ValidationError on the form, so the page shows it and keeps what was typed."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def run_action(request, target, action, success):
    """Run a service for a POSTed button; show its refusal or ``success``, and go back to ``target``."""
    try:
        action()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect(target)
