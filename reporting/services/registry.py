"""Region registry import: upsert by code, never delete, follow code changes."""

from dataclasses import dataclass, field

from django.db import transaction

from reporting.models import Region, RegionCodeChange, RegionLevel, Role, User
from reporting.selectors.public import public_figures_changed


def login_code_for(code: str) -> str:
    """``"32"`` -> ``"3200"`` (province), ``"35.17"`` -> ``"3517"`` (kab/kota)."""
    return code.replace(".", "") if "." in code else f"{code}00"


@dataclass
class RegionImportResult:
    created: int = 0
    updated: int = 0
    deactivated: int = 0
    renamed: list[str] = field(default_factory=list)


def _apply_code_changes(changes: list[dict], known_codes: set[str], result: RegionImportResult) -> None:
    """Move a region that still carries an old code onto its new code, keeping its accounts and reports."""
    for change in changes:
        new_code = change["new_code"]
        old = Region.objects.filter(login_code=change["old_login_code"]).first()
        if old is None or new_code not in known_codes or Region.objects.filter(code=new_code).exists():
            continue
        old_login = old.login_code
        old.code, old.login_code = new_code, login_code_for(new_code)
        old.save(update_fields=["code", "login_code"])
        User.objects.filter(role=Role.PEMDA, region=old, username=old_login).update(username=old.login_code)
        result.renamed.append(f"{old_login} -> {old.login_code}")


def _upsert(code: str, name: str, level: str, province: Region | None, result: RegionImportResult) -> Region:
    region, created = Region.objects.update_or_create(
        code=code,
        defaults={
            "login_code": login_code_for(code),
            "name": name,
            "level": level,
            "province": province,
            "is_active": True,
        },
    )
    if created:
        result.created += 1
    else:
        result.updated += 1
    return region


@transaction.atomic
def region_import(
    *, provinces: list[dict], regencies: list[dict], non_autonomous: set[str], code_changes: list[dict]
) -> RegionImportResult:
    """Bring the registry in line with the given rows.

    Rows are dicts with ``code`` and ``name`` (regencies also ``province_code``);
    ``non_autonomous`` are codes that report through their province; ``code_changes``
    are dicts with ``old_login_code``, ``new_code`` and ``note``.
    """
    result = RegionImportResult()
    known = {row["code"] for row in provinces} | {row["code"] for row in regencies}
    _apply_code_changes(code_changes, known, result)
    by_code = {}
    for row in provinces:
        by_code[row["code"]] = _upsert(row["code"], row["name"], RegionLevel.PROVINSI, None, result)
    for row in regencies:
        if row["code"] in non_autonomous:
            continue
        _upsert(row["code"], row["name"], RegionLevel.KABKOTA, by_code[row["province_code"]], result)
    active = known - set(non_autonomous)
    result.deactivated = Region.objects.exclude(code__in=active).filter(is_active=True).update(is_active=False)
    for change in code_changes:
        region = Region.objects.filter(code=change["new_code"]).first()
        if region is not None:
            RegionCodeChange.objects.update_or_create(
                old_login_code=change["old_login_code"], defaults={"region": region, "note": change.get("note", "")}
            )
    public_figures_changed()  # region names appear in the latest submissions
    return result
