"""Pickup codes: random secrets a person can read aloud, with a check character.

The alphabet leaves out 0/O, 1/I/L so a clerk typing a code off a crumpled receipt
cannot confuse them.
"""

import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
BODY_LENGTH = 8  # 31**8 ≈ 8.5e11 codes: guessing one is hopeless under rate limits
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}


def check_character(body: str) -> str:
    """Weighted sum mod 31 with weights 2, 3, 4, ... and 1 for the check character itself.

    31 is prime and the weights are distinct and non-zero, so any single wrong
    character or swap of two neighbours changes the sum.
    """
    total = sum((position + 2) * _INDEX[ch] for position, ch in enumerate(body))
    return ALPHABET[-total % len(ALPHABET)]


def new_pickup_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return body + check_character(body)


def normalize(code: str) -> str | None:
    """A typed or scanned code in canonical form, or None when it cannot be one of ours."""
    cleaned = code.strip().upper().replace("-", "").replace(" ", "")
    if len(cleaned) != BODY_LENGTH + 1 or any(ch not in _INDEX for ch in cleaned):
        return None
    if check_character(cleaned[:-1]) != cleaned[-1]:
        return None
    return cleaned


def display(code: str) -> str:
    """Grouped for reading aloud: 'ABCD-EFGH-J'."""
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"
