"""Japanese data handling as pure functions: era dates, kana, width and dashes,
identifiers (My Number, postal code, phone) and target encodings.

    >>> from shared.japanese import parse_wareki, normalize_katakana
    >>> parse_wareki("R6.4.1")
    datetime.date(2024, 4, 1)
    >>> normalize_katakana("やまだ")
    'ヤマダ'

Bad input raises a ``DataError`` (a ``ValueError``) carrying a message-catalog key.
"""

from shared.japanese.address import TownMatch, load_postal_table, match_town, split_street
from shared.japanese.encoding import (
    apply_substitutions,
    check_encodable,
    is_private_use,
    unencodable_chars,
)
from shared.japanese.errors import DataError
from shared.japanese.identifiers import (
    IdentifierError,
    corporate_number_is_valid,
    my_number_is_valid,
    normalize_my_number,
    normalize_phone,
    normalize_postal_code,
)
from shared.japanese.kana import KATAKANA_LONG_VOWEL, is_katakana, normalize_katakana
from shared.japanese.postal import PostalData, PostalOverlay, default_postal_table
from shared.japanese.text import (
    DASHES,
    collapse_spaces,
    hiragana_to_katakana,
    map_dashes_in_digit_runs,
    to_halfwidth_ascii,
)
from shared.japanese.wareki import (
    ERAS,
    Era,
    WarekiError,
    find_era,
    format_wareki,
    parse_date,
    parse_wareki,
    to_wareki,
    wareki_to_date,
)

__all__ = [
    "DASHES",
    "ERAS",
    "KATAKANA_LONG_VOWEL",
    "DataError",
    "Era",
    "TownMatch",
    "IdentifierError",
    "WarekiError",
    "apply_substitutions",
    "check_encodable",
    "collapse_spaces",
    "corporate_number_is_valid",
    "find_era",
    "format_wareki",
    "hiragana_to_katakana",
    "is_katakana",
    "is_private_use",
    "load_postal_table",
    "default_postal_table",
    "PostalData",
    "PostalOverlay",
    "match_town",
    "map_dashes_in_digit_runs",
    "my_number_is_valid",
    "normalize_katakana",
    "normalize_my_number",
    "normalize_phone",
    "normalize_postal_code",
    "parse_date",
    "parse_wareki",
    "split_street",
    "to_halfwidth_ascii",
    "to_wareki",
    "unencodable_chars",
    "wareki_to_date",
]
