"""Meeting materials: uploaded per agenda item, downloaded only through an access check."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lieguan.core.decorators import public_or_login
from lieguan.core.downloads import stored_file
from lieguan.core.submission import once_per_submission
from lieguan.meetings import access, actions
from lieguan.meetings.forms import MaterialForm
from lieguan.meetings.views.meeting import error_text


@login_required
@require_POST
@once_per_submission
def material_upload(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access.access_item(request.user, item_id, for_upload=True)
    back = reverse("meetings:meeting", args=[item.section.meeting_id]) + f"#item-{item.pk}"
    form = MaterialForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("請選擇要上傳的檔案。"))
        return redirect(back)
    upload = form.cleaned_data["file"]
    try:
        material = actions.do_upload_material(request.user, item, upload, upload.name)
    except ValidationError as error:
        messages.error(request, _("「%(name)s」未上傳：%(error)s") % {"name": upload.name, "error": error_text(error)})
    else:
        where = {"name": material.original_name, "label": item.label, "title": item.title[:30]}
        messages.success(request, _("已上傳「%(name)s」至「%(label)s、%(title)s」。") % where)
    return redirect(back)


@public_or_login
@require_GET
def material_download(request: HttpRequest, material_id: int) -> FileResponse:
    material = access.access_material(request.user, material_id)
    return stored_file(
        material.file,
        name=material.original_name,
        content_type=material.content_type,
        size=material.size,
        fallback=f"material-{material.pk}",
    )


@login_required
@require_POST
def material_delete(request: HttpRequest, material_id: int) -> HttpResponse:
    material = access.access_material(request.user, material_id)
    item = material.item
    name = material.original_name
    try:
        actions.do_delete_material(request.user, material)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("已移除「%(name)s」。") % {"name": name})
    return redirect(reverse("meetings:meeting", args=[item.section.meeting_id]) + f"#item-{item.pk}")
