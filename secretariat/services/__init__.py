"""Writes of meetings, split by noun: scheduling with the regulation's deadlines, invited persons, materials
and their review, the agenda, extraordinary meetings (R-000-9c, R-000-10a, R-000-10b, R-000-10e, R-000-10f,
R-000-12)."""

from .access import can_schedule, is_employee_of, is_responsible_employee
from .agenda import agenda_approve, agenda_dispatch, item_refuse, receipt_record
from .extraordinary import extraordinary_decide, extraordinary_request
from .invitees import INVITING, invitee_add, invitee_confirm
from .materials import (
    REFERENCE_NOTE_MAX_PAGES,
    item_allow_late,
    item_decide,
    item_materials_arrived,
    item_report,
    material_submit,
    pdf_pages,
)
from .meetings import (
    _open_materials_deadline,
    agreement_status,
    meeting_answer,
    meeting_request_agreement,
    meeting_schedule,
)

__all__ = [
    "REFERENCE_NOTE_MAX_PAGES",
    "_open_materials_deadline",
    "agenda_approve",
    "agenda_dispatch",
    "agreement_status",
    "can_schedule",
    "extraordinary_decide",
    "extraordinary_request",
    "INVITING",
    "invitee_add",
    "invitee_confirm",
    "is_employee_of",
    "is_responsible_employee",
    "item_allow_late",
    "item_decide",
    "item_materials_arrived",
    "item_refuse",
    "item_report",
    "material_submit",
    "meeting_answer",
    "meeting_request_agreement",
    "meeting_schedule",
    "pdf_pages",
    "receipt_record",
]
