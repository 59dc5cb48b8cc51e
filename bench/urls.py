"""The application's URLs plus the baseline: one indexed query, the same stack around it."""

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from council.models import Council


def baseline(request):
    code = Council.objects.filter(pk=1).values_list("code", flat=True).first()
    return HttpResponse(f"<!DOCTYPE html><title>baseline</title><p>{code}</p>")


LAYOUT = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}baseline{% endblock %}{% block content %}<p>{{ code }}</p>{% endblock %}'
)


@login_required
def layout_baseline(request):
    """The base layout for a logged-in user (navigation, header counts, translations) around one query: what
    every page pays before its own content."""
    code = Council.objects.filter(pk=1).values_list("code", flat=True).first()
    return HttpResponse(LAYOUT.render({"code": code}, request))


class QueryCountMiddleware:
    """Adds X-Queries: the number of SQL statements the request ran."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        count = [0]

        def counter(execute, sql, params, many, context):
            count[0] += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        response["X-Queries"] = str(count[0])
        return response


urlpatterns = [
    path("bench/baseline/", baseline),
    path("bench/layout/", layout_baseline),
    path("", include("council.urls")),
]
