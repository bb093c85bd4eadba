"""The catalog console (manager): find products, edit them, their prices and photos."""

import re
from pathlib import Path

from flask import Blueprint, current_app, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from common import form_values
from common.form_values import BadValue
from common.i18n import keep_language_choice
from common.web_security import problem_page
from server.db import get_session
from server.labels import Money
from server.models import Product, StaffRole
from server.screens.access import staff_role
from server.services import catalog_edit, photos, prices
from server.services.catalog import list_categories
from server.staff.forms import apply, guard, optional_id

bp = Blueprint("products", __name__, url_prefix="/staff/catalog")
bp.before_request(keep_language_choice)
guard(bp)


@bp.errorhandler(413)
def _too_large(_exc: Exception) -> ResponseReturnValue:
    limit = max(1, int(current_app.config["PHOTO_UPLOAD_MAX_BYTES"]) // (1024 * 1024))
    message = _("This photo is too large: upload one of at most %(mb)s MB.", mb=limit)
    return problem_page(message, 413)


LANGUAGES = ("ru", "en")
SPEC_ROWS = 60
_PRICE = re.compile(r"([0-9]{1,9})(?:[.,]([0-9]{1,2}))?")


def price_minor(raw: str | None) -> int:
    """A price in roubles as people type it ("1999", "1 999,90") in kopecks; else BadValue."""
    text = re.sub(r"[\s\u00a0]", "", raw or "")
    found = _PRICE.fullmatch(text)
    if not found:
        raise BadValue(_l("Enter the price in roubles, for example 1999 or 1999.90."))
    return int(found.group(1)) * 100 + int((found.group(2) or "0").ljust(2, "0"))


def _specs(form: MultiDict[str, str]) -> dict[str, list[list[str]]]:
    """The specs table: a name and a value per row and language; rows without a name drop."""
    specs: dict[str, list[list[str]]] = {}
    for lang in LANGUAGES:
        names = form.getlist(f"spec_{lang}_name")[:SPEC_ROWS]
        values = form.getlist(f"spec_{lang}_value")[:SPEC_ROWS]
        rows = [
            [form_values.text(name, limit=120), form_values.text(value, limit=200)]
            for name, value in zip(names, values, strict=False)
        ]
        specs[lang] = [row for row in rows if row[0]]
    return specs


def _fields(form: MultiDict[str, str]) -> catalog_edit.ProductFields:
    category = optional_id(form.get("category"))
    return catalog_edit.ProductFields(
        name_ru=form_values.text(form.get("name_ru"), limit=200),
        name_en=form_values.text(form.get("name_en"), limit=200),
        description_ru=_long_text(form.get("description_ru")),
        description_en=_long_text(form.get("description_en")),
        brand=form_values.text(form.get("brand"), limit=60),
        category_id=category or 0,
        price_minor=price_minor(form.get("price")),
        specs=_specs(form),
        active=form.get("active") == "1",
    )


def _long_text(raw: str | None) -> str:
    """A description: printable characters and line breaks, at most 5000 characters."""
    kept = "".join(ch for ch in (raw or "") if ch.isprintable() or ch in " \n")
    return kept.replace("\r", "").strip()[:5000]


@bp.get("/")
@staff_role(StaffRole.MANAGER)
def product_list() -> str:
    args = request.args
    wanted = catalog_edit.ProductQuery(
        q=form_values.text(args.get("q"), limit=100),
        category_id=form_values.counter(args.get("category")) or None,
        brand=form_values.text(args.get("brand"), limit=60),
        state=form_values.choice(args.get("state"), {"active", "inactive"}, default=""),
        no_photo=args.get("no_photo") == "1",
        out_of_stock=args.get("out_of_stock") == "1",
        page=form_values.counter(args.get("page")) % 100_000,
    )
    session = get_session()
    found, total = catalog_edit.find_products(session, wanted)
    pages = max(1, -(-total // catalog_edit.PAGE_SIZE))
    return render_template(
        "server/staff/products.html",
        products=found,
        total=total,
        pages=pages,
        wanted=wanted,
        categories=list_categories(session),
        brands=catalog_edit.brands(session),
        money=Money,
        staff=g.staff,
    )


SOURCES = {
    "console": _l("in the console"),
    "import": _l("imported"),
    "demo": _l("demo data"),
}


def _edit_page(
    product: Product | None, error: str | None = None, status: int = 200
) -> ResponseReturnValue:
    session = get_session()
    if error:  # the form as it was sent, so nothing typed is lost
        spec_rows = _specs(request.form)
    else:
        spec_rows = {
            lang: list((product.specs or {}).get(lang, [])) if product else [] for lang in LANGUAGES
        }
    return render_template(
        "server/staff/product.html",
        product=product,
        form=request.form if error else None,
        history=prices.history(session, product) if product is not None else [],
        categories=list_categories(session),
        brands=catalog_edit.brands(session),
        languages=LANGUAGES,
        spec_rows=spec_rows,
        sources=SOURCES,
        money=Money,
        staff=g.staff,
        error=error,
        done=request.args.get("done"),
    ), status


@bp.route("/new", methods=["GET", "POST"])
@staff_role(StaffRole.MANAGER)
def create() -> ResponseReturnValue:
    if request.method == "GET":
        return _edit_page(None)
    sku = form_values.text(request.form.get("sku"), limit=40)
    product, error, status = apply(
        lambda: catalog_edit.create_product(
            get_session(), sku, _fields(request.form), staff_id=g.staff.id
        ),
        "product_create",
        sku,
    )
    if error:
        return _edit_page(None, error, status)
    return redirect(url_for("products.edit", product_id=product.id, done="saved"))


@bp.route("/<int:product_id>", methods=["GET", "POST"])
@staff_role(StaffRole.MANAGER)
def edit(product_id: int) -> ResponseReturnValue:
    product = catalog_edit.find_product(get_session(), product_id)
    if request.method == "GET":
        return _edit_page(product)
    details: dict[str, object] = {}
    old_price = product.price_minor

    def change() -> None:
        fields = _fields(request.form)
        changed = catalog_edit.update_product(get_session(), product, fields, staff_id=g.staff.id)
        details.update(changed=changed)
        if "price_minor" in changed:
            details.update(price=[old_price, product.price_minor])

    _result, error, status = apply(change, "product_edit", product.sku, details)
    if error:
        return _edit_page(product, error, status)
    return redirect(url_for("products.edit", product_id=product.id, done="saved"))


def _media() -> Path:
    return Path(current_app.config["MEDIA_DIR"]) / "products"


@bp.post("/<int:product_id>/photos")
@staff_role(StaffRole.MANAGER)
def upload_photo(product_id: int) -> ResponseReturnValue:
    product = catalog_edit.find_product(get_session(), product_id)
    upload = request.files.get("photo")
    data = upload.read() if upload is not None else b""
    name, error, status = apply(
        lambda: photos.add_photo(
            product, data, folder=_media(), max_side=int(current_app.config["PHOTO_MAX_SIDE"])
        ),
        "photo_add",
        product.sku,
    )
    if error:
        return _edit_page(product, error, status)
    return redirect(url_for("products.edit", product_id=product.id, done="photo"))


@bp.post("/<int:product_id>/photos/remove")
@staff_role(StaffRole.MANAGER)
def remove_photo(product_id: int) -> ResponseReturnValue:
    product = catalog_edit.find_product(get_session(), product_id)
    name = form_values.text(request.form.get("name"), limit=120)
    removed, error, status = apply(
        lambda: photos.remove_photo(product, name), "photo_remove", product.sku, {"photo": name}
    )
    if error:
        return _edit_page(product, error, status)
    if removed:
        photos.delete_file(_media(), name)
    return redirect(url_for("products.edit", product_id=product.id, done="photo"))
