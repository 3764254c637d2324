"""Notices over SMTP to a local server on loopback: the Japanese summary, masked values
scrubbed, and a clear error when the server cannot be reached."""

from __future__ import annotations

import socket

import pytest
from smtp_local import LocalSmtp

from robots.run.batch import Outcome, RunSummary
from robots.run.notify import needs_notice, notice_text, send_mail
from shared.config.operations import SmtpSettings
from shared.errors import ApplicationError
from shared.ledger import State
from shared.redact import redactor


@pytest.fixture(autouse=True)
def _forget_values():
    yield
    redactor.forget_values()  # values remembered here must not scrub other tests' outputs


def _summary() -> RunSummary:
    summary = RunSummary("20261123-083000-abcdef", "jidou-teate-nintei")
    summary.outcomes = [
        Outcome(1, "claim-001.pdf", State.DONE, receipt_no="JT-000001"),
        Outcome(2, "claim-002.pdf", State.UNCERTAIN, reason="登録済みか不明です（照会できませんでした）"),
        Outcome(3, "claim-003.pdf", State.FAILED_BUSINESS, reason="個人番号 1234 5678 9018 のチェックデジットが違います 山田太郎"),
    ]
    return summary


def test_notice_lists_problems_in_japanese_without_personal_data() -> None:
    redactor.remember(["claimant_name"], {"claimant_name": "山田太郎"})
    summary = _summary()
    assert needs_notice(summary)
    subject, body = notice_text(summary, "sample-city")
    assert subject == "[RPA] sample-city jidou-teate-nintei: 確認が必要な申請 2 件"
    assert "#2" in body and "#3" in body and "#1 " not in body
    assert "1234 5678 9018" not in body and "山田太郎" not in body and "[個人番号]" in body
    quiet = RunSummary("r", "s")
    quiet.outcomes = [Outcome(1, "a.pdf", State.DONE, receipt_no="JT-1")]
    assert not needs_notice(quiet)


def test_mail_reaches_the_smtp_server() -> None:
    with LocalSmtp() as server:
        settings = SmtpSettings(host="127.0.0.1", port=server.port, sender="rpa@city.example.lg.jp",
                                to=["a@city.example.lg.jp", "b@city.example.lg.jp"])
        send_mail(settings, {}, *notice_text(_summary(), "sample-city"))
        assert server.wait(1)
    [mail] = server.messages
    assert mail["To"] == "a@city.example.lg.jp, b@city.example.lg.jp" and "確認が必要な申請 2 件" in mail["Subject"]
    assert "状態ごとの件数" in mail.get_content()


def test_unreachable_server_is_a_clear_application_error() -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = SmtpSettings(host="127.0.0.1", port=port, sender="rpa@x.lg.jp", to=["a@x.lg.jp"], timeout_seconds=5)
    with pytest.raises(ApplicationError) as caught:
        send_mail(settings, {}, "s", "b")
    assert "通知メールを送れませんでした" in str(caught.value) and "127.0.0.1" in str(caught.value)
