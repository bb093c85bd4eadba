"""Suggestions as the shopper types: categories, brands and product names whose words start
with the letters typed so far, from one index per process and language held in memory.

A keystroke must not wait for the database, so the index is built once from the catalog and
kept until the catalog's vocabulary changes (sync.vocabulary: at once after a change made in
this process, within VOCABULARY_SECONDS after one made in another). Categories and brands
also answer to the names people call them by in the staff's lexicon ("телефон", "хуавей").
"""

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import Category, Product
from server.search import sync
from server.search.text import clean, other_layout, tokens
from server.search.vocabulary import Lexicon, Vocabulary, load_lexicon

LIMIT = 8
_MAX_WORDS = 6
_FEW_WORDS = 200  # below this many index words for a prefix, their postings are read
_SCAN = 30_000  # otherwise entries are read in order; the prefix is common, hits come early


@dataclass(frozen=True)
class Suggestion:
    kind: str  # category, brand, product
    text: str  # what a tap searches for
    value: str  # category code, brand, or SKU


@dataclass(frozen=True)
class _Entry:
    suggestion: Suggestion
    words: tuple[str, ...]  # the text's own words, typed letters must start one of them
    aliases: tuple[str, ...] = ()  # stems of other names, e.g. "телефон" for Смартфоны

    def fits(self, typed: list[str]) -> bool:
        """Each typed word starts a word of its own ("galaxy s" is not "Samsung Galaxy A15"),
        or names the entry the way people do."""
        free = list(self.words)
        for word in typed:
            taken = next((w for w in free if w.startswith(word)), None)
            if taken is not None:
                free.remove(taken)
            elif not any(_alias_fits(word, alias) for alias in self.aliases):
                return False
        return True


def _alias_fits(typed: str, alias: str) -> bool:
    # An alias is a stem: "телефо" starts it, "телефоны" goes past it.
    return alias.startswith(typed) or (len(alias) >= 4 and typed.startswith(alias))


class SuggestIndex:
    """Entries in the order they are offered: categories, brands, then products."""

    def __init__(self, named: list[_Entry], products: list[_Entry]) -> None:
        self._named = named
        self._products = products
        postings: dict[str, list[int]] = {}
        for i, entry in enumerate(products):
            for word in set(entry.words):
                postings.setdefault(word, []).append(i)
        self._postings = postings
        self._words = sorted(postings)

    def __len__(self) -> int:
        return len(self._named) + len(self._products)

    def suggest(self, typed: str, limit: int = LIMIT) -> list[Suggestion]:
        words = tokens(clean(typed))[:_MAX_WORDS]
        if not words:
            return []
        # "gkfy" was meant as "план": typed on the other layout.
        return self._find(words, limit) or self._find([other_layout(w) for w in words], limit)

    def _find(self, typed: list[str], limit: int) -> list[Suggestion]:
        found: dict[str, Suggestion] = {}
        for entry in [*(e for e in self._named if e.fits(typed)), *self._product_hits(typed)]:
            found.setdefault(entry.suggestion.text.lower(), entry.suggestion)
            if len(found) == limit:
                break
        return list(found.values())

    def _product_hits(self, typed: list[str]) -> Iterable[_Entry]:
        spans = [self._span(t) for t in typed]
        low, high = min(spans, key=lambda s: s[1] - s[0])
        if high - low <= _FEW_WORDS:
            ids = sorted({i for w in self._words[low:high] for i in self._postings[w]})
            candidates: Iterable[_Entry] = (self._products[i] for i in ids)
        else:
            candidates = self._products[:_SCAN]
        return (e for e in candidates if e.fits(typed))

    def _span(self, prefix: str) -> tuple[int, int]:
        """The index words that start with the prefix, as a slice of the sorted words."""
        return bisect_left(self._words, prefix), bisect_left(self._words, prefix + "\uffff")


def build_index(
    categories: Iterable[tuple[str, str]],
    brands: Iterable[str],
    products: Iterable[tuple[str, str]],
    lexicon: Lexicon,
) -> SuggestIndex:
    """From (code, name) per category, brand names, and (SKU, name) per product; a name
    several products share (variants of one model) is offered once."""
    category_aliases: dict[str, list[str]] = {}
    for stems, code in lexicon.category_phrases.items():
        category_aliases.setdefault(code, []).extend(stems)
    brand_aliases: dict[str, list[str]] = {}
    for stems, brand in lexicon.brand_phrases.items():
        brand_aliases.setdefault(brand.lower(), []).extend(stems)
    named = [
        _Entry(
            Suggestion("category", name, code), _words(name), tuple(category_aliases.get(code, ()))
        )
        for code, name in categories
    ]
    named += [
        _Entry(
            Suggestion("brand", brand, brand),
            _words(brand),
            tuple(brand_aliases.get(brand.lower(), ())),
        )
        for brand in sorted(set(brands))
    ]
    seen: set[str] = set()
    items = []
    for sku, name in sorted(products, key=lambda p: p[1]):
        if name.lower() not in seen:
            seen.add(name.lower())
            items.append(_Entry(Suggestion("product", name, sku), _words(name)))
    return SuggestIndex(named, items)


def _words(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tokens(clean(text))))


def suggestions(session: Session, typed: str, language: str) -> list[Suggestion]:
    return index_for(session, language).suggest(typed)


def index_for(session: Session, language: str) -> SuggestIndex:
    """This process's index for the catalog and language, built again when the vocabulary is."""
    vocabulary, lexicon = sync.vocabulary(session), load_lexicon()
    key = (str(session.get_bind().url), language)
    cached = _INDEXES.get(key)
    if cached is None or cached[0] is not vocabulary or cached[1] is not lexicon:
        cached = (vocabulary, lexicon, _load(session, vocabulary, lexicon, language))
        _INDEXES[key] = cached
    return cached[2]


def _load(
    session: Session, vocabulary: Vocabulary, lexicon: Lexicon, language: str
) -> SuggestIndex:
    english = language == "en"
    rows = session.execute(
        select(Product.sku, Product.name_en if english else Product.name_ru, Product.variant)
        .join(Category, Category.id == Product.category_id)
        .where(Product.active.is_(True))
        .order_by(Category.position, Product.id)
    )
    products = [(sku, _model_name(name, variant, language)) for sku, name, variant in rows]
    categories = session.execute(
        select(Category.code, Category.name_en if english else Category.name_ru).order_by(
            Category.position, Category.code
        )
    ).all()
    return build_index(
        [tuple(c) for c in categories], vocabulary.brands.values(), products, lexicon
    )


def _model_name(name: str, variant: dict | None, language: str) -> str:
    """The model's name without colour and memory, as Product.model_name gives it."""
    model = (variant or {}).get("model")
    return model["en" if language == "en" else "ru"] if model else name


# The vocabulary and lexicon each index was built from, and the index, per database and
# language: a new vocabulary or an edited lexicon means a new index.
_INDEXES: dict[tuple[str, str], tuple[Vocabulary, Lexicon, SuggestIndex]] = {}
