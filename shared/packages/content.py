"""What a package's YAML may hold, as data: the strings rendered as templates, and whether
one reaches Python internals. Used before a package is installed (``install``) and by
`scenario lint` (``lint``); the checks themselves live in ``shared.config.template_checks``,
which ``validate`` runs too."""

from __future__ import annotations

from shared.config.template_checks import internals_reached, template_issues, template_strings

__all__ = ["internals_reached", "template_issues", "template_strings"]
