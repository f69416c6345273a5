from .accounts import LoginAttempt, Role, User
from .catalogue import CategoryThreshold, MutuItem, ServiceType, Urusan
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

__all__ = [
    "Activity", "CategoryThreshold", "ImplementationStage", "LoginAttempt", "MutuEntry", "MutuItem",
    "Period", "PeriodExtension", "Problem", "ProblemCategory", "Quarter", "Region", "RegionCodeChange",
    "RegionLevel", "RencanaAksi", "Report", "ReportEvent", "ReportStatus", "Role", "ServiceEntry",
    "ServiceType", "SkTim", "StageStatus", "SupportingFile", "Urusan", "User",
]
