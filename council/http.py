"""Small helpers shared by the apps' views."""

import datetime
import functools
import ipaddress
import re

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _


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


def run_form_action(request, form, call, success):
    """For a POSTed form: validate ``form`` and run ``call(cleaned_data)``; show what is wrong with each field,
    the service's refusal, or ``success`` as a message. The caller redirects."""
    if not form.is_valid():
        problems = [
            f"{form.fields[f].label}: {' '.join(errors)}" if f in form.fields else " ".join(errors)
            for f, errors in form.errors.items()
        ]
        messages.error(request, " ".join(problems))
        return
    try:
        call(form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)


# Parsing what a request carries. A value a browser's own form never sends (a letter where an id goes, a
# year out of range, a NUL byte, text longer than its column) is refused with a 400 page that names the
# value; nothing is written. Forms do the same for what people type, with max_length from the model.

MAX_ID = 2**31 - 1  # PostgreSQL's integer: ids and counts beyond it cannot be stored or looked up
YEAR_MIN, YEAR_MAX = 2000, 2100  # the years the working-day calendar knows
SEARCH_MAX = 200  # the longest search text
TEXT_MAX = 20_000  # the longest free text (a remark, a comment, a reason) taken from a button's form
_INTEGER = re.compile(r"[+-]?[0-9]{1,12}")


class BadInput(BadRequest):
    """A malformed or out-of-range value in a request; the message says which and why."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def refuse_bad_input(view):
    """Answer a view's ``BadInput`` with the 400 page, in the layout and the user's language."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadInput as exc:
            return render(request, "400.html", {"message": exc.message}, status=400)

    return wrapped


def int_param(data, name, *, default=None, min=None, max=None, label=None):
    """The whole number ``data[name]`` within ``min``..``max`` (PostgreSQL's integer range unless told),
    or ``default`` when it is absent or empty."""
    raw = (data.get(name) or "").strip()
    if not raw:
        return default
    low = -MAX_ID if min is None else min
    high = MAX_ID if max is None else max
    if not _INTEGER.fullmatch(raw) or not low <= int(raw) <= high:
        raise BadInput(
            _("“%(name)s” must be a whole number from %(min)s to %(max)s.")
            % {"name": label or name, "min": low, "max": high}
        )
    return int(raw)


def year_param(data, name="year", *, default=None, label=None):
    return int_param(data, name, default=default, min=YEAR_MIN, max=YEAR_MAX, label=label or _("year"))


def id_param(data, name, *, default=None, label=None):
    """A record's id: a whole number from 1 up."""
    return int_param(data, name, default=default, min=1, max=MAX_ID, label=label)


def id_list(data, name, *, label=None):
    """Every id given under ``name`` (a multiple choice), skipping empty values."""
    return [id_param({name: value}, name, label=label) for value in data.getlist(name) if value.strip()]


def clean_text(value, *, name, max_length=None, label=None):
    """``value`` unless it holds a NUL byte (which PostgreSQL cannot store) or is longer than
    ``max_length``."""
    if "\x00" in value:
        raise BadInput(
            _("“%(name)s” contains a character that is not allowed (NUL, code 0).") % {"name": label or name}
        )
    if max_length is not None and len(value) > max_length:
        raise BadInput(
            _("“%(name)s” is %(length)s characters long; at most %(max)s are allowed.")
            % {"name": label or name, "length": len(value), "max": max_length}
        )
    return value


def within_calendar(day):
    """A form field validator: dates outside the working-day calendar's years cannot be planned for (and
    their deadlines could not be counted)."""
    if day is not None and not YEAR_MIN <= day.year <= YEAR_MAX:
        raise ValidationError(
            _("Choose a date from %(first)s to %(last)s."),
            params={"first": f"01.01.{YEAR_MIN}", "last": f"31.12.{YEAR_MAX}"},
            code="out_of_calendar",
        )


def date_param(data, name):
    """The date ``data[name]`` written as YYYY-MM-DD within the calendar's years, or None when absent."""
    raw = (data.get(name) or "").strip()
    if not raw:
        return None
    try:
        day = datetime.date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        day = None
    if day is None or not YEAR_MIN <= day.year <= YEAR_MAX:
        raise BadInput(_("Enter the date as YYYY-MM-DD."))
    return day


def text_param(data, name, *, default="", max_length=TEXT_MAX, label=None):
    """The text ``data[name]`` (``default`` when absent), refused when it cannot be stored or searched."""
    return clean_text(data.get(name, default), name=name, max_length=max_length, label=label)


def client_ip(request):
    """The address of the client that sent ``request`` (the signer's address on a signature).

    Behind the TLS proxy (``BEHIND_TLS_PROXY``) the connection comes from the proxy, and each of the
    ``TRUSTED_PROXY_COUNT`` proxies appends to X-Forwarded-For the address it was connected from: the
    client's address is that entry counted from the right. Entries further left come from the client
    and can be anything, so they are never used. Otherwise, or when the header lacks that entry or it is
    not an address, the connection's own address (REMOTE_ADDR).
    """
    remote = request.META.get("REMOTE_ADDR") or None
    if not settings.BEHIND_TLS_PROXY:
        return remote
    count = settings.TRUSTED_PROXY_COUNT
    entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if count < 1 or len(entries) < count:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-count]))
    except ValueError:
        return remote
