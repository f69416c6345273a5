from .accounts import Role, User
from .catalogue import CategoryThreshold, MutuItem, ServiceType, Urusan
from .jobs import Job, JobKind, JobStatus, ReminderRecord, ReminderStatus
from .notifications import Notification, NotificationKind, NotificationPreference
from .quality import ReportWarning, RuleKind, ValidationRule, WarningStatus
from .regions import Region, RegionCodeChange, RegionLevel
from .reports import (
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
from .snapshots import ReportSnapshot
from .tokens import ApiToken, ApiTokenKind

__all__ = [
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
    "ReportStatus",
    "ReportWarning",
    "RuleKind",
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
