"""Work reports are read in the admin, never written there: every change goes through the app's actions."""

from django.contrib import admin

from lieguan.workreports.models import ReportPart, ReportRevision, WorkReport


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


admin.site.register(WorkReport, ReadOnly)
admin.site.register(ReportPart, ReadOnly)
admin.site.register(ReportRevision, ReadOnly)
