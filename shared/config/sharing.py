"""Site-profile settings of shared scenario packages: the keys this site trusts, and how
its own screens differ from the ones a shared scenario was written for."""

from __future__ import annotations

import re

from pydantic import Field, field_validator

from shared.config.base import Identifier, StrictModel

__all__ = ["ScreenOverrides", "SharingSettings"]

_KEY = re.compile(r"^[A-Za-z0-9+/]{43}=$")  # a raw Ed25519 public key (32 bytes) in base64


class ScreenOverrides(StrictModel):
    """What this site's system shows differently from the scenario's screen."""

    labels: dict[str, str] = Field(
        default_factory=dict,
        description="label or button text in the scenario -> the text this site's screen shows (e.g. 請求者氏名: 申請者氏名)",
    )
    selectors: dict[str, str] = Field(
        default_factory=dict,
        description="label in the scenario -> CSS selector of the element on this site's screen (e.g. 電話番号: '#tel')",
    )


class SharingSettings(StrictModel):
    """Trusted signers of scenario packages and per-system screen overrides."""

    trusted_keys: dict[Identifier, str] = Field(
        default_factory=dict,
        description="signer name -> Ed25519 public key (base64, as printed by `scenario sign`)",
    )
    screens: dict[Identifier, ScreenOverrides] = Field(
        default_factory=dict, description="system name (as in the scenario's web.system) -> screen overrides"
    )

    @field_validator("trusted_keys")
    @classmethod
    def _keys_look_right(cls, value: dict[str, str]) -> dict[str, str]:
        bad = [name for name, key in value.items() if not _KEY.match(key)]
        if bad:
            raise ValueError(f"config.sharing.bad_key:{','.join(bad)}")
        return value
