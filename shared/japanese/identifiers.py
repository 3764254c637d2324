"""Numbers on Japanese forms: My Number (個人番号), corporate number (法人番号), postal
code and phone number. Check digits come from python-stdnum, phone formats from
phonenumbers.

    >>> my_number_is_valid("123456789018")
    True
    >>> normalize_my_number("１２３４ ５６７８ ９０１８")
    '123456789018'
    >>> normalize_postal_code("〒１００ー０００１")
    '1000001'
    >>> normalize_phone("09012345678")
    '090-1234-5678'

The normalizers raise ``IdentifierError`` whose message never contains the input.
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers
from stdnum.jp import cn, in_

from shared.japanese.errors import DataError
from shared.japanese.text import DASHES, map_dashes_in_digit_runs

__all__ = [
    "IdentifierError",
    "corporate_number_is_valid",
    "my_number_is_valid",
    "normalize_my_number",
    "normalize_phone",
    "normalize_postal_code",
]

_SEPARATORS = re.compile(f"[\\s{re.escape(DASHES)}]+")
_POSTAL_CODE = re.compile("〒?([0-9]{3})-?([0-9]{4})")
# A national number in ASCII digits and hyphens, after the trunk 0 (not 010, the international prefix).
_NATIONAL_DIGITS = re.compile(r"0(?!10)[1-9](?:-?[0-9])+")
_JAPAN = 81


class IdentifierError(DataError):
    """An identifier that is malformed or fails its check; ``code`` is a catalog key
    (``field.my_number.format``, ``field.my_number.check_digit``,
    ``field.postal_code.invalid``, ``field.phone.invalid``)."""


def _is_ascii_digits(text: str, length: int) -> bool:
    return len(text) == length and text.isascii() and text.isdigit()


def my_number_is_valid(digits: str) -> bool:
    """True when ``digits`` is exactly 12 ASCII digits whose check digit matches."""
    return _is_ascii_digits(digits, 12) and in_.is_valid(digits)


def corporate_number_is_valid(digits: str) -> bool:
    """True when ``digits`` is exactly 13 ASCII digits whose leading check digit matches."""
    return _is_ascii_digits(digits, 13) and cn.is_valid(digits)


def normalize_my_number(text: str) -> str:
    """The 12 digits of a My Number written with full-width digits, spaces or hyphens.

    Raises ``IdentifierError`` with ``field.my_number.format`` (not twelve digits) or
    ``field.my_number.check_digit``.
    """
    digits = _SEPARATORS.sub("", unicodedata.normalize("NFKC", text))
    if not _is_ascii_digits(digits, 12):
        raise IdentifierError("field.my_number.format")
    if not in_.is_valid(digits):
        raise IdentifierError("field.my_number.check_digit")
    return digits


def normalize_postal_code(text: str) -> str:
    """The 7 digits of a postal code: ``〒100-0001``, ``1000001``, ``１００ー０００１`` →
    ``1000001``. Raises ``IdentifierError('field.postal_code.invalid')``."""
    prepared = map_dashes_in_digit_runs(re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)))
    if m := _POSTAL_CODE.fullmatch(prepared):
        return m[1] + m[2]
    raise IdentifierError("field.postal_code.invalid")


def normalize_phone(text: str) -> str:
    """A Japanese phone number in national format with hyphens, as phonenumbers writes it:
    ``０３ー１２３４ー５６７８`` → ``03-1234-5678``, ``09012345678`` → ``090-1234-5678``.

    Raises ``IdentifierError('field.phone.invalid')`` for a number that is not a valid
    Japanese number.
    """
    prepared = map_dashes_in_digit_runs(unicodedata.normalize("NFKC", text)).strip()
    if _NATIONAL_DIGITS.fullmatch(prepared):
        # What phonenumbers.parse(prepared, "JP") makes of such a number, for a tenth of its time.
        number = phonenumbers.PhoneNumber(country_code=_JAPAN, national_number=int(prepared.replace("-", "")))
    else:
        try:
            number = phonenumbers.parse(prepared, "JP")
        except phonenumbers.NumberParseException:
            raise IdentifierError("field.phone.invalid") from None
    if number.country_code != _JAPAN or not phonenumbers.is_valid_number(number):
        raise IdentifierError("field.phone.invalid")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
