"""Profiles stored by older code gain the rules and settings their presets have since (the data migration
council 0015): what is missing is added, what an administrator set stays, other profiles are left alone, and
running it again changes nothing."""

import copy
import importlib

import pytest
from django.apps import apps

from council.models import RegulationProfile
from council.profiles import PRESETS

pytestmark = pytest.mark.django_db

backfill = importlib.import_module("council.migrations.0015_profiles_gain_preset_rules_and_settings")


def run():
    backfill.add_preset_keys(apps, None)


def old_group_profile():
    """The monitoring group's profile as stored before this cycle: no draft plan dates (R-003-12), no
    protocol period of R-003-23, no limit on criminal cases (R-001-1.2), acting officials' quorum unset;
    its administrator has since moved the materials to 12 days (R-000-10b) and turned online meetings off."""
    preset = copy.deepcopy(PRESETS["monitoring-group"])
    rules, settings = preset["rules"], preset["settings"]
    for rule_id in ("R-003-12.quarterly_draft", "R-003-12.annual_draft", "R-003-23"):
        del rules[rule_id]
    for key in ("draft_rules", "no_criminal_cases", "acting_counts_for_quorum"):
        del settings[key]
    rules["R-000-10b"] = {"amount": 12}
    settings["online_meetings"] = False
    return RegulationProfile.objects.create(
        code="monitoring-group", version=1, name_kk="Топ", name_ru="Группа", rules=rules, settings=settings
    )


def test_an_old_profile_gains_the_presets_new_rules_and_settings_and_keeps_its_own_values():
    old = old_group_profile()
    assert not old.typed.no_criminal_cases
    run()
    old.refresh_from_db()
    assert old.rules["R-003-12.quarterly_draft"] == {} and old.rules["R-003-12.annual_draft"] == {}
    assert old.rules["R-003-23"] == {}
    assert old.settings["draft_rules"] == {"quarter": "R-003-12.quarterly_draft", "year": "R-003-12.annual_draft"}
    assert old.typed.no_criminal_cases is True  # R-001-1.2: the group's questions ask for the confirmation now
    assert old.settings["acting_counts_for_quorum"] is False
    # What the administrator set stays.
    assert old.rules["R-000-10b"] == {"amount": 12}
    assert old.settings["online_meetings"] is False
    # Nothing else differs from the preset.
    assert set(old.rules) == set(PRESETS["monitoring-group"]["rules"])
    assert set(old.settings) == set(PRESETS["monitoring-group"]["settings"])


def test_every_version_of_a_preset_is_filled_and_a_second_run_changes_nothing():
    """A territorial council's profile of two versions, both without the regional quarterly report
    (R-003-33) and the item control rules (R-003-18); a profile of the administrator's own code is not a
    preset's and is left alone."""
    rules = {
        k: v for k, v in PRESETS["territorial-council"]["rules"].items() if not k.startswith(("R-003-18", "R-003-33"))
    }
    settings = dict(PRESETS["territorial-council"]["settings"], late_materials="chair_exception")
    for version in (1, 2):
        RegulationProfile.objects.create(
            code="territorial-council", version=version, name_kk="К", name_ru="С", rules=rules, settings=settings
        )
    own = RegulationProfile.objects.create(
        code="own-regulation", version=1, name_kk="Ө", name_ru="С", rules={"R-000-10b": {}}, settings={}
    )
    run()
    for profile in RegulationProfile.objects.filter(code="territorial-council"):
        assert {"R-003-18", "R-003-18.removal", "R-003-18.action", "R-003-33"} <= set(profile.rules)
        assert profile.settings["late_materials"] == "chair_exception"
    stored = {p.pk: (p.rules, p.settings) for p in RegulationProfile.objects.all()}
    run()
    assert {p.pk: (p.rules, p.settings) for p in RegulationProfile.objects.all()} == stored
    own.refresh_from_db()
    assert (own.rules, own.settings) == ({"R-000-10b": {}}, {})
