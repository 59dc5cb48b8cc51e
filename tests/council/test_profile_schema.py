"""Regulation profiles are typed: every setting has a type and a default (council/profile_schema.py), a
profile's JSON is checked in admin and when a preset is stored, and a rule is the profile's adjustment of
the rule as REGULATION.md writes it."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from council.deadline_services import council_profile, profile_ensure_presets, profile_new_version
from council.deadlines import UnknownRule, get_rule, period_anchor
from council.models import CalendarDay, Council, CouncilOfficer, RegulationProfile
from council.profile_schema import DEFAULTS, ProfileSettings, UnknownSetting, parse_rules, parse_settings
from council.profiles import COMMON_SETTINGS, PRESETS, validate_presets
from plans import services as plans
from plans.coverage import period_start
from tests.helpers import NOW


@pytest.fixture(autouse=True)
def english():
    """The messages are compared in English, whatever language an earlier test left active."""
    from django.utils import translation

    with translation.override("en"):
        yield


def profile_of(*, rules=None, settings=None):
    return RegulationProfile(
        code="test", name_kk="Сынақ", name_ru="Проверка", rules=rules or {}, settings=settings or {}
    )


def messages_of(exc, field=None):
    with translation.override("en"):
        errors = exc.message_dict[field] if field else exc.messages
        return " ".join(str(m) for m in errors)


# The presets ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("code", sorted(PRESETS))
def test_every_preset_is_valid(code):
    preset = PRESETS[code]
    settings = parse_settings(preset["settings"])
    assert parse_rules(preset["rules"]) == preset["rules"]
    assert settings.plan_period in settings.plan_periods
    profile_of(rules=preset["rules"], settings=preset["settings"]).clean()


def test_common_settings_are_the_schema_defaults():
    assert COMMON_SETTINGS == {key: DEFAULTS[key] for key in COMMON_SETTINGS}
    assert ProfileSettings().reminder_days_before == (3, 1, 0)


def test_a_preset_with_a_typo_fails_loudly_and_nothing_is_stored(db, monkeypatch):
    broken = {**PRESETS["coordination-council"], "settings": {**COMMON_SETTINGS, "quorom": {"kind": "none"}}}
    monkeypatch.setitem(PRESETS, "broken-council", broken)
    with pytest.raises(ValidationError) as caught:
        validate_presets()
    text = messages_of(caught.value)
    assert "broken-council" in text and "“quorom”" in text and "“quorum”" in text
    with pytest.raises(ValidationError):
        profile_ensure_presets()
    assert not RegulationProfile.objects.exists()


def test_a_preset_with_an_unknown_rule_fails_loudly(monkeypatch):
    monkeypatch.setitem(PRESETS, "broken-council", {**PRESETS["coordination-council"], "rules": {"R-000-10x": {}}})
    with pytest.raises(ValidationError, match="R-000-10x"):
        validate_presets()


# clean() --------------------------------------------------------------------------------------------


def test_a_typo_in_a_settings_key_is_refused_with_the_key_named():
    profile = profile_of(settings={**COMMON_SETTINGS, "online_meeting": True})
    with pytest.raises(ValidationError) as caught:
        profile.clean()
    assert messages_of(caught.value, "settings") == "Unknown setting “online_meeting”; did you mean “online_meetings”?"


def test_a_key_like_no_other_is_refused_with_the_known_keys_listed():
    with pytest.raises(ValidationError) as caught:
        profile_of(settings={"colour": "blue"}).clean()
    text = messages_of(caught.value, "settings")
    assert text.startswith("Unknown setting “colour”. Known settings: reminder_days_before,")
    assert "late_materials" in text


@pytest.mark.parametrize(
    ("key", "value", "expected"),
    [
        ("online_meetings", "yes", "must be true or false"),
        ("silence_is_consent", 1, "must be true or false"),
        ("reminder_hour", 25, "must be a whole number from 0 to 23"),
        ("escalate_to_chair_after_days", True, "must be a whole number, 0 or more"),
        ("retention_years", 0, "must be a whole number, 1 or more, or null"),
        ("reminder_days_before", [3, "1"], "must be a list of whole numbers of days"),
        ("materials_rule", "R-000-99", "must be the id of a rule of REGULATION.md"),
        ("protocol_due_on", "drafted", 'must be one of "presented", "signed"'),
        ("protocol_signers", ["chair", "chair"], "without repeats"),
        ("protocol_signers", ["president"], '"chair", "presiding", "secretary"'),
        ("plan_periods", "quarter", "must be a non-empty list"),
        ("proposals_rules", {"month": "R-003-12.quarterly"}, "must be an object mapping a plan period"),
        ("min_meetings", {"per": "week", "count": 1}, '"per": one of "quarter", "two_months", "year"'),
        ("min_meetings", {"per": "quarter", "count": 0}, '"count": a whole number, 1 or more'),
        ("quorum", {"kind": "majority"}, '{"kind": one of "none"'),
        ("quorum", {"kind": "permanent_fraction", "numerator": 3, "denominator": 2}, "numerator not above"),
        ("late_materials", "refuse", 'must be one of "accept_marked_late", "chair_exception"'),
    ],
)
def test_a_value_of_the_wrong_type_or_range_is_refused_with_the_key_named(key, value, expected):
    with pytest.raises(ValidationError) as caught:
        profile_of(settings={**COMMON_SETTINGS, key: value}).clean()
    text = messages_of(caught.value, "settings")
    assert text.startswith(f"Setting “{key}” must be")
    assert expected in text


def test_every_wrong_setting_is_named_at_once():
    with pytest.raises(ValidationError) as caught:
        profile_of(settings={"online_meetings": "no", "quorom": {}, "reminder_hour": -1}).clean()
    assert len(caught.value.message_dict["settings"]) == 3


def test_a_plan_period_outside_the_plan_periods_is_refused():
    with pytest.raises(ValidationError) as caught:
        profile_of(settings={"plan_period": "year", "plan_periods": ["quarter"]}).clean()
    assert messages_of(caught.value, "settings") == (
        'Setting “plan_period” ("year") must be one of “plan_periods” ("quarter").'
    )


def test_settings_that_are_not_an_object_are_refused():
    with pytest.raises(ValidationError) as caught:
        profile_of(settings=["online_meetings"]).clean()
    assert "JSON object" in messages_of(caught.value, "settings")


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ({"R-000-10x": {}}, "Unknown rule “R-000-10x”"),
        ({"R-000-10b": 10}, "Rule “R-000-10b”: its adjustments are an object"),
        ({"R-000-10b": {"amout": 10}}, "“amout” is not a rule parameter"),
        ({"R-000-10b": {"amount": -1}}, "“amount” must be a whole number, 0 or more"),
        ({"R-000-10b": {"unit": "weeks"}}, "“unit” must be one of"),
        ({"R-000-10b": {"direction": "around"}}, "“direction” must be one of"),
    ],
)
def test_a_wrong_rule_adjustment_is_refused_with_the_rule_named(rules, expected):
    with pytest.raises(ValidationError) as caught:
        profile_of(rules=rules).clean()
    assert expected in messages_of(caught.value, "rules")


# Reading settings -----------------------------------------------------------------------------------


def test_setting_of_an_unknown_key_raises_instead_of_reading_none():
    profile = profile_of(settings=PRESETS["monitoring-group"]["settings"])
    with pytest.raises(UnknownSetting, match="online_meeting"):
        profile.setting("online_meeting")
    assert profile.setting("online_meetings") is True


def test_a_setting_a_version_leaves_out_reads_its_default():
    profile = profile_of(settings={"online_meetings": True})
    assert profile.typed.online_meetings is True
    assert profile.typed.materials_rule == "R-000-10b" == profile.setting("materials_rule")
    assert profile.typed.protocol_signers == ("chair",)
    assert profile.typed.quorum == {"kind": "none"}
    assert profile.typed.retention_years is None


def test_the_typed_settings_are_those_of_the_profile():
    typed = profile_of(settings=PRESETS["monitoring-group"]["settings"]).typed
    assert typed.plan_periods == ("quarter", "year")
    assert typed.min_meetings == {"per": "two_months", "count": 1}
    assert typed.protocol_signers == ("presiding", "secretary")
    assert typed.retention_years == 3


# Rules ----------------------------------------------------------------------------------------------


def test_rule_for_falls_back_to_the_rule_as_written():
    profile = profile_of(rules={"R-000-11a": {}})
    assert profile.rule_for("R-000-10b") == get_rule("R-000-10b")
    assert profile.rule_for("R-000-11a") == get_rule("R-000-11a")


def test_rule_for_honours_the_profiles_adjustment():
    rule = profile_of(rules={"R-000-10b": {"amount": 10, "unit": "working_days"}}).rule_for("R-000-10b")
    assert (rule.amount, str(rule.unit)) == (10, "working_days")
    assert rule.wording == get_rule("R-000-10b").wording


def test_rule_for_an_id_regulation_md_does_not_have_raises():
    with pytest.raises(UnknownRule):
        profile_of().rule_for("R-999")


def test_a_new_version_with_a_typo_is_refused_and_not_stored(demo):
    profile = council_profile(demo["republic"])
    with pytest.raises(ValidationError) as caught:
        profile_new_version(
            profile=profile, actor=None, settings_={**profile.settings, "late_material": "refuse"}, now=NOW
        )
    assert "late_material" in messages_of(caught.value, "settings")
    assert RegulationProfile.objects.filter(code=profile.code).count() == 1


# Plans read the profile and the calendar -------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "period", "start"),
    [
        (dt.date(2026, 11, 23), "quarter", dt.date(2026, 10, 1)),
        (dt.date(2026, 3, 31), "quarter", dt.date(2026, 1, 1)),
        (dt.date(2026, 6, 30), "half_year", dt.date(2026, 1, 1)),
        (dt.date(2026, 7, 1), "half_year", dt.date(2026, 7, 1)),
        (dt.date(2026, 12, 31), "year", dt.date(2026, 1, 1)),
    ],
)
def test_period_start(day, period, start):
    assert period_start(day, period) == start


def test_a_date_fixed_after_a_quarter_counts_from_the_quarter_before_the_plan():
    assert period_anchor(get_rule("R-004-5"), dt.date(2027, 4, 1)) == dt.date(2027, 3, 31)
    assert period_anchor(get_rule("R-003-12.quarterly"), dt.date(2027, 4, 1)) == dt.date(2027, 4, 1)


def test_the_next_plan_period_follows_the_profiles_plan_period(demo):
    assert plans.default_start(demo["republic"], dt.date(2026, 11, 23)) == dt.date(2027, 1, 1)
    assert plans.default_start(demo["republic"], dt.date(2026, 6, 30)) == dt.date(2026, 7, 1)
    assert plans.default_start(demo["group"], dt.date(2026, 11, 23)) == dt.date(2027, 1, 1)
    assert plans.default_start(demo["group"], dt.date(2027, 1, 1)) == dt.date(2027, 4, 1)


def test_the_proposals_deadline_follows_a_decree_and_the_profile(demo):
    """R-000-9a.proposals: 30 calendar days before the half-year, moved back off a day off."""
    republic = demo["republic"]
    assert plans.proposals_due(republic, "half_year", dt.date(2027, 1, 1)) == (
        "R-000-9a.proposals",
        dt.date(2026, 12, 2),
    )
    CalendarDay.objects.create(
        day=dt.date(2026, 12, 2),
        kind=CalendarDay.Kind.DAY_OFF,
        name_ru="Перенос",
        decree_number="1",
        decree_date=dt.date(2026, 11, 1),
    )
    assert plans.proposals_due(republic, "half_year", dt.date(2027, 1, 1))[1] == dt.date(2026, 12, 1)
    profile = council_profile(republic)
    republic.profile = profile_new_version(
        profile=profile, actor=None, rules={**profile.rules, "R-000-9a.proposals": {"amount": 40}}, now=NOW
    )
    republic.save(update_fields=["profile"])
    assert plans.proposals_due(republic, "half_year", dt.date(2027, 1, 1))[1] == dt.date(2026, 11, 20)


def test_the_proposals_deadline_row_is_due_when_the_proposals_page_says(demo, user_named):
    """R-004-5: proposals to the plan of the second quarter of 2027 are due by 5 April 2027."""
    from council.models import Deadline

    office = Council.objects.create(
        code="gpo-analytics", kind=Council.Kind.ANALYTICAL, name_ru="Аналитика", name_kk="Т"
    )
    CouncilOfficer.objects.create(
        council=office, person=user_named("secretary"), role="secretary", start=dt.date(2024, 1, 1)
    )
    plan = plans.plan_create(actor=user_named("secretary"), council=office, start=dt.date(2027, 4, 1), now=NOW)
    deadline = Deadline.objects.get(kind="plan-proposals", subject_id=plan.pk)
    assert (deadline.rule_id, deadline.due_date) == plans.proposals_due(office, "quarter", plan.start)
    assert deadline.due_date == dt.date(2027, 4, 5)


def test_a_late_change_of_a_plan_item_is_counted_by_the_profiles_rule(demo):
    """R-003-19: a change within a month of the item's deadline needs a reason; a profile may lengthen it."""
    republic, deadline = demo["republic"], dt.date(2027, 3, 15)
    assert not plans.too_late_to_change(republic, deadline, dt.date(2027, 2, 12))
    assert plans.too_late_to_change(republic, deadline, dt.date(2027, 2, 16))
    profile = council_profile(republic)
    republic.profile = profile_new_version(
        profile=profile, actor=None, rules={**profile.rules, "R-003-19": {"amount": 2}}, now=NOW
    )
    republic.save(update_fields=["profile"])
    assert plans.too_late_to_change(republic, deadline, dt.date(2027, 2, 12))


# Admin ----------------------------------------------------------------------------------------------


@pytest.fixture
def unused_profile(demo):
    preset = PRESETS["coordination-council"]
    return RegulationProfile.objects.create(
        code="draft-regulation", name_kk="Жоба", name_ru="Проект", rules=preset["rules"], settings=preset["settings"]
    )


def post_profile(client, profile, settings_json):
    return client.post(
        reverse("admin:council_regulationprofile_change", args=[profile.pk]),
        {
            "code": profile.code,
            "version": profile.version,
            "name_kk": profile.name_kk,
            "name_ru": profile.name_ru,
            "rules": '{"R-000-10b": {"amount": 10}}',
            "settings": settings_json,
        },
    )


def test_admin_refuses_a_profile_json_with_a_typo_and_names_the_key(client, sign_in, unused_profile):
    sign_in("admin", language="en")
    response = post_profile(client, unused_profile, '{"online_meeting": true}')
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["settings"] == [
        "Unknown setting “online_meeting”; did you mean “online_meetings”?"
    ]
    assert "online_meetings" in response.content.decode()
    unused_profile.refresh_from_db()
    assert unused_profile.settings == PRESETS["coordination-council"]["settings"]


def test_admin_refuses_a_setting_of_the_wrong_type(client, sign_in, unused_profile):
    sign_in("admin", language="en")
    response = post_profile(client, unused_profile, '{"reminder_hour": "nine"}')
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["settings"] == [
        'Setting “reminder_hour” must be a whole number from 0 to 23, not "nine".'
    ]


def test_admin_saves_a_valid_profile_json(client, sign_in, unused_profile):
    sign_in("admin", language="en")
    response = post_profile(client, unused_profile, '{"online_meetings": true}')
    assert response.status_code == 302
    unused_profile.refresh_from_db()
    assert unused_profile.settings == {"online_meetings": True}
    assert unused_profile.rule_for("R-000-10b").amount == 10


@pytest.mark.parametrize("code", ["apparatus-council", "operational-meeting"])
def test_a_meeting_with_the_prosecutor_general_has_its_protocol_by_the_next_working_day(code):
    """R-003-23: the protocol is drafted and submitted for signature immediately, which this system takes as
    the next working day (not R-000-11a's 5 working days): a meeting on Friday 11 December 2026 has its
    protocol presented on Monday 14 December; one on Tuesday 15 December, on Thursday 17 December (Independence
    Day, 16 December, is a day off)."""
    from council.calendar import default_calendar
    from council.deadlines import apply_rule

    profile = profile_of(rules=PRESETS[code]["rules"], settings=PRESETS[code]["settings"])
    typed = profile.typed
    assert (typed.protocol_rule, typed.protocol_due_on) == ("R-003-23.protocol", "presented")
    rule = profile.rule_for(typed.protocol_rule)
    assert "immediately" in str(rule.wording) and "decision of this system" in str(rule.wording)
    assert apply_rule(rule, dt.date(2026, 12, 11), default_calendar()) == dt.date(2026, 12, 14)
    assert apply_rule(rule, dt.date(2026, 12, 15), default_calendar()) == dt.date(2026, 12, 17)
