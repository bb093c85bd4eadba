"""Teaching the search from the misses page: "these words mean …", for managers."""

from flask import Blueprint, g, redirect, request, url_for
from flask.typing import ResponseReturnValue

from common import form_values
from server.clock import now
from server.db import get_session
from server.errors import DomainError
from server.models import StaffRole
from server.pages import render_misses
from server.screens.access import staff_role
from server.search.misses import forget_misses
from server.search.terms import teach

bp = Blueprint("staff_search", __name__, url_prefix="/staff")


@bp.post("/search-terms")
@staff_role(StaffRole.MANAGER)
def teach_term() -> ResponseReturnValue:
    """Store the meaning; the words' misses leave the list, the search knows them at once."""
    session = get_session()
    words = form_values.text(request.form.get("words"), limit=200)
    kind = request.form.get("kind", "")
    # A category or an intent comes from the list; a brand or other words are typed.
    field = "choice" if kind in ("category", "intent") else "meaning"
    meaning = form_values.text(request.form.get(field), limit=200)
    try:
        teach(session, kind=kind, words=words, meaning=meaning, by=g.staff.username, now=now())
        forget_misses(session, words)
    except DomainError as exc:
        session.rollback()
        typed = {"words": words, "kind": kind, "meaning": meaning[:120]}
        return render_misses(error=str(exc.message), form=typed), 422
    session.commit()
    return redirect(url_for("pages.search_misses_page", taught=words), 303)
