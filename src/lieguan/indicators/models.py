"""The register of monthly indicators per agency (本府 e 化統計), their values, the rules that watch them, and the alerts.

A value is never changed once written: a correction is a new version of the
same indicator, agency and month, and only the latest (``current``) counts.
Rules are data the secretariat chooses; an alert is what a rule found in the
values, kept so that the agency sees it and the secretariat can track it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lieguan.organisations.models import Organisation
from lieguan.tracking.models import TrackedCase

_FIGURE: dict[str, Any] = {"max_digits": 16, "decimal_places": 4}
PLACES = Decimal("0.0001")


def stored(value: Decimal) -> Decimal:
    return Decimal(value).quantize(PLACES)


def month_key(month: dt.date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


class Unit(models.TextChoices):
    COUNT = "count", _("件（次）")
    HOURS = "hours", _("小時")
    PERCENT = "percent", _("%")
    NTD = "ntd", _("新臺幣元")


UNIT_SUFFIX = {Unit.COUNT: "件", Unit.HOURS: "小時", Unit.PERCENT: "%", Unit.NTD: "元"}


class Direction(models.TextChoices):
    LOWER = "lower", _("越低越好")
    HIGHER = "higher", _("越高越好")


class Source(models.TextChoices):
    ENTERED = "entered", _("機關填報")
    IMPORTED = "imported", _("檔案匯入")
    API = "api", _("API 傳入")
    COMPUTED = "computed", _("系統計算")


class Computed(models.TextChoices):
    """What Lieguan counts from its own records for an indicator of source "computed", per agency (with its units)."""

    OPEN_CASES = "open_cases", _("月底列管中案件數")
    OVERDUE_CASES = "overdue_cases", _("月底逾期列管案件數")
    RELEASED_CASES = "released_cases", _("當月解除列管案件數")


class Indicator(models.Model):
    name = models.CharField(_("指標名稱"), max_length=100, unique=True)
    definition = models.TextField(_("定義"), blank=True)
    unit = models.CharField(_("單位"), max_length=10, choices=Unit.choices, default=Unit.COUNT)
    direction = models.CharField(_("方向"), max_length=6, choices=Direction.choices, default=Direction.LOWER)
    frequency = models.CharField(_("頻率"), max_length=10, choices=[("monthly", _("每月"))], default="monthly")
    source = models.CharField(_("資料來源"), max_length=10, choices=Source.choices, default=Source.ENTERED)
    computed = models.CharField(_("計算方式"), max_length=20, choices=Computed.choices, blank=True, help_text=_("資料來源為系統計算時使用"))
    all_agencies = models.BooleanField(_("適用所有機關"), default=True)
    agencies = models.ManyToManyField(Organisation, blank=True, related_name="indicators", verbose_name=_("適用機關"))
    position = models.PositiveSmallIntegerField(_("排序"), default=1)
    active = models.BooleanField(_("使用中"), default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("月報指標")
        verbose_name_plural = _("月報指標")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def suffix(self) -> str:
        return UNIT_SUFFIX.get(Unit(self.unit), "")

    def worse(self, value: Decimal, than: Decimal) -> bool:
        """Whether ``value`` is worse than ``than`` in this indicator's direction."""
        return value > than if self.direction == Direction.LOWER else value < than


class IndicatorTarget(models.Model):
    """The target (目標值) and the alarm threshold (警戒值) of an indicator for one year."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("年度（西元）"))
    target = models.DecimalField(_("目標值"), null=True, blank=True, **_FIGURE)
    threshold = models.DecimalField(_("警戒值"), null=True, blank=True, **_FIGURE)

    class Meta:
        ordering = ["indicator", "year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="indicator_target_once_a_year")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.year}"


class IndicatorValue(models.Model):
    """One version of an agency's figure for a month; ``current`` marks the latest, which is the figure of record."""

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="values")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="indicator_values")
    month = models.DateField(_("年月"))
    version = models.PositiveIntegerField(_("版本"))
    current = models.BooleanField(default=True)
    value = models.DecimalField(_("數值"), **_FIGURE)
    source = models.CharField(_("來源"), max_length=10, choices=Source.choices, default=Source.ENTERED)
    note = models.CharField(_("說明"), max_length=300, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    entered_by_label = models.CharField(_("填報者"), max_length=200, blank=True)
    entered_at = models.DateTimeField(_("填報時間"))

    class Meta:
        ordering = ["indicator", "organisation", "month", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "organisation", "month", "version"], name="indicator_value_version_unique"),
            models.UniqueConstraint(
                fields=["indicator", "organisation", "month"], condition=Q(current=True), name="indicator_value_one_current"
            ),
            models.CheckConstraint(condition=Q(month__day=1), name="indicator_value_first_of_month"),
        ]
        indexes = [models.Index(fields=["current", "month"], name="indicator_value_current_month")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.organisation} {month_key(self.month)} 第 {self.version} 版"


class RuleKind(models.TextChoices):
    RUNNING = "running", _("同樣缺失連續 N 個月")
    THRESHOLD = "threshold", _("超過警戒值")
    TARGET = "target", _("未達目標值")
    WORSE = "worse", _("連續 K 個月較前月惡化")
    MISSING = "missing", _("逾期未填報")


class Rule(models.Model):
    """A rule the secretariat chose: what to look for in which indicators' values."""

    name = models.CharField(_("規則名稱"), max_length=100)
    kind = models.CharField(_("類型"), max_length=10, choices=RuleKind.choices)
    indicators = models.ManyToManyField(Indicator, related_name="rules", verbose_name=_("指標"))
    months = models.PositiveSmallIntegerField(_("連續月數"), default=2, help_text=_("連續 N（或 K）個月；其他類型為 1"))
    threshold = models.DecimalField(_("警戒值"), null=True, blank=True, help_text=_("空白時使用指標當年度的警戒值"), **_FIGURE)
    deadline_day = models.PositiveSmallIntegerField(_("填報期限（次月幾日）"), default=10)
    active = models.BooleanField(_("啟用"), default=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("警示規則")
        verbose_name_plural = _("警示規則")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(months__gte=1, months__lte=24), name="indicator_rule_months_range"),
            models.CheckConstraint(condition=Q(deadline_day__gte=1, deadline_day__lte=28), name="indicator_rule_deadline_day"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def run_length(self) -> int:
        return self.months if self.kind in (RuleKind.RUNNING, RuleKind.WORSE) else 1


class Alert(models.Model):
    """A rule's hit: an agency's run of months (and their values) that the rule found; one alert per run."""

    rule = models.ForeignKey(Rule, on_delete=models.CASCADE, related_name="alerts")
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="alerts")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="indicator_alerts")
    first_month = models.DateField(_("起始月"))
    last_month = models.DateField(_("最近月"))
    months = models.JSONField(_("月份"), default=list)
    values = models.JSONField(_("數值"), default=list)
    raised_at = models.DateTimeField(_("發出時間"))
    # A correction that ends the run clears the alert; it stays on record.
    cleared_at = models.DateTimeField(_("解除時間"), null=True, blank=True)
    case = models.ForeignKey(TrackedCase, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("警示")
        verbose_name_plural = _("警示")
        ordering = ["-last_month", "organisation__sort_order", "indicator__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "indicator", "organisation", "first_month"], name="indicator_alert_one_per_run")
        ]

    def __str__(self) -> str:
        return f"{self.organisation.display_name} {self.indicator.name}：{self.rule.name}"

    @property
    def pairs(self) -> list[tuple[str, str]]:
        return list(zip(self.months, self.values, strict=False))

    @property
    def text(self) -> str:
        pairs = "、".join(f"{m}：{v}" for m, v in zip(self.months, self.values, strict=False))
        return f"{self.indicator.name}（{self.rule.name}）{pairs}"
