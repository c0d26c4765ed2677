"""The audit events of the half-year work report (registered in ``lieguan.core.audit_events``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from lieguan.core.audit_events import SNAPSHOT, Event

WORKREPORT_CREATE = Event("workreport.create", _("建立工作報告"), "workreports.workreport", after=SNAPSHOT)
WORKREPORT_IMPORT = Event("workreport.import", _("匯入工作報告"), "workreports.workreport", after=SNAPSHOT)
WORKREPORT_UPDATE_COVER = Event("workreport.update_cover", _("修改工作報告封面"), "workreports.workreport", before=SNAPSHOT, after=SNAPSHOT)
WORKREPORT_SAVE_PART = Event("workreport.save_part", _("撰寫工作報告章節"), "workreports.reportpart", before=("body",), after=("body",))
WORKREPORT_TRANSITION = Event("workreport.transition", _("工作報告狀態變更"), "workreports.workreport", before=("state",), after=("state",))
