"""Ordering candidates: pure, on hand-made candidates."""

from server.search.quantities import Quantity
from server.search.ranking import Candidate, Words, rank
from server.search.understand import Query
from server.search.vocabulary import Intent


def candidate(pid: int, names: str, price: int = 1000, attrs: str = "", **kw) -> Candidate:
    return Candidate(pid, 1, price * 100, set(names.split()), set(attrs.split()), **kw)


def order(query: Query, candidates: list[Candidate], strict: bool = False) -> list[int]:
    return [c.product_id for c in rank(query, candidates, strict=strict)]


def test_words_in_the_name_come_before_words_only_in_the_specs():
    found = [candidate(1, "pozi", attrs="no frost"), candidate(2, "no frost pozi")]
    assert order(Query("", words=["no", "frost"]), found) == [2, 1]


def test_strict_search_drops_products_with_too_few_of_the_words():
    found = [candidate(1, "iphon 15"), candidate(2, "macbook 15"), candidate(3, "iphon 16")]
    assert order(Query("", words=["iphon", "15"]), found, strict=True) == [1]


def test_free_words_narrow_a_category_unless_nothing_has_them():
    fridges = [candidate(1, "холодильник"), candidate(2, "холодильник", attrs="no frost")]
    assert order(Query("", categories=["fridges"], words=["frost"]), fridges) == [2]
    assert order(Query("", categories=["fridges"], words=["спорт"]), fridges) == [1, 2]


def test_a_low_price_intent_puts_the_cheaper_first():
    simple = Intent("simple", {"ru": "простой"}, price="low")
    found = [candidate(1, "a", 30000), candidate(2, "b", 10000), candidate(3, "c", 20000)]
    assert order(Query("", intents=[simple]), found) == [2, 3, 1]


def test_asked_for_quantity_wins():
    tvs = [candidate(1, "tv 55in"), candidate(2, "tv 65in", price=9000)]
    assert order(Query("", specs=[Quantity("65in", "65", "in")]), tvs) == [2, 1]


def test_in_stock_here_and_better_rated_come_first_when_all_else_is_equal():
    found = [
        candidate(1, "a", available=0, rating=5.0),
        candidate(2, "a", available=3, rating=3.0),
        candidate(3, "a", available=3, rating=4.8),
    ]
    assert order(Query(""), found) == [3, 2, 1]


def test_the_more_ordered_comes_first_when_all_else_is_equal():
    found = [
        candidate(1, "a", ordered=0),
        candidate(2, "a", ordered=40),
        candidate(3, "a", ordered=3),
    ]
    assert order(Query(""), found) == [2, 3, 1]


def test_words_of_an_index_text_are_whole_words_or_their_starts():
    words = Words("galaxy s24u 256gb")
    assert "s24u" in words and "s24" not in words and "" not in Words("")
    assert words.starts("s24") and not words.starts("24") and not words.starts("")
    assert list(words) == ["galaxy", "s24u", "256gb"]
