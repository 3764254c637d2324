"""Business-day calendar and schedule rules: a table of real calendar cases 2025–2027
(年末年始, ゴールデンウィーク, 振替休日, 国民の休日, month ends, a leap year), worked out by hand
from the published holiday list, not from the code under test."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from shared.calendar import JST, BusinessCalendar, BusinessDayTrigger, RuleError, parse_rule


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=JST)


CASES = [
    # rule, now (JST), closing days, expected next fire (JST)
    ("毎営業日 08:30", "2026-12-28 17:00", (), "2027-01-04 08:30"),
    ("毎営業日 08:30", "2026-12-28 08:00", (), "2026-12-28 08:30"),
    ("毎営業日 08:30", "2026-12-28 08:30", (), "2026-12-28 08:30"),
    ("毎営業日 08:30", "2026-05-01 09:00", (), "2026-05-07 08:30"),
    ("毎営業日 08:30", "2025-05-02 09:00", (), "2025-05-07 08:30"),
    ("毎営業日 08:30", "2026-09-18 09:00", (), "2026-09-24 08:30"),  # 敬老の日・国民の休日・秋分の日
    ("毎営業日 08:30", "2025-02-21 18:00", (), "2025-02-25 08:30"),  # 天皇誕生日の振替休日
    ("毎営業日 08:30", "2027-03-19 18:00", (), "2027-03-23 08:30"),  # 春分の日(日)の振替休日
    ("毎営業日 08:30", "2025-11-21 18:00", (), "2025-11-25 08:30"),  # 勤労感謝の日(日)の振替休日
    ("毎営業日 08:30", "2025-12-26 18:00", (), "2026-01-05 08:30"),
    ("毎営業日 8時半", "2027-07-16 09:00", (), "2027-07-20 08:30"),  # 海の日
    ("毎営業日 ８：３０", "2027-12-28 18:00", (), "2028-01-04 08:30"),
    ("毎営業日 08:30", "2026-08-07 18:00", ("2026-08-10",), "2026-08-12 08:30"),  # 閉庁日 + 山の日
    ("毎月第3営業日 09:00", "2026-01-01 00:00", (), "2026-01-07 09:00"),
    ("毎月第3営業日 09:00", "2026-05-01 00:00", (), "2026-05-08 09:00"),
    ("毎月第3営業日 09:00", "2025-05-01 00:00", (), "2025-05-07 09:00"),
    ("毎月第3営業日 09:00", "2027-01-08 10:00", (), "2027-02-03 09:00"),
    ("毎月第3営業日 09:00", "2026-01-07 09:01", (), "2026-02-04 09:00"),
    ("毎月第3営業日 09:00", "2025-11-01 00:00", (), "2025-11-06 09:00"),
    ("毎月第3営業日 09:00", "2026-06-01 00:00", ("2026-06-03",), "2026-06-04 09:00"),
    ("毎月第1営業日 09:00", "2027-04-30 18:00", (), "2027-05-06 09:00"),
    ("毎月最終営業日 17:00", "2026-12-01 00:00", (), "2026-12-28 17:00"),
    ("毎月最終営業日 17:00", "2025-12-01 00:00", (), "2025-12-26 17:00"),
    ("毎月最終営業日 17:00", "2026-02-27 17:01", (), "2026-03-31 17:00"),
    ("毎月最終営業日 17:00", "2027-04-01 00:00", (), "2027-04-30 17:00"),
    ("毎月最終営業日 17:00", "2026-04-01 00:00", (), "2026-04-30 17:00"),
    ("毎月最終営業日 17:00", "2027-12-01 00:00", (), "2027-12-28 17:00"),
    ("毎月最終営業日 17:00", "2028-02-01 00:00", (), "2028-02-29 17:00"),  # 閏年
    ("毎週月曜 (祝日なら翌営業日)", "2026-01-10 00:00", (), "2026-01-13 09:00"),  # 成人の日
    ("毎週月曜 (祝日なら翌営業日)", "2026-05-01 00:00", (), "2026-05-07 09:00"),
    ("毎週月曜 09:00 (祝日なら翌営業日)", "2026-12-22 00:00", (), "2026-12-28 09:00"),
    ("毎週月曜 09:00 (祝日なら翌営業日)", "2026-12-28 10:00", (), "2027-01-04 09:00"),
    ("毎週月曜 (祝日なら翌営業日)", "2025-07-19 00:00", (), "2025-07-22 09:00"),  # 海の日
    ("毎週月曜 08:00 (祝日なら前営業日)", "2026-09-15 00:00", (), "2026-09-18 08:00"),
    ("毎週月曜 08:00 (祝日なら前営業日)", "2026-09-18 09:00", (), "2026-09-28 08:00"),
    ("毎週月曜 09:00", "2027-01-08 00:00", (), "2027-01-18 09:00"),  # 祝日は実行しない
    ("毎月25日 10:00 (休日なら前営業日)", "2026-04-01 00:00", (), "2026-04-24 10:00"),
    ("毎月25日 10:00 （休日なら翌営業日）", "2025-12-26 00:00", (), "2026-01-26 10:00"),
    ("毎月29日 10:00 (休日なら前営業日)", "2027-02-01 00:00", (), "2027-02-26 10:00"),  # 平年の2月
    ("cron: 30 8 * * 1-5", "2026-12-31 12:00", (), "2027-01-01 08:30"),  # cron は暦を見ない
    ("0 17 last * *", "2027-02-10 00:00", (), "2027-02-28 17:00"),
]


@pytest.mark.parametrize(("rule", "now", "closing", "expected"), CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_next_fire_time(rule: str, now: str, closing: tuple[str, ...], expected: str) -> None:
    trigger = BusinessDayTrigger(rule, [dt.date.fromisoformat(d) for d in closing])
    assert trigger.get_next_fire_time(None, at(now)) == at(expected)


def test_table_is_big_enough() -> None:
    assert len(CASES) >= 30


def test_after_a_fire_the_next_one_is_strictly_later() -> None:
    trigger = BusinessDayTrigger("毎営業日 08:30")
    fired = at("2026-12-28 08:30")
    assert trigger.get_next_fire_time(fired, fired) == at("2027-01-04 08:30")


def test_missed_fires_are_enumerated_from_the_previous_fire() -> None:
    """APScheduler asks again with the previous fire time to find every missed run."""
    trigger = BusinessDayTrigger("毎営業日 08:30")
    previous = at("2026-04-28 08:30")
    assert trigger.get_next_fire_time(previous, at("2026-05-08 12:00")) == at("2026-04-30 08:30")


def test_next_times_lists_five() -> None:
    times = BusinessDayTrigger("毎月最終営業日 17:00").next_times(5, at("2026-10-01 00:00"))
    assert [t.date().isoformat() for t in times] == [
        "2026-10-30", "2026-11-30", "2026-12-28", "2027-01-29", "2027-02-26"]


def test_stored_state_is_plain_data_and_reloads() -> None:
    trigger = BusinessDayTrigger("毎月第3営業日 09:00", [dt.date(2026, 6, 3)])
    assert trigger.__getstate__() == {"version": 1, "rule": "毎月第3営業日 09:00", "closing_days": ["2026-06-03"]}
    again = pickle.loads(pickle.dumps(trigger))
    assert again.get_next_fire_time(None, at("2026-06-01 00:00")) == at("2026-06-04 09:00")


@pytest.mark.parametrize("text", ["毎日", "毎営業日 25:00", "毎月第0営業日", "毎月第30営業日", "毎週祝曜",
                                  "毎営業日 (祝日なら翌営業日)", "cron: 61 * * * *", "毎月32日", ""])
def test_bad_rules_name_the_rule(text: str) -> None:
    with pytest.raises(RuleError) as caught:
        parse_rule(text)
    assert "毎営業日" in str(caught.value)  # the message shows the forms that work


@pytest.mark.parametrize(("day", "open_"), [
    ("2025-12-29", False), ("2026-01-03", False), ("2026-01-05", True), ("2026-05-06", False),
    ("2026-09-22", False), ("2027-03-22", False), ("2028-02-29", True), ("2026-11-21", False),
])
def test_business_days(day: str, open_: bool) -> None:
    assert BusinessCalendar().is_business_day(dt.date.fromisoformat(day)) is open_
