"""How the device apps answer the browser: the partial for htmx, the page otherwise, and
one error mechanism for both (server unreachable, a refusal, a bad value, no such page).

Each app says how its error looks (the terminal's notice, the pickup's red panel) and in
which words; when and with which status an error is shown is decided here once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeAlias

from flask import Flask, redirect, render_template
from flask.typing import ResponseReturnValue
from flask_babel import LazyString
from htmx_flask import request

from common.api_client import ApiError, ServerUnreachable
from common.form_values import BadValue

# Refusals about the request itself, not the person's choice: their messages speak of
# keys and fields, which a shopper must never read.
PROTOCOL_CODES = frozenset(
    {
        "bad_json",
        "validation_error",
        "unsupported_media_type",
        "idempotency_key_invalid",
        "idempotency_key_reused",
        "unauthorized",
        "forbidden",
        "method_not_allowed",
        "body_too_large",
        "internal_error",
    }
)


def page_or_partial(
    page_template: str, partial_template: str, /, *, status: int = 200, **context: Any
) -> ResponseReturnValue:
    """The partial for an htmx request, the whole page (which includes it) otherwise."""
    return render_template(partial_template if request.htmx else page_template, **context), status


def partial_or_redirect(
    partial_template: str, url: str, /, *, status: int = 200, **context: Any
) -> ResponseReturnValue:
    """The partial for htmx; a plain form post goes back to the page that shows it (a
    refusal keeps its 4xx status there too, so nothing reads it as done)."""
    if request.htmx:
        return render_template(partial_template, **context), status
    return redirect(url) if status == 200 else (redirect(url), status)


class ShowError(Protocol):
    def __call__(self, message: str, status: int, *, offline: bool = False) -> ResponseReturnValue:
        """Draw the app's error page or partial with this sentence."""


Sentence: TypeAlias = str | LazyString


@dataclass(frozen=True)
class ErrorSentences:
    offline: Sentence  # the server did not answer
    not_found: Sentence
    too_large: Callable[[], Sentence]  # asked at the time: it may depend on the page
    # Said instead of a refusal about the request itself; None: the server's own message.
    protocol_refusal: Sentence | None = None


def init_error_pages(app: Flask, show: ShowError, sentences: ErrorSentences) -> None:
    def offline(_exc: ServerUnreachable) -> ResponseReturnValue:
        return show(str(sentences.offline), 503, offline=True)

    def refused(exc: ApiError) -> ResponseReturnValue:
        if sentences.protocol_refusal is not None and exc.code in PROTOCOL_CODES:
            return show(str(sentences.protocol_refusal), 422)
        return show(exc.message, 409 if exc.status == 409 else 422)

    def bad_value(exc: BadValue) -> ResponseReturnValue:
        return show(str(exc.message), 400)

    def not_found(_exc: Exception) -> ResponseReturnValue:
        return show(str(sentences.not_found), 404)

    def too_large(_exc: Exception) -> ResponseReturnValue:
        # Flask refuses the body before any view sees it.
        return show(str(sentences.too_large()), 413)

    app.register_error_handler(ServerUnreachable, offline)
    app.register_error_handler(ApiError, refused)
    app.register_error_handler(BadValue, bad_value)
    app.register_error_handler(404, not_found)
    app.register_error_handler(413, too_large)
