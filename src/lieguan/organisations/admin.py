from __future__ import annotations

from django.contrib import admin

from lieguan.core.admin import AuditedModelAdmin
from lieguan.organisations.models import Organisation, OrganisationName, Person, RoleGrant


class OrganisationNameInline(admin.TabularInline):  # type: ignore[type-arg]
    model = OrganisationName
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(AuditedModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "code", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "short_name", "code", "names__text"]
    inlines = [OrganisationNameInline]


@admin.register(Person)
class PersonAdmin(AuditedModelAdmin):
    list_display = ["name", "title", "organisation", "email", "user", "active"]
    list_filter = ["active", "organisation__kind"]
    search_fields = ["name", "title", "email"]
    autocomplete_fields = ["organisation"]


@admin.register(RoleGrant)
class RoleGrantAdmin(AuditedModelAdmin):
    list_display = ["user", "role", "organisation", "granted_at"]
    list_filter = ["role"]
    autocomplete_fields = ["organisation"]
