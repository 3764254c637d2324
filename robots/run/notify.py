"""Notices: when a run ends with failures or uncertain items, a Japanese summary goes to
the people in the site profile (e-mail over SMTP). Notices hold counts, item numbers and
reasons from the message catalog, never personal data (the redactor checks them again)."""

from __future__ import annotations

import smtplib
import ssl
from collections import Counter
from collections.abc import Mapping
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from robots.core.summary import RunSummary
from shared.config.operations import SmtpSettings
from shared.errors import ApplicationError
from shared.ledger import State
from shared.messages import t
from shared.redact import redactor

__all__ = ["needs_notice", "notice_text", "send_mail"]

PROBLEM_STATES = (State.FAILED_BUSINESS, State.FAILED_APPLICATION, State.NEEDS_REVIEW, State.UNCERTAIN)


def needs_notice(summary: RunSummary) -> bool:
    """A run that stopped, or left items a person must look at."""
    return bool(summary.fatal) or any(o.state in PROBLEM_STATES for o in summary.final_outcomes())


def notice_text(summary: RunSummary, site_name: str, stopped_for_window: bool = False) -> tuple[str, str]:
    """(subject, body) of the notice for a run, in the current language."""
    outcomes = summary.final_outcomes()
    counts = Counter(o.state for o in outcomes)
    problems = [o for o in outcomes if o.state in PROBLEM_STATES]
    subject = t("notify.subject", site=site_name, scenario=summary.scenario_id, problems=len(problems))
    lines = [t("notify.intro", site=site_name, scenario=summary.scenario_id, run=summary.run_id), ""]
    if summary.fatal:
        lines += [t("notify.fatal", reason=summary.fatal), ""]
    if stopped_for_window:
        lines += [t("notify.stopped_for_window"), ""]
    lines.append(t("notify.counts"))
    lines += [f"  {t('state.' + state.value)}: {count}" for state, count in sorted(counts.items())]
    if problems:
        lines += ["", t("notify.problems")]
        lines += [f"  #{o.item_id} {t('state.' + o.state.value)}: {o.reason or '-'}" for o in problems]
    lines += ["", t("notify.footer")]
    return redactor.scrub_text(subject), redactor.scrub_text("\n".join(lines))


def send_mail(settings: SmtpSettings, secrets: Mapping[str, str], subject: str, body: str) -> None:
    """Send one plain-text mail; SMTP trouble becomes an ``ApplicationError``."""
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.to)
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or None)
    message.set_content(body, charset="utf-8")
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout_seconds) as smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.username and settings.password:
                smtp.login(secrets[settings.username], secrets[settings.password])
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise ApplicationError("notify.failed", host=settings.host, kind=type(exc).__name__) from exc
