"""/api/v1: JSON for devices and the online shop; every error is {"error": {code, message}}."""

import contextlib
import logging

from flask import Flask, make_response, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from common import web_security
from server.api import (  # noqa: F401
    abandoned_carts,
    appeals,
    catalog,
    customers,
    fleet,
    lookup,
    openapi,
    orders,
    pickups,
    returns,
    shift,
    shopper,
    shopper_reviews,
    suggest,
)
from server.api.blueprint import bp
from server.db import get_session
from server.errors import DomainError, ErrorCode

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: ErrorCode.BAD_JSON,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    413: ErrorCode.BODY_TOO_LARGE,
}


def _http_message(status: int) -> str:
    return {
        400: _("The request could not be read."),
        404: _("There is no such address in the API."),
        405: _("This address does not accept this method."),
        413: _("The request is too large."),
    }.get(status, _("The request could not be handled."))


def _is_api() -> bool:
    """JSON errors for devices and for the payment provider's webhooks."""
    return request.path.startswith((bp.url_prefix or "/api/v1", "/webhooks/"))


def _domain_error(exc: DomainError) -> ResponseReturnValue:
    get_session().rollback()
    return exc.to_dict(), exc.status


def _page_message(status: int) -> str:
    return {
        404: _("There is nothing at this address."),
        405: _("This page cannot be sent this way. Go back and try again."),
        413: _("That was too much to send at once."),
    }.get(status, _("This could not be done. Go back and try again."))


def _http_error(exc: HTTPException) -> ResponseReturnValue:
    if not _is_api():
        # Pages for people: a sentence in their language, never the framework's English page.
        if exc.code is None or exc.code < 400 or exc.code >= 500:
            return exc
        return web_security.problem_page(_page_message(exc.code), exc.code)
    status = exc.code or 500
    code = HTTP_CODES.get(
        status, ErrorCode.VALIDATION_ERROR if status < 500 else ErrorCode.INTERNAL_ERROR
    )
    headers = {"Allow": ", ".join(exc.valid_methods)} if isinstance(exc, MethodNotAllowed) else {}
    return {"error": {"code": str(code), "message": _http_message(status)}}, status, headers


def _unexpected(exc: Exception) -> ResponseReturnValue:
    if not _is_api():
        raise exc
    # The device gets a sentence; operations get the traceback, with the request's context.
    log.exception("unexpected error answering %s %s", request.method, request.path)
    get_session().rollback()
    return {
        "error": {"code": "internal_error", "message": _("Something went wrong on our side.")}
    }, 500


def _database_away(exc: OperationalError | InterfaceError) -> ResponseReturnValue:
    """The database cannot be reached (restarting, failing over, network): a pause to wait
    out, not a fault of ours or of the request. Nothing was done; the same request, with
    the same key, may be sent again. The pooled connections are replaced by themselves."""
    log.warning("database unavailable answering %s %s: %s", request.method, request.path, exc)
    with contextlib.suppress(OperationalError, InterfaceError):
        get_session().rollback()  # the connection may be gone, and the transaction with it
    message = _("The service is briefly unavailable. Please try again in a minute.")
    if _is_api():
        error = {"code": str(ErrorCode.SERVICE_UNAVAILABLE), "message": message}
        response = make_response(({"error": error}, 503))
    elif request.method == "GET" and request.headers.get("HX-Request"):
        # A screen's poll (the ready board, the warehouse queue): keep showing what is
        # there and poll again; swapping the sentence in would end the poll with it.
        response = make_response("", 204)
    else:
        response = make_response(
            web_security.problem_page(message, 503, again=request.method == "GET")
        )
    response.headers["Retry-After"] = "5"
    return response


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_error_handler(DomainError, _domain_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(OperationalError, _database_away)
    app.register_error_handler(InterfaceError, _database_away)
    if not app.testing:
        app.register_error_handler(Exception, _unexpected)
