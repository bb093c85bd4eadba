"""/staff/reviews: the moderation queue. Approving shows the review and grants its bonus;
rejecting needs a reason (managers only)."""

from collections.abc import Callable

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from common import form_values
from common.form_values import BadValue
from common.i18n import keep_language_choice
from server.clock import now
from server.db import get_session
from server.errors import DomainError
from server.models import StaffRole
from server.screens.access import staff_role
from server.services import moderation
from server.staff.labels import staff_actor

bp = Blueprint("staff_reviews", __name__, url_prefix="/staff")
bp.before_request(keep_language_choice)


def _queue_page(error: str | None = None, status: int = 200) -> ResponseReturnValue:
    return render_template(
        "server/staff/reviews.html",
        queue=moderation.queue(get_session()),
        error=error,
        staff=g.staff,
    ), status


@bp.get("/reviews")
@staff_role(StaffRole.MANAGER)
def queue() -> ResponseReturnValue:
    return _queue_page()


def _decide(review_id: str, decide: Callable[[Session, int], object]) -> ResponseReturnValue:
    session = get_session()
    try:
        decide(session, form_values.record_id(review_id))
        session.commit()
    except (BadValue, DomainError) as exc:
        session.rollback()
        status = exc.status if isinstance(exc, DomainError) else 404
        return _queue_page(error=str(exc.message), status=status)
    return redirect(url_for("staff_reviews.queue"))


@bp.post("/reviews/<review_id>/approve")
@staff_role(StaffRole.MANAGER)
def approve(review_id: str) -> ResponseReturnValue:
    return _decide(
        review_id,
        lambda session, found: moderation.approve(session, found, actor=staff_actor(), now=now()),
    )


@bp.post("/reviews/<review_id>/reject")
@staff_role(StaffRole.MANAGER)
def reject(review_id: str) -> ResponseReturnValue:
    reason = form_values.text(request.form.get("reason"), limit=300)
    return _decide(
        review_id,
        lambda session, found: moderation.reject(
            session, found, reason, actor=staff_actor(), now=now()
        ),
    )
