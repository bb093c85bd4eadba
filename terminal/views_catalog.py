"""Browsing: categories, product lists, search with the on-screen keyboard, product page."""

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue

from common import form_values
from common.i18n import current_language
from terminal import variants
from terminal.kiosk import kiosk

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
    k, lang = kiosk(), current_language()
    store = k.my_store(lang)
    return k.api.get(
        "/products",
        lang=lang,
        store=store["code"],
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
    names = {c["code"]: c["name"] for c in kiosk().api.get("/categories", lang=lang)["items"]}
    if code not in names:
        abort(404)
    # One tile per model, its variants inside.
    page = _products(sort=_sort(), category=code, models="true")
    template = (
        "terminal/_product_grid.html"
        if request.headers.get("HX-Request")
        else ("terminal/products.html")
    )
    return render_template(
        template,
        title=names[code],
        page=page,
        sort=_sort(),
        page_no=_page(),
        page_size=PAGE,
        category=code,
    )


@bp.get("/search")
def search() -> ResponseReturnValue:
    query = form_values.text(request.args.get("q"), limit=60)
    page = _products(sort=_sort("relevance"), q=query) if query else None
    template = (
        "terminal/_search_results.html"
        if request.headers.get("HX-Request")
        else ("terminal/search.html")
    )
    return render_template(
        template,
        query=query,
        page=page,
        sort=_sort("relevance"),
        page_no=_page(),
        page_size=PAGE,
    )


@bp.get("/product/<sku>")
def product(sku: str) -> str:
    sku = _code(sku)
    k, lang = kiosk(), current_language()
    store = k.my_store(lang)
    item = k.api.get(f"/products/{sku}", lang=lang, store=store["code"])
    stores = {s["code"]: s for s in k.api.get("/stores", lang=lang)["items"]}
    elsewhere = [
        stores[s["store"]] | {"available": s["available"]}
        for s in item["stores"]
        if s["store"] != store["code"] and s["available"] > 0 and s["store"] in stores
    ]
    return render_template(
        "terminal/product.html",
        product=item,
        elsewhere=elsewhere,
        colours=variants.choices(item, "colour"),
        memories=variants.choices(item, "memory"),
    )
