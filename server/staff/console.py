"""What every stock page of the console shares: the stores in reach and reading a form."""

from flask import Blueprint, g, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import LazyString
from werkzeug.datastructures import MultiDict

from common import form_values
from common.form_values import BadValue
from common.i18n import keep_language_choice
from server.db import get_session
from server.errors import DomainError
from server.models import Store
from server.services.stock_view import stores_in_reach


def blueprint(name: str, import_name: str) -> Blueprint:
    """A console module's Blueprint under /staff, its pages naming the signed-in person."""
    bp = Blueprint(name, import_name, url_prefix="/staff")
    bp.before_request(keep_language_choice)
    bp.context_processor(lambda: {"staff": g.get("staff")})
    return bp


def missing(message: str | LazyString) -> ResponseReturnValue:
    """Something out of reach or not there: one page that says so and nothing more."""
    return render_template("server/stock/missing.html", message=message), 404


def reach() -> list[Store]:
    """The cybermarkets the signed-in person manages."""
    return stores_in_reach(get_session(), g.staff)


def field(name: str, limit: int = 120) -> str:
    """A form or query field as clean text (no control characters, cut to limit)."""
    return form_values.text(request.values.get(name), limit=limit)


def rows(form: MultiDict[str, str], *names: str, limit: int = 200) -> list[dict[str, str]]:
    """Repeated fields of a table of lines (sku, qty, ...) as one dict per line."""
    columns = [form.getlist(name)[:limit] for name in names]
    count = max((len(c) for c in columns), default=0)
    return [
        {
            name: form_values.text(column[i] if i < len(column) else "", limit=64)
            for name, column in zip(names, columns, strict=True)
        }
        for i in range(count)
    ]


def picked_store(stores: list[Store], name: str = "store") -> Store | None:
    """The store the form names, among those in reach; None when it names none of them."""
    code = field(name, 16)
    return next((s for s in stores if s.code == code), None)


def status_of(exc: DomainError | BadValue) -> int:
    """The answer's status for a refusal: the domain's own, or 422 for a field not read."""
    return exc.status if isinstance(exc, DomainError) else 422
