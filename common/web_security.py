"""What every page of the three apps needs against a hostile browser or a hostile site.

CSRF tokens on every state-changing request (Flask-WTF), session cookies that another site
cannot send (SameSite=Lax, HttpOnly, Secure behind HTTPS), security headers on every
answer, ids that fit the database, and one clear 400 page for a field that cannot be read.
Each app factory calls ``init_app`` before it registers its blueprints.
"""

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, current_app, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix
from werkzeug.routing import IntegerConverter, UnicodeConverter

from common.form_values import BadValue

csrf = CSRFProtect()

# PostgreSQL's integer: a longer id in a path answers 404 instead of failing in the database.
MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<int:...>`` in every route: a positive number within 32 bits, else no such page."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


class PrintableConverter(UnicodeConverter):
    """A path segment of at most 200 characters and no control characters: no such page.

    PostgreSQL refuses NUL in text, so a NUL in an order number must stop at the router.
    """

    def __init__(self, map: Any, minlength: int = 1, maxlength: int | None = 200) -> None:
        super().__init__(map, minlength=minlength, maxlength=maxlength)
        self.regex = self.regex.replace("[^/]", "[^/\\x00-\\x1f\\x7f]")


def init_app(app: Flask, *, image_sources: Iterable[str] = ()) -> None:
    """CSRF, cookies, headers and input errors; ``image_sources``: other origins of photos."""
    converters = app.url_map.converters
    converters["int"] = IdConverter
    converters["default"] = converters["string"] = PrintableConverter
    config = app.config
    config["SESSION_COOKIE_SAMESITE"] = config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    config["SESSION_COOKIE_HTTPONLY"] = True
    # Kiosk screens stay open all day: the token lives as long as the signed session cookie,
    # which another site can neither read nor send (SameSite).
    config.setdefault("WTF_CSRF_TIME_LIMIT", None)
    hops = int(config.get("PROXY_HOPS") or 0)
    if hops:
        # Behind HTTPS termination the proxy's address is everyone's: take the client's
        # from the proxy's headers, trusting exactly this many proxies and no more.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)  # type: ignore[method-assign]
    csrf.init_app(app)
    policy = content_security_policy(image_sources)
    app.after_request(lambda answer: _secure_headers(answer, policy))
    app.register_error_handler(CSRFError, _page_too_old)
    app.register_error_handler(BadValue, _bad_value)


def exempt(blueprint: Blueprint) -> None:
    """Machine callers with their own credentials: the JSON API and the payment webhook."""
    csrf.exempt(blueprint)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def content_security_policy(image_sources: Iterable[str] = ()) -> str:
    images = " ".join(["'self'", "data:", *(s for s in image_sources if s)])
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src {images}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def _secure_headers(answer: Response, policy: str) -> Response:
    headers = answer.headers
    headers.setdefault("Content-Security-Policy", policy)
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "same-origin")
    return answer


def problem_page(
    message: str, status: int, *, reload: bool = False, again: bool = False
) -> ResponseReturnValue:
    """The sentence alone for htmx (which swaps it in), a small page otherwise. `reload`:
    the page goes back where the person came from by itself; `again`: it asks for itself
    again in a few seconds (a pause on our side: a hall screen comes back on its own)."""
    back = _same_site_referrer() or request.script_root + "/"
    if request.headers.get("HX-Request"):
        headers = {"HX-Refresh": "true"} if reload else {}
        return render_template("shared/_problem.html", message=message), status, headers
    return (
        render_template(
            "shared/problem.html",
            message=message,
            back=back,
            reload=reload,
            again=request.full_path if again else None,
            stylesheet=url_for("static", filename=f"{current_app.name}.css"),
        ),
        status,
    )


def _same_site_referrer() -> str | None:
    """Where the person came from, if it was one of our own pages."""
    referrer = request.referrer or ""
    return referrer if referrer and origin(referrer) == origin(request.host_url) else None


def _page_too_old(_exc: CSRFError) -> ResponseReturnValue:
    # Also what a page on another site gets: it cannot tell the two apart, nor need it.
    return problem_page(
        _("The page was open too long; it has been refreshed, try again."), 400, reload=True
    )


def _bad_value(exc: BadValue) -> ResponseReturnValue:
    return problem_page(str(exc.message), 400, reload=False)
