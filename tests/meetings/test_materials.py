"""Materials: uploaded by the presenting agency before the cut-off, downloaded only through an access check."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from lieguan.core.models import AuditEntry
from lieguan.meetings import actions
from lieguan.meetings.models import Material
from tests.factories import SETUP
from tests.meetings.meeting_support import PDF, pdf, schedule
from tests.pages import find

pytestmark = pytest.mark.django_db


@pytest.fixture
def scheduled(city):
    return schedule(city)


def close_uploads(meeting):
    actions.do_update_meeting(SETUP, meeting, materials_cutoff=timezone.now() - dt.timedelta(minutes=1))


def test_a_liaison_uploads_for_their_agency_before_the_cutoff_and_not_after(city, scheduled):
    material = actions.do_upload_material(city.user("bob"), scheduled.it_item, pdf(), "資訊預算簡報.pdf")
    assert (material.organisation, material.size, material.content_type) == (city.it, len(PDF), "application/pdf")
    assert AuditEntry.objects.filter(action="material.upload", object_id=str(material.pk)).exists()
    close_uploads(scheduled.meeting)
    with pytest.raises(ValidationError, match="截止上傳") as refused:
        actions.do_upload_material(city.user("bob"), scheduled.it_item, pdf(), "補充資料.pdf")
    assert "如需補件，請洽會議幕僚" in refused.value.messages[0]
    # The secretariat still may, after the cut-off.
    actions.do_upload_material(city.user("alice"), scheduled.it_item, pdf(), "補充資料.pdf")
    assert scheduled.it_item.materials.count() == 2


def test_a_liaison_cannot_remove_their_file_after_the_cutoff_nor_anyone_elses(city, scheduled):
    mine = actions.do_upload_material(city.user("bob"), scheduled.it_item, pdf(), "簡報.pdf")
    theirs = actions.do_upload_material(city.user("carol"), scheduled.edu_item, pdf(), "網路.pdf")
    with pytest.raises(PermissionDenied):
        actions.do_delete_material(city.user("bob"), theirs)
    close_uploads(scheduled.meeting)
    mine.refresh_from_db()
    with pytest.raises(ValidationError, match="截止上傳"):
        actions.do_delete_material(city.user("bob"), Material.objects.get(pk=mine.pk))
    actions.do_delete_material(city.user("alice"), Material.objects.get(pk=mine.pk))
    assert not Material.objects.filter(pk=mine.pk).exists()


def test_files_are_checked_by_content(city, scheduled):
    fake = SimpleUploadedFile("簡報.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        actions.do_upload_material(city.user("bob"), scheduled.it_item, fake, "簡報.pdf")
    exe = SimpleUploadedFile("run.exe", PDF)
    with pytest.raises(ValidationError, match="不接受"):
        actions.do_upload_material(city.user("bob"), scheduled.it_item, exe, "run.exe")


# Pages -------------------------------------------------------------------------------------------------


def test_uploading_on_the_meeting_page_and_downloading_with_the_original_name(city, scheduled, client):
    client.force_login(city.user("bob"))
    page = client.get(reverse("meetings:meeting", args=[scheduled.meeting.pk])).content.decode()
    uploads = find(page, "//input[@type='file']")
    assert len(uploads) == 1  # only the item 資訊局 presents
    assert uploads[0].xpath("ancestor::form/@action") == [reverse("meetings:material_upload", args=[scheduled.it_item.pk])]
    response = client.post(
        reverse("meetings:material_upload", args=[scheduled.it_item.pk]), {"file": pdf("116年度 資訊預算.pdf")}, follow=True
    )
    assert "已上傳「116年度 資訊預算.pdf」" in response.content.decode()
    material = scheduled.it_item.materials.get()
    client.force_login(city.user("frank"))  # an invitee reads it
    download = client.get(reverse("meetings:material", args=[material.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    disposition = download["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote('116年度 資訊預算.pdf')}" in disposition
    assert f'filename="material-{material.pk}.pdf"' in disposition


def test_after_the_cutoff_the_page_says_so_and_an_upload_is_refused_with_the_reason(city, scheduled, client):
    client.force_login(city.user("bob"))
    close_uploads(scheduled.meeting)
    page = client.get(reverse("meetings:meeting", args=[scheduled.meeting.pk])).content.decode()
    assert not find(page, "//input[@type='file']") and "截止上傳；如需補件，請洽會議幕僚" in page
    response = client.post(reverse("meetings:material_upload", args=[scheduled.it_item.pk]), {"file": pdf()}, follow=True)
    assert "未上傳" in response.content.decode() and "截止上傳" in response.content.decode()
    assert not scheduled.it_item.materials.exists()


def test_a_rejected_file_is_explained_on_the_page(city, scheduled, client):
    client.force_login(city.user("bob"))
    bad = SimpleUploadedFile("notes.pdf", b"\x00\x01\x02binary", content_type="application/pdf")
    response = client.post(reverse("meetings:material_upload", args=[scheduled.it_item.pk]), {"file": bad}, follow=True)
    assert "「notes.pdf」未上傳：無法辨識的檔案內容" in response.content.decode()
    empty = client.post(reverse("meetings:material_upload", args=[scheduled.it_item.pk]), {}, follow=True)
    assert "請選擇要上傳的檔案" in empty.content.decode()


def test_removing_a_file_on_the_page(city, scheduled, client):
    material = actions.do_upload_material(city.user("bob"), scheduled.it_item, pdf(), "簡報.pdf")
    client.force_login(city.user("carol"))
    assert client.post(reverse("meetings:material_delete", args=[material.pk])).status_code == 403
    client.force_login(city.user("bob"))
    response = client.post(reverse("meetings:material_delete", args=[material.pk]), follow=True)
    assert "已移除「簡報.pdf」" in response.content.decode()
    assert not Material.objects.filter(pk=material.pk).exists()
