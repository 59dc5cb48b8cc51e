"""Profiles stored by older code get the rules and settings their presets have gained since (R-003-12's draft
dates, R-003-18's item control, R-003-19, R-003-23, R-003-33, R-003-49, R-002-8.2, R-002-16.check, the group's
no_criminal_cases and acting_counts_for_quorum, ...).

Every version of a preset's code gets each rule id and each top-level setting it lacks, with the preset's
value as of this migration (written out below, so the migration does the same whenever it runs). Nothing
already stored is changed: a rule's parameters, a setting's value, a nested value such as a quorum or a
plan period's rules stay as the administrator (or the older preset) set them. Profiles of other codes are
left alone. Running it again adds nothing.
"""

from django.db import migrations

PRESETS = {
    "coordination-council": {
        "rules": {
            "R-000-9a.proposals": {},
            "R-000-10a.contributions": {},
            "R-000-10b": {},
            "R-000-10c": {},
            "R-000-10e": {},
            "R-000-11a": {},
            "R-000-11c": {},
            "R-000-11e": {},
            "R-003-18": {},
            "R-003-18.removal": {},
            "R-003-18.action": {},
            "R-003-19": {},
            "R-003-19.extension": {},
            "R-003-23": {},
            "R-003-49": {},
            "R-003-65": {"amount": 2},
        },
        "settings": {
            "reminder_days_before": [3, 1, 0],
            "escalate_to_chair_after_days": 3,
            "reminder_hour": 9,
            "materials_rule": "R-000-10b",
            "agenda_rule": "R-000-10e",
            "contributions_rule": "R-000-10a.contributions",
            "protocol_rule": "R-000-11a",
            "protocol_due_on": "presented",
            "agreement_rule": "R-003-65",
            "protocol_dispatch_rule": "R-000-11c",
            "plan_period": "half_year",
            "plan_periods": ["half_year"],
            "proposals_rules": {"half_year": "R-000-9a.proposals"},
            "min_meetings": {"per": "quarter", "count": 1},
            "quorum": {"kind": "permanent_fraction", "numerator": 2, "denominator": 3},
            "late_materials": "accept_marked_late",
            "silence_is_consent": True,
            "online_meetings": False,
            "protocol_signers": ["chair"],
            "retention_years": None,
        },
    },
    "territorial-council": {
        "rules": {
            "R-000-9a.proposals": {},
            "R-000-10a.contributions": {},
            "R-000-10b": {},
            "R-000-10c": {},
            "R-000-10e": {},
            "R-000-11a": {},
            "R-000-11c": {},
            "R-000-11e": {},
            "R-003-18": {},
            "R-003-18.removal": {},
            "R-003-18.action": {},
            "R-003-19": {},
            "R-003-19.extension": {},
            "R-003-23": {},
            "R-003-49": {},
            "R-003-65": {"amount": 2},
            "R-003-33": {},
        },
        "settings": {
            "reminder_days_before": [3, 1, 0],
            "escalate_to_chair_after_days": 3,
            "reminder_hour": 9,
            "materials_rule": "R-000-10b",
            "agenda_rule": "R-000-10e",
            "contributions_rule": "R-000-10a.contributions",
            "protocol_rule": "R-000-11a",
            "protocol_due_on": "presented",
            "agreement_rule": "R-003-65",
            "protocol_dispatch_rule": "R-000-11c",
            "plan_period": "half_year",
            "plan_periods": ["half_year"],
            "proposals_rules": {"half_year": "R-000-9a.proposals"},
            "min_meetings": {"per": "quarter", "count": 1},
            "quorum": {"kind": "permanent_fraction", "numerator": 2, "denominator": 3},
            "late_materials": "accept_marked_late",
            "silence_is_consent": True,
            "online_meetings": False,
            "protocol_signers": ["chair"],
            "retention_years": None,
        },
    },
    "monitoring-group": {
        "rules": {
            "R-000-10b": {"amount": 10},
            "R-000-10c": {},
            "R-000-10e": {},
            "R-001-3e": {},
            "R-001-3e.copies": {},
            "R-001-3f": {},
            "R-003-12.quarterly": {},
            "R-003-12.annual": {},
            "R-003-12.quarterly_draft": {},
            "R-003-12.annual_draft": {},
            "R-001-2": {},
            "R-003-23": {},
            "R-003-65": {"amount": 2},
        },
        "settings": {
            "reminder_days_before": [3, 1, 0],
            "escalate_to_chair_after_days": 3,
            "reminder_hour": 9,
            "materials_rule": "R-000-10b",
            "agenda_rule": "R-000-10e",
            "contributions_rule": "R-000-10a.contributions",
            "protocol_rule": "R-001-3e",
            "protocol_due_on": "signed",
            "agreement_rule": "R-003-65",
            "protocol_dispatch_rule": "R-001-3e.copies",
            "plan_period": "quarter",
            "plan_periods": ["quarter", "year"],
            "proposals_rules": {"quarter": "R-003-12.quarterly", "year": "R-003-12.annual"},
            "draft_rules": {"quarter": "R-003-12.quarterly_draft", "year": "R-003-12.annual_draft"},
            "min_meetings": {"per": "two_months", "count": 1},
            "quorum": {"kind": "each_side_majority"},
            "acting_counts_for_quorum": False,
            "late_materials": "accept_marked_late",
            "silence_is_consent": True,
            "online_meetings": True,
            "no_criminal_cases": True,
            "protocol_signers": ["presiding", "secretary"],
            "retention_years": 3,
            "protocol_recipients": ["members", "police_units", "bar_presidium"],
        },
    },
    "public-report": {
        "rules": {
            "R-002-8.2": {"amount": 10, "unit": "calendar_days", "direction": "before"},
            "R-002-12": {},
            "R-002-16.check": {},
            "R-003-23": {},
            "R-003-12.annual": {},
            "R-003-12.annual_draft": {},
        },
        "settings": {
            "reminder_days_before": [3, 1, 0],
            "escalate_to_chair_after_days": 3,
            "reminder_hour": 9,
            "materials_rule": "",
            "agenda_rule": "",
            "contributions_rule": "R-000-10a.contributions",
            "protocol_rule": "R-002-12",
            "protocol_due_on": "signed",
            "agreement_rule": "R-003-65",
            "protocol_dispatch_rule": "R-000-11c",
            "publication_rule": "R-002-8.2",
            "plan_period": "year",
            "plan_periods": ["year"],
            "proposals_rules": {"year": "R-003-12.annual"},
            "draft_rules": {"year": "R-003-12.annual_draft"},
            "min_meetings": {"per": "year_first_quarter", "count": 1},
            "quorum": {"kind": "none"},
            "late_materials": "accept_marked_late",
            "silence_is_consent": False,
            "online_meetings": False,
            "protocol_signers": ["secretary", "chair"],
            "protocol_agreement": False,
            "public_protocol": True,
            "public_schedule": True,
            "retention_years": None,
        },
    },
    "analytical-work": {
        "rules": {
            "R-004-5": {},
            "R-004-6": {},
            "R-004-9": {},
            "R-004-10": {},
            "R-003-19": {},
            "R-003-19.extension": {},
        },
        "settings": {
            "reminder_days_before": [3, 1, 0],
            "escalate_to_chair_after_days": 3,
            "reminder_hour": 9,
            "materials_rule": "R-000-10b",
            "agenda_rule": "R-000-10e",
            "contributions_rule": "R-000-10a.contributions",
            "protocol_rule": "R-000-11a",
            "protocol_due_on": "presented",
            "agreement_rule": "R-003-65",
            "protocol_dispatch_rule": "R-000-11c",
            "plan_period": "quarter",
            "plan_periods": ["quarter"],
            "proposals_rules": {"quarter": "R-004-5"},
            "item_stages": True,
            "refusal_answer_working_days": 1,
            "min_meetings": {},
            "quorum": {"kind": "none"},
            "late_materials": "accept_marked_late",
            "silence_is_consent": False,
            "online_meetings": False,
            "protocol_signers": ["chair"],
            "retention_years": None,
        },
    },
    "apparatus-council": {
        "rules": {
            "R-000-10a.contributions": {},
            "R-000-10c": {},
            "R-003-23": {},
            "R-003-23.protocol": {},
            "R-003-49": {},
            "R-003-65": {},
            "R-003-20": {},
            "R-003-20.chair": {},
        },
        "settings": {
            "reminder_days_before": [3, 1, 0],
            "escalate_to_chair_after_days": 3,
            "reminder_hour": 9,
            "materials_rule": "R-003-20",
            "agenda_rule": "R-003-20.chair",
            "contributions_rule": "R-000-10a.contributions",
            "protocol_rule": "R-003-23.protocol",
            "protocol_due_on": "presented",
            "agreement_rule": "R-003-65",
            "protocol_dispatch_rule": "R-000-11c",
            "plan_period": "half_year",
            "plan_periods": ["half_year"],
            "proposals_rules": {"half_year": "R-000-9a.proposals"},
            "min_meetings": {},
            "quorum": {"kind": "none"},
            "late_materials": "accept_marked_late",
            "silence_is_consent": True,
            "online_meetings": False,
            "protocol_signers": ["chair"],
            "retention_years": None,
        },
    },
    "operational-meeting": {
        "rules": {
            "R-000-10a.contributions": {},
            "R-000-10c": {},
            "R-003-23": {},
            "R-003-23.protocol": {},
            "R-003-49": {},
            "R-003-65": {},
            "R-003-21": {},
            "R-003-21.chair": {},
        },
        "settings": {
            "reminder_days_before": [3, 1, 0],
            "escalate_to_chair_after_days": 3,
            "reminder_hour": 9,
            "materials_rule": "R-003-21",
            "agenda_rule": "R-003-21.chair",
            "contributions_rule": "R-000-10a.contributions",
            "protocol_rule": "R-003-23.protocol",
            "protocol_due_on": "presented",
            "agreement_rule": "R-003-65",
            "protocol_dispatch_rule": "R-000-11c",
            "plan_period": "half_year",
            "plan_periods": ["half_year"],
            "proposals_rules": {"half_year": "R-000-9a.proposals"},
            "min_meetings": {},
            "quorum": {"kind": "none"},
            "late_materials": "accept_marked_late",
            "silence_is_consent": True,
            "online_meetings": False,
            "protocol_signers": ["chair"],
            "retention_years": None,
        },
    },
}


def missing_from(stored, preset):
    """``stored`` with every key of ``preset`` it lacks added; the keys added, in the preset's order."""
    stored = dict(stored or {})
    added = [key for key in preset if key not in stored]
    for key in added:
        stored[key] = preset[key]
    return stored, added


def add_preset_keys(apps, schema_editor):
    RegulationProfile = apps.get_model("council", "RegulationProfile")
    for profile in RegulationProfile.objects.filter(code__in=PRESETS).order_by("code", "version"):
        preset = PRESETS[profile.code]
        profile.rules, new_rules = missing_from(profile.rules, preset["rules"])
        profile.settings, new_settings = missing_from(profile.settings, preset["settings"])
        if new_rules or new_settings:
            profile.save(update_fields=["rules", "settings"])


class Migration(migrations.Migration):
    dependencies = [("council", "0014_notification_message_and_daily_email")]

    operations = [migrations.RunPython(add_preset_keys, migrations.RunPython.noop)]
