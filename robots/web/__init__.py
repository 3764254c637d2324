"""The web entry robot and its step vocabulary."""

from robots.web.context import StepContext
from robots.web.robot import WebEntryRobot
from robots.web.steps import STEPS, run_steps

__all__ = ["STEPS", "StepContext", "WebEntryRobot", "run_steps"]
