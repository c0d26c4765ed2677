"""Who may import minutes (issues 4 and 12): the secretariats into the series they run, and administrators.

Only administrators add the new bodies and people an import finds to the directory; a batch of uploaded
files is worked on by the person who uploaded it. The rules of the meetings themselves are in
``meetings.access``; these are the import's own, beside the import they govern.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from lieguan.core.actors import lets_system_through
from lieguan.meetings.access import runs_series
from lieguan.meetings.models import ImportBatch, ImportFile, MeetingSeries
from lieguan.organisations.access import Viewer, viewer_for
from lieguan.organisations.models import Role


def can_import_minutes(viewer: Viewer) -> bool:
    """Importing minutes is for secretariats (into the series they run) and administrators."""
    return viewer.is_authenticated and (viewer.is_admin or bool(viewer.scope(Role.SECRETARIAT)))


@lets_system_through
def require_import_minutes(user: Any) -> None:
    if not can_import_minutes(viewer_for(user)):
        raise PermissionDenied(_("只有會議幕僚或系統管理者可以匯入會議紀錄。"))


def can_add_to_directory(viewer: Viewer) -> bool:
    """New bodies and people found in imported minutes are added by administrators, who keep the directory."""
    return viewer.is_admin


@lets_system_through
def require_add_to_directory(user: Any) -> None:
    """Adding the new bodies and people of an imported file to the directory (the operator's import does too)."""
    if not can_add_to_directory(viewer_for(user)):
        raise PermissionDenied(_("只有系統管理者可以將匯入紀錄中新的機關與人員加入名錄。"))


@lets_system_through
def require_batch(user: Any, batch: ImportBatch) -> None:
    """Only the person who uploaded a batch (or an administrator, or the operator's job) works on its files."""
    require_import_minutes(user)
    if viewer_for(user).is_admin or batch.created_by_id == user.pk:
        return
    raise PermissionDenied(_("只有上傳此批檔案的人可以處理這些檔案。"))


def importable_series(user: Any) -> QuerySet[MeetingSeries]:
    """The series ``user`` may import minutes into: those they run."""
    viewer = viewer_for(user)
    qs = MeetingSeries.objects.select_related("owner").order_by("owner__sort_order", "name")
    scope = viewer.scope(Role.SECRETARIAT)
    if scope is None:
        return qs
    return qs.filter(owner_id__in=scope)


def access_import_batch(user: Any, batch_id: Any) -> Any:
    """An import batch, for the person who uploaded it (and administrators); anyone else: not found."""
    viewer = viewer_for(user)
    try:
        batch = ImportBatch.objects.get(pk=int(batch_id))
    except (ImportBatch.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此匯入批次。")) from None
    if not can_import_minutes(viewer) or not (viewer.is_admin or batch.created_by_id == viewer.user.pk):
        raise Http404(_("找不到此匯入批次。"))
    return batch


def access_import_file(user: Any, file_id: Any) -> Any:
    """A file of an import batch, under the same rule as its batch."""
    try:
        related = ("batch", "meeting__series__owner", "series")
        import_file = ImportFile.objects.select_related(*related).get(pk=int(file_id))
    except (ImportFile.DoesNotExist, ValueError, TypeError):
        raise Http404(_("找不到此匯入檔案。")) from None
    access_import_batch(user, import_file.batch_id)
    return import_file


def may_import_into(viewer: Viewer, series: MeetingSeries) -> bool:
    """The secretariat of a series imports its minutes (a bureau's 局務會議 by the bureau's secretariat); administrators too."""
    return viewer.is_admin or runs_series(viewer, series)


@lets_system_through
def require_import_into(user: Any, series: MeetingSeries) -> None:
    """Refuse importing into ``series`` with the reason, for those who do not run it."""
    if not may_import_into(viewer_for(user), series):
        raise PermissionDenied(
            _("只有「%(series)s」的會議幕僚可以匯入其會議紀錄；請改選您負責的會議，或請該會議的幕僚單位匯入。")
            % {"series": series.full_name}
        )
