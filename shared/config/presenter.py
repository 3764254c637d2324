"""Presenter mode settings of a site profile (seminars and demonstrations)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from shared.config.base import StrictModel

__all__ = ["PresenterSettings"]


class PresenterSettings(StrictModel):
    """How the web robot shows what it does: slow motion, a highlight on the element it is
    about to act on and a Japanese banner naming the step (never the values typed)."""

    enabled: bool = Field(False, description="turn presenter mode on (demo --present does this)")
    slow_motion_ms: int = Field(500, ge=0, le=10_000, description="pause before each step (slow motion; timed as presenter time, apart from the step)")
    highlight_ms: int = Field(700, ge=0, le=10_000, description="how long the element is highlighted before the action")
    banner: bool = Field(True, description="show a banner above the page (pushing it down) naming the current step")
    pause_each_step: bool = Field(False, description="wait for Enter before each entry step (demo --step)")
    pause_login: bool = Field(False, description="with pause_each_step, wait before each login step too "
                              "(demo --step-login)")
    video: Literal["auto", "always", "never"] = Field(
        "auto", description="record a video of the browser (auto = when headless); it shows the values typed, "
        "so use presenter mode with sample data only"
    )
