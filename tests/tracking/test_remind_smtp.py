"""`lieguan remind` against a real SMTP server on 127.0.0.1: the digest arrives, to the right people, in Chinese."""

from __future__ import annotations

import datetime as dt
import email
import logging
import socket
from email import policy
from email.message import EmailMessage
from io import StringIO

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command

from lieguan.conf.env import email_url
from lieguan.tracking import actions as t
from lieguan.tracking import digests
from tests.factories import SETUP

pytestmark = pytest.mark.django_db


class Mailbox:
    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    # aiosmtpd logs from its own thread, sometimes after pytest has closed the stream it captured the test's
    # output in, which prints "--- Logging error ---" tracebacks: its log says nothing the test reads.
    server_log = logging.getLogger("mail.log")
    server_log.disabled = True
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    # Configured the way an operator does it: EMAIL_URL, read by the same function the settings use.
    config = email_url("EMAIL_URL", "console:", {"EMAIL_URL": f"smtp://127.0.0.1:{controller.port}?from=lieguan@linhai.example.gov.tw"})
    settings.EMAIL_BACKEND = config.backend
    settings.EMAIL_HOST, settings.EMAIL_PORT = config.host, config.port
    settings.EMAIL_USE_TLS, settings.EMAIL_USE_SSL = config.use_tls, config.use_ssl
    settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD = config.user, config.password
    settings.DEFAULT_FROM_EMAIL = config.default_from
    yield mailbox
    controller.stop()
    server_log.disabled = False


@pytest.fixture
def cases(city):
    def make(title, deadline, lead, co=()):
        return t.do_create_case(
            SETUP,
            source="mayor",
            owner=city.rdec,
            title=title,
            text=title,
            lead=lead,
            co=list(co),
            deadline=deadline,
            opened_on=dt.date(2026, 1, 5),
        )

    return (
        make("市民服務專線整併", dt.date(2026, 3, 10), city.it, co=[city.edu]),
        make("校園網路汰換", dt.date(2026, 3, 25), city.edu),
        make("機房電力改善", dt.date(2026, 3, 20), city.it_unit),
    )


def remind(*args: str) -> str:
    out = StringIO()
    call_command("remind", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_digests_arrive_at_a_real_smtp_server_with_chinese_subject_and_every_case(smtp, city, cases):
    overdue, soon, unit = cases
    out = remind("--today", "2026-03-18", "--base-url", "https://lieguan.linhai.example.gov.tw")
    assert "已寄出 2 份稽催摘要（電子郵件 2 封" in out
    by_recipient = {tuple(rcpt): (sender, message) for sender, rcpt, message in smtp.received}
    assert set(by_recipient) == {("bob@example.gov.tw",), ("carol@example.gov.tw",)}

    sender, bob = by_recipient[("bob@example.gov.tw",)]
    assert sender == "lieguan@linhai.example.gov.tw"
    # Django folds a long encoded subject onto the next line; unfolding leaves the fold's space in front.
    assert bob["Subject"].strip() == "【列管稽催・第 1 級】資訊局：逾期 1 案、列管期限將屆 1 案"
    assert bob["To"] == "bob@example.gov.tw"
    body = bob.get_content()
    assert "李大同科員　您好" in body
    assert f"列管編號 {overdue.number}　市民服務專線整併" in body
    assert "列管期限：115年3月10日（已逾期 6 個工作日；第 1 級稽催）" in body
    assert f"列管編號 {unit.number}　機房電力改善" in body
    assert "列管期限：115年3月20日（尚餘 2 個工作日）" in body
    assert f"https://lieguan.linhai.example.gov.tw{digests.case_path(overdue.pk)}" in body
    assert f"https://lieguan.linhai.example.gov.tw{digests.case_path(unit.pk)}" in body
    assert soon.number not in body

    _, carol = by_recipient[("carol@example.gov.tw",)]
    assert carol["Subject"].strip() == "【列管稽催・第 1 級】教育局：逾期 1 案、列管期限將屆 1 案"
    carol_body = carol.get_content()
    assert "協辦機關：教育局" in carol_body and "列管期限：115年3月25日（尚餘 5 個工作日）" in carol_body


def test_a_second_run_the_same_day_and_the_next_day_sends_nothing_more(smtp, city, cases):
    remind("--today", "2026-03-18")
    assert len(smtp.received) == 2
    out = remind("--today", "2026-03-18")
    assert "已寄出 0 份稽催摘要" in out
    remind("--today", "2026-03-19")
    assert len(smtp.received) == 2


def test_a_dry_run_sends_nothing_to_the_server(smtp, city, cases):
    out = remind("--today", "2026-03-18", "--dry-run")
    assert "將寄出 2 份稽催摘要" in out
    assert smtp.received == []
