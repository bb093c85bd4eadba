"""Categories in the catalog console (manager): list, create, rename, reorder."""

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from common import form_values
from common.i18n import keep_language_choice
from server.db import get_session
from server.models import Category, StaffRole
from server.screens.access import staff_role
from server.services import catalog_edit
from server.services.catalog import list_categories
from server.staff.forms import apply, guard

bp = Blueprint("categories", __name__, url_prefix="/staff/catalog/categories")
bp.before_request(keep_language_choice)
guard(bp)


def _page(
    category: Category | None = None, error: str | None = None, status: int = 200
) -> ResponseReturnValue:
    return render_template(
        "server/staff/categories.html",
        categories=list_categories(get_session()),
        category=category,
        form=request.form if error else None,
        staff=g.staff,
        error=error,
    ), status


def _save(category: Category | None) -> ResponseReturnValue:
    form = request.form
    code = form_values.text(form.get("code"), limit=40)

    def change() -> Category:
        position = form_values.integer(
            form.get("position") or "0",
            low=0,
            high=10_000,
            message=_l("A position is a whole number from 0 to 10000."),
        )
        return catalog_edit.save_category(
            get_session(),
            category,
            code=code,
            name_ru=form_values.text(form.get("name_ru"), limit=120),
            name_en=form_values.text(form.get("name_en"), limit=120),
            position=position,
        )

    action = "category_create" if category is None else "category_edit"
    _saved, error, status = apply(change, action, code)
    if error:
        return _page(category, error, status)
    return redirect(url_for("categories.category_list"))


@bp.route("/", methods=["GET", "POST"])
@staff_role(StaffRole.MANAGER)
def category_list() -> ResponseReturnValue:
    return _page() if request.method == "GET" else _save(None)


@bp.route("/<int:category_id>", methods=["GET", "POST"])
@staff_role(StaffRole.MANAGER)
def category(category_id: int) -> ResponseReturnValue:
    found = catalog_edit.find_category(get_session(), category_id)
    return _page(found) if request.method == "GET" else _save(found)
