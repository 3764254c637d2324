"""Intake: inbox files hashed, archived durably, moved out of the inbox, or quarantined."""

from robots.intake.inbox import Intake, IntakeResult, quarantine

__all__ = ["Intake", "IntakeResult", "quarantine"]
