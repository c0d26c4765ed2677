"""Every download offered on the minutes page of a demo meeting opens in the program made for it.

The PDF's first page is also turned into a picture (test-artifacts/) so that
a person can look at it.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from django.urls import reverse
from docx import Document
from odf import teletype
from odf.opendocument import load as load_odt
from odf.text import P

from lieguan.meetings.models import Meeting
from lieguan.minutes.model import Minutes

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CONCLUSION = "請公管中心持續追蹤節能成效，並於明年第 1 季提出南區改善規劃。"


def squeeze(text: str) -> str:
    """Text extracted from PDF and ODF may be broken into lines; compare without any whitespace."""
    return re.sub(r"\s+", "", text)


@pytest.fixture
def demo_minutes(client, demo_city):
    meeting = Meeting.objects.get(series__code="chief-secretaries", number=88)
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="secretariat"))
    page = client.get(reverse("meetings:minutes", args=[meeting.pk])).content.decode()
    links = {fmt: url for url, fmt in re.findall(r'href="(/meetings/\d+/minutes\.(\w+))" download', page)}
    return meeting, links


def fetch(client, links, fmt):
    response = client.get(links[fmt])
    assert response.status_code == 200, fmt
    assert "attachment" in response["Content-Disposition"]
    return response.content


def test_the_page_offers_every_format(demo_minutes):
    _, links = demo_minutes
    assert set(links) >= {"txt", "docx", "odt", "pdf", "json"}


def test_the_pdf_opens_and_holds_a_conclusion_and_the_roc_date(client, demo_minutes):
    _, links = demo_minutes
    data = fetch(client, links, "pdf")
    assert data.startswith(b"%PDF")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = squeeze("".join(page.extract_text() or "" for page in pdf.pages))
    assert squeeze(CONCLUSION) in text
    assert "民國115年10月15日" in text
    ARTIFACTS.mkdir(exist_ok=True)
    pdf_path = ARTIFACTS / "minutes-88.pdf"
    pdf_path.write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf_path), str(ARTIFACTS / "minutes-88-page")], check=True)
    assert any(ARTIFACTS.glob("minutes-88-page*.png"))


def test_the_docx_opens_in_a_word_processor_library(client, demo_minutes):
    _, links = demo_minutes
    document = Document(io.BytesIO(fetch(client, links, "docx")))
    text = "\n".join(p.text for p in document.paragraphs)
    assert CONCLUSION in text
    assert "臨海市政府第88次主任秘書會報紀錄" in squeeze(text)
    assert "民國115年10月15日" in squeeze(text)


def test_the_odt_opens_and_holds_the_conclusion(client, demo_minutes):
    _, links = demo_minutes
    data = fetch(client, links, "odt")
    assert zipfile.ZipFile(io.BytesIO(data)).read("mimetype") == b"application/vnd.oasis.opendocument.text"
    document = load_odt(io.BytesIO(data))
    text = "\n".join(teletype.extractText(p) for p in document.getElementsByType(P))
    assert squeeze(CONCLUSION) in squeeze(text)
    assert "民國115年10月15日" in squeeze(text)


def test_the_minutes_json_loads_back_into_the_document_model(client, demo_minutes):
    _, links = demo_minutes
    minutes = Minutes.from_dict(json.loads(fetch(client, links, "json")))
    assert minutes.session.number == 88 and minutes.date.isoformat() == "2026-10-15"
    assert CONCLUSION in [c.text for c in minutes.all_conclusions()]
    assert any(c.tracked for c in minutes.all_conclusions())


def test_the_text_file_is_the_official_plain_text(client, demo_minutes):
    _, links = demo_minutes
    text = fetch(client, links, "txt").decode("utf-8")
    assert text.startswith("臨海市政府第88次主任秘書會報紀錄")
    assert "時間：民國 115 年 10 月 15 日" in text and CONCLUSION in text
