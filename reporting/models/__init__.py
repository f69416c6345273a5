from .accounts import PasswordHistory, Role, User
from .catalogue import CategoryThreshold, MutuItem, ServiceType, Urusan
from .jobs import Job, JobKind, JobStatus, ReminderRecord, ReminderStatus
from .notifications import Notification, NotificationKind, NotificationPreference
from .quality import ReportWarning, RuleKind, ValidationRule, WarningStatus
from .regions import Region, RegionCodeChange, RegionLevel
from .reports import (
    SENT_STATUSES,
    TEXT_LIMITS,
    Activity,
    ImplementationStage,
    MutuEntry,
    Period,
    PeriodExtension,
    Problem,
    ProblemCategory,
    Quarter,
    RencanaAksi,
    Report,
    ReportEvent,
    ReportStatus,
    ServiceEntry,
    SkTim,
    StageStatus,
    SupportingFile,
)
from .settings import ReportingSettings
from .snapshots import ReportSnapshot
from .submissions import FormSubmission
from .tokens import ApiToken, ApiTokenKind

__all__ = [
    "FormSubmission",
    "ApiToken",
    "ApiTokenKind",
    "Activity",
    "CategoryThreshold",
    "ImplementationStage",
    "Job",
    "JobKind",
    "JobStatus",
    "MutuEntry",
    "MutuItem",
    "PasswordHistory",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "Period",
    "PeriodExtension",
    "Problem",
    "ProblemCategory",
    "Quarter",
    "Region",
    "RegionCodeChange",
    "RegionLevel",
    "ReminderRecord",
    "ReminderStatus",
    "RencanaAksi",
    "Report",
    "ReportEvent",
    "ReportSnapshot",
    "ReportingSettings",
    "ReportStatus",
    "ReportWarning",
    "RuleKind",
    "SENT_STATUSES",
    "TEXT_LIMITS",
    "Role",
    "ServiceEntry",
    "ServiceType",
    "SkTim",
    "StageStatus",
    "SupportingFile",
    "Urusan",
    "User",
    "ValidationRule",
    "WarningStatus",
]
