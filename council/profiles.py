"""Presets of regulation profiles: which rules a kind of council lives by, with what parameters.

A profile is data (``council.models.RegulationProfile``), versioned: a successor regulation is a new
version, not a code change. These presets seed version 1 of each.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .profile_schema import DEFAULTS, parse_rules, parse_settings

# Every preset spells out when reminders go and which rule sets each deadline of a meeting's preparation
# and of its protocol, at the schema's defaults (``council/profile_schema.py`` says what each means), so a
# later change of a default never moves a stored version.
COMMON_SETTINGS = {
    key: DEFAULTS[key]
    for key in (
        "reminder_days_before",
        "escalate_to_chair_after_days",
        "reminder_hour",
        "materials_rule",
        "agenda_rule",
        "contributions_rule",
        "protocol_rule",
        "protocol_due_on",
        "agreement_rule",
        "protocol_dispatch_rule",
    )
}

# The model regulation (seed 000) for the republic council; territorial councils follow it (R-000-14).
COORDINATION_RULES = {
    rule_id: {}
    for rule_id in (
        "R-000-9a.proposals",
        "R-000-10a.contributions",
        "R-000-10b",
        "R-000-10c",
        "R-000-10e",
        "R-000-11a",
        "R-000-11c",
        "R-000-11e",
        "R-003-18",
        "R-003-18.removal",
        "R-003-18.action",
        "R-003-19",
        "R-003-19.extension",
        "R-003-23",
        "R-003-49",
        "R-003-65",
    )
}
# R-003-65 gives 7 working days to agree a draft; a council's protocol is due 5 working days after the
# meeting (R-000-11a), so the profile shortens the agreement period to 2 working days.
COORDINATION_RULES["R-003-65"] = {"amount": 2}
COORDINATION_SETTINGS = {
    **COMMON_SETTINGS,
    "plan_period": "half_year",
    "plan_periods": ["half_year"],  # R-000-9a
    "proposals_rules": {"half_year": "R-000-9a.proposals"},
    "min_meetings": {"per": "quarter", "count": 1},  # R-000-9c
    "quorum": {"kind": "permanent_fraction", "numerator": 2, "denominator": 3},  # R-000-9d
    "late_materials": "accept_marked_late",  # R-000-10b; or "chair_exception": later only with the chair's leave
    "silence_is_consent": True,  # R-003-65
    "online_meetings": False,
    "protocol_signers": ["chair"],  # R-000-11a
    "retention_years": None,
}

PRESETS = {
    "coordination-council": {
        "name_ru": "Координационный совет (Положение, Указ № 68 от 2 мая 2011 года)",
        "name_kk": "Үйлестіру кеңесі (Ереже, 2011 жылғы 2 мамырдағы № 68 Жарлық)",
        "name_en": _("Coordination council (Regulation, Decree No. 68 of 2 May 2011)"),
        "rules": COORDINATION_RULES,
        "settings": COORDINATION_SETTINGS,
    },
    "territorial-council": {
        "name_ru": "Территориальный координационный совет (типовое положение, п. 14)",
        "name_kk": "Аумақтық үйлестіру кеңесі (үлгілік ереже, 14-тармақ)",
        "name_en": _("Territorial coordination council (model regulation, paragraph 14)"),
        "rules": {**COORDINATION_RULES, "R-003-33": {}},  # plus the regional quarterly report
        "settings": COORDINATION_SETTINGS,
    },
    "monitoring-group": {
        "name_ru": "Межведомственная мониторинговая группа ДП г. Алматы и Алматинской городской коллегии адвокатов",
        "name_kk": "Алматы қ. ПД мен Алматы қалалық адвокаттар алқасының ведомствоаралық мониторинг тобы",
        "name_en": _("Interagency monitoring group of the Almaty Police Department and the Almaty City Bar"),
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
            "R-003-65": {"amount": 2},  # signed within 5 working days (R-001-3e)
        },
        "settings": {
            **COMMON_SETTINGS,
            "protocol_rule": "R-001-3e",
            "protocol_due_on": "signed",
            "protocol_dispatch_rule": "R-001-3e.copies",
            "plan_period": "quarter",  # R-001-2: quarterly and annual plans
            "plan_periods": ["quarter", "year"],
            "proposals_rules": {"quarter": "R-003-12.quarterly", "year": "R-003-12.annual"},
            "draft_rules": {"quarter": "R-003-12.quarterly_draft", "year": "R-003-12.annual_draft"},  # R-003-12
            "min_meetings": {"per": "two_months", "count": 1},  # R-001-3b
            "quorum": {"kind": "each_side_majority"},  # R-001-3d (Decision: each side separately)
            # Seed 001, 3.4 counts members "путем личного участия" (by personal participation). Decision:
            # an official acting in a member's position does not count towards the group's quorum; the
            # council's R-000-9d says the opposite, so this is a profile setting.
            "acting_counts_for_quorum": False,
            "late_materials": "accept_marked_late",
            "silence_is_consent": True,
            "online_meetings": True,  # R-001-3b
            "no_criminal_cases": True,  # R-001-1.2
            "protocol_signers": ["presiding", "secretary"],  # R-001-3e
            "retention_years": 3,  # R-001-3e
            "protocol_recipients": ["members", "police_units", "bar_presidium"],
        },
    },
    # A police chief's report to the public (seed 002) lives by its own Order only: no materials deadline,
    # no agenda dispatch, no quorum (R-002-4..R-002-8); its deadlines are the publication (R-002-8.2) and
    # the protocol on the same day (R-002-12, R-002-14).
    "public-report": {
        "name_ru": "Отчёт начальника органа полиции перед населением (Приказ МВД № 608 от 31 июля 2023 года)",
        "name_kk": "Полиция органы бастығының халық алдындағы есебі (ІІМ 2023 жылғы 31 шілдедегі № 608 бұйрығы)",
        "name_en": _("Police chief's report to the public (Order of the Minister of Internal Affairs No. 608)"),
        "rules": {
            # Decision: "no later than ten days before" counts calendar days (the Order says "working"
            # where it means it); a day off moves back to the previous working day.
            "R-002-8.2": {"amount": 10, "unit": "calendar_days", "direction": "before"},
            "R-002-12": {},
            # The check's period under the Administrative Procedural Code is left to the administrator:
            # until "amount" is set here, checks show "period not set" (R-002-16).
            "R-002-16.check": {},
            "R-003-23": {},
            "R-003-12.annual": {},
            "R-003-12.annual_draft": {},
        },
        "settings": {
            **COMMON_SETTINGS,
            "materials_rule": "",  # no materials deadline
            "agenda_rule": "",  # no agenda is approved or sent
            "publication_rule": "R-002-8.2",
            "plan_period": "year",
            "plan_periods": ["year"],
            "proposals_rules": {"year": "R-003-12.annual"},
            "draft_rules": {"year": "R-003-12.annual_draft"},  # R-003-12: the draft by 20 December
            "min_meetings": {"per": "year_first_quarter", "count": 1},  # R-002-4: in Q1 of the following year
            "quorum": {"kind": "none"},
            "late_materials": "accept_marked_late",
            "silence_is_consent": False,
            "online_meetings": False,  # R-002-2, R-002-4: in person
            "protocol_signers": ["secretary", "chair"],  # R-002-15
            "protocol_rule": "R-002-12",  # drawn up the same day (R-002-14)
            "protocol_agreement": False,  # no agreement with members: signed the same day (R-002-14, R-002-15)
            "public_protocol": True,  # R-002-12..14: number of participants; citizens' complaints and proposals
            "public_schedule": True,  # R-002-8: time, place and schedule are published
            "protocol_due_on": "signed",
            "retention_years": None,  # R-002-18: the keeping period of the nomenclature of affairs, set by the staff
        },
    },
}

PRESETS["analytical-work"] = {
    "name_ru": "Информационно-аналитическая работа органов прокуратуры (Приказ Генерального Прокурора № 146)",
    "name_kk": "Прокуратура органдарының ақпараттық-талдау жұмысы (Бас Прокурордың № 146 бұйрығы)",
    "name_en": _("Information-analytical work of prosecutor's offices (Order of the Prosecutor General No. 146)"),
    "rules": {
        "R-004-5": {},
        "R-004-6": {},
        "R-004-9": {},
        "R-004-10": {},
        "R-003-19": {},
        "R-003-19.extension": {},
    },
    "settings": {
        **COMMON_SETTINGS,
        "plan_period": "quarter",  # R-004-4: quarterly analytical work plans
        "plan_periods": ["quarter"],
        "proposals_rules": {"quarter": "R-004-5"},
        "item_stages": True,  # R-004-4: each measure has its stage
        "refusal_answer_working_days": 1,  # R-004-9 "at once": a decision of this system
        "min_meetings": {},
        "quorum": {"kind": "none"},
        "late_materials": "accept_marked_late",
        "silence_is_consent": False,
        "online_meetings": False,
        "protocol_signers": ["chair"],
        "retention_years": None,
    },
}

# Meetings of the Prosecutor General's Office under its work regulation (seed 003): the apparatus council
# (R-003-20) and operational, including interagency, meetings (R-003-21). Their protocols follow R-003-23.
MEETING_RULES = {
    "R-000-10a.contributions": {},
    "R-000-10c": {},
    "R-003-23": {},
    "R-003-23.protocol": {},
    "R-003-49": {},
    "R-003-65": {},
}
# R-003-23: the protocol is drafted and submitted for signature "immediately". A decision of this system:
# by the next working day after the meeting ("R-003-23.protocol", 1 working day), so a meeting held late on
# a Friday still leaves its secretary a working day; the protocol is due "presented" for signature.
MEETING_PROTOCOL = {"protocol_rule": "R-003-23.protocol", "protocol_due_on": "presented"}
PRESETS["apparatus-council"] = {
    "name_ru": "Аппаратный совет Генеральной прокуратуры (Регламент, пункт 20)",
    "name_kk": "Бас прокуратураның аппараттық кеңесі (Регламент, 20-тармақ)",
    "name_en": _("Apparatus council of the Prosecutor General's Office (work regulation, paragraph 20)"),
    "rules": {**MEETING_RULES, "R-003-20": {}, "R-003-20.chair": {}},
    "settings": {
        **COORDINATION_SETTINGS,
        "materials_rule": "R-003-20",  # speakers to the apparatus, 4 calendar days before
        "agenda_rule": "R-003-20.chair",  # the apparatus to the Prosecutor General, 2 calendar days before
        **MEETING_PROTOCOL,
        "min_meetings": {},
        "quorum": {"kind": "none"},
    },
}
PRESETS["operational-meeting"] = {
    "name_ru": "Оперативное (межведомственное) совещание у Генерального Прокурора (Регламент, пункт 21)",
    "name_kk": "Бас Прокурордағы жедел (ведомствоаралық) кеңес (Регламент, 21-тармақ)",
    "name_en": _("Operational (interagency) meeting with the Prosecutor General (work regulation, paragraph 21)"),
    "rules": {**MEETING_RULES, "R-003-21": {}, "R-003-21.chair": {}},
    "settings": {
        **COORDINATION_SETTINGS,
        "materials_rule": "R-003-21",  # running order, speech notes, references, participants: 5 days before
        "agenda_rule": "R-003-21.chair",  # to the Prosecutor General, 3 calendar days before
        **MEETING_PROTOCOL,
        "min_meetings": {},
        "quorum": {"kind": "none"},
    },
}

KIND_PRESET = {
    "republic": "coordination-council",
    "territorial": "territorial-council",
    "monitoring_group": "monitoring-group",
    "public_report": "public-report",
    "analytical": "analytical-work",
}


def validate_presets(presets=None):
    """Check every preset's rules and settings against the schema before any is stored; a typo in a preset
    raises ``ValidationError`` naming the preset and the key."""
    for code, preset in (PRESETS if presets is None else presets).items():
        try:
            parse_rules(preset["rules"])
            parse_settings(preset["settings"])
        except ValidationError as exc:
            raise ValidationError(
                _("Preset “%(code)s”: %(errors)s"),
                code="invalid_preset",
                params={"code": code, "errors": " ".join(exc.messages)},
            ) from exc
