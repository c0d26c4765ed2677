"""Admin for reference data: every save and delete through it is audited like an action."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

from lieguan.core import audit
from lieguan.core.audit_events import ADMIN_CHANGE
from lieguan.core.models import AuditEntry, CalendarDay, SecurityEvent

admin.site.site_header = gettext_lazy("列管系統管理")
admin.site.site_title = gettext_lazy("列管系統管理")
admin.site.index_title = gettext_lazy("參考資料")


class AuditedModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def save_model(self, request: HttpRequest, obj: models.Model, form: Any, change: bool) -> None:
        with transaction.atomic():
            before = None
            if change:
                old = type(obj)._default_manager.filter(pk=obj.pk).first()
                before = audit.snapshot(old) if old is not None else None
            super().save_model(request, obj, form, change)
            action = f"{obj._meta.model_name}.{'update' if change else 'create'}"
            audit.record(actor=request.user, action=ADMIN_CHANGE.named(action), target=obj, before=before, after=audit.snapshot(obj))

    def delete_model(self, request: HttpRequest, obj: models.Model) -> None:
        with transaction.atomic():
            audit.record(
                actor=request.user, action=ADMIN_CHANGE.named(f"{obj._meta.model_name}.delete"), target=obj, before=audit.snapshot(obj)
            )
            super().delete_model(request, obj)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        # Inline rows (an organisation's names, say) are changes too.
        with transaction.atomic():
            # Read the old rows from the database: validation has already changed the form instances.
            pks = [f.instance.pk for f in formset.initial_forms if f.instance.pk is not None]
            before = {o.pk: audit.snapshot(o) for o in formset.model._default_manager.filter(pk__in=pks)}
            super().save_formset(request, form, formset, change)
            for obj in formset.new_objects + [o for o, _ in formset.changed_objects]:
                name = obj._meta.model_name
                audit.record(
                    actor=request.user,
                    action=ADMIN_CHANGE.named(f"{name}.save"),
                    target=obj,
                    before=before.get(obj.pk),
                    after=audit.snapshot(obj),
                )
            for obj in formset.deleted_objects:
                audit.record(
                    actor=request.user, action=ADMIN_CHANGE.named(f"{obj._meta.model_name}.delete"), target=obj, before=before.get(obj.pk)
                )

    def delete_queryset(self, request: HttpRequest, queryset: models.QuerySet[Any]) -> None:
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["seq", "at", "actor_label", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_repr", "actor_label", "object_id"]


@admin.register(SecurityEvent)
class SecurityEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "kind", "username", "ip", "path"]
    list_filter = ["kind"]
    search_fields = ["username", "ip"]


@admin.register(CalendarDay)
class CalendarDayAdmin(AuditedModelAdmin):
    """One day at a time (a typhoon day); a whole year is loaded as CSV on the calendar page."""

    list_display = ["date", "working", "note"]
    list_filter = ["working"]
    date_hierarchy = "date"
    search_fields = ["note"]
