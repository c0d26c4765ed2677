"""The import pages: upload a batch, parse it step by step, preview a file, confirm its names, import."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lieguan.meetings.models import ImportBatch, Meeting
from lieguan.organisations.models import Organisation
from tests.meetings.import_support import CHIEF_83, CHIEF_84, OFFICE_39, WORK_REPORT, F

pytestmark = pytest.mark.django_db


@pytest.fixture
def linhai(db):
    from lieguan.demo import load_demo

    load_demo()


def _client(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _upload(client, paths):
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in paths]
    response = client.post(reverse("meetings:import"), {"uploads": files})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportBatch.objects.latest("pk")


def _parse_all(client, batch):
    for _ in range(batch.files.count()):
        response = client.post(reverse("meetings:import_step", args=[batch.pk]), headers={"HX-Request": "true"})
        assert response.status_code == 200
    return response.content.decode()


def test_only_secretariats_and_administrators_see_the_import_page(client, linhai):
    assert client.get(reverse("meetings:import")).status_code == 302
    assert _client(client, "liaison").get(reverse("meetings:import")).status_code == 403
    page = _client(client, "secretariat").get(reverse("meetings:import"))
    assert page.status_code == 200
    assert 'type="file"' in page.content.decode() and "multiple" in page.content.decode()


def test_an_upload_becomes_a_batch_that_the_page_parses_one_file_per_request(client, linhai):
    secretariat = _client(client, "secretariat")
    batch = _upload(secretariat, [CHIEF_83, WORK_REPORT, OFFICE_39])
    page = secretariat.get(reverse("meetings:import_batch", args=[batch.pk])).content.decode()
    assert "已處理 0 / 3 個檔案" in page
    assert 'hx-trigger="load"' in page and "<progress" in page
    first = secretariat.post(reverse("meetings:import_step", args=[batch.pk]), headers={"HX-Request": "true"})
    fragment = first.content.decode()
    assert 'id="import-status" hx-swap-oob="innerHTML"' in fragment and "已處理 1 / 3 個檔案" in fragment
    assert 'hx-trigger="load"' in fragment
    last = _parse_all(secretariat, batch)
    assert "已處理 3 / 3 個檔案，解析完成" in last and 'hx-trigger="load"' not in last
    assert "這份文件不是會議紀錄" in last
    assert "匯入 1 個不需確認的檔案（依會議日期）" in last


def test_without_javascript_a_step_goes_back_to_the_batch_page(client, linhai):
    secretariat = _client(client, "secretariat")
    batch = _upload(secretariat, [OFFICE_39])
    response = secretariat.post(reverse("meetings:import_step", args=[batch.pk]))
    assert response["Location"] == reverse("meetings:import_batch", args=[batch.pk])
    assert batch.files.get().status == F.PARSED


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
    assert 'value="create"' not in page


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
