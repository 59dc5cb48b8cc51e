"""Django admin under bad input, as tests/test_fuzz.py is for the application (finding 16 of the second trust
round: 328 server errors): for an administrator and a council secretary, every registered model's list with
its filters, date drill-down, search, ordering and page set to junk; its history and change pages at ids
that are not ids; its add and change forms posted with junk in every field and in a row of every inline.
No answer is a server error, and a form refused leaves its table as it was."""

import itertools

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, PAGE_VAR, SEARCH_VAR
from django.urls import NoReverseMatch, reverse

from tests.test_fuzz import EDGES

pytestmark = pytest.mark.django_db

ROLES = ["admin", "oblast_secretary"]
NOT_IDS = ["abc", "9" * 20, "-1", "1\x00"]
ROUNDS = 2


def junk(round_, n):
    """The n-th field's value in a round: the edge values, turned so each field meets several of them."""
    return EDGES[(7 * round_ + 3 * n) % len(EDGES)]


def url(model, view, *args):
    try:
        return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
    except NoReverseMatch:
        return None


def list_params(response, model_admin):
    """The query parameters the list understands: its filters', the date drill-down's and the list's own."""
    names = {SEARCH_VAR, ORDER_VAR, PAGE_VAR}
    changelist = response.context["cl"]
    for spec in changelist.filter_specs:
        names.update(spec.expected_parameters())
    if model_admin.date_hierarchy:
        names.update(f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day"))
    return sorted(names)


def form_fields(response):
    """(name, value) of a form page as a browser would post it back: its fields, and each inline's
    management form with one more row."""
    fields = dict.fromkeys(response.context["adminform"].form.fields, "")
    for inline in response.context.get("inline_admin_formsets") or []:
        formset = inline.formset
        management = formset.management_form
        total = management.initial.get("TOTAL_FORMS", 0)
        fields.update({management.add_prefix(k): v for k, v in management.initial.items()})
        fields[management.add_prefix("TOTAL_FORMS")] = total + 1
        for name in formset.empty_form.fields:
            fields[f"{formset.prefix}-{total}-{name}"] = ""
    return fields


def rows(model):
    return model._default_manager.count()


@pytest.mark.parametrize("role", ROLES)
def test_no_admin_url_or_form_gives_a_server_error(client, demo, signed, user_named, role):
    client.raise_request_exception = False  # a server error is an answer to count, not an exception
    client.force_login(user_named(role))
    errors = []  # every failing request, so that one run shows them all

    def check(answer, *what):
        if answer.status_code >= 500:
            errors.append((answer.status_code, *what))
        return answer

    for model, model_admin in admin.site._registry.items():
        changelist = url(model, "changelist")
        page = client.get(changelist)
        assert page.status_code in (200, 302, 403), (changelist, page.status_code)
        if page.status_code == 200:
            params = list_params(page, model_admin)
            queries = [{name: junk(round_, n) for n, name in enumerate(params)} for round_ in range(ROUNDS)]
            queries.append(dict.fromkeys(params, "\x00"))
            if model_admin.date_hierarchy:  # a year past the calendar, a 13th month
                queries.append({f"{model_admin.date_hierarchy}__year": "99999"})
                queries.append(
                    {f"{model_admin.date_hierarchy}__year": "2026", f"{model_admin.date_hierarchy}__month": "13"}
                )
            for query in queries:
                check(client.get(changelist, query), changelist, query)
        for view, not_id in itertools.product(("history", "change", "delete"), NOT_IDS):
            address = url(model, view, not_id)
            if address:
                check(client.get(address), address)
        first = model._default_manager.order_by("pk").first()
        for address in (url(model, "add"), first is not None and url(model, "change", first.pk)):
            if not address:
                continue
            form = client.get(address)
            if form.status_code != 200 or "adminform" not in form.context:
                continue
            fields = form_fields(form)
            for round_ in range(ROUNDS):
                sent = {
                    name: value if "-TOTAL_FORMS" in name or "-INITIAL_FORMS" in name else junk(round_, n)
                    for n, (name, value) in enumerate(fields.items())
                }
                before = rows(model)
                answer = check(client.post(address, sent), address, sent)
                if answer.status_code != 302 and rows(model) != before:  # refused, yet written
                    errors.append(("written", address, sent))
    assert not errors, "\n".join(repr(e)[:300] for e in errors)
