"""/staff/customers: find a customer, see their card, credit goodwill, confirm a social
mention, keep the profile and contact preferences (actions: managers only)."""

from collections.abc import Callable
from datetime import date

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from common import form_values
from common.form_values import BadValue
from common.i18n import keep_language_choice
from server.clock import now
from server.db import get_session
from server.errors import DomainError
from server.labels import Money, status_label
from server.models import Customer, OrderStatus, StaffRole
from server.notifications.staff import CHANNEL_LABELS, STATUS_LABELS
from server.screens.access import staff_role
from server.services import bonus_rules, customer_card, customer_profile
from server.services.customers import mask_phone
from server.services.repair_labels import REPAIR_STATUSES
from server.staff.care_labels import APPEAL_CATEGORIES, APPEAL_STATUSES
from server.staff.labels import BONUS_REASONS, REVIEW_STATUSES, staff_actor

Action = Callable[[Session, Customer], None]

bp = Blueprint("staff_customers", __name__, url_prefix="/staff")
bp.before_request(keep_language_choice)

VIEWERS = (StaffRole.MANAGER, StaffRole.CLERK)
GOODWILL_MAX_RUB = bonus_rules.GOODWILL_MAX_POINTS // 100


@bp.get("/customers")
@staff_role(*VIEWERS)
def search() -> str:
    words = form_values.text(request.args.get("q"), limit=100)
    found = customer_profile.find_customers(get_session(), words) if words else []
    return render_template("server/staff/customers.html", words=words, found=found, staff=g.staff)


def _card_page(
    customer_id: str, *, error: str | None = None, status: int = 200
) -> ResponseReturnValue:
    session = get_session()
    try:
        customer = customer_profile.customer_by_id(session, form_values.record_id(customer_id))
    except (BadValue, DomainError):
        return render_template("server/staff/no_customer.html", staff=g.staff), 404
    return render_template(
        "server/staff/customer.html",
        customer=customer,
        card=customer_card.card(session, customer.phone),
        masked=mask_phone(customer.phone),
        reasons=BONUS_REASONS,
        review_statuses=REVIEW_STATUSES,
        repair_statuses={status.value: label for status, label in REPAIR_STATUSES.items()},
        order_status=lambda value: status_label(OrderStatus(value)),
        money=Money,
        outbox_labels={status.value: label for status, label in STATUS_LABELS.items()},
        channel_labels={channel.value: label for channel, label in CHANNEL_LABELS.items()},
        can_act=g.staff.role in (StaffRole.ADMIN, StaffRole.MANAGER),
        goodwill_max=GOODWILL_MAX_RUB,
        appeal_categories=APPEAL_CATEGORIES,
        appeal_statuses=APPEAL_STATUSES,
        error=error,
        staff=g.staff,
    ), status


@bp.get("/customers/<customer_id>")
@staff_role(*VIEWERS)
def card(customer_id: str) -> ResponseReturnValue:
    return _card_page(customer_id)


def _act(customer_id: str, action: Action) -> ResponseReturnValue:
    """Run one action on the customer in one transaction; the card again, or its error."""
    session = get_session()
    try:
        customer = customer_profile.customer_by_id(session, form_values.record_id(customer_id))
        action(session, customer)
        session.commit()
    except (BadValue, DomainError) as exc:
        session.rollback()
        status = exc.status if isinstance(exc, DomainError) else 400
        return _card_page(customer_id, error=str(exc.message), status=status)
    return redirect(url_for("staff_customers.card", customer_id=customer.id))


@bp.post("/customers/<customer_id>/goodwill")
@staff_role(StaffRole.MANAGER)
def goodwill(customer_id: str) -> ResponseReturnValue:
    def credit(session: Session, customer: Customer) -> None:
        rub = form_values.integer(
            request.form.get("amount"),
            low=1,
            high=GOODWILL_MAX_RUB,
            message=_l(
                "Enter a whole number of roubles from 1 to %(most)s.", most=GOODWILL_MAX_RUB
            ),
        )
        reason = form_values.text(request.form.get("reason"), limit=300)
        bonus_rules.grant_goodwill(
            session, customer, rub * 100, reason, actor=staff_actor(), now=now()
        )

    return _act(customer_id, credit)


@bp.post("/customers/<customer_id>/social")
@staff_role(StaffRole.MANAGER)
def social(customer_id: str) -> ResponseReturnValue:
    def confirm(session: Session, customer: Customer) -> None:
        link = form_values.text(request.form.get("link"), limit=300)
        bonus_rules.confirm_social_mention(session, customer, link, actor=staff_actor(), now=now())

    return _act(customer_id, confirm)


def _birthday(raw: str | None) -> date | None:
    text = (raw or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise BadValue(_l("Enter the birthday as a date, e.g. 1990-05-31.")) from None


@bp.post("/customers/<customer_id>/profile")
@staff_role(StaffRole.MANAGER)
def profile(customer_id: str) -> ResponseReturnValue:
    def save(session: Session, customer: Customer) -> None:
        form = request.form
        wanted = customer_profile.ProfileIn(
            name=form_values.text(form.get("name"), limit=120),
            email=form_values.text(form.get("email"), limit=255),
            birthday=_birthday(form.get("birthday")),
            language=form_values.choice(form.get("language"), {"ru", "en"}, default="ru"),
            sms_allowed="sms_allowed" in form,
            email_allowed="email_allowed" in form,
            do_not_call="do_not_call" in form,
            marketing_consent="marketing_consent" in form,
        )
        customer_profile.update_profile(session, customer, wanted, actor=staff_actor(), now=now())

    return _act(customer_id, save)
