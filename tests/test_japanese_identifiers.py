"""My Number, corporate number, postal code and phone number."""

import pytest

from shared.japanese import (
    IdentifierError,
    corporate_number_is_valid,
    my_number_is_valid,
    normalize_my_number,
    normalize_phone,
    normalize_postal_code,
)

MY_NUMBER_VALID = [
    ("123456789018", True),
    ("123456789012", False),
    ("12345678901", False),
    ("1234567890180", False),
    ("1234 5678 9018", False),  # digits only; normalize_my_number strips separators
    ("１２３４５６７８９０１８", False),
    ("", False),
]


@pytest.mark.parametrize(("digits", "expected"), MY_NUMBER_VALID)
def test_my_number_is_valid(digits, expected):
    assert my_number_is_valid(digits) is expected


MY_NUMBERS = [
    ("123456789018", "123456789018"),
    ("1234 5678 9018", "123456789018"),
    ("１２３４５６７８９０１８", "123456789018"),
    ("1234-5678-9018", "123456789018"),
    ("１２３４ー５６７８ー９０１８", "123456789018"),
    ("1234　5678　9018", "123456789018"),
]


@pytest.mark.parametrize(("text", "expected"), MY_NUMBERS)
def test_normalize_my_number(text, expected):
    assert normalize_my_number(text) == expected


MY_NUMBER_ERRORS = [
    ("123456789012", "field.my_number.check_digit"),
    ("12345678901", "field.my_number.format"),
    ("1234567890189", "field.my_number.format"),
    ("12345678901A", "field.my_number.format"),
    ("一二三四五六七八九〇一八", "field.my_number.format"),
]


@pytest.mark.parametrize(("text", "code"), MY_NUMBER_ERRORS)
def test_normalize_my_number_errors(text, code):
    with pytest.raises(IdentifierError) as caught:
        normalize_my_number(text)
    assert (caught.value.code, caught.value.params) == (code, {})


CORPORATE = [
    ("5835678256246", True),
    ("5835678256247", False),
    ("583567825624", False),
    ("583567825624a", False),
]


@pytest.mark.parametrize(("digits", "expected"), CORPORATE)
def test_corporate_number_is_valid(digits, expected):
    assert corporate_number_is_valid(digits) is expected


POSTAL = [
    ("〒100-0001", "1000001"),
    ("1000001", "1000001"),
    ("１００ー０００１", "1000001"),
    ("〒１００－０００１", "1000001"),
    ("〒 100-0001", "1000001"),
    ("〶100-0001", "1000001"),
    ("100−0001", "1000001"),
]


@pytest.mark.parametrize(("text", "expected"), POSTAL)
def test_normalize_postal_code(text, expected):
    assert normalize_postal_code(text) == expected


@pytest.mark.parametrize("text", ["100-001", "10000011", "1000-001", "abc-defg", "〒", "100--0001"])
def test_normalize_postal_code_errors(text):
    with pytest.raises(IdentifierError) as caught:
        normalize_postal_code(text)
    assert caught.value.code == "field.postal_code.invalid"


PHONES = [
    ("03-1234-5678", "03-1234-5678"),  # landline, Tokyo
    ("０３ー１２３４ー５６７８", "03-1234-5678"),
    ("0312345678", "03-1234-5678"),
    ("03(1234)5678", "03-1234-5678"),
    ("0466-12-3456", "0466-12-3456"),  # landline, 4-digit area code
    ("09012345678", "090-1234-5678"),  # mobile
    ("080−1234−5678", "080-1234-5678"),
    ("050-1234-5678", "050-1234-5678"),  # IP phone
    ("0120-123-456", "0120-123-456"),  # toll free
    ("+81 3-1234-5678", "03-1234-5678"),
]


@pytest.mark.parametrize(("text", "expected"), PHONES)
def test_normalize_phone(text, expected):
    assert normalize_phone(text) == expected


PHONE_ERRORS = ["03-1234-567", "12345", "abc", "03-1234-5678abc", "+1 650 253 0000"]


@pytest.mark.parametrize("text", PHONE_ERRORS)
def test_normalize_phone_errors(text):
    with pytest.raises(IdentifierError) as caught:
        normalize_phone(text)
    assert caught.value.code == "field.phone.invalid"


def _parsed_by_phonenumbers(text):
    import phonenumbers

    try:
        number = phonenumbers.parse(text, "JP")
    except phonenumbers.NumberParseException:
        return None
    if number.country_code != 81 or not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def test_normalize_phone_agrees_with_phonenumbers_parse():
    """The quick path for national digits gives what phonenumbers.parse gives, valid or not."""
    import random

    rng = random.Random(81)
    texts = ["0" + "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 12))) for _ in range(3000)]
    texts += [f"{t[:3]}-{t[3:7]}-{t[7:]}" for t in texts[:500]] + ["0101234567", "00-1234-5678", "0-1", "03--1234"]
    for text in texts:
        try:
            ours = normalize_phone(text)
        except IdentifierError:
            ours = None
        assert ours == _parsed_by_phonenumbers(text), text
