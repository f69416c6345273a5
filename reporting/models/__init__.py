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
from .users import Role, User

__all__ = [
    "FormSubmission",
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
