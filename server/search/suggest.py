"""Suggestions as the shopper types: categories, brands and product names whose words start
with the letters typed so far, from one index per process and language held in memory.

A keystroke must not wait for the database, so the index is built from the catalog and kept
in memory; server/search/snapshot.py builds it again off the request path when the catalog
or the taught words change. Categories and brands
also answer to the names people call them by in the staff's lexicon ("телефон", "хуавей").
"""

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import Category, Product
from server.search.text import clean, other_layout, tokens
from server.search.vocabulary import Lexicon, Vocabulary

LIMIT = 8
_MAX_WORDS = 6
_FEW_WORDS = 200  # below this many index words for a prefix, their postings are read
_SCAN = 30_000  # otherwise entries are read in order; the prefix is common, hits come early
_LOOK_AHEAD = 4  # products read past the first fits, looking for words in the name's order
_PURPOSE = frozenset({"для", "for"})


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

    def fits(self, typed: list[str]) -> bool | None:
        """Each typed word starts a word of its own ("galaxy s" is not "Samsung Galaxy A15"),
        or names the entry the way people do. None when it does not fit; True when the words
        come in the name's order ("galaxy s" and "Galaxy S24" rather than "Samsung Galaxy
        Buds"), False when they fit out of order."""
        free = list(self.words)
        in_order, last = True, -1
        for word in typed:
            # A word after the last one taken first: "galaxy s" takes "s24", not "samsung".
            order = [*range(last + 1, len(free)), *range(last + 1)]
            at = next((i for i in order if free[i] and free[i].startswith(word)), None)
            if at is not None:
                in_order, last = in_order and at > last, at
                free[at] = ""
            elif not any(_alias_fits(word, alias) for alias in self.aliases):
                return None
        return in_order


def _alias_fits(typed: str, alias: str) -> bool:
    # An alias is a stem: "телефо" starts it, "телефоны" goes past it.
    return alias.startswith(typed) or (len(alias) >= 4 and typed.startswith(alias))


class SuggestIndex:
    """Entries in the order they are offered: categories, brands, then products."""

    def __init__(self, named: list[_Entry], products: list[_Entry], lexicon: Lexicon) -> None:
        self._named = named
        self._products = products
        self._lexicon = lexicon
        self._rewrite_keys = sorted(lexicon.rewrites)
        postings: dict[str, list[int]] = {}
        for i, entry in enumerate(products):
            for word in set(entry.words):
                postings.setdefault(word, []).append(i)
        self._postings = postings
        self._words = sorted(postings)

    def __len__(self) -> int:
        return len(self._named) + len(self._products)

    def suggest(self, typed: str, limit: int = LIMIT) -> list[Suggestion]:
        words = self._meaningful(tokens(clean(typed))[:_MAX_WORDS])
        if not words:
            return []
        # "айф" on its way to "айфон", said of the iPhone; "gkfy" typed on the other layout.
        for attempt in (words, self._rewritten(words), [other_layout(w) for w in words]):
            if found := self._find(attempt, limit):
                return found
        return []

    def _meaningful(self, words: list[str]) -> list[str]:
        """Without "для", "с" and the like: "ноутбук для" suggests what "ноутбук" does."""
        kept = [w for w in words if w not in self._lexicon.stop_words and w not in _PURPOSE]
        return kept or words

    def _rewritten(self, words: list[str]) -> list[str]:
        """The lexicon's rewrites ("айфон" → "iphone"); the last word, still being typed, may
        be the start of one."""
        rewrites, out = self._lexicon.rewrites, []
        for i, word in enumerate(words):
            meant = rewrites.get(word)
            if meant is None and i == len(words) - 1 and len(word) >= 3:
                at = bisect_left(self._rewrite_keys, word)
                if at < len(self._rewrite_keys) and self._rewrite_keys[at].startswith(word):
                    meant = rewrites[self._rewrite_keys[at]]
            out.extend(tokens(meant) if meant else [word])
        return out

    def _find(self, typed: list[str], limit: int) -> list[Suggestion]:
        found: dict[str, Suggestion] = {}
        later: list[Suggestion] = []  # the typed words out of the name's order
        for entry in (e for e in self._named if e.fits(typed) is not None):
            found.setdefault(entry.suggestion.text.lower(), entry.suggestion)
        for seen, (entry, in_order) in enumerate(self._product_hits(typed)):
            if len(found) >= limit or seen >= _LOOK_AHEAD * limit:
                break
            if in_order:
                found.setdefault(entry.suggestion.text.lower(), entry.suggestion)
            else:
                later.append(entry.suggestion)
        for suggestion in later:
            found.setdefault(suggestion.text.lower(), suggestion)
        return list(found.values())[:limit]

    def _product_hits(self, typed: list[str]) -> Iterator[tuple[_Entry, bool]]:
        spans = [self._span(t) for t in typed]
        low, high = min(spans, key=lambda s: s[1] - s[0])
        if high - low <= _FEW_WORDS:
            ids = sorted({i for w in self._words[low:high] for i in self._postings[w]})
            candidates: Iterable[_Entry] = (self._products[i] for i in ids)
        else:
            candidates = self._products[:_SCAN]
        for entry in candidates:
            in_order = entry.fits(typed)
            if in_order is not None:
                yield entry, in_order

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
    return SuggestIndex(named, items, lexicon)


def _words(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(tokens(clean(text))))


def load_index(
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
