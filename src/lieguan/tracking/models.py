"""Tracked cases (列管案件): assignments to agencies, their progress reports, decisions, deadlines, reminders.

A case is released when every one of its assignments is released; each
assignment (one lead 主辦, any co-organisers 協辦) has its own status, reports
and release, so that one meeting can release 211-2 for 捷運公司 and continue it
for 觀傳局 and 法務局.
"""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, ngettext

# CalendarDay moved to core (every app counts working days); re-exported for code that imports it from here.
from lieguan.core.models import BuiltFile, CalendarDay  # noqa: F401
from lieguan.meetings.models import AgendaItem, Conclusion, Meeting, MeetingSeries
from lieguan.organisations.models import Organisation, Person

# The basis the system writes beside a deadline given in working days, in the official language: the status
# report prints it as stored. Pages word it for their reader (worded_deadline_basis); any other basis is what the
# minutes said (10 月底前), record data shown as it stands.
WORKING_DAYS_BASIS = gettext_noop("%(days)d 個工作日")
_WORKING_DAYS_BASIS = re.compile(re.escape(WORKING_DAYS_BASIS).replace(re.escape("%(days)d"), r"(\d+)"))


def working_days_basis(days: int) -> str:
    return WORKING_DAYS_BASIS % {"days": days}


def worded_deadline_basis(basis: str) -> tuple[str, bool]:
    """(the basis for the reader, whether it is the record's own words): 「10 個工作日」 reads "10 working days"."""
    found = _WORKING_DAYS_BASIS.fullmatch(basis)
    if found is None:
        return basis, True
    days = int(found[1])
    return ngettext(WORKING_DAYS_BASIS, WORKING_DAYS_BASIS, days) % {"days": days}, False


# Plain Chinese labels, unlike most choices here (gettext_lazy): the statistics' spreadsheets and the status report
# take them as they are; pages translate them where they show them (translated_choices, {% translate %}).
class CaseSource(models.TextChoices):
    MINUTES = "minutes", "會議結論"
    MAYOR = "mayor", "市長承諾案件"
    COUNCILLOR = "councillor", "議員索資"
    PETITION = "petition", "人民陳情"
    OTHER = "other", "其他"


NO_ITEM = -1  # a number of one part (10101) comes before any with a second part (10101-1)


def number_parts(number: str) -> tuple[int | None, str, int | None]:
    """The sortable parts of a case number (session, its text when not a number, item), as ``case_sort_key`` orders them.

    A part that is not a number sorts after every number there, as it does in
    ``case_sort_key``: it is null, and lists sort nulls last; a first part that
    is text (P115-003) is kept as text, to sort by before the item.
    """
    raw = re.split(r"[-－]", number.strip())
    parts = [_as_int(p) for p in raw]
    prefix = raw[0][:30] if parts[0] is None else ""
    return parts[0], prefix, parts[1] if len(parts) > 1 else NO_ITEM


def _as_int(part: str) -> int | None:
    # Beyond a bigint it is not a session or an item any more: it sorts as text, after the numbers.
    return int(part) if part.isdecimal() and len(part) < 18 else None


# Plain Chinese labels: the open data files are written with them; pages translate them where they show them.
class CaseStatus(models.TextChoices):
    OPEN = "open", "列管中"
    RELEASED = "released", "已解除列管"


class TrackedCase(models.Model):
    class Level(models.TextChoices):
        CITY = "city", _("府級")
        AGENCY = "agency", _("機關")

    number = models.CharField(_("列管編號"), max_length=30, db_index=True)
    # The number's first two parts (224-13 → 224, 13; 10101 → 10101, -1; P115-003 → "P115", 3), kept by save(),
    # so that lists sort by number in SQL in its natural order (204-2 < 204-10); see number_parts.
    number_session = models.BigIntegerField(null=True, blank=True, editable=False)
    number_prefix = models.CharField(max_length=30, blank=True, default="", editable=False)
    number_item = models.BigIntegerField(null=True, blank=True, editable=False)
    source = models.CharField(_("案件來源"), max_length=12, choices=CaseSource.choices, default=CaseSource.MINUTES)
    # For cases from other sources: the petition's or request's own reference (陳情案號, 索資單號).
    source_reference = models.CharField(_("來源文號"), max_length=100, blank=True)
    series = models.ForeignKey(MeetingSeries, on_delete=models.PROTECT, null=True, blank=True, related_name="cases", verbose_name=_("會議"))
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="cases", verbose_name=_("列管會次"))
    conclusion = models.ForeignKey(
        Conclusion, on_delete=models.SET_NULL, null=True, blank=True, related_name="cases", verbose_name=_("會議結論")
    )
    # The body that tracks the case: the series' owner, or 研考會 for cases from other sources.
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="tracked_cases", verbose_name=_("列管機關"))
    level = models.CharField(_("層級"), max_length=10, choices=Level.choices, default=Level.AGENCY)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上級列管案件")
    )
    title = models.CharField(_("案由"), max_length=300)
    text = models.TextField(_("列管事項"))
    deadline = models.DateField(_("列管期限"), null=True, blank=True)
    # How the deadline was set (115年底前; 10 個工作日), shown beside the date.
    deadline_basis = models.CharField(_("期限依據"), max_length=100, blank=True)
    status = models.CharField(_("狀態"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN, db_index=True)
    opened_on = models.DateField(_("列管日期"))
    released_on = models.DateField(_("解除列管日期"), null=True, blank=True)
    imported = models.BooleanField(_("由歷史紀錄重建"), default=False)
    # Known only from a decision in old minutes (列管編號 211-1 解除列管): its text and agencies are still to be
    # filled in by the secretariat (僅見於決議，待補資料).
    incomplete = models.BooleanField(_("僅見於決議，待補資料"), default=False, db_index=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("列管案件")
        verbose_name_plural = _("列管案件")
        ordering = ["-opened_on", "number"]
        constraints = [
            models.UniqueConstraint(fields=["series", "number"], condition=Q(series__isnull=False), name="case_number_unique_in_series"),
            models.UniqueConstraint(fields=["source", "number"], condition=Q(series__isnull=True), name="case_number_unique_in_source"),
        ]
        indexes = [
            models.Index(fields=["status", "deadline"]),
            # The case list's default: open cases by number, within a series or all of them.
            models.Index(fields=["status", "series", "number_session", "number_prefix", "number_item"], name="case_status_series_number"),
            models.Index(fields=["status", "opened_on"], name="case_status_opened"),
            # "Is this case open?" answered from the index alone, for each case of one agency's assignments.
            models.Index(fields=["id", "status"], name="case_id_status"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title[:40]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.number_session, self.number_prefix, self.number_item = number_parts(self.number)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "number" in update_fields:
            kwargs["update_fields"] = {*update_fields, "number_session", "number_prefix", "number_item"}
        super().save(*args, **kwargs)

    @property
    def lead(self) -> Assignment | None:
        return next((a for a in self.assignments.all() if a.role == Assignment.Role.LEAD), None)


class Assignment(models.Model):
    """One agency's part in a case: lead (主辦) or co-organiser (協辦), with its own status."""

    # Plain Chinese labels: the notifications to an agency are written with them; pages translate them where shown.
    class Role(models.TextChoices):
        LEAD = "lead", "主辦"
        CO = "co", "協辦"

    case = models.ForeignKey(TrackedCase, on_delete=models.CASCADE, related_name="assignments")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("機關"))
    role = models.CharField(_("角色"), max_length=4, choices=Role.choices)
    status = models.CharField(_("狀態"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN, db_index=True)
    released_on = models.DateField(_("解除列管日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("主協辦機關")
        verbose_name_plural = _("主協辦機關")
        ordering = [models.Case(models.When(role="lead", then=0), default=1), "id"]  # the lead first
        constraints = [
            models.UniqueConstraint(fields=["case", "organisation"], name="assignment_unique"),
            models.UniqueConstraint(fields=["case"], condition=Q(role="lead"), name="assignment_one_lead"),
        ]
        # One agency's open parts: the case list's agency filter, the missing-reports page, the reminders.
        indexes = [models.Index(fields=["organisation", "status", "case"], name="assignment_org_status_case")]

    def __str__(self) -> str:
        return f"{self.case.number} {self.organisation}（{self.get_role_display()}）"


# Plain Chinese labels: the statistics' spreadsheets take them as they are; pages translate them where shown.
class Proposal(models.TextChoices):
    RELEASE = "release", "擬解除列管"
    CONTINUE = "continue", "擬繼續列管"


class ProgressReport(models.Model):
    """辦理情形: what an agency did in one reporting cycle, and what it proposes.

    One report per assignment per cycle (the cycle is the meeting that will
    review it, or a calendar month for cases from other sources); earlier
    cycles' reports are kept.
    """

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="reports")
    cycle = models.CharField(_("填報期別"), max_length=30)
    cycle_meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    text = models.TextField(_("辦理情形"))
    proposal = models.CharField(_("擬辦"), max_length=10, choices=Proposal.choices)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Set when a stand-in (職務代理人) wrote the report: the person on leave it was written for.
    on_behalf_of = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("代理填報對象")
    )
    submitted_at = models.DateTimeField(_("填報時間"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("辦理情形")
        verbose_name_plural = _("辦理情形")
        ordering = ["assignment_id", "-submitted_at"]
        constraints = [models.UniqueConstraint(fields=["assignment", "cycle"], name="report_one_per_cycle")]

    def __str__(self) -> str:
        return f"{self.assignment} {self.cycle}"


def report_file_path(instance: ReportAttachment, filename: str) -> str:
    return f"reports/{instance.report.assignment.case_id}/{instance.digest[:2]}/{instance.digest}"


class ReportAttachment(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=report_file_path, max_length=300)
    original_name = models.CharField(_("檔名"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    digest = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["report", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class CaseDecision(models.Model):
    """A decision taken on one agency's part of a case: released (解除列管) or continued (賡續列管).

    ``assignment`` is empty only for a case rebuilt from old minutes that never
    named its agencies: the decision is then about the case as a whole.
    """

    class Decision(models.TextChoices):
        RELEASE = "release", _("解除列管")
        CONTINUE = "continue", _("賡續列管")

    case = models.ForeignKey(TrackedCase, on_delete=models.CASCADE, related_name="decisions")
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, null=True, blank=True, related_name="decisions")
    decision = models.CharField(_("決定"), max_length=10, choices=Decision.choices)
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The agenda item whose conclusion carries the standard sentence (the status report item).
    item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_on = models.DateField(_("決定日期"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    note = models.CharField(_("說明"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("列管決定")
        verbose_name_plural = _("列管決定")
        ordering = ["case", "decided_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "meeting"],
                condition=Q(meeting__isnull=False, assignment__isnull=False),
                name="decision_once_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["case", "meeting"],
                condition=Q(meeting__isnull=False, assignment__isnull=True),
                name="case_decision_once_per_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.number} {self.assignment.organisation if self.assignment else ''} {self.get_decision_display()}"


class ReminderLog(models.Model):
    """A reminder digest sent to one liaison; ``key`` makes sure the same reminder never goes twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    sent_at = models.DateTimeField(auto_now_add=True)
    cases = models.JSONField(default=list)
    emailed = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("稽催紀錄")
        verbose_name_plural = _("稽催紀錄")
        ordering = ["-sent_at"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="reminder_once")]

    def __str__(self) -> str:
        return f"{self.organisation} {self.key}"


class StatusReport(models.Model):
    """The generated 會議結論事項執行情形 of a meeting, placed as the first item of its reports."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="status_report")
    item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, related_name="+")
    # The conclusion of that item holding the standard sentence of the decisions, rewritten when they change.
    decision_conclusion = models.ForeignKey(Conclusion, on_delete=models.SET_NULL, null=True, related_name="+")
    generated_at = models.DateTimeField()
    generated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("執行情形報告")
        verbose_name_plural = _("執行情形報告")

    def __str__(self) -> str:
        return f"{self.meeting} 執行情形報告"


class EscalationRecipient(models.TextChoices):
    LIAISON = "liaison", _("機關聯絡人")
    HEAD = "head", _("機關首長")
    DEPUTY = "deputy", _("機關副首長")
    CHAIR = "chair", _("會議主席")
    # Lieguan does not model who supervises a liaison; the secretariat running the case's series stands for them.
    SECRETARIAT = "secretariat", _("會議幕僚（聯絡人之上級）")


class EscalationRule(models.Model):
    """稽催分級: when an agency's part of a case is overdue long enough, the reminder climbs to someone who can act.

    Counted in working days on the government calendar. The highest tier whose
    condition holds applies; the secretariat edits the rules.
    """

    class Condition(models.TextChoices):
        OVERDUE = "overdue", _("逾期達 N 個工作日")
        NO_REPORT = "no_report", _("會議前 N 個工作日仍未填報辦理情形")

    tier = models.PositiveSmallIntegerField(_("層級"), unique=True)
    condition = models.CharField(_("條件"), max_length=10, choices=Condition.choices, default=Condition.OVERDUE)
    working_days = models.PositiveIntegerField(_("工作日數"))
    recipients = models.JSONField(_("收件對象"), default=list)
    wording = models.CharField(_("稽催用語"), max_length=300)
    active = models.BooleanField(_("啟用"), default=True)

    class Meta:
        verbose_name = _("稽催分級規則")
        verbose_name_plural = _("稽催分級規則")
        ordering = ["tier"]

    def __str__(self) -> str:
        # N stands alone in the label, in either language ("No progress report N working days…").
        condition = re.sub(r"\bN\b", str(self.working_days), str(self.get_condition_display()))
        return f"第 {self.tier} 級：{condition}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        unknown = [r for r in self.recipients or [] if r not in EscalationRecipient.values]
        if not self.recipients or unknown:
            raise ValidationError({"recipients": _("請選擇收件對象：機關聯絡人、首長、副首長、會議主席或會議幕僚。")})
        if self.tier < 1:
            raise ValidationError({"tier": _("層級從 1 起算。")})


class StatusReportFile(BuiltFile):
    """A download of a meeting's status report, built in the background and kept while its content is unchanged.

    One per meeting, format and audience: ``whole`` for the whole report, ``user:<id>``
    for the partial one a liaison sees (their agency's cases), so that a partial
    build is never handed to someone who sees the whole, nor the reverse.
    ``fingerprint`` is a hash of the table the file was built from
    (``status_report.fingerprint``): a new progress report or decision changes
    the table, so the next request builds the file again.
    """

    WHOLE = "whole"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="status_report_files")
    fmt = models.CharField(_("格式"), max_length=8)
    audience = models.CharField(_("對象"), max_length=40)

    class Meta:
        verbose_name = _("執行情形下載檔")
        verbose_name_plural = _("執行情形下載檔")
        constraints = [models.UniqueConstraint(fields=["meeting", "fmt", "audience"], name="status_report_file_once")]

    def __str__(self) -> str:
        return f"{self.meeting_id} {self.fmt} {self.audience} {self.state}"
