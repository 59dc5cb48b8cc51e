"""Quorum and vote counting as table tests over every edge (R-000-9d, R-000-9g, R-001-3d)."""

import pytest

from secretariat.counting import Choice, Presence, SeatPresence, count_votes, quorum

P, A, X = Presence.PRESENT, Presence.ACTING, Presence.ABSENT
TWO_THIRDS = {"kind": "permanent_fraction", "numerator": 2, "denominator": 3}


def seats(*presences, delegated=()):
    """Permanent seats with the given presences, then delegated ones."""
    rows = [SeatPresence(i, True, p) for i, p in enumerate(presences, start=1)]
    rows += [SeatPresence(100 + i, False, p) for i, p in enumerate(delegated)]
    return rows


@pytest.mark.parametrize(
    ("presences", "delegated", "reached", "present", "required"),
    [
        ((P, P, X), (), True, 2, 2),  # exactly two thirds of 3
        ((P, X, X), (), False, 1, 2),
        ((P,) * 6 + (X,) * 3, (), True, 6, 6),  # exactly two thirds of 9
        ((P,) * 5 + (X,) * 4, (), False, 5, 6),  # one short
        ((P,) * 5 + (X,) * 2, (), True, 5, 5),  # 7 seats: 14/3 rounds up to 5
        ((P,) * 4 + (X,) * 3, (), False, 4, 5),
        ((P, A, X), (), True, 2, 2),  # the acting official counts in the holder's place
        ((P, X, X), (P, P, P), False, 1, 2),  # delegated members do not count towards the quorum
        ((), (P,), False, 0, 0),  # no permanent seats: no quorum
    ],
)
def test_two_thirds_of_the_permanent_members(presences, delegated, reached, present, required):
    """R-000-9d."""
    result = quorum(TWO_THIRDS, seats(*presences, delegated=delegated))
    assert (result.reached, result.present, result.required) == (reached, present, required)
    assert "R-000-9d" in result.reason


def sides(police, bar):
    rows = [SeatPresence(i, True, p, "police") for i, p in enumerate(police)]
    return rows + [SeatPresence(50 + i, True, p, "bar") for i, p in enumerate(bar)]


@pytest.mark.parametrize(
    ("police", "bar", "each_side", "total"),
    [
        ((P, P, X), (P, P, X), True, True),
        ((P, X), (P, P, P), False, True),  # half of the police side is not more than half
        ((P, P, P, P, P), (P, X, X), False, True),  # a large police side cannot carry the bar side
        ((P, A, X), (P, X, P), True, True),  # acting officials count
        ((P, X, X), (P, X, X), False, False),
        ((P, P, X, X), (P, P, X, X), False, False),  # exactly half of each: not more than half
    ],
)
def test_more_than_half_of_each_side_or_of_all(police, bar, each_side, total):
    """R-001-3d: each side separately; the total-majority variant is selectable in the profile."""
    assert quorum({"kind": "each_side_majority"}, sides(police, bar)).reached is each_side
    assert quorum({"kind": "total_majority"}, sides(police, bar)).reached is total


def test_the_reason_names_each_side():
    result = quorum({"kind": "each_side_majority"}, sides((P, X), (P, P)))
    assert not result.reached and dict((s, (p, t)) for s, p, t, _ok in result.sides) == {
        "police": (1, 2),
        "bar": (2, 2),
    }


def test_no_quorum_rule():
    assert quorum({"kind": "none"}, seats(X, X)).reached


F, AG, AB = Choice.FOR, Choice.AGAINST, Choice.ABSTAIN


@pytest.mark.parametrize(
    ("votes", "presiding", "adopted", "tie", "casting"),
    [
        ({1: F, 2: F, 3: AG}, 1, True, False, False),  # simple majority
        ({1: F, 2: AG, 3: AG}, 1, False, False, False),
        ({1: F, 2: AB, 3: AB}, 2, True, False, False),  # abstentions do not count against
        ({1: F, 2: AG}, 1, True, True, True),  # a tie: the presiding person voted for
        ({1: F, 2: AG}, 2, False, True, True),  # a tie: the presiding person voted against
        ({1: F, 2: AG, 3: AB}, 3, False, True, False),  # a tie and the presiding person abstained
        ({1: F, 2: AG}, 9, False, True, False),  # a tie and the presiding person absent
        ({1: F, 2: AG}, None, False, True, False),  # nobody presides
        ({1: AB, 2: AB}, 1, False, False, False),  # nobody voted for
        ({}, 1, False, False, False),
    ],
)
def test_simple_majority_and_the_casting_vote(votes, presiding, adopted, tie, casting):
    """R-000-9g."""
    result = count_votes(votes, presiding)
    assert (result.adopted, result.tie, result.casting_vote) == (adopted, tie, casting)
    assert "R-000-9g" in result.reason
