"""Searches that found nothing: kept as shoppers search (letters on the way to a word are not
misses), and listed for staff with counts, most frequent first."""

from sqlalchemy import select

from server.db import get_session
from server.models import SearchMiss


def search(api, q: str, **params):
    answer = api.get("/products", q=q, **params)
    assert answer.status_code == 200
    return answer.json


def kept(app) -> list[tuple[str, str | None]]:
    with app.app_context():
        rows = get_session().scalars(select(SearchMiss).order_by(SearchMiss.id))
        return [(miss.query, miss.store.code if miss.store else None) for miss in rows]


def test_a_search_that_found_nothing_is_kept_with_store_and_what_was_understood(app, terminal):
    answer = search(terminal, "Смартфон до 1000", store="MSK-1")
    assert answer["items"] == []
    with app.app_context():
        miss = get_session().scalars(select(SearchMiss)).one()
        assert (miss.query, miss.store.code) == ("смартфон до 1000", "MSK-1")
        assert miss.understood == answer["understood"]
        assert ("price", "до 1\xa0000\xa0₽") in [(c["kind"], c["label"]) for c in miss.understood]
    assert search(terminal, "смартфон")["items"]  # found: nothing more kept
    assert len(kept(app)) == 1


def test_typing_letter_by_letter_keeps_one_miss_and_none_on_the_way_to_a_find(app, terminal, clock):
    for typed in ("кво", "квоб", "квобл", "квоб"):  # letters on, then one deleted
        search(terminal, typed)
    assert kept(app) == [("квобл", "MSK-1")]
    clock.advance(minutes=5)
    for n in range(1, 6):  # "т", "те", ... "телев": nothing yet
        assert search(terminal, "телевизор"[:n])["items"] == []
    assert ("телев", "MSK-1") in kept(app)
    assert search(terminal, "телевизо")["items"]  # the shopper typed on and found it
    assert kept(app) == [("квобл", "MSK-1")]


def test_misses_older_than_a_quarter_are_dropped_as_new_ones_come(app, terminal, clock):
    search(terminal, "квоблик")
    clock.advance(days=91)
    search(terminal, "плойка")
    assert kept(app) == [("плойка", "MSK-1")]


def test_staff_see_the_misses_most_frequent_first_and_take_taught_ones_off(
    app, terminal, staff_client, clock
):
    for typed in ("плойка", "квоблик", "плойка", "плойка", "квоблик", "мультиварка"):
        search(terminal, typed)
        clock.advance(minutes=2)  # each a different shopper
    page = staff_client.get("/staff/search-misses").text
    assert "Поиски без результата" in page
    rows = [
        (q, n) for q, n in zip(_cells(page, "miss-query"), _cells(page, "miss-count"), strict=True)
    ]
    assert rows == [("плойка", "3"), ("квоблик", "2"), ("мультиварка", "1")]
    assert 'name="csrf_token"' in page

    answer = staff_client.post("/staff/search-misses/forget", data={"query": "плойка"})
    assert answer.status_code == 302
    assert _cells(staff_client.get("/staff/search-misses").text, "miss-query") == [
        "квоблик",
        "мультиварка",
    ]


def test_the_list_is_for_signed_in_staff_only(app, client, terminal):
    search(terminal, "квоблик")
    answer = client.get("/staff/search-misses")
    assert answer.status_code == 302 and "/staff/login" in answer.location
    client.post("/staff/search-misses/forget", data={"query": "квоблик"})
    assert kept(app) == [("квоблик", "MSK-1")]


def _cells(page: str, testid: str) -> list[str]:
    import re

    return re.findall(rf'data-testid="{testid}">([^<]*)<', page)


def test_misses_are_kept_and_typed_past_on_postgresql_too(any_db_app):
    """The same record on SQLite and on PostgreSQL."""
    from tests.helpers import Api, build_world

    with any_db_app.app_context():
        world = build_world(get_session())
        get_session().commit()
        api = Api(any_db_app.test_client(), world.tokens["terminal"])
        for typed in ("тел", "телев"):
            assert search(api, typed)["items"] == []
        assert [m.query for m in get_session().scalars(select(SearchMiss))] == ["телев"]
        assert search(api, "телевизор")["items"]
        assert get_session().scalars(select(SearchMiss)).all() == []
