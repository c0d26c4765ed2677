"""The organisation directory: the tree of agencies and units, their names over time, people and roles."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """A government body: the city government (root), an agency (局處會中心) or a unit (室組科)."""

    class Kind(models.TextChoices):
        CITY = "city", _("市府")
        AGENCY = "agency", _("機關")
        UNIT = "unit", _("單位")

    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")
    kind = models.CharField(_("層級"), max_length=10, choices=Kind.choices)
    code = models.SlugField(_("代碼"), max_length=40, unique=True, help_text=_("不隨更名而變的識別碼，例如 dit"))
    # The current names, kept here for sorting and display; every name the body
    # ever had, with its period, is in OrganisationName.
    name = models.CharField(_("全銜"), max_length=100)
    short_name = models.CharField(_("簡稱"), max_length=30, blank=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("現存"), default=True)

    class Meta:
        verbose_name = _("機關")
        verbose_name_plural = _("機關")
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
        OFFICIAL = "official", _("全銜")
        SHORT = "short", _("簡稱")
        ALIAS = "alias", _("別稱")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="names")
    kind = models.CharField(_("種類"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("名稱"), max_length=100, db_index=True)
    valid_from = models.DateField(_("啟用日"), null=True, blank=True)
    valid_to = models.DateField(_("停用日"), null=True, blank=True, help_text=_("最後一天仍使用此名稱的日期"))

    class Meta:
        verbose_name = _("機關名稱")
        verbose_name_plural = _("機關名稱")
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

    name = models.CharField(_("姓名"), max_length=50, db_index=True)
    title = models.CharField(_("職稱"), max_length=50, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="people", verbose_name=_("機關")
    )
    email = models.EmailField(_("電子郵件"), blank=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="person")
    active = models.BooleanField(_("在職"), default=True)

    class Meta:
        verbose_name = _("人員")
        verbose_name_plural = _("人員")
        ordering = ["organisation__sort_order", "name"]

    def __str__(self) -> str:
        return f"{self.name}{self.title}" if self.title else self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("系統管理者")
    SECRETARIAT = "secretariat", _("會議幕僚")
    TRACKING_OFFICER = "tracking_officer", _("研考人員")
    LIAISON = "liaison", _("機關聯絡人")
    CHAIR = "chair", _("主席／首長")
    ATTENDEE = "attendee", _("與會人員")
    # An agency's head and deputy: escalated reminders climb to them; they read nothing more than a liaison.
    HEAD = "head", _("機關首長")
    DEPUTY = "deputy", _("機關副首長")


class RoleGrant(models.Model):
    """A role held by a user, scoped to an organisation and its units where the role is scoped.

    secretariat: runs the meeting series owned by that organisation and their cases;
    liaison: reads and reports on the cases and materials of that organisation and its units.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="role_grants", verbose_name=_("範圍")
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("角色授權")
        verbose_name_plural = _("角色授權")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "organisation"], name="role_grant_unique"),
            models.UniqueConstraint(fields=["user", "role"], condition=Q(organisation__isnull=True), name="role_grant_unique_unscoped"),
        ]

    def __str__(self) -> str:
        scope = f"（{self.organisation}）" if self.organisation_id else ""
        return f"{self.get_role_display()}{scope}"


class StandIn(models.Model):
    """職務代理人: someone who acts for a person on leave, over one organisation, for a date range.

    While the range lasts the stand-in gets the reminders the person would get
    and may report for the organisation; each report records for whom it was
    written. The rule lives in ``organisations.access``.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="stand_ins", verbose_name=_("請假人"))
    stand_in = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="standing_in_for", verbose_name=_("職務代理人"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="stand_ins", verbose_name=_("代理範圍"))
    start = models.DateField(_("起日"))
    end = models.DateField(_("迄日"), help_text=_("代理的最後一天"))
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    appointed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("職務代理")
        verbose_name_plural = _("職務代理")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="stand_in_period_ordered"),
            models.CheckConstraint(condition=~Q(person=models.F("stand_in")), name="stand_in_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.stand_in} 代理 {self.person}（{self.organisation}）"

    def covers_day(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


class Succession(models.Model):
    """機關改制: an organisation renamed, merged into another, split, moved under a new parent or abolished, on a date.

    Proposed first, with nothing changed; confirmed by the administrator after a
    preview of where each open case goes (all to one successor, or case by case
    for a split); withdrawn instead while still proposed. Confirming applies the
    change to the directory and, through a signal, to the open assignments.
    """

    class Kind(models.TextChoices):
        RENAME = "rename", _("更名")
        MERGE = "merge", _("併入他機關")
        SPLIT = "split", _("分拆")
        MOVE = "move", _("改隸")
        ABOLISH = "abolish", _("裁撤")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("待確認")
        CONFIRMED = "confirmed", _("已確認")
        WITHDRAWN = "withdrawn", _("已撤回")

    kind = models.CharField(_("改制方式"), max_length=10, choices=Kind.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="successions", verbose_name=_("機關"))
    successors = models.ManyToManyField(Organisation, blank=True, related_name="preceded_by", verbose_name=_("承接機關"))
    effective = models.DateField(_("生效日"))
    new_parent = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("新上級機關")
    )
    new_name = models.CharField(_("新全銜"), max_length=100, blank=True)
    new_short_name = models.CharField(_("新簡稱"), max_length=30, blank=True)
    status = models.CharField(_("狀態"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    # work key (``assignment:<id>``) → successor organisation id: where each open case went, as confirmed;
    # and ``unit:<id>`` → the organisation each unit was moved under.
    moves = models.JSONField(_("案件移轉"), default=dict, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("機關改制")
        verbose_name_plural = _("機關改制")
        ordering = ["effective", "id"]

    def __str__(self) -> str:
        return f"{self.organisation}{self.get_kind_display()}（{self.effective}）"
