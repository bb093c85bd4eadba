"""Demo ratings: most products get a few reviews, so rating order and the stars have data."""

import random
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from server.models import Product, ProductReview

# Ratings lean towards 4 and 5, as real shops' do.
_WEIGHTS = [(5, 50), (4, 30), (3, 12), (2, 5), (1, 3)]


def add_reviews(session: Session, products: list[Product], now: datetime) -> int:
    """A seeded set of reviews (its own random generator: the rest of the demo stays as it was)."""
    rng = random.Random(7)
    ratings, weights = zip(*_WEIGHTS, strict=True)
    count = 0
    for product in products:
        if rng.random() < 0.2:
            continue  # some goods have no reviews yet: their rating is empty
        for _ in range(rng.randint(1, 12)):
            session.add(
                ProductReview(
                    product_id=product.id,
                    rating=rng.choices(ratings, weights)[0],
                    created_at=now - timedelta(days=rng.randint(1, 400)),
                )
            )
            count += 1
    return count
