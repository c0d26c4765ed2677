"""The organisation directory: the tree of agencies and units, their names over time, people and roles."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q


class Organisation(models.Model):
    """A government body: the city government (root), an agency (局處會中心) or a unit (室組科)."""

    class Kind(models.TextChoices):
        CITY = "city", "市府"
        AGENCY = "agency", "機關"
        UNIT = "unit", "單位"

    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    kind = models.CharField("層級", max_length=10, choices=Kind.choices)
    code = models.SlugField("代碼", max_length=40, unique=True, help_text="不隨更名而變的識別碼，例如 dit")
    # The current names, kept here for sorting and display; every name the body
    # ever had, with its period, is in OrganisationName.
    name = models.CharField("全銜", max_length=100)
    short_name = models.CharField("簡稱", max_length=30, blank=True)
    sort_order = models.PositiveIntegerField("排序", default=0)
    active = models.BooleanField("現存", default=True)

    class Meta:
        verbose_name = "機關"
        verbose_name_plural = "機關"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class OrganisationName(models.Model):
    """One name of an organisation for a period: the official name, a short name or another alias.

    Old minutes name agencies as they were called then; resolving a name on the
    date of the minutes finds the right body after any number of renames.
    """

    class Kind(models.TextChoices):
        OFFICIAL = "official", "全銜"
        SHORT = "short", "簡稱"
        ALIAS = "alias", "別稱"

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="names")
    kind = models.CharField("種類", max_length=10, choices=Kind.choices)
    text = models.CharField("名稱", max_length=100, db_index=True)
    valid_from = models.DateField("啟用日", null=True, blank=True)
    valid_to = models.DateField("停用日", null=True, blank=True, help_text="最後一天仍使用此名稱的日期")

    class Meta:
        verbose_name = "機關名稱"
        verbose_name_plural = "機關名稱"
        ordering = ["organisation", "valid_from", "kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="organisation_name_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.text

    def valid_on(self, day: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


class Person(models.Model):
    """Someone who appears in minutes or uses the system: name, title and organisation."""

    name = models.CharField("姓名", max_length=50, db_index=True)
    title = models.CharField("職稱", max_length=50, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="people", verbose_name="機關"
    )
    email = models.EmailField("電子郵件", blank=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="person")
    active = models.BooleanField("在職", default=True)

    class Meta:
        verbose_name = "人員"
        verbose_name_plural = "人員"
        ordering = ["organisation__sort_order", "name"]

    def __str__(self) -> str:
        return f"{self.name}{self.title}" if self.title else self.name


class Role(models.TextChoices):
    ADMIN = "admin", "系統管理者"
    SECRETARIAT = "secretariat", "會議幕僚"
    TRACKING_OFFICER = "tracking_officer", "研考人員"
    LIAISON = "liaison", "機關聯絡人"
    CHAIR = "chair", "主席／首長"
    ATTENDEE = "attendee", "與會人員"


class RoleGrant(models.Model):
    """A role held by a user, scoped to an organisation and its units where the role is scoped.

    secretariat: runs the meeting series owned by that organisation and their cases;
    liaison: reads and reports on the cases and materials of that organisation and its units.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="role_grants", verbose_name="範圍"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "角色授權"
        verbose_name_plural = "角色授權"
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "organisation"], name="role_grant_unique"),
            models.UniqueConstraint(fields=["user", "role"], condition=Q(organisation__isnull=True), name="role_grant_unique_unscoped"),
        ]

    def __str__(self) -> str:
        scope = f"（{self.organisation}）" if self.organisation_id else ""
        return f"{self.get_role_display()}{scope}"
