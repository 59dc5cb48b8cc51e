"""Writes of protocols, split by noun: the draft, decisions and votes, agreement with the members, signing,
freezing and dispatch (R-000-9g, R-000-11a, R-000-11b, R-000-11c, R-001-3e, R-003-23, R-003-65)."""

from .agreement import (
    agreement_state,
    earliest_agree_by,
    members,
    protocol_answer,
    protocol_present,
    protocol_rework,
    protocol_send_for_agreement,
    remark_handle,
    remarks_by_version,
    snapshot,
)
from .chair_reports import chair_report_create
from .decisions import decision_save, entitled_voters, votes_record
from .dispatch import keep_until_passed, protocol_dispatch, receipt_open
from .drafts import (
    attendance_lock,
    can_edit,
    default_due_date,
    incomplete_items,
    item_save,
    protocol_correct,
    protocol_create,
    protocol_open_for_held_meeting,
    public_part_save,
)
from .signing import capacity_of, protocol_context, protocol_sign, signers

__all__ = [
    "agreement_state",
    "attendance_lock",
    "can_edit",
    "capacity_of",
    "chair_report_create",
    "decision_save",
    "default_due_date",
    "earliest_agree_by",
    "entitled_voters",
    "incomplete_items",
    "item_save",
    "keep_until_passed",
    "members",
    "protocol_answer",
    "protocol_context",
    "protocol_correct",
    "protocol_create",
    "protocol_dispatch",
    "protocol_open_for_held_meeting",
    "protocol_present",
    "protocol_rework",
    "protocol_send_for_agreement",
    "protocol_sign",
    "public_part_save",
    "receipt_open",
    "remark_handle",
    "remarks_by_version",
    "signers",
    "snapshot",
    "votes_record",
]
