"""The one exception the Japanese-data helpers raise for bad input.

Each error carries a message-catalog key (``code``) and its parameters. Parameters
never hold the input itself: a date of birth, a My Number or a name is personal data.

    >>> from shared.japanese import parse_wareki, DataError
    >>> try:
    ...     parse_wareki("平成31年5月1日")
    ... except DataError as exc:
    ...     exc.code, exc.params
    ('field.wareki.out_of_era', {'era': '平成', 'last': '平成31年4月30日'})
"""

from __future__ import annotations

from shared.messages import t

__all__ = ["DataError"]


class DataError(ValueError):
    """A value that cannot be normalized; ``code`` is a catalog key, ``params`` its fields."""

    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(code)

    def message(self, lang: str | None = None) -> str:
        """The catalog message for this error in ``lang`` (default: the current language)."""
        return t(self.code, lang=lang, **self.params)

    def __str__(self) -> str:
        return self.message()
