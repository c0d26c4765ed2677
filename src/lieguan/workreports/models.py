"""The half-year work report (工作報告) an agency presents to the council, written part by part.

A report belongs to one agency and one half year. Its text lives in parts,
one row each, so that units writing their parts at the same time never
overwrite one another: the top parts (壹、貳、參、肆) and, under them, the
sections (一、二、) each assigned to the unit that writes it. A part's body is
the plain markup of ``lieguan.minutes.workreport.markup`` — lines, labels
and ``|`` table rows — never HTML. Each change of state freezes the whole
report as JSON in a ``ReportRevision``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from lieguan.core import dates
from lieguan.minutes.rocdate import format_roc_half_year
from lieguan.organisations.models import Organisation


class WorkReport(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("草稿")
        REVIEW = "review", _("審閱中")
        APPROVED = "approved", _("已核定")
        SUBMITTED = "submitted", _("已送議會")

    class Origin(models.TextChoices):
        DRAFTED = "drafted", _("由系統擬稿")
        IMPORTED = "imported", _("由過去報告匯入")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="work_reports", verbose_name=_("機關"))
    year = models.PositiveSmallIntegerField(_("年度（西元）"))
    half = models.PositiveSmallIntegerField(_("半年"), choices=[(1, _("上半年")), (2, _("下半年"))])
    period_start = models.DateField(_("期間起"))
    period_end = models.DateField(_("期間迄"))
    title = models.CharField(_("標題"), max_length=200)
    audience = models.CharField(_("報告對象"), max_length=200, blank=True)
    month = models.CharField(_("封面年月"), max_length=7, blank=True, help_text=_("西元年-月，例如 2026-03"))
    presenter_title = models.CharField(_("報告人職稱"), max_length=100, blank=True)
    presenter_name = models.CharField(_("報告人"), max_length=50, blank=True)
    greeting = models.CharField(_("稱謂"), max_length=200, blank=True)
    opening = models.TextField(_("前言"), blank=True, help_text=_("一行一段"))
    closing = models.TextField(_("結尾敬語"), blank=True, help_text=_("一行一段"))
    state = models.CharField(_("狀態"), max_length=10, choices=State.choices, default=State.DRAFT)
    origin = models.CharField(_("來源"), max_length=10, choices=Origin.choices, default=Origin.DRAFTED)
    source_name = models.CharField(_("匯入檔名"), max_length=255, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("工作報告")
        verbose_name_plural = _("工作報告")
        ordering = ["-year", "-half", "organisation__sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year", "half"], name="workreport_one_per_half_year")]

    def __str__(self) -> str:
        return f"{self.organisation} {format_roc_half_year(self.year, self.half)}工作報告"

    @property
    def period_label(self) -> str:
        """The half year in the reader's calendar, for pages (115 年上半年 | first half of 2026); documents print ROC."""
        return dates.half_year(self.year, self.half)


class ReportPart(models.Model):
    """One part of the report: a top part (level 0: 壹、…) or a section under the top part before it (level 1: 一、…)."""

    class Kind(models.TextChoices):
        RESULTS = "results", _("重要業務執行成果")
        KPIS = "kpis", _("策略目標與關鍵績效指標")
        FUTURE = "future", _("創新作為及未來工作重點")
        CONCLUSION = "conclusion", _("結語")
        OTHER = "other", _("其他")

    report = models.ForeignKey(WorkReport, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveIntegerField(_("排序"))
    level = models.PositiveSmallIntegerField(_("層級"), choices=[(0, _("部分（壹、）")), (1, _("項目（一、）"))])
    kind = models.CharField(_("類別"), max_length=12, choices=Kind.choices, default=Kind.OTHER)
    heading = models.CharField(_("標題"), max_length=200)
    unit = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("撰寫單位"))
    body = models.TextField(_("內容"), blank=True)
    updated = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("工作報告段落")
        verbose_name_plural = _("工作報告段落")
        ordering = ["report", "position"]
        constraints = [models.UniqueConstraint(fields=["report", "position"], name="workreport_part_position_unique")]

    def __str__(self) -> str:
        return self.heading


class ReportRevision(models.Model):
    """The whole report frozen as JSON when its state changed (or when it was created or imported)."""

    report = models.ForeignKey(WorkReport, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("版次"))
    state = models.CharField(_("狀態"), max_length=10, choices=WorkReport.State.choices)
    note = models.CharField(_("說明"), max_length=200, blank=True)
    data = models.JSONField(_("內容"))
    at = models.DateTimeField(_("時間"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    by_label = models.CharField(_("經手人"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("工作報告版本")
        verbose_name_plural = _("工作報告版本")
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="workreport_revision_number_unique")]

    def __str__(self) -> str:
        return f"{self.report} 第 {self.number} 版"
