"""Japanese business-day calendar, schedule rules (毎営業日 08:30, 毎月第3営業日 09:00, cron)
and an APScheduler 3 trigger over them."""

from shared.calendar.days import JST, BusinessCalendar
from shared.calendar.rules import Rule, RuleError, parse_rule
from shared.calendar.trigger import BusinessDayTrigger

__all__ = ["JST", "BusinessCalendar", "BusinessDayTrigger", "Rule", "RuleError", "parse_rule"]
