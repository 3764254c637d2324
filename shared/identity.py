"""Item identity: a keyed hash of the record's key fields, stored instead of the values."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping, Sequence

__all__ = ["key_hash"]


def key_hash(secret: bytes, scenario_id: str, key_fields: Sequence[str], values: Mapping[str, object]) -> str:
    """HMAC-SHA256 over the scenario id and the key fields' values (hex, 64 characters).
    Without the site's secret, the hash cannot be traced back to the values."""
    payload = json.dumps(
        [scenario_id, [[name, str(values.get(name))] for name in key_fields]], ensure_ascii=False, separators=(",", ":")
    )
    return hmac.new(secret, payload.encode("utf-8"), hashlib.sha256).hexdigest()
