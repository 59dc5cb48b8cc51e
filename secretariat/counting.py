"""Quorum and vote counting: pure functions over plain values, no database and no clock.

Quorum by the profile's rule:
- ``permanent_fraction`` (R-000-9d): at least two thirds (numerator/denominator) of the permanent seats
  are present in person or through the official acting in the position; delegated members do not count;
- ``each_side_majority`` (R-001-3d): on each side (police, bar) more than half of its seats are present;
- ``total_majority`` (R-001-3d, the variant the profile may select): more than half of all seats;
- ``none``: a meeting without a quorum rule (a police chief's report to the public).

Votes (R-000-9g): a decision is adopted by a simple majority of the votes cast for and against; on a tie
the presiding person's vote decides; a tie with the presiding person absent or abstaining adopts nothing.
"""

import dataclasses
from enum import StrEnum

from django.utils.translation import gettext as _


class Presence(StrEnum):
    PRESENT = "present"
    ACTING = "acting"  # the official acting in the position sits in the holder's place (R-000-9d)
    ABSENT = "absent"


class Choice(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


@dataclasses.dataclass(frozen=True)
class SeatPresence:
    seat_id: int
    permanent: bool
    presence: Presence
    side: str = ""  # "police" or "bar" in the monitoring group

    @property
    def here(self):
        return self.presence in (Presence.PRESENT, Presence.ACTING)


@dataclasses.dataclass(frozen=True)
class Quorum:
    reached: bool
    present: int
    required: int
    total: int
    reason: str
    sides: tuple = ()  # (side, present, total, reached) for the monitoring group


def _at_least_fraction(total, numerator, denominator):
    """The smallest count that is at least numerator/denominator of total: ceil without floats."""
    return -(-total * numerator // denominator)


def quorum(rule: dict, seats: list[SeatPresence], *, acting_counts: bool = True) -> Quorum:
    """``acting_counts``: whether the official acting in a position counts towards the quorum (R-000-9d
    says so for the council; the monitoring group counts members by personal participation, R-001-3d)."""
    if not acting_counts:
        seats = [
            dataclasses.replace(s, presence=Presence.ABSENT) if s.presence == Presence.ACTING else s for s in seats
        ]
    kind = rule.get("kind", "none")
    if kind == "permanent_fraction":
        counted = [s for s in seats if s.permanent]
        total, present = len(counted), sum(1 for s in counted if s.here)
        required = _at_least_fraction(total, rule.get("numerator", 2), rule.get("denominator", 3))
        reached = total > 0 and present >= required
        params = {"present": present, "total": total, "required": required}
        reason = (
            _("Quorum: %(present)s of %(total)s permanent members present, at least %(required)s needed (R-000-9d).")
            if reached
            else _(
                "No quorum: %(present)s of %(total)s permanent members present, "
                "at least %(required)s needed (R-000-9d)."
            )
        ) % params
        return Quorum(reached, present, required, total, reason)
    if kind == "each_side_majority":
        sides = []
        for side in sorted({s.side for s in seats}):
            mine = [s for s in seats if s.side == side]
            here = sum(1 for s in mine if s.here)
            sides.append((side, here, len(mine), 2 * here > len(mine)))
        reached = bool(sides) and all(ok for *_rest, ok in sides)
        present = sum(1 for s in seats if s.here)
        parts = "; ".join(
            _("%(side)s: %(present)s of %(total)s") % {"side": _side_label(side), "present": p, "total": t}
            for side, p, t, _ok in sides
        )
        reason = (
            _("Quorum: more than half of each side is present (%(parts)s) (R-001-3d).")
            if reached
            else _("No quorum: more than half of each side must be present (%(parts)s) (R-001-3d).")
        ) % {"parts": parts}
        required = sum(total // 2 + 1 for _side, _here, total, _ok in sides)
        return Quorum(reached, present, required, len(seats), reason, tuple(sides))
    if kind == "total_majority":
        total, present = len(seats), sum(1 for s in seats if s.here)
        required = total // 2 + 1
        reached = total > 0 and present >= required
        params = {"present": present, "total": total, "required": required}
        reason = (
            _("Quorum: %(present)s of %(total)s members present, more than half needed (R-001-3d).")
            if reached
            else _("No quorum: %(present)s of %(total)s members present, more than half needed (R-001-3d).")
        ) % params
        return Quorum(reached, present, required, total, reason)
    present = sum(1 for s in seats if s.here)
    return Quorum(True, present, 0, len(seats), _("The regulation sets no quorum for this meeting."))


def _side_label(side):
    return {"police": _("police side"), "bar": _("bar side")}.get(side, side or _("no side"))


@dataclasses.dataclass(frozen=True)
class VoteResult:
    adopted: bool
    votes_for: int
    votes_against: int
    abstained: int
    tie: bool
    casting_vote: bool  # the presiding person's vote decided a tie
    reason: str


def count_votes(votes: dict, presiding_seat_id=None) -> VoteResult:
    """``votes`` maps each entitled seat that voted to its Choice (R-000-9g)."""
    tally = {c: sum(1 for v in votes.values() if v == c) for c in Choice}
    yes, no, abstain = tally[Choice.FOR], tally[Choice.AGAINST], tally[Choice.ABSTAIN]
    params = {"for": yes, "against": no, "abstain": abstain}
    if yes != no:
        adopted = yes > no
        reason = (
            _("Adopted: %(for)s for, %(against)s against, %(abstain)s abstained (R-000-9g).")
            if adopted
            else _("Not adopted: %(for)s for, %(against)s against, %(abstain)s abstained (R-000-9g).")
        ) % params
        return VoteResult(adopted, yes, no, abstain, False, False, reason)
    casting = votes.get(presiding_seat_id) if presiding_seat_id is not None else None
    if yes and casting in (Choice.FOR, Choice.AGAINST):
        adopted = casting == Choice.FOR
        reason = (
            _("A tie (%(for)s for, %(against)s against); the presiding person's vote adopts it (R-000-9g).")
            if adopted
            else _("A tie (%(for)s for, %(against)s against); the presiding person's vote rejects it (R-000-9g).")
        ) % params
        return VoteResult(adopted, yes, no, abstain, True, True, reason)
    reason = (
        _("Not adopted: a tie (%(for)s for, %(against)s against) and the presiding person did not vote (R-000-9g).")
        if yes
        else _("Not adopted: nobody voted for (R-000-9g).")
    ) % params
    return VoteResult(False, yes, no, abstain, bool(yes), False, reason)
