"""Who may see and do what: the one place where reporting data is scoped by user.

Views and services never filter by role themselves; they call these functions.

- pemda (provinsi or kab/kota): its own region, every urusan, reads and writes its reports;
- operator: its parent pemda's region, writes only its own urusan, never submits;
- a province also reads its kab/kota's reports once they are sent (never their drafts)
  and reviews them;
- ministry reviewer and ministry admin read every report that is not a draft and
  review the provinces' reports;
- CMS editors and forum moderators see no report;
- a background job (recap, import, account list) and its result are read by the user who asked;
  a ministry user's jobs also by the rest of the ministry, except the account list (passwords).
"""

from django.db.models import F, Q, QuerySet

from reporting.models import (
    SENT_STATUSES,
    Job,
    JobKind,
    Region,
    RegionLevel,
    Report,
    ReportStatus,
    Role,
    Urusan,
    User,
)


def own_region(user: User) -> Region | None:
    """The region a pemda or operator account belongs to."""
    if not user.is_authenticated or user.role not in (Role.PEMDA, Role.OPERATOR):
        return None
    return user.region


def is_province_pemda(user: User) -> bool:
    """The pemda account of a province (it reads and reviews its kab/kota). No query: the region comes with
    the user."""
    return (
        user.is_authenticated
        and user.role == Role.PEMDA
        and user.region_id is not None
        and (user.region.level == RegionLevel.PROVINSI)
    )


def can_read_national_monitoring(user: User) -> bool:
    """National monitoring (every province, every urusan) is the ministry's."""
    return user.is_authenticated and user.is_ministry


def monitored_province(user: User, code: str | None = None) -> Region | None:
    """The province whose monitoring ``user`` opens: by ``code`` (either form, ``Region.objects.with_code``) one it
    reads (the ministry any), without a code its own (a province's pemda or operator account); ``None`` when none."""
    if code is not None:
        return region_readable_list(user).with_code(code).filter(level=RegionLevel.PROVINSI).first()
    own = own_region(user)
    if own is None or own.level != RegionLevel.PROVINSI:
        return None
    return own if region_readable_list(user).filter(pk=own.pk).exists() else None


def region_readable_list(user: User) -> QuerySet[Region]:
    """Regions whose reports the user may read at least in part."""
    regions = Region.objects.filter(is_active=True).select_related("province")
    if not user.is_authenticated:
        return regions.none()
    if user.is_ministry:
        return regions
    region = own_region(user)
    if region is None:
        return regions.none()
    if is_province_pemda(user):
        return regions.filter(Q(pk=region.pk) | Q(province_id=region.pk))
    return regions.filter(pk=region.pk)


def evaluation_region_list(user: User) -> QuerySet[Region]:
    """Pemda whose Evaluasi capaian the user reads: the pemda account its own, a province account also its
    kab/kota, the ministry every one. Operators fill one urusan and get no whole-pemda evaluation."""
    if user.is_authenticated and user.role == Role.OPERATOR:
        return Region.objects.none()
    return region_readable_list(user)


def can_evaluate_all(user: User) -> bool:
    """The evaluation of every pemda of a quarter at once (one zip for the quarterly meeting) is the ministry's."""
    return user.is_authenticated and user.is_ministry


def report_readable_list(user: User) -> QuerySet[Report]:
    """Reports the user may open: own ones in any status, others only once sent."""
    reports = Report.objects.all()
    if not user.is_authenticated:
        return reports.none()
    if user.is_ministry:
        return reports.filter(status__in=SENT_STATUSES)
    region = own_region(user)
    if region is None:
        return reports.none()
    own = Q(region_id=region.pk)
    if user.role == Role.OPERATOR:
        return reports.filter(own, urusan_id=user.urusan_id)
    if region.level == RegionLevel.PROVINSI:
        return reports.filter(own | Q(region__province_id=region.pk, status__in=SENT_STATUSES))
    return reports.filter(own)


def report_monitoring_list(user: User) -> QuerySet[Report]:
    """Sent reports whose data-quality warnings a reviewer monitors: the ministry every one, a province account
    its own and its kab/kota's; nobody else (a kab/kota reads its own warnings in its report)."""
    reports = Report.objects.filter(status__in=SENT_STATUSES)
    if not user.is_authenticated:
        return reports.none()
    if user.is_ministry:
        return reports
    region = own_region(user)
    if region is None or region.level != RegionLevel.PROVINSI or user.role != Role.PEMDA:
        return reports.none()
    return reports.filter(Q(region_id=region.pk) | Q(region__province_id=region.pk))


def can_monitor_warnings(user: User) -> bool:
    """The warning monitoring page is for the ministry and the province accounts."""
    if not user.is_authenticated:
        return False
    region = own_region(user)
    return user.is_ministry or (
        region is not None and region.level == RegionLevel.PROVINSI and user.role == Role.PEMDA
    )


def can_read_report(user: User, report: Report) -> bool:
    return report_readable_list(user).filter(pk=report.pk).exists()


def reads_sent_version(user: User, report: Report) -> bool:
    """Does ``user`` read ``report`` as it was last sent rather than as it is now? Everybody but the pemda
    filling it (its account and operators) while a returned report is being corrected: the province, the
    ministry and API tokens never see unsent corrections (issue 24.6). No query."""
    return (
        report.status == ReportStatus.RETURNED
        and report.sent_snapshot_id is not None
        and not can_fill_region(user, report.region)
    )


def unsent_since_kirim(user: User, *, changed_at: str, report: str = "report__") -> Q:
    """SQL form of ``reads_sent_version`` for lists of a report's rows (warnings): the rows ``user`` must not
    see because they changed (``changed_at``) after the last Kirim of a returned report it does not fill."""
    hidden = Q(**{f"{report}status": ReportStatus.RETURNED}) & Q(
        **{f"{changed_at}__gt": F(f"{report}sent_snapshot__sent_at")}
    )
    own = own_region(user)
    return hidden & ~Q(**{f"{report}region_id": own.pk}) if own is not None else hidden


def can_edit_region_urusan(user: User, region: Region, urusan_id: int) -> bool:
    """May the user fill in (draft) this region's report for this urusan?"""
    own = own_region(user)
    if own is None or own.pk != region.pk:
        return False
    return user.role == Role.PEMDA or (user.role == Role.OPERATOR and user.urusan_id == urusan_id)


def can_edit_report(user: User, report: Report) -> bool:
    """Write access to the content; the period window and status are checked by services."""
    return can_edit_region_urusan(user, report.region, report.urusan_id)


def can_submit_for_region(user: User, region_id: int) -> bool:
    """Only the pemda account itself sends (Kirim) its reports."""
    own = own_region(user)
    return user.role == Role.PEMDA and own is not None and own.pk == region_id


def can_submit_report(user: User, report: Report) -> bool:
    """Only the pemda account itself sends (Kirim) a report."""
    return can_submit_for_region(user, report.region_id)


def can_review_report(user: User, report: Report) -> bool:
    """The province reviews its kab/kota; the ministry reviews the provinces."""
    if report.region.level == RegionLevel.PROVINSI:
        return user.is_authenticated and user.is_ministry
    own = own_region(user)
    return (
        user.is_authenticated
        and user.role == Role.PEMDA
        and own is not None
        and own.level == RegionLevel.PROVINSI
        and report.region.province_id == own.pk
    )


def can_reopen_report(user: User, report: Report | None = None) -> bool:
    """Only the ministry reopens a report (Buka kembali) after its window closed or once it was sent."""
    return user.is_authenticated and user.is_ministry


def can_manage_region_documents(user: User, region: Region) -> bool:
    """SK Tim, tahapan and rencana aksi are kept by the pemda account itself."""
    own = own_region(user)
    return user.role == Role.PEMDA and own is not None and own.pk == region.pk


def can_edit_region_signatory(user: User, region: Region) -> bool:
    """The official who signs the printed reports is named by the pemda account itself, not its operators."""
    return can_manage_region_documents(user, region)


def can_read_region_documents(user: User, region: Region) -> bool:
    return region_readable_list(user).filter(pk=region.pk).exists()


def urusan_readable_list(user: User) -> QuerySet[Urusan]:
    """Urusan an account works on (the rows of its status table): an operator only its own, others every one."""
    urusan = Urusan.objects.order_by("order", "code")
    if user.is_authenticated and user.role == Role.OPERATOR:
        return urusan.filter(pk=user.urusan_id)
    return urusan


def can_fill_region(user: User, region: Region) -> bool:
    """Does the user fill in ``region``'s reports (its own pemda or operator account)?"""
    own = own_region(user)
    return own is not None and own.pk == region.pk


# --- Integration API tokens ---------------------------------------------------------------


def api_token_manageable_list(user: User):
    """Tokens the user may see and revoke: a pemda account its region's, the ministry every token."""
    from reporting.accounts.models import ApiToken

    tokens = ApiToken.objects.select_related("region", "urusan", "created_by")
    if not user.is_authenticated:
        return tokens.none()
    if user.is_ministry:
        return tokens
    if user.role == Role.PEMDA and user.region_id is not None:
        return tokens.filter(region_id=user.region_id, kind="pemda")
    return tokens.none()


def can_issue_api_token(user: User, *, kind: str, region: Region | None) -> bool:
    """A pemda account issues pemda tokens for its own region; the ministry issues ministry (read-only) tokens."""
    if not user.is_authenticated:
        return False
    if kind == "ministry":
        return user.is_ministry
    own = own_region(user)
    return (
        kind == "pemda" and user.role == Role.PEMDA and own is not None and region is not None and own.pk == region.pk
    )


def api_token_user(token) -> User | None:
    """The account whose view of the data a token gets; every API decision then goes through this module.

    A token works only while its owner (``token.created_by``) is active and keeps the role it was issued
    with (``None`` otherwise: the token no longer works). A pemda token acts as its owner, its region's
    pemda account; one limited to an urusan acts as an operator of that urusan (an unsaved copy: reads and
    writes that urusan only, never submits, as the pages decide for operators). A ministry token reads as a
    ministry reviewer (never saved; the API never lets it write) while its owner is still of the ministry.
    """
    owner = token.created_by
    if owner is None or not owner.is_active or owner.role != token.issued_role:
        return None
    if token.kind == "ministry":
        return User(username=f"api-{token.prefix}", role=Role.REVIEWER) if owner.is_ministry else None
    if owner.role != Role.PEMDA or owner.region_id != token.region_id:
        return None
    if token.urusan_id is None:
        return owner
    operator = User(
        pk=owner.pk,
        username=owner.username,
        role=Role.OPERATOR,
        region=owner.region,
        urusan_id=token.urusan_id,
        parent_id=owner.pk,
    )
    operator._api_copy = True  # never saved: the pk is the pemda account's, for the history entries
    return operator


def can_start_recap(user: User) -> bool:
    """Whoever reads at least one region gets the recap of its own scope."""
    return region_readable_list(user).exists()


# How far a role reaches: a ministry admin manages every account of a role up to its own. A superuser is above
# all; a role not listed (pemda, operator, reviewer, CMS editor, forum moderator) is at the bottom.
ROLE_RANK = {Role.MINISTRY_ADMIN: 1}
SUPERUSER_RANK = 2


def account_rank(user: User) -> int:
    return SUPERUSER_RANK if user.is_superuser else ROLE_RANK.get(user.role, 0)


def account_extra_permissions(user: User) -> set[str]:
    """Permissions ``user`` holds beyond its role's group (given directly or through another group), as
    ``"app.codename"``, whether or not the account is active (they come back with it)."""
    from django.contrib.auth.models import Permission

    from reporting.accounts.services.roles import ROLE_GROUPS

    held = Permission.objects.filter(
        Q(user=user) | (Q(group__user=user) & ~Q(group__name=ROLE_GROUPS.get(user.role, "")))
    ).values_list("content_type__app_label", "codename")
    return {f"{app}.{codename}" for app, codename in held}


def can_manage_account(actor: User, target: User) -> bool:
    """Whether ``actor`` may edit, reset (password, one-time password), deactivate or delete ``target``: an
    account manager (``reporting.change_user``) whose rights are not below the target's: a role of no higher
    rank (``ROLE_RANK``; only a superuser manages a superuser) and every permission the target holds beyond
    its role."""
    if not (actor.is_authenticated and actor.is_active and actor.has_perm("reporting.change_user")):
        return False
    if actor.is_superuser:
        return True
    if account_rank(target) > account_rank(actor):
        return False
    return account_extra_permissions(target) <= actor.get_all_permissions()


def can_grant_role(actor: User, role: str) -> bool:
    """Whether ``actor`` may give an account ``role``: never a role of higher rank than its own."""
    return actor.is_superuser or ROLE_RANK.get(role, 0) <= account_rank(actor)


def can_issue_pemda_accounts(user: User) -> bool:
    """The pemda account list carries one-time passwords: only a ministry admin with the account permission."""
    return user.is_authenticated and user.is_ministry and user.has_perm("reporting.change_user")


def job_readable_list(user: User) -> QuerySet[Job]:
    """Jobs whose page and result the user may open."""
    jobs = Job.objects.all()
    if not user.is_authenticated:
        return jobs.none()
    mine = Q(user_id=user.pk)
    if not can_issue_pemda_accounts(user):  # one who lost the right no longer fetches the passwords either
        mine &= ~Q(kind=JobKind.ACCOUNTS)
    if user.is_ministry:
        ministry = Q(user__is_superuser=True) | Q(user__role__in=(Role.REVIEWER, Role.MINISTRY_ADMIN))
        return jobs.filter(mine | (ministry & ~Q(kind=JobKind.ACCOUNTS)))
    return jobs.filter(mine)


def report_owner_accounts(report: Report) -> QuerySet[User]:
    """Who is told that ``report`` was returned or accepted: its pemda account and the operators of its urusan."""
    return User.objects.filter(region_id=report.region_id, is_active=True).filter(
        Q(role=Role.PEMDA) | Q(role=Role.OPERATOR, urusan_id=report.urusan_id)
    )


def report_reviewer_accounts(report: Report) -> QuerySet[User]:
    """Who is told that ``report`` was sent: whoever ``can_review_report`` lets review it (the province's
    account for a kab/kota, the ministry's reviewers and admins for a province)."""
    users = User.objects.filter(is_active=True)
    if report.region.level == RegionLevel.PROVINSI:
        return users.filter(role__in=(Role.REVIEWER, Role.MINISTRY_ADMIN))
    return users.filter(role=Role.PEMDA, region_id=report.region.province_id)


def region_deadline_accounts(region_ids) -> QuerySet[User]:
    """Who is reminded of a pemda's deadline: its pemda account and its operators (the caller keeps an
    operator only when its urusan is among the missing ones)."""
    return User.objects.filter(
        region_id__in=region_ids, is_active=True, role__in=(Role.PEMDA, Role.OPERATOR)
    ).select_related("urusan")
