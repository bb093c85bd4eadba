"""Browsing: categories, product lists, search with the on-screen keyboard, product page."""

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue

from common import form_values
from common.api_client import ApiError, ServerUnreachable
from common.i18n import current_language
from common.screens import page_or_partial
from terminal import variants
from terminal.kiosk import kiosk
from terminal.search import QUERY_CHARS, SearchState, facet_value, removed_chips

bp = Blueprint("catalog", __name__)

SORTS = frozenset({"name", "price", "-price", "relevance", "rating"})
PAGE = 24


def _sort(default: str = "name") -> str:
    """Browsing lists by name; a search lists the best match first unless the shopper sorts."""
    return form_values.choice(request.args.get("sort"), SORTS, default=default)


def _page() -> int:
    """A pager link's page number; a tampered one shows the first page."""
    return min(form_values.counter(request.args.get("page")), 1000)


def _code(raw: str) -> str:
    """A category code or SKU from the path: one that cannot be read is a page that is not."""
    try:
        return form_values.code(raw)
    except form_values.BadValue:
        abort(404)


def _products(*, sort: str, **filters: str | None) -> dict:
    terminal, lang = kiosk(), current_language()
    return terminal.api.get(
        "/products",
        lang=lang,
        store=terminal.identity(lang).store.code,
        sort=sort,
        limit=PAGE,
        offset=_page() * PAGE,
        **filters,
    )


@bp.get("/catalog")
def categories() -> str:
    lang = current_language()
    items = kiosk().api.get("/categories", lang=lang)["items"]
    return render_template("terminal/categories.html", categories=items)


@bp.get("/catalog/<code>")
def category(code: str) -> ResponseReturnValue:
    code = _code(code)
    lang = current_language()
    items = kiosk().api.get("/categories", lang=lang)["items"]
    names = {category["code"]: category["name"] for category in items}
    if code not in names:
        abort(404)
    # One tile per model, its variants inside.
    page = _products(sort=_sort(), category=code, models="true")
    return page_or_partial(
        "terminal/products.html",
        "terminal/_product_grid.html",
        title=names[code],
        page=page,
        sort=_sort(),
        page_no=_page(),
        page_size=PAGE,
        category=code,
    )


@bp.get("/search")
def search() -> ResponseReturnValue:
    state = SearchState(
        form_values.text(request.args.get("q"), limit=QUERY_CHARS),
        _sort("relevance"),
        removed_chips(request.args.get("removed")),
        tuple(
            (kind, value)
            for kind in ("brand", "price", "spec")
            if (value := facet_value(kind, request.args.get(kind)))
        ),
    )
    page = _products(sort=state.sort, **state.api_filters()) if state.query else None
    # Nothing found is never a dead end: the categories to browse instead.
    categories = (
        kiosk().api.get("/categories", lang=current_language())["items"]
        if page is not None and not page["items"]
        else []
    )
    return page_or_partial(
        "terminal/search.html",
        "terminal/_search_results.html",
        query=state.query,
        search=state,
        page=page,
        sort=state.sort,
        page_no=_page(),
        page_size=PAGE,
        categories=categories,
        instead=_instead(page),
    )


def _instead(page: dict | None) -> dict | None:
    """Found goods, none of them here: the best match's close models in stock here, and
    whether another store can bring it (its product page orders it)."""
    if not page or not page["items"] or any(item["available"] for item in page["items"]):
        return None
    terminal, lang = kiosk(), current_language()
    here = terminal.identity(lang).store.code
    best = terminal.api.get(f"/products/{page['items'][0]['sku']}", lang=lang, store=here)
    elsewhere = any(s.get("lead_hours") is not None for s in best["stores"])
    return {"product": best, "elsewhere": elsewhere}


@bp.get("/search/suggest")
def suggest() -> str:
    """What the shopper may mean, under the search field as they type."""
    typed = form_values.text(request.args.get("q"), limit=QUERY_CHARS)
    found = []
    try:
        if typed:
            found = kiosk().api.get("/products/suggest", lang=current_language(), q=typed)["items"]
    except (ApiError, ServerUnreachable):
        pass  # only a help: the search itself says when the server is away
    return render_template(
        "terminal/_suggestions.html", suggestions=found, search=SearchState(typed)
    )


@bp.get("/product/<sku>")
def product(sku: str) -> str:
    sku = _code(sku)
    terminal, lang = kiosk(), current_language()
    here = terminal.identity(lang).store.code
    item = terminal.api.get(f"/products/{sku}", lang=lang, store=here)
    stores = {store["code"]: store for store in terminal.api.get("/stores", lang=lang)["items"]}
    elsewhere = [
        stores[stock["store"]]
        | {"available": stock["available"], "lead_hours": stock.get("lead_hours")}
        for stock in item["stores"]
        if stock["store"] != here and stock["available"] > 0 and stock["store"] in stores
    ]
    return render_template(
        "terminal/product.html",
        product=item,
        elsewhere=elsewhere,
        colours=variants.choices(item, "colour"),
        memories=variants.choices(item, "memory"),
    )
