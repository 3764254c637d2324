"""The claim generator's truth passes the checks the robots make (a sample that fails its own
check would count as a reading error): phone numbers in assigned ranges, valid My Numbers."""

import random

from samples.forms.records import load_postal, make_claim
from shared.japanese import my_number_is_valid, normalize_phone


def test_generated_phone_numbers_and_my_numbers_are_valid():
    postal = load_postal()
    for seed in (1030, 4242, 60917):  # seed 1030 once wrote 011-969-4056 (Sapporo has no 011-9xx)
        rng = random.Random(seed)
        for _ in range(400):
            values = make_claim(rng, postal).values
            assert normalize_phone(values["phone"]) == values["phone"], (seed, "phone")
            assert my_number_is_valid(values["my_number"]), (seed, "my_number")
