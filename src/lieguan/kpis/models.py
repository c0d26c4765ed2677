"""The KPI register: strategic goals (策略目標), their indicators (KPI), targets per period and actuals with their history.

An actual is never changed once written: a correction is a new version of the
same KPI and period, and the page shows every version. The figure of record is
the latest version; 達成度 and met / not met are computed from it and the
period's target (``lieguan.kpis.achievement``), never stored.
"""

from __future__ import annotations

from decimal import Decimal
from typing import overload

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lieguan.kpis.achievement import DIRECTION_CHOICES, RANGE, Assessment, assess
from lieguan.kpis.periods import HALF_CHOICES, Period
from lieguan.organisations.models import Organisation


class Source(models.TextChoices):
    """Where the actual comes from: the owner unit's own figure, or one Lieguan computes from its own records."""

    MANUAL = "manual", _("由主管單位填報")
    MEETINGS_HELD = "meetings_held", _("系統計算：召開會議次數")
    RELEASED_ON_TIME = "released_on_time", _("系統計算：列管案件如期解除列管比率")
    REPORTING_RATE = "reporting_rate", _("系統計算：辦理情形填報率")
    DAYS_TO_RELEASE = "days_to_release", _("系統計算：解除列管日數中位數")


# The unit each computed source measures in; a KPI of that source takes it.
SOURCE_UNITS = {
    Source.MEETINGS_HELD: "次",
    Source.RELEASED_ON_TIME: "%",
    Source.REPORTING_RATE: "%",
    Source.DAYS_TO_RELEASE: "日",
}

# Figures: up to 12 integer digits and 4 decimals (NT$ amounts and percentages alike).
_DIGITS, _PLACES = 16, 4
PLACES = Decimal("0.0001")


@overload
def stored(value: Decimal) -> Decimal: ...
@overload
def stored(value: None) -> None: ...
def stored(value: Decimal | None) -> Decimal | None:
    """A figure as the database keeps it (four decimals), so that the audit trail records what was stored."""
    return None if value is None else Decimal(value).quantize(PLACES)


class StrategicGoal(models.Model):
    """策略目標: what an agency sets out to achieve, numbered as its work report numbers them (一、二、…)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="strategic_goals", verbose_name=_("機關"))
    position = models.PositiveSmallIntegerField(_("排序"), default=1)
    title = models.CharField(_("策略目標"), max_length=200)
    description = models.TextField(_("說明"), blank=True)
    active = models.BooleanField(_("使用中"), default=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("策略目標")
        verbose_name_plural = _("策略目標")
        ordering = ["organisation__sort_order", "organisation__code", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["organisation", "title"], name="kpi_goal_title_unique")]

    def __str__(self) -> str:
        return f"{self.organisation.display_name}：{self.title}"


class Kpi(models.Model):
    """關鍵績效指標: what is measured, in which unit, which way is better, where the figure comes from and who answers for it."""

    goal = models.ForeignKey(StrategicGoal, on_delete=models.PROTECT, related_name="kpis", verbose_name=_("策略目標"))
    position = models.PositiveSmallIntegerField(_("排序"), default=1)
    name = models.CharField(_("指標名稱"), max_length=200)
    definition = models.TextField(_("衡量標準"), blank=True, help_text=_("如何計算，例如：分子／分母"))
    # Past reports call an indicator by other words; importing a report matches them too.
    aliases = models.TextField(_("其他名稱"), blank=True, help_text=_("過去工作報告使用的名稱，一行一個；匯入工作報告時據以比對"))
    unit = models.CharField(_("單位"), max_length=10, help_text=_("例如 %、次、場、件、日"))
    direction = models.CharField(_("目標方向"), max_length=6, choices=DIRECTION_CHOICES, default=">=")
    source = models.CharField(_("資料來源"), max_length=20, choices=Source.choices, default=Source.MANUAL)
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="kpis", verbose_name=_("主管單位"))
    active = models.BooleanField(_("使用中"), default=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("關鍵績效指標")
        verbose_name_plural = _("關鍵績效指標")
        ordering = ["goal", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["goal", "name"], name="kpi_name_unique_in_goal")]

    def __str__(self) -> str:
        return self.name

    @property
    def computed(self) -> bool:
        return self.source != Source.MANUAL

    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class KpiTarget(models.Model):
    """The baseline and target of one KPI for one year or half year; a range has a lower (``target``) and an upper bound."""

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="targets", verbose_name=_("指標"))
    year = models.PositiveSmallIntegerField(_("年度（西元）"))
    half = models.PositiveSmallIntegerField(_("期間"), choices=HALF_CHOICES, default=0)
    baseline = models.DecimalField(_("基準值"), null=True, blank=True, max_digits=_DIGITS, decimal_places=_PLACES)
    target = models.DecimalField(_("目標值"), max_digits=_DIGITS, decimal_places=_PLACES)
    target_high = models.DecimalField(_("目標區間上限"), null=True, blank=True, max_digits=_DIGITS, decimal_places=_PLACES)
    note = models.CharField(_("備註"), max_length=300, blank=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("目標值")
        verbose_name_plural = _("目標值")
        ordering = ["kpi", "year", "half"]
        constraints = [models.UniqueConstraint(fields=["kpi", "year", "half"], name="kpi_target_once_per_period")]

    def __str__(self) -> str:
        return f"{self.kpi} {self.period.label}"

    @property
    def period(self) -> Period:
        return Period(self.year, self.half)


class KpiActual(models.Model):
    """One version of the actual of a KPI for a period: entered with evidence, computed, or imported from a report.

    Versions count from 1 per KPI and period; the highest is the figure of
    record, earlier ones stay as they were written. ``sentence`` is the
    statement as the owner unit rewrote it; empty means the generated one.
    """

    class Origin(models.TextChoices):
        ENTERED = "entered", _("填報")
        COMPUTED = "computed", _("系統計算")
        IMPORTED = "imported", _("由工作報告匯入")

    kpi = models.ForeignKey(Kpi, on_delete=models.CASCADE, related_name="actuals", verbose_name=_("指標"))
    year = models.PositiveSmallIntegerField(_("年度（西元）"))
    half = models.PositiveSmallIntegerField(_("期間"), choices=HALF_CHOICES, default=0)
    version = models.PositiveIntegerField(_("版本"))
    value = models.DecimalField(_("實際值"), max_digits=_DIGITS, decimal_places=_PLACES)
    origin = models.CharField(_("來源"), max_length=10, choices=Origin.choices, default=Origin.ENTERED)
    note = models.TextField(_("說明"), blank=True)
    sentence = models.TextField(_("敘述（修改後）"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    recorded_by_label = models.CharField(_("填報者"), max_length=200, blank=True)
    recorded_at = models.DateTimeField(_("填報時間"))

    class Meta:
        verbose_name = _("實際值")
        verbose_name_plural = _("實際值")
        ordering = ["kpi", "year", "half", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["kpi", "year", "half", "version"], name="kpi_actual_version_unique"),
            models.CheckConstraint(condition=Q(version__gte=1), name="kpi_actual_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.kpi} {self.period.label} 第 {self.version} 版"

    @property
    def period(self) -> Period:
        return Period(self.year, self.half)


def evidence_file_path(instance: KpiEvidence, filename: str) -> str:
    return f"kpis/{instance.actual.kpi_id}/{instance.digest[:2]}/{instance.digest}"


class KpiEvidence(models.Model):
    """A file that supports an actual (a sign-in sheet, a survey's results); stored under its content hash."""

    actual = models.ForeignKey(KpiActual, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_file_path, max_length=300)
    original_name = models.CharField(_("檔名"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    digest = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("佐證資料")
        verbose_name_plural = _("佐證資料")
        ordering = ["actual", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


def assessment_of(kpi: Kpi, target: KpiTarget | None, actual: KpiActual | None) -> Assessment:
    if target is None or actual is None:
        return Assessment(None, None)
    high = target.target_high if kpi.direction == RANGE else None
    return assess(kpi.direction, target.target, Decimal(actual.value), high)
