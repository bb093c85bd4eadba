"""Stores, categories and products, with what each store has available."""

from flask import current_app
from sqlalchemy.orm import Session

from common.i18n import current_language
from server.api import schemas, serialize
from server.api.blueprint import bp
from server.api.operation import current_device, operation
from server.api.search import search_answer, wants_search, with_ratings
from server.db import get_session
from server.models import Product, Store
from server.services import alternatives, catalog, reviews, together
from server.services.catalog import ProductRow
from server.services.orders import find_store


@operation(
    bp,
    "GET",
    "/stores",
    summary="All stores and outposts",
    response=schemas.StoreList,
    query=schemas.LangQuery,
)
def list_stores(query: schemas.LangQuery) -> schemas.StoreList:
    return schemas.StoreList(
        items=[serialize.store_out(s) for s in catalog.list_stores(get_session())]
    )


@operation(
    bp,
    "GET",
    "/stores/<code>",
    summary="One store",
    response=schemas.StoreOut,
    query=schemas.LangQuery,
)
def get_store(code: str, query: schemas.LangQuery) -> schemas.StoreOut:
    return serialize.store_out(find_store(get_session(), code))


@operation(
    bp,
    "GET",
    "/categories",
    summary="Product categories",
    response=schemas.CategoryList,
    query=schemas.LangQuery,
)
def list_categories(query: schemas.LangQuery) -> schemas.CategoryList:
    lang, session = current_language(), get_session()
    photos = catalog.category_photos(session)
    return schemas.CategoryList(
        items=[
            schemas.CategoryOut(
                code=c.code,
                name=c.name(lang),
                photo=f"/media/products/{photos[c.id]}" if c.id in photos else None,
            )
            for c in catalog.list_categories(session)
        ]
    )


@operation(
    bp,
    "GET",
    "/products",
    summary="Search and list products",
    response=schemas.ProductList,
    query=schemas.ProductQuery,
)
def list_products(query: schemas.ProductQuery) -> schemas.ProductList:
    session = get_session()
    store = find_store(session, query.store) if query.store else None
    if wants_search(query):  # words, relevance or rating: the search (server/search/)
        return search_answer(session, query, store)
    page = catalog.list_products(
        session,
        q=query.q,
        category=query.category,
        store=store,
        sort=query.sort or "name",
        limit=query.limit,
        offset=query.offset,
        language=current_language(),
        models=query.models,
    )
    answer = schemas.ProductList(
        items=[serialize.product_out(row) for row in page.rows],
        total=page.total,
        limit=query.limit,
        offset=query.offset,
    )
    return with_ratings(session, answer)


@operation(
    bp,
    "GET",
    "/products/<sku>",
    summary="One product with stock in every store",
    response=schemas.ProductDetail,
    query=schemas.StoreQuery,
)
def get_product(sku: str, query: schemas.StoreQuery) -> schemas.ProductDetail:
    session, lang = get_session(), current_language()
    product = catalog.get_product(session, sku)
    stores = catalog.availability_by_store(session, product)
    available, store = None, None
    if query.store:
        store = find_store(session, query.store)
        available = next((n for s, n, _bin in stores if s.id == store.id), 0)
    variants = catalog.variants_of(session, product, store)
    detail = serialize.product_detail(product, available, stores, variants)
    detail.together = [
        serialize.companion_out(c)
        for c in together.goes_with(session, product, store=store, language=lang)
    ]
    if store is not None:
        _never_a_dead_end(session, product, store, detail)
    detail = with_ratings(session, detail)
    detail.recent_reviews = [
        schemas.ReviewOut(
            rating=review.rating,
            text=review.text,
            pros=review.pros,
            cons=review.cons,
            author=author,
            created_at=review.created_at,
        )
        for review, author in reviews.approved_reviews(session, product.id)
    ]
    return detail


def _never_a_dead_end(
    session: Session, product: Product, store: Store, detail: schemas.ProductDetail
) -> None:
    """How soon each other cybermarket could bring it here; close models here when it is out."""
    default = current_app.config["TRANSFER_LEAD_HOURS"]
    leads = {
        e.store.code: e.lead_hours
        for e in alternatives.stores_that_have(session, product, store, default_hours=default)
    }
    for stock in detail.stores:
        stock.lead_hours = leads.get(stock.store)
    if not detail.available:
        detail.similar = [
            serialize.product_out(ProductRow(s.product, s.available))
            for s in alternatives.similar_here(session, product, store)
        ]


@operation(
    bp,
    "GET",
    "/device",
    summary="The calling device and its store",
    response=schemas.DeviceOut,
    query=schemas.LangQuery,
)
def who_am_i(query: schemas.LangQuery) -> schemas.DeviceOut:
    device = current_device()
    return schemas.DeviceOut(
        name=device.name,
        kind=device.kind.value,
        store=serialize.store_out(device.store) if device.store else None,
    )
