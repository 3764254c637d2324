"""The business-day scheduler (APScheduler 3) and its persisted schedules."""

from robots.scheduling.scheduler import (
    JOB_FUNC,
    Runner,
    ScheduleBook,
    SchedulerLocked,
    SchedulerRuntime,
    find_scenario,
    run_scheduled,
    start_scheduler,
)

__all__ = ["JOB_FUNC", "Runner", "ScheduleBook", "SchedulerLocked", "SchedulerRuntime", "find_scenario",
           "run_scheduled", "start_scheduler"]
