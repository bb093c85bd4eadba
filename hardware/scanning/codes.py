"""Is a decoded text one of our pickup codes? The check character says.

A copy of the rule in server/services/pickup_codes.py (hardware/ never imports the
server); tests/hardware/test_scanning.py checks that the two agree. Every candidate a
decoder returns goes through here, so a misread, a product's EAN or someone else's QR
never reaches the clerk's screen.
"""

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 9
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}


def pickup_code(text: str) -> str | None:
    """The canonical code when `text` is a well-formed pickup code, else None."""
    cleaned = text.strip().upper().replace("-", "").replace(" ", "")
    if len(cleaned) != CODE_LENGTH or any(ch not in _INDEX for ch in cleaned):
        return None
    total = sum((position + 2) * _INDEX[ch] for position, ch in enumerate(cleaned[:-1]))
    if ALPHABET[-total % len(ALPHABET)] != cleaned[-1]:
        return None
    return cleaned
