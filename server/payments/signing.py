"""HMAC-SHA256 signatures shared by the webhook and the demo provider's payment links."""

import hashlib
import hmac


def sign(secret: str, body: bytes) -> str:
    """The webhook's `X-Signature` value for this body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def link_signature(secret: str, number: str, amount_minor: int) -> str:
    """What a payment link carries: only whoever holds the secret can make one."""
    message = f"pay:{number}:{amount_minor}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def same(expected: str, given: str) -> bool:
    # Bytes, not str: compare_digest refuses non-ASCII strings, and a link may carry anything.
    return hmac.compare_digest(expected.encode(), given.encode("utf-8", "surrogateescape"))
