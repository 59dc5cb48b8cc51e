"""Reads of meetings for pages, PDFs and the document pack."""

import io
import zipfile

from django.utils import timezone
from django.utils.translation import gettext as _

from council.deadline_services import council_profile, council_rule_date, current_calendar
from council.models import Body, Seat
from council.pdf import render_pdf
from council.selectors import council_roster, councils_visible_to, deadlines_of
from council.uploads import clean_original_name

from .models import AgendaItem, Material, Meeting


def agenda_items(meeting):
    """The questions on the agenda: a refused one is not (R-001-1.2)."""
    return (
        meeting.items.exclude(status=AgendaItem.Status.REFUSED)
        .select_related("responsible_body")
        .prefetch_related("invitees")
        .order_by("number")
    )


def agenda_approval(meeting):
    """Who approved the agenda, in which position and when (the stamp "УТВЕРЖДАЮ" / "БЕКІТЕМІН" of the
    agenda, R-000-10e), or None while it is not approved."""
    step = (
        meeting.steps.filter(to_status=Meeting.Status.AGENDA_APPROVED).select_related("actor").order_by("-at").first()
    )
    if step is None:
        return None
    day = timezone.localtime(step.at).date()
    seats = council_roster(council=meeting.council, day=day)
    mine = [e for e in seats if e.person == step.actor] or [e for e in seats if e.seat.role == Seat.Role.CHAIR]
    return {"person": step.actor, "position": mine[0].seat.position if mine else None, "at": step.at}


def agenda_context(meeting):
    """Everything the agenda's document shows: the questions and the approval stamp."""
    return {"meeting": meeting, "items": list(agenda_items(meeting)), "approval": agenda_approval(meeting)}


def latest_materials(meeting):
    """The newest version of every document of every question (nothing is overwritten; older versions
    stay on the question's page)."""
    latest = {}
    for m in (
        Material.objects.filter(item__meeting=meeting)
        .select_related("item", "body")
        .order_by("item__number", "kind", "body_id", "-version")
    ):
        latest.setdefault((m.item_id, m.kind, m.body_id), m)
    return list(latest.values())


def item_checklist(item):
    """What the question still needs, for the responsible body and the secretary (R-000-10a, R-000-10b):
    the responsible body's reference note and list of invited persons, and each co-executor's
    contribution, with the date it is due and the latest version received, or None when it is missing."""
    due = {d.kind: d for d in deadlines_of(item).order_by("id")}
    latest = {}
    for m in item.materials.order_by("-version"):
        latest.setdefault((m.kind, m.body_id), m)
    co_executor_ids = [link.body_id for link in item.co_executor_links.all()]
    bodies = Body.objects.in_bulk([item.responsible_body_id, *co_executor_ids])
    wanted = [
        (item.responsible_body_id, k, "materials") for k in (Material.Kind.REFERENCE_NOTE, Material.Kind.INVITEES)
    ]
    wanted += [(b, Material.Kind.CONTRIBUTION, f"contribution-{b}") for b in co_executor_ids]
    return [
        {
            "body": bodies[body_id],
            "kind": Material.Kind(kind),
            "deadline": due.get(deadline_kind),
            "material": latest.get((kind, body_id)),
        }
        for body_id, kind, deadline_kind in wanted
        if body_id in bodies
    ]


def document_pack(meeting) -> bytes:
    """One ZIP with the agenda in Kazakh and in Russian and the latest version of every document."""
    context = agenda_context(meeting)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as pack:
        for lang in ("kk", "ru"):
            pack.writestr(f"00-agenda-{lang}.pdf", render_pdf("pdf/agenda.html", context, lang=lang))
        for m in latest_materials(meeting):
            folder = f"{m.item.number:02d}"
            name = clean_original_name(
                f"{m.get_kind_display()} - {m.body.short_name_ru or m.body.code} - v{m.version} - {m.original_name}"
            )
            with m.file.open("rb") as f:
                pack.writestr(f"{folder}/{name}", f.read())
    return buffer.getvalue()


def meetings_for_member(*, user, day):
    """Coming meetings of the councils where the user sits, with the dispatched ones first to read."""
    councils = councils_visible_to(user=user, day=day)
    return (
        Meeting.objects.filter(council__in=councils, date__gte=day)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("council")
        .order_by("date")
    )


def meeting_lead_times_passed(*, council, date, today, co_executors=True):
    """The regulated lead times of a meeting on ``date`` that have passed already on ``today``: the materials
    (R-000-10b, or the profile's rule), the co-executors' contributions (R-000-10a.contributions) and the sent
    agenda (R-000-10e). Each as (what, rule id, due date), earliest first; shown before scheduling."""

    if date is None or date < today:
        return []  # a past date is refused by the service with its own reason
    typed, calendar = council_profile(council).typed, current_calendar()
    materials = council_rule_date(council, typed.materials_rule, date, calendar)
    rows = [(_("Materials of the questions"), typed.materials_rule, materials)]
    if co_executors:
        contributions = council_rule_date(council, typed.contributions_rule, materials, calendar)
        rows.append((_("Co-executors' contributions"), typed.contributions_rule, contributions))
    rows.append(
        (
            _("The approved agenda sent to the members"),
            typed.agenda_rule,
            council_rule_date(council, typed.agenda_rule, date, calendar),
        )
    )
    return sorted((r for r in rows if r[2] < today), key=lambda r: r[2])
