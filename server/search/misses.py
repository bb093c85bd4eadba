"""Searches that found nothing: recorded as shoppers search, listed for staff with counts,
so the team can teach the lexicon (server/search/data/) the words shoppers really use.

A terminal searches a moment after each key, so one shopper typing "пылисос" would leave
"пыл", "пыли", "пылис"... behind. Within TYPING_SECONDS at one store, a longer miss replaces
the shorter one it grew from, and a shorter one (letters deleted) adds nothing.
"""

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, select
from sqlalchemy.orm import Session

from server.models import SearchMiss, Store
from server.search.labels import Chip
from server.search.text import MAX_QUERY_CHARS, clean

TYPING_SECONDS = 60
KEEP_DAYS = 90  # older misses are dropped as new ones come: the list is of what is asked now


@dataclass(frozen=True)
class MissCount:
    query: str
    count: int
    last: datetime
    stores: list[str]  # store codes, in order
    understood: list[dict[str, Any]]  # the chips of its latest search


def record_miss(
    session: Session, *, text: str, store: Store | None, understood: list[Chip], at: datetime
) -> bool:
    """Keep a search that found nothing; False when it added nothing to what is kept."""
    words = clean(text)[:MAX_QUERY_CHARS]
    if not words:
        return False
    recent = _recent(session, store, at)
    if any(miss.query.startswith(words) for miss in recent):
        return False  # the same words again, or letters deleted from a longer miss
    _delete(session, [miss for miss in recent if words.startswith(miss.query)])  # typed on
    session.execute(delete(SearchMiss).where(SearchMiss.at < at - timedelta(days=KEEP_DAYS)))
    session.add(
        SearchMiss(
            query=words,
            store_id=store.id if store else None,
            at=at,
            understood=[asdict(c) for c in understood],
        )
    )
    session.flush()
    return True


def forget_typed_past(session: Session, *, text: str, store: Store | None, at: datetime) -> bool:
    """A search that found goods: the misses it grew from were letters on the way to it
    ("пыли" before "пылисос"), not words the search failed to know. True if any went."""
    words = clean(text)[:MAX_QUERY_CHARS]
    gone = [miss for miss in _recent(session, store, at) if words.startswith(miss.query)]
    _delete(session, gone)
    return bool(gone)


def _delete(session: Session, gone: list[SearchMiss]) -> None:
    # One statement by id, not the ORM's row-by-row delete: two terminals of a store typing
    # at once may both delete the same miss, and a row already gone is no error here.
    if gone:
        session.execute(delete(SearchMiss).where(SearchMiss.id.in_([miss.id for miss in gone])))


def _recent(session: Session, store: Store | None, at: datetime) -> list[SearchMiss]:
    return list(
        session.scalars(
            select(SearchMiss).where(
                SearchMiss.store_id == (store.id if store else None),
                SearchMiss.at >= at - timedelta(seconds=TYPING_SECONDS),
            )
        )
    )


def frequent_misses(session: Session, *, since: datetime, limit: int = 200) -> list[MissCount]:
    """Searches that found nothing since then, most frequent first, then the latest."""
    count, last = func.count(SearchMiss.id), func.max(SearchMiss.at)
    top = session.execute(
        select(SearchMiss.query, count, last)
        .where(SearchMiss.at >= since)
        .group_by(SearchMiss.query)
        .order_by(count.desc(), last.desc(), SearchMiss.query)
        .limit(limit)
    ).all()
    queries = [query for query, _n, _last in top]
    stores: dict[str, list[str]] = {}
    understood: dict[str, list[dict[str, Any]]] = {}
    rows = session.execute(
        select(SearchMiss.query, Store.code, SearchMiss.understood)
        .outerjoin(Store, Store.id == SearchMiss.store_id)
        .where(SearchMiss.at >= since, SearchMiss.query.in_(queries))
        .order_by(SearchMiss.at.desc(), SearchMiss.id.desc())
    )
    for query, code, chips in rows:
        understood.setdefault(query, chips or [])
        if code and code not in stores.setdefault(query, []):
            stores[query].append(code)
    return [
        MissCount(query, n, when, sorted(stores.get(query, [])), understood.get(query, []))
        for query, n, when in top
    ]


def forget_misses(session: Session, query: str) -> int:
    """Staff taught the search these words: take every miss of them off the list."""
    gone = session.execute(delete(SearchMiss).where(SearchMiss.query == clean(query)))
    return cast(CursorResult[Any], gone).rowcount or 0  # a DML result counts its rows
