"""Cron weekdays as crontab counts them (0 and 7 = Sunday, 1 = Monday … 6 = Saturday), not as
APScheduler 3 does (0 = Monday). The expected weekdays are written by hand from
``man 5 crontab``; fires are enumerated over a real week (Sunday 2026-05-31 … Saturday 06-06,
no holiday in it) and named by the standard library's calendar, not by the code under test."""

from __future__ import annotations

import datetime as dt

import pytest

from shared.calendar import JST, BusinessDayTrigger, RuleError, parse_rule

SUN, MON, TUE, WED, THU, FRI, SAT = "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"
WEEK_START = dt.datetime(2026, 5, 31, 0, 0, tzinfo=JST)  # a Sunday

WEEKDAY_CASES = [
    ("0", {SUN}), ("1", {MON}), ("2", {TUE}), ("3", {WED}), ("4", {THU}), ("5", {FRI}), ("6", {SAT}), ("7", {SUN}),
    ("sun", {SUN}), ("mon", {MON}), ("tue", {TUE}), ("wed", {WED}), ("thu", {THU}), ("fri", {FRI}), ("sat", {SAT}),
    ("SUN", {SUN}), ("Fri", {FRI}),
    ("1-5", {MON, TUE, WED, THU, FRI}),
    ("mon-fri", {MON, TUE, WED, THU, FRI}),
    ("0-6", {SUN, MON, TUE, WED, THU, FRI, SAT}),
    ("1-7", {SUN, MON, TUE, WED, THU, FRI, SAT}),
    ("5-7", {FRI, SAT, SUN}),
    ("6,0", {SAT, SUN}),
    ("0,7", {SUN}),
    ("1,3,5", {MON, WED, FRI}),
    ("mon,wed,fri", {MON, WED, FRI}),
    ("1-3,5", {MON, TUE, WED, FRI}),
    ("*", {SUN, MON, TUE, WED, THU, FRI, SAT}),
    ("*/2", {SUN, TUE, THU, SAT}),
    ("*/3", {SUN, WED, SAT}),
    ("1-5/2", {MON, WED, FRI}),
    ("1/2", {MON, WED, FRI, SUN}),  # N/step runs to the end of the field (7 = Sunday)
]


def fired_weekdays(rule: str) -> set[str]:
    trigger = BusinessDayTrigger(rule)
    week_end = WEEK_START + dt.timedelta(days=7)
    return {fire.strftime("%a") for fire in trigger.next_times(20, WEEK_START) if fire < week_end}


@pytest.mark.parametrize(("field", "expected"), WEEKDAY_CASES, ids=[c[0] for c in WEEKDAY_CASES])
def test_every_weekday_field_fires_on_crontab_days(field: str, expected: set[str]) -> None:
    assert fired_weekdays(f"cron: 0 9 * * {field}") == expected


def test_the_table_names_every_single_weekday_both_ways() -> None:
    singles = {field: days for field, days in WEEKDAY_CASES if len(days) == 1}
    assert {next(iter(days)) for days in singles.values()} == {SUN, MON, TUE, WED, THU, FRI, SAT}
    assert {f for f in singles if f.isdigit()} == {str(n) for n in range(8)}


def test_the_documented_weekday_rule_fires_monday_to_friday_at_830() -> None:
    trigger = BusinessDayTrigger("cron: 30 8 * * 1-5")
    fires = trigger.next_times(5, WEEK_START)
    assert [f.strftime("%a %H:%M") for f in fires] == ["Mon 08:30", "Tue 08:30", "Wed 08:30", "Thu 08:30", "Fri 08:30"]
    assert fires[0] == dt.datetime(2026, 6, 1, 8, 30, tzinfo=JST)


def test_day_and_weekday_both_restricted_fire_on_either_as_crontab_does() -> None:
    # the 1st of the month (a Monday in June 2026) and every Friday
    fires = BusinessDayTrigger("cron: 0 9 1 * 5").next_times(4, WEEK_START)
    assert [f.date().isoformat() for f in fires] == ["2026-06-01", "2026-06-05", "2026-06-12", "2026-06-19"]
    # a star in the weekday: only the day of the month counts
    fires = BusinessDayTrigger("cron: 0 9 1 * */1").next_times(2, WEEK_START)
    assert [f.date().isoformat() for f in fires] == ["2026-06-01", "2026-07-01"]


@pytest.mark.parametrize("field", ["8", "-1", "mon-", "5-1", "funday", "1-5/0", "", "1,,2"])
def test_bad_weekdays_are_refused_naming_the_rule(field: str) -> None:
    text = f"cron: 0 9 * * {field}".rstrip()
    with pytest.raises(RuleError) as raised:
        parse_rule(text)
    assert text in raised.value.message("ja")
