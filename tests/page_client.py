"""The test client as a browser on our own pages: its forms carry the page's CSRF token.

Our pages put the token in every form (a hidden field) and in every htmx request (a
header); this client does the same, so tests keep CSRF protection on and post as pages
do. A page on another site has no token: tests/server/test_csrf.py posts as one with
Flask's plain client.
"""

import hashlib
import os
from typing import Any

from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer
from werkzeug.datastructures import Headers

UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


class PageClient(FlaskClient):
    # False: the same browser, but the request comes from a page on another site.
    send_token = True

    def open(self, *args: Any, **kwargs: Any) -> Any:
        if self.send_token and str(kwargs.get("method", "GET")).upper() in UNSAFE:
            headers = Headers(kwargs.get("headers"))
            if "X-CSRFToken" not in headers:
                headers["X-CSRFToken"] = self.csrf_token()
            kwargs["headers"] = headers
        return super().open(*args, **kwargs)

    def csrf_token(self) -> str:
        """The token a page rendered for this browser's session would carry."""
        with self.session_transaction() as session:
            raw = session.setdefault("csrf_token", hashlib.sha1(os.urandom(64)).hexdigest())
        # Signed as Flask-WTF's generate_csrf signs it.
        app = self.application
        secret = app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
        return URLSafeTimedSerializer(secret, salt="wtf-csrf-token").dumps(raw)
