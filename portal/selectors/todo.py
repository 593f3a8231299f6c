"""The to-do panel on each role's home page: what waits for this person, oldest first.

dinas — drafts not yet submitted, returned reports with their reason, quarters due soon or
overdue, findings awaiting a follow-up, a returned RK; ditjen — reports awaiting verification
("menunggu N hari"), RKs awaiting approval, overdue regions with their operator's contact;
inspektorat — follow-ups awaiting assessment, findings past due. Every read goes through
`visible_to(user)`; deadlines and lateness only through `report_deadline` / `report_overdue`.
A fixed number of queries per role, whatever the amount of data (tests/portal/test_todo.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role, is_ditjen, is_inspector
from allocations.choices import RKStatus
from allocations.models import Allocation, FiscalYear
from allocations.selectors.deadlines import (
    alert_dates,
    region_today,
    report_deadline,
    with_calendar,
)
from dakmonev.quarters import Quarter
from dakmonev.spreadsheet.numbers import format_date
from monev.choices import PENDING_STATUSES
from monev.models import Finding, FollowUp
from realisasi.choices import ReportStatus
from realisasi.models import QuarterlyReport
from realisasi.selectors.overdue import OverdueFilters, overdue_reports, report_overdue

__all__ = ["Todo", "TodoItem", "TodoSection", "has_todo_panel", "todo_for"]

SHOWN = 8  # items per section; the section says how many there are in all
WAITING_TOO_LONG = 7  # days a submitted report may wait before its line turns red


@dataclass(frozen=True)
class TodoItem:
    text: str
    url: str
    detail: str = ""
    tone: str = ""  # "bad" (late, returned), "warn" (due soon), "" otherwise


@dataclass
class TodoSection:
    key: str
    title: str
    items: list[TodoItem] = field(default_factory=list)
    total: int = 0
    more_url: str = ""

    @property
    def more(self) -> int:
        return max(self.total - len(self.items), 0)


@dataclass
class Todo:
    sections: list[TodoSection]

    @property
    def count(self) -> int:
        return sum(s.total for s in self.sections)


def has_todo_panel(user) -> bool:
    """Whether the user's role has a to-do panel (no query: the home pages load it separately)."""
    return bool(
        is_ditjen(user) or is_inspector(user) or (user.role == Role.DINAS and user.region_id)
    )


def todo_for(user, *, now: dt.datetime | None = None) -> Todo | None:
    """The to-do panel of the user's role (None for roles without one: pimpinan, api)."""
    now = now or timezone.now()
    if is_ditjen(user):
        return Todo(_ditjen(user, now))
    if is_inspector(user):
        return Todo(_inspector(user, now))
    if user.role == Role.DINAS and user.region_id:
        return Todo(_dinas(user, now))
    return None


def _report_label(r: QuarterlyReport) -> str:
    return _("Laporan %(quarter)s TA %(year)s versi %(version)s") % {
        "quarter": Quarter(r.quarter).label,
        "year": r.fiscal_year.year,
        "version": r.version,
    }


def _rk_url(allocation: Allocation) -> str:
    return (
        f"{reverse('allocations:activity_list')}?year={allocation.fiscal_year.year}"
        f"&region={allocation.region.code}"
    )


def _section(key, title, rows, total, item, more_url="") -> TodoSection:
    return TodoSection(key, title, [item(r) for r in rows], total, more_url)


# -- dinas ------------------------------------------------------------------------------------
def _dinas(user, now) -> list[TodoSection]:
    today = timezone.localdate(now)
    current = list(
        QuarterlyReport.objects.visible_to(user)
        .filter(is_current=True, status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED))
        .select_related("fiscal_year")
        .order_by("fiscal_year__year", "quarter")
    )
    drafts = [r for r in current if r.status == ReportStatus.DRAFT]
    returned = [r for r in current if r.status == ReportStatus.RETURNED]
    allocations = list(
        Allocation.objects.visible_to(user)
        .filter(fiscal_year__year__in=(today.year - 1, today.year))
        .select_related("region", "fiscal_year")
        .order_by("fiscal_year__year")
    )
    # One deadline calendar per TA (overrides, extensions, holidays: one query), shared by its rows.
    years = {a.fiscal_year_id: a.fiscal_year for a in allocations}
    with_calendar(years.values())
    for a in allocations:
        a.fiscal_year = years[a.fiscal_year_id]
    findings = (
        Finding.objects.visible_to(user)
        .open()
        .filter(status__in=PENDING_STATUSES)
        .exclude(Exists(FollowUp.objects.filter(finding=OuterRef("pk"), assessed_at__isnull=True)))
    )
    return [
        _section(
            "drafts",
            _("Draf belum diajukan"),
            drafts[:SHOWN],
            len(drafts),
            lambda r: TodoItem(
                _report_label(r),
                reverse("realisasi:report_detail", args=[r.pk]),
                _("Disimpan sebagai draf — belum diajukan. Belum dihitung dalam penyerapan."),
                "warn",
            ),
        ),
        _section(
            "returned",
            _("Laporan dikembalikan"),
            returned[:SHOWN],
            len(returned),
            lambda r: TodoItem(
                _report_label(r),
                reverse("realisasi:report_detail", args=[r.pk]),
                _("Alasan: %(reason)s") % {"reason": r.return_reason},
                "bad",
            ),
        ),
        _deadlines(user, allocations, now),
        _section(
            "findings",
            _("Temuan menunggu tindak lanjut"),
            findings.order_by("due_date", "pk")[:SHOWN],
            findings.count(),
            lambda f: TodoItem(
                f.title,
                reverse("monev:finding_detail", args=[f.pk]),
                _("Batas tindak lanjut %(date)s") % {"date": format_date(f.due_date)},
                "bad" if f.due_date < today else "",
            ),
            reverse("monev:finding_list"),
        ),
        _section(
            "rk_returned",
            _("RK dikembalikan"),
            [a for a in allocations if a.rk_status == RKStatus.RETURNED],
            sum(a.rk_status == RKStatus.RETURNED for a in allocations),
            lambda a: TodoItem(
                _("RK TA %(year)s") % {"year": a.fiscal_year.year},
                _rk_url(a),
                _("Alasan: %(reason)s") % {"reason": a.rk_status_note},
                "bad",
            ),
        ),
    ]


def _deadlines(user, allocations: list[Allocation], now) -> TodoSection:
    """Quarters of the current and previous TA without a counted report whose deadline has passed
    or falls within the TA's reminder window."""
    counted = set(
        QuarterlyReport.objects.visible_to(user)
        .counted()
        .filter(fiscal_year_id__in=[a.fiscal_year_id for a in allocations])
        .values_list("fiscal_year_id", "quarter")
    )
    items = []
    for a in allocations:
        fy, region = a.fiscal_year, a.region
        local = region_today(region.timezone, now)
        for quarter in Quarter:
            if (fy.pk, quarter) in counted:
                continue
            deadline = report_deadline(fy, quarter, region)
            label = _("Laporan %(quarter)s TA %(year)s") % {
                "quarter": quarter.label,
                "year": fy.year,
            }
            url = f"{reverse('realisasi:upload')}"
            if report_overdue(fy, quarter, region, counted=False, now=now):
                detail = _("Terlambat %(days)s hari (batas %(date)s)") % {
                    "days": (local - deadline).days,
                    "date": format_date(deadline),
                }
                items.append((deadline, TodoItem(label, url, detail, "bad")))
            elif alert_dates(fy, quarter, region).reminder_from <= local <= deadline:
                detail = _("Jatuh tempo %(date)s (%(days)s hari lagi)") % {
                    "date": format_date(deadline),
                    "days": (deadline - local).days,
                }
                items.append((deadline, TodoItem(label, url, detail, "warn")))
    items.sort(key=lambda pair: pair[0])
    return TodoSection(
        "deadlines",
        _("Laporan jatuh tempo atau terlambat"),
        [item for _d, item in items[:SHOWN]],
        len(items),
    )


# -- ditjen -----------------------------------------------------------------------------------
def _ditjen(user, now) -> list[TodoSection]:
    today = timezone.localdate(now)
    waiting = (
        QuarterlyReport.objects.visible_to(user)
        .filter(status=ReportStatus.SUBMITTED)
        .select_related("region", "fiscal_year")
    )
    rks = (
        Allocation.objects.visible_to(user)
        .filter(rk_status=RKStatus.SUBMITTED)
        .select_related("region", "fiscal_year")
    )
    return [
        _section(
            "verification",
            _("Laporan menunggu verifikasi"),
            waiting.order_by("submitted_at", "pk")[:SHOWN],
            waiting.count(),
            lambda r: _waiting_item(r, today),
            reverse("realisasi:verification_queue"),
        ),
        _section(
            "rk_submitted",
            _("RK menunggu persetujuan"),
            rks.order_by("fiscal_year__year", "region__code")[:SHOWN],
            rks.count(),
            lambda a: TodoItem(
                _("RK TA %(year)s %(region)s")
                % {"year": a.fiscal_year.year, "region": a.region.name},
                _rk_url(a),
            ),
        ),
        _overdue_regions(user, now),
    ]


def _waiting_item(r: QuarterlyReport, today: dt.date) -> TodoItem:
    days = (today - timezone.localdate(r.submitted_at)).days if r.submitted_at else 0
    return TodoItem(
        f"{r.region.name} — {_report_label(r)}",
        reverse("realisasi:verification_detail", args=[r.pk]),
        _("menunggu %(days)s hari") % {"days": days},
        "bad" if days > WAITING_TOO_LONG else "",
    )


def _overdue_regions(user, now) -> TodoSection:
    """Regions with an overdue report of the current TA, most overdue first, with who to call."""
    year = timezone.localdate(now).year
    fy = FiscalYear.objects.filter(year__lte=year).order_by("-year").first()
    title = _("Daerah terlambat melapor")
    if fy is None:
        return TodoSection("overdue", title)
    with_calendar([fy])
    rows = overdue_reports(user, fy, OverdueFilters(year=fy.year), now=now)
    by_region: dict[int, list] = defaultdict(list)
    for row in rows:  # most overdue first already
        by_region[row.region.pk].append(row)
    shown = list(by_region.values())[:SHOWN]
    contacts = defaultdict(list)
    for u in User.objects.filter(
        role=Role.DINAS, is_active=True, region_id__in=[r[0].region.pk for r in shown]
    ).order_by("username"):
        contacts[u.region_id].append(
            f"{u.get_full_name() or u.username}{f' <{u.email}>' if u.email else ''}"
        )
    items = [
        TodoItem(
            f"{r[0].region.name} — "
            + ", ".join(Quarter(x.quarter).label for x in sorted(r, key=lambda x: x.quarter)),
            f"{reverse('portal:region_detail', args=[r[0].region.code])}?year={fy.year}",
            _("terlambat %(days)s hari · operator: %(contact)s")
            % {
                "days": r[0].days_late,
                "contact": "; ".join(contacts[r[0].region.pk]) or _("belum ada akun dinas"),
            },
            "bad",
        )
        for r in shown
    ]
    return TodoSection(
        "overdue",
        title,
        items,
        len(by_region),
        f"{reverse('realisasi:overdue_list')}?year={fy.year}",
    )


# -- inspektorat ------------------------------------------------------------------------------
def _inspector(user, now) -> list[TodoSection]:
    today = timezone.localdate(now)
    followups = (
        FollowUp.objects.visible_to(user)
        .pending_assessment()
        .filter(finding__closed_at__isnull=True)
        .select_related("finding__region")
    )
    late = Finding.objects.visible_to(user).overdue(today).select_related("region")
    return [
        _section(
            "assessment",
            _("Tindak lanjut menunggu penilaian"),
            followups.order_by("submitted_at", "pk")[:SHOWN],
            followups.count(),
            lambda fu: TodoItem(
                f"{fu.finding.region.name} — {fu.finding.title}",
                reverse("monev:finding_detail", args=[fu.finding_id]),
                _("dikirim %(date)s") % {"date": format_date(timezone.localdate(fu.submitted_at))},
            ),
        ),
        _section(
            "findings_late",
            _("Temuan lewat batas tindak lanjut"),
            late.order_by("due_date", "pk")[:SHOWN],
            late.count(),
            lambda f: TodoItem(
                f"{f.region.name} — {f.title}",
                reverse("monev:finding_detail", args=[f.pk]),
                _("batas %(date)s (%(days)s hari lalu)")
                % {"date": format_date(f.due_date), "days": (today - f.due_date).days},
                "bad",
            ),
            reverse("monev:finding_list"),
        ),
    ]
