"""Staff password hashes: scrypt in production, a cheaper method where the config asks for it.

werkzeug's scrypt costs about a tenth of a second and 32 MB per hash, which is right for a
sign-in and wrong for a test suite that creates hundreds of staff users; tests set
PASSWORD_HASH_METHOD to a one-round PBKDF2. Checking reads the method from the hash itself.
"""

from flask import current_app, has_app_context
from werkzeug.security import generate_password_hash

DEFAULT_METHOD = "scrypt"


def hash_method() -> str:
    """The method new hashes are made with (and the sign-in's stand-in hash with it)."""
    if has_app_context():
        return str(current_app.config.get("PASSWORD_HASH_METHOD", DEFAULT_METHOD))
    return DEFAULT_METHOD


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=hash_method())
