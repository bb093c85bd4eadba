"""GET /products when the shopper searched or asked for relevance or rating order."""

from typing import TypeVar

from sqlalchemy.orm import Session

from common.i18n import current_language
from server.api import schemas, serialize
from server.api.operation import current_device
from server.clock import now
from server.models import Store
from server.search import misses, service
from server.search import sync as _sync  # noqa: F401  (keeps the index in step with the catalog)
from server.search.facets import Chosen
from server.services.catalog import ProductRow

Answer = TypeVar("Answer", schemas.ProductList, schemas.ProductDetail)


def wants_search(query: schemas.ProductQuery) -> bool:
    facet = query.brand or query.price or query.spec
    return bool(query.q or facet) or query.sort in ("relevance", "rating")


def search_answer(
    session: Session, query: schemas.ProductQuery, store: Store | None
) -> schemas.ProductList:
    page = service.search_products(
        session,
        q=query.q,
        category=query.category,
        store=store,
        sort=query.sort or "relevance",
        limit=query.limit,
        offset=query.offset,
        language=current_language(),
        removed=[chip for chip in (query.removed or "").split(",") if chip],
        chosen=Chosen(query.brand, query.price, query.spec),
    )
    _note_miss(session, query, store or current_device().store, page)
    return schemas.ProductList(
        items=[
            serialize.product_out(ProductRow(row.product, row.available)).model_copy(
                update={"rating": row.rated.rating, "reviews": row.rated.reviews}
            )
            for row in page.rows
        ],
        understood=[
            schemas.Understood(kind=c.kind, value=c.value, label=c.label) for c in page.understood
        ],
        facets=[
            schemas.FacetOut(kind=f.kind, value=f.value, label=f.label, count=f.count)  # type: ignore[arg-type]
            for f in page.facets
        ],
        total=page.total,
        limit=query.limit,
        offset=query.offset,
    )


def _note_miss(
    session: Session, query: schemas.ProductQuery, store: Store | None, page: service.SearchPage
) -> None:
    """Words that found nothing are kept for staff (server/search/misses.py): the one thing
    this GET writes, committed only when the record changed."""
    if not query.q or query.offset or query.category or query.brand or query.price or query.spec:
        return
    if page.total == 0:
        changed = misses.record_miss(
            session, text=query.q, store=store, understood=page.understood, at=now()
        )
    else:
        changed = misses.forget_typed_past(session, text=query.q, store=store, at=now())
    if changed:
        session.commit()


def with_ratings(session: Session, answer: Answer) -> Answer:
    """Fill `rating` and `reviews` in an answer the catalog service made."""
    items = answer.items if isinstance(answer, schemas.ProductList) else [answer]
    rated = service.ratings_by_sku(session, [item.sku for item in items])
    for item in items:
        if found := rated.get(item.sku):
            item.rating, item.reviews = found.rating, found.reviews
    return answer
