"""What a regulation profile may say: every setting with its type, default and meaning, and the shape of
its rule adjustments.

``RegulationProfile.settings`` and ``RegulationProfile.rules`` are JSON (presets in ``council/profiles.py``,
later versions edited in admin). ``parse_settings`` turns the settings into a ``ProfileSettings`` and
``parse_rules`` checks the rule adjustments; both refuse what they do not know with a ``ValidationError``
that names the key and what it should be, so a typo never reads as "not set". A key a version leaves out
takes its default here.

Pure: no database, no clock.
"""

import copy
import dataclasses
import difflib
import json

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .deadlines import RULES, Direction, Unit

PLAN_PERIODS = ("quarter", "half_year", "year")
MEETING_FREQUENCIES = ("quarter", "two_months", "year", "year_first_quarter")
QUORUM_KINDS = ("none", "permanent_fraction", "each_side_majority", "total_majority")
SIGNER_CAPACITIES = ("chair", "presiding", "secretary")
PROTOCOL_DUE_ON = ("presented", "signed")
LATE_MATERIALS = ("accept_marked_late", "chair_exception")
RULE_PARAMETERS = ("amount", "unit", "direction")


class UnknownSetting(KeyError):
    def __str__(self):
        return f"Unknown profile setting: {self.args[0]!r}. Known settings: {', '.join(SETTINGS)}"


class _Invalid(Exception):
    """A value of the wrong type or out of range; carries what was expected."""

    def __init__(self, expected):
        super().__init__(expected)
        self.expected = expected


def _quoted(values):
    return ", ".join(json.dumps(v) for v in values)


# Checks: each takes the JSON value and returns the typed one, or raises _Invalid ---------------------


def _boolean(value):
    if not isinstance(value, bool):
        raise _Invalid(_("true or false"))
    return value


def _whole(low, high=None, *, nullable=False):
    def check(value):
        if value is None and nullable:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value >= low and (high is None or value <= high):
            return value
        if high is not None:
            raise _Invalid(_("a whole number from %(low)s to %(high)s") % {"low": low, "high": high})
        if nullable:
            raise _Invalid(_("a whole number, %(low)s or more, or null") % {"low": low})
        raise _Invalid(_("a whole number, %(low)s or more") % {"low": low})

    return check


def _one_of(choices):
    def check(value):
        if not isinstance(value, str) or value not in choices:
            raise _Invalid(_("one of %(choices)s") % {"choices": _quoted(choices)})
        return value

    return check


def _rule_id(value):
    if not isinstance(value, str) or value not in RULES:
        raise _Invalid(_('the id of a rule of REGULATION.md (council/deadlines.py), such as "R-000-10b"'))
    return value


def _rule_id_or_none(value):
    """A rule id, or "" where the profile has no such deadline (a police chief's report has no materials
    and no agenda dispatch, R-002-4..R-002-8)."""
    return "" if value == "" else _rule_id(value)


def _days_before(value):
    if not isinstance(value, list) or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in value):
        raise _Invalid(_("a list of whole numbers of days, 0 or more"))
    return tuple(value)


def _distinct_list(choices=None):
    """A non-empty list without repeats, of ``choices`` or of any non-empty strings."""

    def check(value):
        ok = (
            isinstance(value, list)
            and value
            and all(isinstance(v, str) and v and (choices is None or v in choices) for v in value)
            and len(set(value)) == len(value)
        )
        if not ok:
            if choices is None:
                raise _Invalid(_("a non-empty list of names without repeats"))
            raise _Invalid(_("a non-empty list without repeats of %(choices)s") % {"choices": _quoted(choices)})
        return tuple(value)

    return check


def _names(value):
    """A list of names (possibly empty)."""
    return () if value == [] else _distinct_list()(value)


def _proposals_rules(value):
    if not (
        isinstance(value, dict)
        and all(k in PLAN_PERIODS and isinstance(v, str) and v in RULES for k, v in value.items())
    ):
        raise _Invalid(
            _("an object mapping a plan period (%(periods)s) to the id of a rule of REGULATION.md")
            % {"periods": _quoted(PLAN_PERIODS)}
        )
    return dict(value)


def _min_meetings(value):
    if value == {}:
        return {}
    count = value.get("count") if isinstance(value, dict) else None
    if not (
        isinstance(value, dict)
        and set(value) == {"per", "count"}
        and value["per"] in MEETING_FREQUENCIES
        and isinstance(count, int)
        and not isinstance(count, bool)
        and count >= 1
    ):
        raise _Invalid(
            _('{} (no minimum) or {"per": one of %(per)s, "count": a whole number, 1 or more}')
            % {"per": _quoted(MEETING_FREQUENCIES)}
        )
    return dict(value)


def _quorum(value):
    kind = value.get("kind") if isinstance(value, dict) else None
    if kind == "permanent_fraction":
        fraction = {k: value.get(k) for k in ("numerator", "denominator")}
        ok = set(value) <= {"kind", "numerator", "denominator"} and all(
            isinstance(n, int) and not isinstance(n, bool) and n > 0 for n in fraction.values()
        )
        ok = ok and fraction["numerator"] <= fraction["denominator"]
    else:
        ok = kind in QUORUM_KINDS and set(value) == {"kind"}
    if not ok:
        raise _Invalid(
            _(
                '{"kind": one of %(kinds)s}; "permanent_fraction" also takes "numerator" and "denominator", '
                "whole numbers with the numerator not above the denominator"
            )
            % {"kinds": _quoted(QUORUM_KINDS)}
        )
    return dict(value)


# The schema -----------------------------------------------------------------------------------------


def _setting(default, help_text, check):
    """A field of ``ProfileSettings``: its default (as the JSON would say it), meaning and check."""
    metadata = {"help_text": help_text, "check": check, "json_default": default}
    if isinstance(default, dict):
        return dataclasses.field(default_factory=lambda: copy.deepcopy(default), metadata=metadata)
    return dataclasses.field(default=tuple(default) if isinstance(default, list) else default, metadata=metadata)


@dataclasses.dataclass(frozen=True)
class ProfileSettings:
    # Reminders of every deadline (the sweep, council/deadline_services.py)
    reminder_days_before: tuple[int, ...] = _setting(
        [3, 1, 0],
        _("Reminders before a due date, in calendar days (0: on the day itself)."),
        _days_before,
    )
    escalate_to_chair_after_days: int = _setting(
        3, _("Calendar days a deadline stays overdue before the chair is told."), _whole(0)
    )
    reminder_hour: int = _setting(9, _("Local hour at which reminders and overdue notices go out."), _whole(0, 23))
    # The rules that set each deadline of a meeting's preparation
    materials_rule: str = _setting(
        "R-000-10b",
        _('Rule by which materials of an agenda question reach the secretary ("": no such deadline).'),
        _rule_id_or_none,
    )
    agenda_rule: str = _setting(
        "R-000-10e",
        _('Rule by which the approved agenda with its documents is sent to members ("": no agenda is sent).'),
        _rule_id_or_none,
    )
    publication_rule: str = _setting(
        "",
        _('Rule by which the time, place and how to send questions are published before the meeting ("": none).'),
        _rule_id_or_none,
    )
    contributions_rule: str = _setting(
        "R-000-10a.contributions",
        _("Rule by which co-executors give the responsible body their contributions to the materials."),
        _rule_id,
    )
    # The protocol
    protocol_rule: str = _setting("R-000-11a", _("Rule by which the protocol is drawn up after the meeting."), _rule_id)
    protocol_due_on: str = _setting(
        "presented",
        _('What the protocol rule requires by its date: "presented" to the chair for signature, or "signed".'),
        _one_of(PROTOCOL_DUE_ON),
    )
    agreement_rule: str = _setting(
        "R-003-65", _("Rule by which members agree the draft protocol (its earliest end)."), _rule_id
    )
    protocol_dispatch_rule: str = _setting("R-000-11c", _("Rule by which the signed protocol is sent."), _rule_id)
    protocol_signers: tuple[str, ...] = _setting(
        ["chair"],
        _("Who signs the protocol, in order: chair, presiding person, secretary."),
        _distinct_list(SIGNER_CAPACITIES),
    )
    protocol_recipients: tuple[str, ...] = _setting(
        [],
        _(
            'Who receives the signed protocol besides the members ("members" itself adds nothing); any other name '
            "makes the secretary choose the bodies that get a copy."
        ),
        _names,
    )
    silence_is_consent: bool = _setting(
        False, _("A member who does not answer by the agreement date counts as agreeing to the draft."), _boolean
    )
    protocol_agreement: bool = _setting(
        True,
        _(
            "The draft is agreed with the members before it is presented for signature (R-000-11b); false: it "
            "is presented straight away (a police chief's report's protocol, drawn up the same day, R-002-14)."
        ),
        _boolean,
    )
    public_protocol: bool = _setting(False, _("The protocol is published on the public page."), _boolean)
    public_schedule: bool = _setting(
        False,
        _("The time and place of the meetings are public: anyone reads them through the open data API (R-002-8)."),
        _boolean,
    )
    retention_years: int | None = _setting(
        None, _("Years a signed protocol is kept (null: no term is set)."), _whole(1, nullable=True)
    )
    # Plans
    plan_period: str = _setting(
        "half_year",
        _("The period of the plan offered first and of members' proposals; one of plan_periods."),
        _one_of(PLAN_PERIODS),
    )
    plan_periods: tuple[str, ...] = _setting(
        ["half_year"], _("The periods the council makes plans for."), _distinct_list(PLAN_PERIODS)
    )
    proposals_rules: dict = _setting(
        {},
        _("For each plan period, the rule by which members' proposals to the plan are due (none: no such deadline)."),
        _proposals_rules,
    )
    draft_rules: dict = _setting(
        {},
        _(
            "For each plan period, the rule by which the secretary submits the draft plan for approval "
            "(R-003-12; none: no such deadline)."
        ),
        _proposals_rules,
    )
    no_criminal_cases: bool = _setting(
        False,
        _(
            "The council may not deal with a specific criminal case: proposals and questions carry the proposer's "
            "confirmation, and the secretary refuses a question on this ground (R-001-1.2)."
        ),
        _boolean,
    )
    item_stages: bool = _setting(False, _("Each plan item has its stage (analytical work)."), _boolean)
    # Unplanned analytical work (seed 004)
    refusal_answer_working_days: int = _setting(
        1,
        _(
            "Decision of this system, not of the regulation: the reasoned answer to a state body goes “at once” "
            "after the refusal report to the Prosecutor General (R-004-9); this is how many working days "
            "“at once” allows (0: the same day)."
        ),
        _whole(0, 10),
    )
    min_meetings: dict = _setting(
        {}, _('The fewest meetings per period, such as {"per": "quarter", "count": 1}; {} sets none.'), _min_meetings
    )
    # Meetings
    quorum: dict = _setting(
        {"kind": "none"},
        _(
            'How the quorum is counted: {"kind": "none"}, {"kind": "total_majority"}, {"kind": '
            '"each_side_majority"} or {"kind": "permanent_fraction", "numerator": 2, "denominator": 3}.'
        ),
        _quorum,
    )
    online_meetings: bool = _setting(False, _("Meetings may be held online."), _boolean)
    acting_counts_for_quorum: bool = _setting(
        True,
        _("The official acting in a member's position counts towards the quorum."),
        _boolean,
    )
    late_materials: str = _setting(
        "accept_marked_late",
        _('Materials after their date: "accept_marked_late", or "chair_exception" (only with the chair\'s leave).'),
        _one_of(LATE_MATERIALS),
    )


SETTINGS = {f.name: f for f in dataclasses.fields(ProfileSettings)}


def _shown(value):
    return json.dumps(value, ensure_ascii=False)


def _unknown_setting(key):
    match = difflib.get_close_matches(str(key), SETTINGS, n=1)
    if match:
        return ValidationError(
            _("Unknown setting “%(key)s”; did you mean “%(match)s”?"),
            code="unknown_setting",
            params={"key": key, "match": match[0]},
        )
    return ValidationError(
        _("Unknown setting “%(key)s”. Known settings: %(known)s."),
        code="unknown_setting",
        params={"key": key, "known": ", ".join(SETTINGS)},
    )


def parse_settings(data) -> ProfileSettings:
    """The settings of a profile, typed; defaults for the keys it leaves out.

    Raises ``ValidationError`` naming every unknown key and every value of the wrong type or range.
    """
    if not isinstance(data, dict):
        raise ValidationError(_('The settings are a JSON object: {"name": value, …}.'), code="not_an_object")
    errors, values = [], {}
    for key, value in data.items():
        field = SETTINGS.get(key)
        if field is None:
            errors.append(_unknown_setting(key))
            continue
        try:
            values[key] = field.metadata["check"](value)
        except _Invalid as exc:
            errors.append(
                ValidationError(
                    _("Setting “%(key)s” must be %(expected)s, not %(value)s."),
                    code="invalid_setting",
                    params={"key": key, "expected": exc.expected, "value": _shown(value)},
                )
            )
    if errors:
        raise ValidationError(errors)
    result = ProfileSettings(**values)
    if result.plan_period not in result.plan_periods:
        raise ValidationError(
            _("Setting “plan_period” (%(period)s) must be one of “plan_periods” (%(periods)s)."),
            code="invalid_setting",
            params={"period": _shown(result.plan_period), "periods": _quoted(result.plan_periods)},
        )
    return result


def parse_rules(data) -> dict:
    """The rule adjustments of a profile, checked: {rule id: {"amount"?, "unit"?, "direction"?}}."""
    if not isinstance(data, dict):
        raise ValidationError(
            _('The rules are a JSON object of rule ids and their adjustments: {"R-000-10b": {"amount": 10}, …}.'),
            code="not_an_object",
        )
    errors = []
    for rule_id, params in data.items():
        if rule_id not in RULES:
            errors.append(
                ValidationError(
                    _("Unknown rule “%(rule)s”: REGULATION.md has no such rule (council/deadlines.py)."),
                    code="unknown_rule",
                    params={"rule": rule_id},
                )
            )
            continue
        if not isinstance(params, dict):
            errors.append(
                ValidationError(
                    _('Rule “%(rule)s”: its adjustments are an object such as {"amount": 10}, or {}.'),
                    code="invalid_rule",
                    params={"rule": rule_id},
                )
            )
            continue
        for name, value in params.items():
            if name not in RULE_PARAMETERS:
                problem = _("“%(name)s” is not a rule parameter; a rule takes %(names)s") % {
                    "name": name,
                    "names": _quoted(RULE_PARAMETERS),
                }
            elif name == "amount" and not (isinstance(value, int) and not isinstance(value, bool) and value >= 0):
                problem = _("“amount” must be a whole number, 0 or more")
            elif name == "unit" and value not in {u.value for u in Unit}:
                problem = _("“unit” must be one of %(units)s") % {"units": _quoted([u.value for u in Unit])}
            elif name == "direction" and value not in {d.value for d in Direction}:
                problem = _("“direction” must be one of %(directions)s") % {
                    "directions": _quoted([d.value for d in Direction])
                }
            else:
                continue
            errors.append(
                ValidationError(
                    _("Rule “%(rule)s”: %(problem)s."),
                    code="invalid_rule",
                    params={"rule": rule_id, "problem": problem},
                )
            )
    if errors:
        raise ValidationError(errors)
    return data


def settings_json(settings: ProfileSettings) -> dict:
    """The settings as JSON would store them (lists for tuples)."""
    return {
        name: list(value) if isinstance(value, tuple) else copy.deepcopy(value)
        for name, value in dataclasses.asdict(settings).items()
    }


DEFAULTS = {name: copy.deepcopy(field.metadata["json_default"]) for name, field in SETTINGS.items()}
