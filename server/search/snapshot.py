"""What the search keeps in memory per database: the catalog's vocabulary (for typos and
recognising words) and the suggestion index per language, built off the shoppers' requests.

Every change to the products bumps one counter in the database (`search_state.version`, in
the same transaction, by the hook in sync.py). A search reads that counter (one row by its
key) and the taught terms' version; when either moved, it keeps answering from the picture
it has and starts one rebuild in a background thread, which swaps the new picture in when
done. The process that made the change rebuilds right after its commit (the writer pays,
not the shopper), so its own next search already knows the new words. Only the very first
search of a process builds in the request.
"""

import logging
import threading
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, inspect, select, text
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from server.db import make_engine
from server.models import Category, Product
from server.search.documents import key_specs, surface_words
from server.search.engine import every_document
from server.search.schema import INDEX_TABLE, STATE_TABLE
from server.search.suggest import SuggestIndex, load_index
from server.search.terms import lexicon_for
from server.search.vocabulary import Lexicon, Vocabulary, build_vocabulary

log = logging.getLogger(__name__)

LANGUAGES = ("ru", "en")


@dataclass
class Snapshot:
    version: int
    lexicon: Lexicon
    vocabulary: Vocabulary
    indexes: dict[str, SuggestIndex] = field(default_factory=dict)
    # Screen and memory sizes per product id, for the facets: reading them from every
    # candidate's index text cost more than the rest of a search (docs/SEARCH.md).
    key_specs: dict[int, frozenset[str]] = field(default_factory=dict)


def catalog_version(conn: Connection) -> int:
    """The counter every catalog change moves; 0 on a schema from before it existed."""
    if not _has_state(conn):
        return 0
    return conn.execute(text(f"SELECT version FROM {STATE_TABLE} WHERE id = 1")).scalar() or 0


def bump_version(conn: Connection) -> None:
    """Called in the transaction that changed products: other processes rebuild when it commits."""
    if _has_state(conn):
        conn.execute(text(f"UPDATE {STATE_TABLE} SET version = version + 1 WHERE id = 1"))


def forget_all() -> None:
    """Drop every picture this process holds (tests that put another catalog under the same
    database between two searches); the next search builds its picture again."""
    _SNAPSHOTS.clear()


def current(session: Session) -> Snapshot:
    """This process's picture of the catalog; a stale one starts a rebuild and is still used."""
    return current_with_lexicon(session)[0]


def current_with_lexicon(session: Session) -> tuple[Snapshot, Lexicon]:
    """The picture, and the lexicon as staff taught it up to now (read once for both)."""
    key = _key(session)
    version, lexicon = catalog_version(session.connection()), lexicon_for(session)
    snapshot = _SNAPSHOTS.get(key)
    if snapshot is None:  # the first search of this process: nothing to answer from yet
        conn = session.connection()
        snapshot = Snapshot(version, lexicon, read_vocabulary(session), {}, read_key_specs(conn))
        _SNAPSHOTS[key] = snapshot
    elif snapshot.version != version or snapshot.lexicon is not lexicon:
        rebuild_later(session.get_bind().engine, key)  # type: ignore[union-attr]
    return snapshot, lexicon


def suggest_index(session: Session, language: str) -> SuggestIndex:
    snapshot = current(session)
    index = snapshot.indexes.get(language)
    if index is None:  # first suggestion in this language since the process started
        index = load_index(session, snapshot.vocabulary, snapshot.lexicon, language)
        snapshot.indexes[language] = index
    return index


def rebuild_now(engine: Engine, key: str | None = None) -> None:
    """Build the picture again from the committed catalog and swap it in."""
    key = key or str(engine.url)
    with Session(engine) as session:
        version, lexicon = catalog_version(session.connection()), lexicon_for(session)
        vocabulary = read_vocabulary(session)
        indexes = {lang: load_index(session, vocabulary, lexicon, lang) for lang in LANGUAGES}
        specs = read_key_specs(session.connection())
    _SNAPSHOTS[key] = Snapshot(version, lexicon, vocabulary, indexes, specs)


def rebuild_later(engine: Engine, key: str) -> None:
    """One background rebuild per database at a time; searches go on meanwhile."""
    with _LOCK:
        if key in _BUILDING:
            return
        _BUILDING.add(key)

    def run() -> None:
        # Its own connection, closed when done: the app's pool may be disposed meanwhile
        # (a worker process recycling), and a connection checked out of a disposed pool is
        # never closed.
        own = make_engine(engine.url.render_as_string(hide_password=False), poolclass=NullPool)
        try:
            rebuild_now(own, key)
        except Exception:  # the next search tries again; the old picture keeps answering
            log.exception("search index rebuild failed")
        finally:
            own.dispose()
            with _LOCK:
                _BUILDING.discard(key)

    threading.Thread(target=run, name="search-rebuild", daemon=True).start()


def after_commit(session: Session) -> None:
    """The catalog changed in this process: rebuild now if this process searches at all."""
    engine = session.get_bind().engine  # type: ignore[union-attr]
    if str(engine.url) not in _SNAPSHOTS:
        return
    try:
        rebuild_now(engine)
    except Exception:  # the change is committed: never fail its request for the picture
        _log.exception("search picture not rebuilt after a catalog change; rebuilding later")
        rebuild_later(engine, str(engine.url))


def read_vocabulary(session: Session) -> Vocabulary:
    categories = session.execute(select(Category.code, Category.name_ru, Category.name_en)).all()
    rows = session.execute(
        select(Product.brand, Product.name_ru, Product.name_en).where(Product.active.is_(True))
    ).all()
    labels = {
        str(label)
        for (specs,) in session.execute(select(Product.specs).where(Product.active.is_(True)))
        for table in (specs or {}).values()
        for row in table
        for label in row
    }
    words = surface_words([*labels, *(t for row in rows for t in row)])
    return build_vocabulary([tuple(c) for c in categories], {r.brand for r in rows}, sorted(words))


def read_key_specs(conn: Connection) -> dict[int, frozenset[str]]:
    """Each product's key specs; products with the same ones share one set."""
    shared: dict[frozenset[str], frozenset[str]] = {}
    out: dict[int, frozenset[str]] = {}
    if not inspect(conn).has_table(INDEX_TABLE):  # a schema from before the index
        return out
    for doc in every_document(conn):
        found = key_specs([*doc.names.split(), *doc.attrs.split()])
        out[doc.product_id] = shared.setdefault(found, found)
    return out


def _key(session: Session) -> str:
    return str(session.get_bind().engine.url)  # type: ignore[union-attr]


def _has_state(conn: Connection) -> bool:
    key = str(conn.engine.url)
    if key not in _HAS_STATE and inspect(conn).has_table(STATE_TABLE):
        _HAS_STATE.add(key)
    return key in _HAS_STATE


# Per process: the picture per database, the databases being rebuilt, and whether a
# database has the counter yet (an older schema has none and must still work).
_SNAPSHOTS: dict[str, Snapshot] = {}
_BUILDING: set[str] = set()
_HAS_STATE: set[str] = set()
_LOCK = threading.Lock()
_log = logging.getLogger(__name__)
