"""The audit events of the directory (registered in ``lieguan.core.audit_events``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lieguan.core.audit_events import SNAPSHOT, Event

ORGANISATION_CREATE = Event("organisation.create", _("新增機關"), "organisations.organisation", after=SNAPSHOT)
ORGANISATION_RENAME = Event("organisation.rename", _("機關更名"), "organisations.organisation", before=SNAPSHOT, after=SNAPSHOT)
ORGANISATION_MOVE = Event("organisation.move", _("機關改隸"), "organisations.organisation", before=SNAPSHOT, after=SNAPSHOT)
ORGANISATION_END = Event("organisation.end", _("機關裁撤"), "organisations.organisation", before=SNAPSHOT, after=SNAPSHOT)
PERSON_CREATE = Event("person.create", _("新增人員"), "organisations.person", after=SNAPSHOT)
PERSON_UPDATE = Event("person.update", _("修改人員資料"), "organisations.person", before=SNAPSHOT, after=SNAPSHOT)
PERSON_LINK_USER = Event("person.link_user", _("人員連結帳號"), "organisations.person", before=("user_id",), after=("user_id",))
USER_CREATE = Event("user.create", _("新增帳號"), "auth.user", after=SNAPSHOT)
USER_ADMIN_FLAGS = Event(
    "user.admin_flags", _("變更帳號管理權限"), "auth.user", before=("is_staff", "is_superuser"), after=("is_staff", "is_superuser")
)
ROLE_GRANT = Event("role.grant", _("授予角色"), "organisations.rolegrant", after=SNAPSHOT)
ROLE_REVOKE = Event("role.revoke", _("撤銷角色"), "organisations.rolegrant", before=SNAPSHOT)
STAND_IN_APPOINT = Event("stand_in.appoint", _("指定職務代理人"), "organisations.standin", after=SNAPSHOT)
STAND_IN_END = Event("stand_in.end", _("結束職務代理"), "organisations.standin", before=SNAPSHOT, after=SNAPSHOT)
STAND_IN_WITHDRAW = Event("stand_in.withdraw", _("撤回職務代理"), "organisations.standin", before=SNAPSHOT)
SUCCESSION_PROPOSE = Event("succession.propose", _("提出機關改制"), "organisations.succession", after=SNAPSHOT, extra=("successors",))
SUCCESSION_WITHDRAW = Event(
    "succession.withdraw", _("撤回機關改制"), "organisations.succession", before=SNAPSHOT, after=SNAPSHOT, extra=("successors",)
)
SUCCESSION_CONFIRM = Event("succession.confirm", _("確認機關改制"), "organisations.succession", after=SNAPSHOT, extra=("successors",))
