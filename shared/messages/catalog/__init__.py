"""Message catalog: key -> (Japanese, English). Placeholders use str.format names.

One catalog, kept in one module per topic so each stays readable. Messages never
receive personal data as parameters: pass field labels, file names, line numbers and
codes, never the values themselves.
"""

from __future__ import annotations

from shared.messages.catalog import (
    authoring,
    composite,
    config,
    demo,
    fields,
    office,
    online,
    operations,
    packages,
    pdf,
    run,
    screens,
    setup,
    training,
    verify,
    web,
)

_PARTS = (fields, config, pdf, web, run, training, demo, operations, office, packages, composite, screens, verify,
          authoring, online, setup)


def _merge() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for part in _PARTS:
        for key, texts in part.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"message key {key!r} is defined twice ({part.__name__})")
            merged[key] = texts
    return merged


CATALOG: dict[str, tuple[str, str]] = _merge()
