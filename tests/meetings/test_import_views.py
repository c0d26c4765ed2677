"""The import pages: upload a batch, parse it step by step, preview a file, confirm its names, import."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lieguan.meetings.models import ImportBatch, Meeting
from lieguan.organisations.models import Organisation
from tests.meetings.import_support import CHIEF_83, CHIEF_84, OFFICE_39, WORK_REPORT, F
from tests.pages import by_id, find, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def linhai(demo_city):
    """The demo city (臨海市), copied in from its first load: tests/demo_snapshot.py."""
    return demo_city


def _client(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _upload(client, paths):
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in paths]
    response = client.post(reverse("meetings:import"), {"uploads": files})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportBatch.objects.latest("pk")


def _parse_all(client, batch):
    """The batch's progress as the page polls it; the upload queued the parsing, which ran at once (tests/conftest.py)."""
    response = client.get(reverse("meetings:import_batch", args=[batch.pk]), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert not batch.files.filter(status=F.PENDING).exists()
    return response.content.decode()


def test_only_secretariats_and_administrators_see_the_import_page(client, linhai):
    assert client.get(reverse("meetings:import")).status_code == 302
    assert _client(client, "liaison").get(reverse("meetings:import")).status_code == 403
    page = _client(client, "secretariat").get(reverse("meetings:import"))
    assert page.status_code == 200
    assert find(page, "//input[@type='file'][@multiple]")


def test_an_upload_is_parsed_in_the_background_and_the_page_shows_each_files_outcome(client, linhai):
    secretariat = _client(client, "secretariat")
    batch = _upload(secretariat, [CHIEF_83, WORK_REPORT, OFFICE_39])
    page = secretariat.get(reverse("meetings:import_batch", args=[batch.pk])).content.decode()
    assert "已處理 3 / 3 個檔案，解析完成" in page and find(page, "//progress")
    fragment = _parse_all(secretariat, batch)
    assert by_id(fragment, "import-status").get("hx-swap-oob") == "innerHTML" and "已處理 3 / 3 個檔案，解析完成" in fragment
    assert not find(fragment, "//*[@hx-trigger='every 2s']")
    assert "這份文件不是會議紀錄" in fragment
    assert "匯入 1 個不需確認的檔案（依會議日期）" in fragment
    english = secretariat.get(reverse("meetings:import_batch", args=[batch.pk]), HTTP_ACCEPT_LANGUAGE="en")
    assert "Import the 1 file needing no confirmation" in [text_of(b) for b in find(english, "//button")]


def test_while_files_wait_the_page_polls_its_progress_and_after_a_stall_offers_to_queue_them_again(client, linhai, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # queued, never run
    secretariat = _client(client, "secretariat")
    batch = _upload(secretariat, [CHIEF_83, OFFICE_39])
    page = secretariat.get(reverse("meetings:import_batch", args=[batch.pk])).content.decode()
    assert "已處理 0 / 2 個檔案" in page and find(page, "//*[@hx-trigger='every 2s']")
    assert "重新排入解析" not in page
    settings.IMPORT_PARSE_SECONDS = -61  # any file unchanged for a moment counts as stalled
    page = secretariat.get(reverse("meetings:import_batch", args=[batch.pk])).content.decode()
    assert "解析沒有進展" in page and "重新排入解析" in page
    settings.IMPORT_PARSE_SECONDS = 120
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    response = secretariat.post(reverse("meetings:import_step", args=[batch.pk]))
    assert response["Location"] == reverse("meetings:import_batch", args=[batch.pk])
    assert sorted(batch.files.values_list("status", flat=True)) == [F.PARSED, F.PARSED]


def test_only_the_uploader_may_queue_a_batch_again(client, linhai, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    batch = _upload(_client(client, "secretariat"), [OFFICE_39])
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert _client(client, "liaison").post(reverse("meetings:import_step", args=[batch.pk])).status_code in (403, 404)
    assert batch.files.get().status == F.PENDING


def test_the_preview_shows_header_warnings_names_decisions_deadlines_and_the_official_text(client, linhai):
    secretariat = _client(client, "secretariat")
    batch = _upload(secretariat, [CHIEF_83])
    _parse_all(secretariat, batch)
    page = secretariat.get(reverse("meetings:import_file", args=[batch.files.get().pk])).content.decode()
    for expected in (
        "民國115年5月21日10時00分",
        "林予安秘書長",
        "第 82 次（115年4月16日）",
        "解析警告（1）",
        "沒有案由",
        "「海洋局」",
        "報告事項三（報告機關）",
        "新增機關或人員須由系統管理者執行",
        "82-1",
        "賡續列管",
        "「7月底前」→ 115年7月31日",
        "梅雨季節將屆",
        "臨海市政府主任秘書會報（依紀錄標題比對）",
    ):
        assert expected in page, expected
    assert not find(page, "//*[@value='create']")


def test_confirming_the_preview_imports_the_file_and_links_the_meeting(client, linhai):
    secretariat = _client(client, "secretariat")
    batch = _upload(secretariat, [CHIEF_84])
    _parse_all(secretariat, batch)
    import_file = batch.files.get()
    url = reverse("meetings:import_file", args=[import_file.pk])
    refused = secretariat.post(url, {"series": "1", "name_0_action": "match", "name_0_match": ""})
    assert refused.status_code == 200 and "請選擇「交通處」要對應的既有項目" in refused.content.decode()
    transport = Organisation.objects.get(code="transport")
    series = Meeting.objects.filter(series__code="chief-secretaries").first().series
    response = secretariat.post(url, {"series": str(series.pk), "name_0_action": "match", "name_0_match": transport.pk})
    assert response["Location"] == reverse("meetings:import_batch", args=[batch.pk])
    import_file.refresh_from_db()
    assert import_file.status == F.IMPORTED
    batch_page = secretariat.get(response["Location"]).content.decode()
    assert "已匯入「臨海市政府主任秘書會報第84次」" in batch_page
    assert reverse("meetings:meeting", args=[import_file.meeting.pk]) in batch_page
    done = secretariat.get(url).content.decode()
    assert "開啟「臨海市政府主任秘書會報第84次」" in done


def test_import_ready_imports_the_files_that_need_no_confirmation(client, linhai):
    secretariat = _client(client, "secretariat")
    batch = _upload(secretariat, [CHIEF_83, OFFICE_39])
    _parse_all(secretariat, batch)
    response = secretariat.post(reverse("meetings:import_ready", args=[batch.pk]), follow=True)
    assert "已匯入 1 個檔案" in response.content.decode()
    assert batch.files.get(original_name=OFFICE_39.name).status == F.IMPORTED
    assert batch.files.get(original_name=CHIEF_83.name).status == F.PARSED


def test_a_failed_file_says_why_on_its_own_page(client, linhai):
    secretariat = _client(client, "secretariat")
    batch = _upload(secretariat, [WORK_REPORT])
    _parse_all(secretariat, batch)
    page = secretariat.get(reverse("meetings:import_file", args=[batch.files.get().pk])).content.decode()
    assert "這份文件不是會議紀錄" in page and "系統資料沒有任何變動" in page


def test_an_empty_upload_is_refused_with_a_message(client, linhai):
    response = _client(client, "secretariat").post(reverse("meetings:import"), {})
    assert response.status_code == 200 and "請選擇至少一個檔案" in response.content.decode()


def test_another_persons_batch_is_not_found(client, linhai):
    batch = _upload(_client(client, "secretariat"), [OFFICE_39])
    file_id = batch.files.get().pk
    client.logout()
    liaison = _client(client, "liaison")
    assert liaison.get(reverse("meetings:import_batch", args=[batch.pk])).status_code == 404
    assert liaison.get(reverse("meetings:import_file", args=[file_id])).status_code == 404
    admin = _client(client, "admin")
    assert admin.get(reverse("meetings:import_batch", args=[batch.pk])).status_code == 200
