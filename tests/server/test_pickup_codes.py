"""Pickup codes: unguessable, readable aloud, and a typo is caught by the check character."""

from server.services.pickup_codes import ALPHABET, display, new_pickup_code, normalize


def test_codes_use_no_look_alike_characters_and_are_unique():
    codes = {new_pickup_code() for _ in range(5000)}
    assert len(codes) == 5000
    assert not set("".join(codes)) & set("0O1IL")
    assert all(normalize(code) == code for code in codes)


def test_every_single_character_typo_is_caught():
    for code in (new_pickup_code() for _ in range(50)):
        _assert_typos_caught(code)


def _assert_typos_caught(code: str) -> None:
    for position in range(len(code)):
        for replacement in ALPHABET:
            if replacement != code[position]:
                typo = code[:position] + replacement + code[position + 1 :]
                assert normalize(typo) is None, typo


def test_swapped_neighbours_are_caught():
    for code in (new_pickup_code() for _ in range(200)):
        for i in range(len(code) - 1):
            if code[i] != code[i + 1]:
                swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
                assert normalize(swapped) is None, swapped


def test_typed_forms_are_accepted():
    code = new_pickup_code()
    assert normalize(display(code).lower()) == code
    assert normalize(f"  {code[:4]} {code[4:]} ") == code
    assert normalize("") is None
    assert normalize("X" * 10_000) is None
