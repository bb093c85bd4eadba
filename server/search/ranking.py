"""Ordering candidates: text match, asked-for specs, intents, stock here, rating, popularity.

Pure: it takes what the database said about each candidate and returns them in order. The
weights are in one place so the benchmark (tests/perf/bench_search.py) can judge a change.
"""

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from server.search.understand import Query

W_TEXT = 3.0  # all free words in the product's name
W_HINT = 1.0  # all words of the named category phrase ("мышь") in the product's name
W_SPEC = 2.0  # each asked-for quantity ("65in") the product has
W_BOOST = 0.4  # each intent word the product has, up to W_BOOST_MAX
W_BOOST_MAX = 1.2
W_PRICE_BAND = 1.5  # the cheapest (or dearest) of its category, for intents that care
W_INTENT_CATEGORY = 1.0
W_IN_STOCK = 0.5
W_RATING = 0.3
W_POPULAR = 0.3  # the most ordered of the candidates


class Words:
    """The words of an index text, looked up in the text itself: splitting thousands of
    candidates' texts into sets cost more per search than every lookup made in them."""

    __slots__ = ("_text",)

    def __init__(self, words: str | Iterable[str]) -> None:
        self._text = f" {words if isinstance(words, str) else ' '.join(words)} "

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and bool(word) and f" {word} " in self._text

    def __iter__(self) -> Iterator[str]:
        return iter(self._text.split())

    def starts(self, prefix: str) -> bool:
        """Whether a word begins with `prefix`."""
        return bool(prefix) and f" {prefix}" in self._text


@dataclass(slots=True)
class Candidate:
    product_id: int
    category_id: int
    price_minor: int
    names: Words  # a set of words or a text will do: it is made Words
    attrs: Words
    available: int | None = None
    rating: float | None = None
    reviews: int = 0
    ordered: int = 0  # units in orders so far
    category_code: str = ""
    brand: str = ""
    key_specs: AbstractSet[str] | None = None  # screen and memory tokens, read by facets.py
    score: float = 0.0
    matched: int = 0  # free words found

    def __post_init__(self) -> None:
        if not isinstance(self.names, Words):
            self.names = Words(self.names)
        if not isinstance(self.attrs, Words):
            self.attrs = Words(self.attrs)

    def has(self, word: str) -> bool:
        return word in self.names or word in self.attrs


def _word_score(word: str, c: Candidate) -> float:
    if word in c.names:
        return 1.0
    # "s24" is the start of "s24u", "a5" of "a55": a model typed short still counts a little.
    if word.isascii() and c.names.starts(word):
        return 0.6
    return 0.5 if word in c.attrs else 0.0


def rank(query: Query, candidates: list[Candidate], *, strict: bool) -> list[Candidate]:
    """Score and order, keeping only those that match enough of the free words.

    With `strict` (nothing but words was understood) that is 60% of them; otherwise the
    free words narrow the category or brand to the products that have any of them
    ("холодильник no frost"), unless none has: then they only order it.
    """
    percentile = _price_percentiles(candidates)
    most_ordered = math.log1p(max((c.ordered for c in candidates), default=0)) or 1.0
    words = query.words
    for c in candidates:
        scores = [_word_score(w, c) for w in words]
        c.matched = sum(1 for s in scores if s > 0)
        c.score = W_TEXT * (sum(scores) / len(words)) if words else 0.0
        if query.hints:
            c.score += W_HINT * sum(_word_score(h, c) for h in query.hints) / len(query.hints)
        c.score += W_SPEC * sum(1 for q in query.specs if c.has(q.token))
        c.score += _intent_score(query, c, percentile[c.product_id])
        if c.available:
            c.score += W_IN_STOCK
        if c.rating:
            c.score += W_RATING * c.rating / 5
        c.score += W_POPULAR * math.log1p(c.ordered) / most_ordered
    need = math.ceil(0.6 * len(words)) if strict else 1 if words else 0
    kept = [c for c in candidates if c.matched >= need]
    if not strict and not kept:
        kept = list(candidates)
    kept.sort(key=lambda c: (-c.score, -(c.rating or 0), c.price_minor, c.product_id))
    return kept


def _intent_score(query: Query, c: Candidate, percentile: float) -> float:
    score = 0.0
    for intent in query.intents:
        score += min(W_BOOST_MAX, W_BOOST * sum(1 for b in intent.boost if c.has(b)))
        if intent.price == "low":
            score += W_PRICE_BAND * (1 - percentile)
        elif intent.price == "high":
            score += W_PRICE_BAND * percentile
        if not query.categories and c.category_code in intent.categories:
            score += W_INTENT_CATEGORY
    return score


def _price_percentiles(candidates: list[Candidate]) -> dict[int, float]:
    """0 for the cheapest of its category among the candidates, 1 for the dearest."""
    by_category: dict[int, list[Candidate]] = defaultdict(list)
    for c in candidates:
        by_category[c.category_id].append(c)
    out: dict[int, float] = {}
    for group in by_category.values():
        group.sort(key=lambda c: c.price_minor)
        last = max(len(group) - 1, 1)
        out.update({c.product_id: i / last for i, c in enumerate(group)})
    return out
