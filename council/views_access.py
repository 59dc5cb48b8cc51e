"""Pages of sensitive analytical material (R-004-11..13). HTTP only: ``council.access`` does the writes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import access, exports
from .anonymise import mask
from .forms_access import AccessLogFilter, BasisForm, DisclosureOrderForm, WithdrawOrderForm
from .http import attach_errors, client_ip, refuse_bad_input
from .models import AccessLogEntry, Council, DisclosureOrder, SensitiveMaterial


def _material_or_404(request, pk):
    material = get_object_or_404(SensitiveMaterial.objects.select_related("council"), pk=pk)
    if not request.user.has_perm("council.open_council", material.council):
        raise Http404
    return material


@login_required
@refuse_bad_input
def material_open(request, pk):
    """Opening a sensitive item first asks for its basis (R-004-11); a user without a listed category is
    refused and the refusal is logged. The material is shown with personal data masked (R-004-12) unless
    the user asks for disclosure under a recorded order of the Prosecutor General."""
    material = _material_or_404(request, pk)
    now = timezone.now()
    if not request.user.has_perm("council.open_sensitive", material):
        access.sensitive_access(
            actor=request.user,
            material=material,
            basis_kind="",
            reference="",
            basis_date=None,
            workstation="",
            address=client_ip(request),
            now=now,
        )
        raise PermissionDenied
    orders = [o for o in material.disclosure_orders.all() if o.in_force(now.date())]
    form = BasisForm(request.POST or None, can_disclose=bool(orders))
    context = {
        "council": material.council,
        "material": material,
        "form": form,
        "orders": orders,
        "can_record_order": request.user.has_perm("council.record_disclosure_order", material),
    }
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            _granted, entry = access.sensitive_access(
                actor=request.user,
                material=material,
                basis_kind=d["basis_kind"],
                reference=d["reference"],
                basis_date=d["basis_date"],
                workstation=d["workstation"],
                address=client_ip(request),
                now=now,
                disclose=d.get("disclose", False),
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            order = entry.order if entry.action == AccessLogEntry.Action.DISCLOSE else None

            def shown_text(text):  # R-004-12: masked, or as far as the order in force discloses
                return access.disclosed_text(text, material, order) if order else mask(text, material.personal_terms)

            shown = {lang: shown_text(getattr(material, f"text_{lang}")) for lang in ("kk", "ru")}
            title = shown_text(material.title)
            return render(
                request,
                "council/material_shown.html",
                {**context, "entry": entry, "text_kk": shown["kk"], "text_ru": shown["ru"], "title": title},
            )
    context["title"] = mask(material.title, material.personal_terms)
    return render(request, "council/material_open.html", context)


@login_required
def disclosure_order_new(request, pk):
    material = _material_or_404(request, pk)
    if not request.user.has_perm("council.record_disclosure_order", material):
        raise PermissionDenied
    form = DisclosureOrderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            access.disclosure_order_record(
                actor=request.user, material=material, now=timezone.now(), **form.cleaned_data
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The order of the Prosecutor General is recorded."))
            return redirect("access:disclosure_order_new", material.pk)
    return render(
        request,
        "council/disclosure_order_form.html",
        {
            "council": material.council,
            "material": material,
            "title": mask(material.title, material.personal_terms),
            "form": form,
            "orders": material.disclosure_orders.select_related("withdrawn_by"),
            "today": timezone.localdate(),
            "withdraw_form": WithdrawOrderForm(),
        },
    )


@login_required
@require_POST
def disclosure_order_withdraw(request, pk):
    order = get_object_or_404(DisclosureOrder, pk=pk)
    material = _material_or_404(request, order.material_id)
    if not request.user.has_perm("council.record_disclosure_order", material):
        raise PermissionDenied
    form = WithdrawOrderForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the order is withdrawn."))
    else:
        try:
            access.disclosure_order_withdraw(
                actor=request.user, order=order, reason=form.cleaned_data["reason"], now=timezone.now()
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The order is withdrawn: it discloses nothing from now on."))
    return redirect("access:disclosure_order_new", material.pk)


def _log_rows(entries):
    for e in entries:
        yield [
            timezone.localtime(e.at).strftime("%d.%m.%Y %H:%M:%S"),
            e.person_name,
            e.category_number or "",
            e.material_id,
            mask(e.material.title, e.material.personal_terms),
            e.get_action_display(),
            e.get_basis_kind_display() if e.basis_kind else "",
            e.basis_reference,
            e.basis_date.strftime("%d.%m.%Y") if e.basis_date else "",
            str(e.order) if e.order_id else "",
            e.workstation,
            e.address or "",
            e.reason,
            e.hash,
        ]


@login_required
@refuse_bad_input
def access_log(request, code):
    """The council's access log for its auditors: filtered by person, item and period; CSV or XLSX."""
    council = get_object_or_404(Council, code=code, is_active=True)
    may_read = request.user.has_perm("council.read_access_log", council)
    if not may_read:
        if request.user.has_perm("council.open_council", council):
            raise PermissionDenied
        raise Http404
    form = AccessLogFilter(request.GET or None)
    entries = AccessLogEntry.objects.filter(council=council).select_related("material", "order")
    if form.is_valid():
        d = form.cleaned_data
        if d["person"]:
            entries = entries.filter(Q(person_name__icontains=d["person"]) | Q(person__username__iexact=d["person"]))
        if d["material"]:
            entries = entries.filter(material_id=d["material"])
        if d["start"]:
            entries = entries.filter(at__date__gte=d["start"])
        if d["end"]:
            entries = entries.filter(at__date__lte=d["end"])
    elif form.is_bound:
        entries = entries.none()
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        header = [
            _("Time"), _("Person"), _("Position category"), _("Material number"), _("Material"), _("Action"),
            _("Basis"), _("Basis reference"), _("Basis date"), _("Order"), _("Workstation"), _("Address"),
            _("Reason"), _("Hash"),
        ]  # fmt: skip
        access.access_log_exported(actor=request.user, council=council, fmt=fmt, now=timezone.now())
        return exports.response(
            _log_rows(entries), header, fmt=fmt, filename=f"access-log-{council.code}", private=True
        )
    rows = list(entries[:500])
    for e in rows:
        e.shown_title = mask(e.material.title, e.material.personal_terms)
    return render(
        request,
        "council/access_log.html",
        {"council": council, "entries": rows, "form": form, "query": request.GET.urlencode()},
    )
