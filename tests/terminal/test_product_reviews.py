"""The terminal's product page shows the rating and the newest approved reviews only."""

from datetime import timedelta

from flask import Flask

from server.db import get_session
from server.models import Customer, ProductReview, ReviewStatus
from tests.helpers import T0


def test_product_page_shows_rating_and_approved_reviews_only(kiosk, app: Flask, world):
    with app.app_context():
        session = get_session()
        customer = Customer(phone="+79161234567", name="Ольга Иванова", created_at=T0)
        session.add(customer)
        session.flush()
        product_id = world.products["PHONE-1"].id
        for rating, text, status, days in (
            (5, "Лучший телефон за свои деньги", ReviewStatus.APPROVED, 2),
            (3, "Нормально, но батарея слабая", ReviewStatus.APPROVED, 1),
            (1, "Спам-отзыв, ждёт проверки", ReviewStatus.PENDING, 0),
            (1, "Отклонённый отзыв", ReviewStatus.REJECTED, 0),
        ):
            session.add(
                ProductReview(
                    product_id=product_id,
                    customer_id=customer.id,
                    rating=rating,
                    text=text,
                    pros="Экран" if rating == 5 else "",
                    status=status,
                    created_at=T0 - timedelta(days=days),
                )
            )
        session.commit()
    page = kiosk.get("/product/PHONE-1").get_data(as_text=True)
    assert "★ 4,0 · 2 отзыва" in page
    assert "Лучший телефон за свои деньги" in page and "Нормально, но батарея слабая" in page
    assert page.index("Нормально") < page.index("Лучший")  # newest first
    assert "Достоинства:" in page and "Ольга" in page and "Иванова" not in page
    assert "Спам-отзыв" not in page and "Отклонённый" not in page
