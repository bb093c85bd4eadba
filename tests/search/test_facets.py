"""Facets on the search's answer: brands, price bands and key specs counted over the results;
a tapped facet narrows the results and leaves the other choices on offer."""

from tests.search.test_search_api import skus, terminal  # noqa: F401  (the same shelf)


def facets(answer, kind: str) -> dict[str, int]:
    return {f["value"]: f["count"] for f in answer.json["facets"] if f["kind"] == kind}


def test_phones_offer_brands_and_price_bands_with_counts(terminal):  # noqa: F811
    answer = terminal.get("/products", q="смартфон", store="MSK-1")
    assert facets(answer, "brand") == {"Samsung": 2, "Apple": 1}
    assert facets(answer, "price") == {"500000-1500000": 1, "6000000-10000000": 1, "10000000-": 1}
    labels = {f["value"]: f["label"] for f in answer.json["facets"]}
    assert labels["10000000-"] == "от 100\u00a0000\u00a0₽"


def test_a_tapped_brand_narrows_the_results_but_every_brand_stays_on_offer(terminal):  # noqa: F811
    answer = terminal.get("/products", q="смартфон", brand="Apple")
    assert skus(answer) == ["PH-IP15"]
    assert answer.json["total"] == 1
    assert facets(answer, "brand") == {"Samsung": 2, "Apple": 1}


def test_price_band_and_spec_facets_narrow_the_results(terminal):  # noqa: F811
    assert skus(terminal.get("/products", q="смартфон", price="10000000-")) == ["PH-S24"]
    assert set(skus(terminal.get("/products", q="смартфон", spec="128gb"))) == {
        "PH-A15",
        "PH-S24",
        "PH-IP15",
    }
    assert skus(terminal.get("/products", q="смартфон", spec="512gb")) == []


def test_a_kind_with_one_value_is_not_offered(terminal):  # noqa: F811
    answer = terminal.get("/products", q="холодильник")
    assert facets(answer, "brand") == {}  # both are Pozis
    assert facets(answer, "spec") == {}
