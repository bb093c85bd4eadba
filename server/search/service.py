"""Searching the catalog: understand the words, find candidates in the index, rank, sort."""

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, false, func, select
from sqlalchemy.orm import Session, joinedload

from server.errors import DomainError, ErrorCode
from server.models import (
    Category,
    OrderLine,
    Product,
    ProductReview,
    ReviewStatus,
    Stock,
    Store,
)
from server.search import engine, ranking, snapshot
from server.search import sync as _sync  # noqa: F401  (keeps the index in step with the catalog)
from server.search.facets import Chosen, Facet, facets, narrowed
from server.search.labels import Chip, chips
from server.search.understand import Query, understand, without
from server.search.vocabulary import Vocabulary

SORTS = ("relevance", "price", "-price", "rating", "new", "name")


@dataclass(frozen=True)
class Rated:
    rating: float | None  # mean of the reviews, one decimal; None without reviews
    reviews: int


@dataclass(frozen=True)
class Found:
    product: Product
    available: int | None  # None when no store was asked about
    rated: Rated


@dataclass(frozen=True)
class SearchPage:
    rows: list[Found]
    total: int
    understood: list[Chip]
    facets: list[Facet] = field(default_factory=list)


def search_products(
    session: Session,
    *,
    q: str | None,
    category: str | None = None,
    store: Store | None = None,
    sort: str = "relevance",
    limit: int = 50,
    offset: int = 0,
    language: str = "ru",
    removed: Collection[str] = (),
    chosen: Chosen | None = None,
) -> SearchPage:
    """`removed`: chips the shopper took off, as "kind:value" (see understand.without);
    `chosen`: the facets the shopper tapped (brand, price band, spec)."""
    picture, lexicon = snapshot.current_with_lexicon(session)
    vocabulary = picture.vocabulary
    query = without(understand(q or "", vocabulary, lexicon), removed)
    understood = chips(query, vocabulary, language)
    if q and query.hopeless:
        return SearchPage([], 0, understood)
    base = _filtered(session, query, category, vocabulary)
    strict = bool(query.words) and not query.structured
    if strict:
        found = engine.matching_select(session.connection(), query.words)
        base = base.where(
            Product.id.in_(select(found.subquery().c.id)) if found is not None else false()
        )
    candidates = _candidates(session, base.order_by(*_first(query, sort)), store, picture.key_specs)
    ranked = ranking.rank(query, candidates, strict=strict)
    if strict and not ranked:  # no product has enough of the words: show the closest ones
        ranked = ranking.rank(query, candidates, strict=False)
    found_facets = facets(ranked, language)
    ordered = _sorted(session, narrowed(ranked, chosen or Chosen()), sort, language)
    page = ordered[offset : offset + limit]
    products = {
        p.id: p
        for p in session.scalars(
            select(Product)
            .where(Product.id.in_([c.product_id for c in page]))
            .options(joinedload(Product.category))
        )
    }
    rows = [
        Found(products[c.product_id], c.available, Rated(c.rating, c.reviews))
        for c in page
        if c.product_id in products
    ]
    return SearchPage(rows, len(ordered), understood, found_facets)


def _spellings(brands: list[str], vocabulary: Vocabulary) -> list[str]:
    """Each brand as the catalog writes it ("хуавей" may be "Huawei" or "HUAWEI"): an equal
    match reads the brand's index instead of lower-casing every product's brand."""
    wanted = {b.lower() for b in brands}
    known = {b for b in vocabulary.brands.values() if b.lower() in wanted}
    return sorted(known | set(brands))


def _filtered(
    session: Session, query: Query, category: str | None, vocabulary: Vocabulary
) -> Select:
    stmt = select(
        Product.id, Product.category_id, Product.price_minor, Category.code, Product.brand
    ).join(Category, Category.id == Product.category_id)
    stmt = stmt.where(Product.active.is_(True))
    codes = list(query.categories)
    if category:
        if session.scalar(select(Category.id).where(Category.code == category)) is None:
            raise DomainError(
                ErrorCode.NOT_FOUND, _l("There is no category %(code)s.", code=category)
            )
        codes = [category]
    if codes:
        stmt = stmt.where(Category.code.in_(codes))
    if query.brands:
        stmt = stmt.where(Product.brand.in_(_spellings(query.brands, vocabulary)))
    if query.price and query.price.min_minor is not None:
        stmt = stmt.where(Product.price_minor >= query.price.min_minor)
    if query.price and query.price.max_minor is not None:
        stmt = stmt.where(Product.price_minor <= query.price.max_minor)
    return stmt


def _first(query: Query, sort: str) -> list[Any]:
    """Which of many matching products become candidates: those the order asked for (the
    cheapest for `sort=price`, the cheapest of each category for "для мамы"), else the
    oldest; a text match is already the best CANDIDATE_LIMIT by the engine's own rank."""
    prices = {i.price for i in query.intents}
    if sort == "price" or (sort == "relevance" and prices == {"low"}):
        return [Product.price_minor, Product.id]
    if sort == "-price" or (sort == "relevance" and prices == {"high"}):
        return [Product.price_minor.desc(), Product.id]
    if sort == "new":
        return [Product.id.desc()]
    return [Product.id]


def _candidates(
    session: Session, stmt: Select, store: Store | None, specs: dict[int, frozenset[str]]
) -> list[ranking.Candidate]:
    """The filtered products with all that ranking needs, in one statement: the first
    CANDIDATE_LIMIT are chosen in a subquery, and only they are joined to their index row,
    their stock here, their approved reviews and their units ordered (each by an index).
    Their key specs come from the search's picture (`specs`)."""
    chosen = stmt.limit(engine.CANDIDATE_LIMIT).subquery()
    doc, doc_id = engine.index_table(session.connection())
    approved = (ProductReview.product_id == chosen.c.id) & (
        ProductReview.status == ReviewStatus.APPROVED  # only what a moderator approved counts
    )
    columns = [
        *chosen.c,
        doc.c.names,
        doc.c.attrs,
        select(func.avg(ProductReview.rating)).where(approved).scalar_subquery(),
        select(func.count()).select_from(ProductReview).where(approved).scalar_subquery(),
        select(func.sum(OrderLine.qty))
        .where(OrderLine.product_id == chosen.c.id)
        .scalar_subquery(),
    ]
    found = select(*columns).outerjoin(doc, doc_id == chosen.c.id)
    if store is not None:
        found = found.outerjoin(
            Stock, (Stock.product_id == chosen.c.id) & (Stock.store_id == store.id)
        ).add_columns(Stock.on_hand - Stock.reserved)
    out = []
    for row in session.execute(found):
        pid, category_id, price, code, brand, names, attrs, avg, reviews, ordered = row[:10]
        out.append(
            ranking.Candidate(
                product_id=pid,
                category_id=category_id,
                price_minor=price,
                names=ranking.Words(names or ""),
                attrs=ranking.Words(attrs or ""),
                available=max(row[10] or 0, 0) if store else None,
                rating=round(float(avg), 1) if avg is not None else None,
                reviews=reviews,
                ordered=int(ordered or 0),
                category_code=code,
                brand=brand,
                key_specs=specs.get(pid),
            )
        )
    return out


def _ratings(session: Session, ids: list[int]) -> dict[int, tuple[float, int]]:
    if not ids:
        return {}
    rows = session.execute(
        select(ProductReview.product_id, func.avg(ProductReview.rating), func.count())
        # Only what a moderator approved is shown and counted.
        .where(ProductReview.product_id.in_(ids), ProductReview.status == ReviewStatus.APPROVED)
        .group_by(ProductReview.product_id)
    )
    return {pid: (round(float(avg), 1), n) for pid, avg, n in rows}


def ratings_by_sku(session: Session, skus: list[str]) -> dict[str, Rated]:
    """Rating and review count of each product named, for answers made outside the search."""
    found = session.execute(select(Product.sku, Product.id).where(Product.sku.in_(skus)))
    ids: dict[str, int] = dict(found.tuples().all())
    ratings = _ratings(session, list(ids.values()))
    return {sku: Rated(*ratings.get(pid, (None, 0))) for sku, pid in ids.items()}


def _sorted(
    session: Session, ranked: list[ranking.Candidate], sort: str, language: str
) -> list[ranking.Candidate]:
    if sort == "price":
        return sorted(ranked, key=lambda c: (c.price_minor, c.product_id))
    if sort == "-price":
        return sorted(ranked, key=lambda c: (-c.price_minor, c.product_id))
    if sort == "rating":
        return sorted(ranked, key=lambda c: (c.rating is None, -(c.rating or 0), -c.score))
    if sort == "new":
        return sorted(ranked, key=lambda c: -c.product_id)
    if sort == "name":
        column = Product.name_en if language == "en" else Product.name_ru
        names: dict[int, str] = dict(
            session.execute(
                select(Product.id, column).where(Product.id.in_([c.product_id for c in ranked]))
            )
            .tuples()
            .all()
        )
        return sorted(ranked, key=lambda c: (names.get(c.product_id, ""), c.product_id))
    return ranked
