"""The read API's LegislativeTerm: a council's plan periods (half-year, quarter or year), read by whoever
opens the plan's page (``plans.view_plan``)."""

from django.urls import path
from django.utils.translation import gettext as _
from rest_framework.response import Response

from council.api.base import (
    VENDOR,
    OParlView,
    absolute,
    check,
    clean,
    common,
    council_for_list,
    one_or_404,
    paginated,
    with_history_times,
)
from council.rules import allowed

from .models import Plan


def term_json(request, plan):
    return clean(
        {
            **common(request, plan, "LegislativeTerm", "oparl-term", plan.pk, web=plan.get_absolute_url()),
            "body": absolute(request, "oparl-body", plan.council_id),
            "name": _("%(period)s plan %(start)s–%(end)s")
            % {
                "period": plan.get_period_display(),
                "start": plan.start.strftime("%d.%m.%Y"),
                "end": plan.end.strftime("%d.%m.%Y"),
            },
            "startDate": plan.start.isoformat(),
            "endDate": plan.end.isoformat(),
            f"{VENDOR}:status": plan.status,
            f"{VENDOR}:revision": plan.revision,
        }
    )


def _plans(council):
    return with_history_times(Plan.objects.filter(council=council))


def terms_of_body(request, council, day):
    """The plan periods embedded in the council's Body (OParl requires ``legislativeTerm`` there)."""
    if not allowed(request.user, "plans.view_plan", council, day=day):
        return []
    return [term_json(request, plan) for plan in _plans(council).order_by("pk")]


class TermList(OParlView):
    def get(self, request, pk):
        council, opens = council_for_list(request, pk, self.day)
        if not opens or not allowed(request.user, "plans.view_plan", council, day=self.day):
            return paginated(request, [])
        return paginated(request, [(_plans(council), lambda plan: term_json(request, plan))])


class TermDetail(OParlView):
    def get(self, request, pk):
        plan = one_or_404(with_history_times(Plan.objects.filter(pk=pk)).select_related("council"))
        check(request, "plans.view_plan", plan, self.day)
        return Response(term_json(request, plan))


urlpatterns = [
    path("body/<int:pk>/legislativeterm/", TermList.as_view(), name="oparl-body-terms"),
    path("legislativeterm/<int:pk>/", TermDetail.as_view(), name="oparl-term"),
]
