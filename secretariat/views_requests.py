"""Members' requests for information and materials to each other (R-000-10d); the chair's decision on
recording and videoconferencing (R-003-24)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from council.http import attach_errors
from council.models import Body
from council.rules import allowed
from council.selectors import bodies_of, council_bodies, deadlines_of
from council.views import visible_council_or_404

from .forms import MemberRequestAnswerForm, MemberRequestForm
from .models import Meeting, MemberRequest
from .services.meetings import meeting_media_decide
from .services.member_requests import member_request_answer, member_request_create

MAX_FILES = 10


@login_required
def member_requests(request, code):
    """The requests the user's bodies sent or received; every request of the council for the secretary."""
    council = visible_council_or_404(request, code)
    today = timezone.localdate()
    own = bodies_of(user=request.user, council=council, day=today)
    can_request = allowed(request.user, "secretariat.request_materials", council, day=today)
    rows = MemberRequest.objects.filter(council=council).select_related("from_body", "to_body", "requested_by")
    if not request.user.has_perm("secretariat.schedule_meeting", council) and not request.user.has_perm(
        "secretariat.chair_decide", council
    ):
        ids = [b.pk for b in own]
        rows = rows.filter(Q(from_body_id__in=ids) | Q(to_body_id__in=ids))
    form = MemberRequestForm(
        request.POST or None,
        own_bodies=Body.objects.filter(pk__in=[b.pk for b in own]),
        council_bodies=council_bodies(council),
        initial={"from_body": own[0].pk} if own else None,
    )
    if request.method == "POST":
        if not can_request:
            raise PermissionDenied
        if form.is_valid():
            try:
                made = member_request_create(
                    actor=request.user, council=council, now=timezone.now(), **form.cleaned_data
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("The request is sent; the body asked is reminded before the date."))
                return redirect(made)
    return render(
        request,
        "secretariat/member_requests.html",
        {"council": council, "rows": rows[:200], "form": form, "can_request": can_request},
    )


@login_required
def member_request(request, pk):
    item = get_object_or_404(MemberRequest.objects.select_related("council", "from_body", "to_body"), pk=pk)
    if not request.user.has_perm("council.open_council", item.council):
        raise Http404
    if not request.user.has_perm("secretariat.view_member_request", item):
        raise PermissionDenied
    can_answer = request.user.has_perm("secretariat.answer_member_request", item) and item.status == "open"
    form = MemberRequestAnswerForm(request.POST or None)
    if request.method == "POST":
        if not request.user.has_perm("secretariat.answer_member_request", item):
            raise PermissionDenied
        uploads = request.FILES.getlist("files")[:MAX_FILES]
        if form.is_valid():
            try:
                member_request_answer(
                    actor=request.user,
                    request=item,
                    answer=form.cleaned_data["answer"],
                    uploads=uploads,
                    now=timezone.now(),
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("The answer is sent."))
                return redirect(item)
    return render(
        request,
        "secretariat/member_request.html",
        {
            "council": item.council,
            "item": item,
            "form": form,
            "can_answer": can_answer,
            "files": item.files.all(),
            "deadlines": deadlines_of(item),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def meeting_media(request, pk):
    """R-003-24: the chair's decision on recording and videoconferencing."""
    meeting = get_object_or_404(Meeting.objects.select_related("council"), pk=pk)
    if not request.user.has_perm("council.open_council", meeting.council):
        raise Http404
    if not request.user.has_perm("secretariat.chair_decide", meeting.council):
        raise PermissionDenied
    try:
        meeting_media_decide(
            actor=request.user,
            meeting=meeting,
            recording=request.POST.get("recording") == "on",
            videoconference=request.POST.get("videoconference") == "on",
            now=timezone.now(),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The decision is recorded and the members are told."))
    return redirect(meeting)
