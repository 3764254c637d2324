"""Entry into a target system: the web entry robot, its step vocabulary, and the enterer that
takes items from the ledger (check-before-create for items left uncertain)."""

from robots.web.context import StepContext
from robots.web.entry import Enterer, ItemQueue, item_label
from robots.web.robot import WebEntryRobot
from robots.web.steps import STEPS, run_steps

__all__ = ["STEPS", "Enterer", "ItemQueue", "StepContext", "WebEntryRobot", "item_label", "run_steps"]
