"""The core app's tables, by noun: the registry, the engine (profiles, calendar, deadlines, notices,
audit) and what questions and documents share. Everything is importable from ``council.models``."""

from .access import (  # noqa: F401
    AccessAuditor,
    AccessLogEntry,
    DisclosureOrder,
    PositionCategory,
    SensitiveMaterial,
)
from .compliance import NO_BODY, ComplianceRollup, ComplianceSummary  # noqa: F401
from .documents import (  # noqa: F401
    CoExecutorLink,
    StoredDocument,
    WithCoExecutors,
)
from .engine import (  # noqa: F401
    AuditEvent,
    AuditVerb,
    CalendarDay,
    Deadline,
    Heartbeat,
    Notification,
    RegistryVersion,
    RegulationProfile,
)
from .registry import (  # noqa: F401
    Appointment,
    BilingualName,
    Body,
    Council,
    CouncilOfficer,
    Position,
    Seat,
    User,
    illegal_transition,
    localized,
)
from .tokens import ApiToken, token_digest  # noqa: F401
