"""Words staff teach the search from the misses page, kept in the database and read with the
lexicon files by every server process.

Each search asks for the terms' version (their count and newest id: one cheap query), and
builds the merged lexicon again only when it changed, so an entry taught in one process works
in every other at its next search, with no restart.
"""

from dataclasses import replace
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from server.errors import DomainError, ErrorCode
from server.models import Category, SearchTerm
from server.search.text import clean, tokens
from server.search.vocabulary import Lexicon, load_lexicon, phrase

KINDS = ("category", "brand", "intent", "rewrite")
MAX_CHARS = 120


def teach(
    session: Session, *, kind: str, words: str, meaning: str, by: str, now: datetime
) -> SearchTerm:
    """Store "these words mean that" (replacing an earlier meaning of the same words).

    Raises VALIDATION_ERROR: an unknown kind, empty or too long words, a category or intent
    that does not exist, an empty brand or rewrite.
    """
    said, meant = clean(words), " ".join(meaning.split())
    if kind not in KINDS:
        raise DomainError(ErrorCode.VALIDATION_ERROR, _l("Choose what the words mean."))
    if not tokens(said) or len(said) > MAX_CHARS:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR,
            _l("Type the shopper's words (1 to %(n)s characters).", n=MAX_CHARS),
        )
    if not meant or len(meant) > MAX_CHARS:
        raise DomainError(ErrorCode.VALIDATION_ERROR, _l("Say what the words mean."))
    if (
        kind == "category"
        and session.scalar(select(Category.id).where(Category.code == meant)) is None
    ):
        raise DomainError(
            ErrorCode.VALIDATION_ERROR, _l("There is no category %(code)s.", code=meant)
        )
    if kind == "intent" and meant not in load_lexicon().intents:
        raise DomainError(
            ErrorCode.VALIDATION_ERROR, _l("There is no intent %(code)s.", code=meant)
        )
    if kind == "rewrite":
        meant = clean(meant)
    # A new row, never an update: the newest id is the version every process watches.
    session.execute(delete(SearchTerm).where(SearchTerm.kind == kind, SearchTerm.phrase == said))
    term = SearchTerm(kind=kind, phrase=said, meaning=meant, created_at=now, created_by=by)
    session.add(term)
    session.flush()
    return term


def teaching_choices(session: Session, language: str) -> dict[str, list[tuple[str, str]]]:
    """What words can be taught to mean, per kind: (value, label) pairs for the form."""
    english = language == "en"
    categories = session.execute(
        select(Category.code, Category.name_en if english else Category.name_ru).order_by(
            Category.position, Category.code
        )
    ).tuples()
    intents = load_lexicon().intents.values()
    return {
        "category": list(categories),
        "intent": [(i.code, i.label.get(language) or i.code) for i in intents],
    }


def taught_terms(session: Session) -> list[SearchTerm]:
    return list(session.scalars(select(SearchTerm).order_by(SearchTerm.id.desc())))


def lexicon_for(session: Session) -> Lexicon:
    """The lexicon files with the terms staff taught, rebuilt when either changed."""
    base = load_lexicon()
    count, newest = session.execute(
        select(func.count(SearchTerm.id), func.max(SearchTerm.id))
    ).one()
    key = (str(session.get_bind().engine.url), count, newest or 0)
    cached = _MERGED.get(key[0])
    if cached is not None and cached[0] == key[1:] and cached[1] is base:
        return cached[2]
    merged = (
        base
        if not count
        else merge(base, [(t.kind, t.phrase, t.meaning) for t in taught_terms(session)])
    )
    _MERGED[key[0]] = (key[1:], base, merged)
    return merged


def merge(base: Lexicon, terms: list[tuple[str, str, str]]) -> Lexicon:
    """The lexicon with these (kind, words, meaning) added; a taught entry wins over a file's."""
    categories, brands = dict(base.category_phrases), dict(base.brand_phrases)
    intents, rewrites = dict(base.intent_phrases), dict(base.rewrites)
    words = set(base.words)
    for kind, said, meant in terms:
        key = phrase(said, base.stop_words)
        if not key:
            continue
        words.update(t for t in tokens(said) if not t[0].isdigit())
        if kind == "category":
            categories[key] = meant
        elif kind == "brand":
            brands[key] = meant
        elif kind == "intent" and meant in base.intents:
            intents[key] = meant
        elif kind == "rewrite":
            rewrites[said] = meant
    return replace(
        base,
        category_phrases=categories,
        brand_phrases=brands,
        intent_phrases=intents,
        rewrites=rewrites,
        words=frozenset(words),
    )


# Per process: the merged lexicon per database, with the terms' version and the files'
# lexicon it was built from.
_MERGED: dict[str, tuple[tuple[int, int], Lexicon, Lexicon]] = {}
