"""Staff teach the search from the misses page: the words work at once, in every process."""

from sqlalchemy import select

from server.db import get_session
from server.models import SearchMiss, SearchTerm, StaffRole, StaffUser
from tests.helpers import T0


def found(terminal, q: str) -> list[str]:
    answer = terminal.get("/products", q=q, store="MSK-1")
    assert answer.status_code == 200
    return [item["sku"] for item in answer.json["items"]]


def teach(staff_client, **form):
    page = staff_client.get("/staff/search-misses")
    assert page.status_code == 200
    return staff_client.post("/staff/search-terms", data={"csrf_token": _csrf(page.text), **form})


def _csrf(page: str) -> str:
    return page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


def test_a_manager_teaches_words_that_then_find_goods_and_leave_the_misses(
    app, terminal, staff_client
):
    assert found(terminal, "трубофон") == []
    answer = teach(staff_client, words="Трубофон", kind="category", choice="phones")
    assert answer.status_code == 303
    assert set(found(terminal, "трубофон")) == {"PHONE-1", "PHONE-2"}
    with app.app_context():
        assert get_session().scalars(select(SearchMiss)).all() == []
    page = staff_client.get(answer.headers["Location"]).text
    assert "трубофон" in page


def test_a_term_another_process_stored_works_at_the_next_search(app, terminal):
    assert found(terminal, "телик") == []  # this process has read the terms already
    with app.app_context():
        session = get_session()
        session.add(
            SearchTerm(kind="category", phrase="телик", meaning="tv", created_at=T0, created_by="x")
        )
        session.commit()
    assert found(terminal, "телик") == ["TV-1"]


def test_a_wrong_meaning_is_refused_with_a_message_and_nothing_stored(app, staff_client):
    answer = teach(staff_client, words="телик", kind="category", choice="no-such-thing")
    assert answer.status_code == 422
    assert "no-such-thing" in answer.text.split('data-testid="error">', 1)[1]
    with app.app_context():
        assert get_session().scalars(select(SearchTerm)).all() == []


def test_a_clerk_cannot_teach(app, staff_client):
    token = _csrf(staff_client.get("/staff/search-misses").text)  # the form, while a manager
    with app.app_context():
        session = get_session()
        session.scalar(
            select(StaffUser).where(StaffUser.username == "staff")
        ).role = StaffRole.CLERK
        session.commit()
    assert staff_client.get("/staff/search-misses").status_code == 403
    form = {"words": "телик", "kind": "category", "choice": "tv", "csrf_token": token}
    answer = staff_client.post("/staff/search-terms", data=form)
    assert answer.status_code == 403
    with app.app_context():
        assert get_session().scalars(select(SearchTerm)).all() == []
