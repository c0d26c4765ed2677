from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from lieguan.core.admin import AuditedModelAdmin
from lieguan.kpis.models import Kpi, KpiActual, KpiTarget, StrategicGoal


@admin.register(StrategicGoal)
class StrategicGoalAdmin(AuditedModelAdmin):
    list_display = ["title", "organisation", "position", "active"]
    list_filter = ["active", "organisation"]
    search_fields = ["title"]


class KpiTargetInline(admin.TabularInline):  # type: ignore[type-arg]
    model = KpiTarget
    extra = 0


@admin.register(Kpi)
class KpiAdmin(AuditedModelAdmin):
    list_display = ["name", "goal", "owner", "unit", "direction", "source", "active"]
    list_filter = ["source", "active"]
    search_fields = ["name", "aliases"]
    inlines = [KpiTargetInline]


@admin.register(KpiActual)
class KpiActualAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Read only: a correction is a new version entered on the KPI page, never an edit of an old one."""

    list_display = ["kpi", "year", "half", "version", "value", "origin", "recorded_by_label", "recorded_at"]
    list_filter = ["origin", "year"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
