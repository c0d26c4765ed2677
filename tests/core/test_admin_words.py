"""Issue 19: the administrator's pages name the third-party apps in the reader's language too."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from tests.pages import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(client):
    user = get_user_model().objects.create_superuser("site-root", "root@example.org", "Lieguan-site-root-2026")
    client.force_login(user)
    return client


def test_the_admin_index_names_the_sign_in_protection_and_the_background_tasks_in_chinese(administrator):
    text = page_text(administrator.get("/admin/"))
    assert "登入防護" in text and "登入嘗試" in text and "登入失敗" in text and "登入紀錄" in text
    assert "背景工作" in text and "背景工作結果" in text
    for english in ("Axes", "Access attempts", "Access failures", "Access logs", "Tasks Database Backend", "Task Results"):
        assert english not in text


def test_the_admin_index_names_them_in_english_for_an_english_reader(administrator):
    text = page_text(administrator.get("/admin/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "Sign-in protection" in text and "Access attempts" in text and "Background tasks" in text
    assert "登入防護" not in text


def test_an_admin_list_of_sign_in_attempts_reads_in_chinese(administrator):
    text = page_text(administrator.get("/admin/axes/accessattempt/"))
    assert "登入嘗試" in text and "嘗試時間" in text and "網址路徑" in text and "已鎖定" in text
    assert "Locked Out" not in text
