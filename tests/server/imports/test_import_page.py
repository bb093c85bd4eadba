"""The console's import page: managers only, CSRF, upload → job → progress → result."""

import io
import time

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select

from server.db import get_session
from server.models import ImportJob
from tests.helpers import STAFF_PASSWORD
from tests.server.imports.conftest import FILES, snapshot
from tests.server.imports.test_commerceml import BILLION_LAUGHS


@pytest.fixture
def signed_in(app, world):  # type: ignore[no-untyped-def]
    """A browser signed in as a member of the given role."""

    # The world has a manager and a picker (tests/helpers.py build_world).
    def browser(role: str) -> FlaskClient:
        client = app.test_client()
        answer = client.post("/staff/login", data={"username": role, "password": STAFF_PASSWORD})
        assert answer.status_code == 302
        return client

    return browser


def _upload(browser: FlaskClient, names: list[str], **form: str):  # type: ignore[no-untyped-def]
    files = [(io.BytesIO((FILES / n).read_bytes()), n) for n in names]
    return browser.post("/staff/imports", data={**form, "files": files})


def _finished(browser: FlaskClient, location: str) -> str:
    """Poll the job's progress as the page's htmx does, until it ends."""
    for _ in range(300):
        answer = browser.get(f"{location}/progress", headers={"HX-Request": "true"})
        assert answer.status_code == 200
        html = answer.get_data(as_text=True)
        if 'data-state="done"' in html or 'data-state="failed"' in html:
            assert "hx-trigger" not in html  # a finished job stops polling
            return html
        assert 'hx-trigger="every 1s"' in html
        time.sleep(0.1)
    raise AssertionError("the import did not finish")


def test_only_managers_and_admins_open_the_import_page(app, signed_in):
    anonymous = app.test_client()
    assert anonymous.get("/staff/imports").status_code == 302
    assert _upload(anonymous, ["import.xml"], kind="catalog").status_code == 302
    picker = signed_in("picker")
    assert picker.get("/staff/imports").status_code == 403
    assert picker.get("/staff/imports/1").status_code == 403
    assert _upload(picker, ["import.xml"], kind="catalog").status_code == 403
    assert signed_in("manager").get("/staff/imports").status_code == 200
    with app.app_context():
        assert get_session().scalar(select(func.count(ImportJob.id))) == 0


def test_an_upload_without_the_pages_token_is_refused(app, signed_in):
    manager = signed_in("manager")
    manager.send_token = False  # a page on another site posting into this browser's session
    assert _upload(manager, ["import.xml"], kind="catalog").status_code == 400
    with app.app_context():
        assert get_session().scalar(select(func.count(ImportJob.id))) == 0


def test_a_manager_uploads_the_pair_watches_it_and_reads_what_it_did(app, signed_in):
    manager = signed_in("manager")
    answer = _upload(manager, ["import.xml", "offers.xml"], kind="catalog")
    assert answer.status_code == 303
    page = manager.get(answer.location).get_data(as_text=True)
    assert 'data-testid="import-progress"' in page
    html = _finished(manager, answer.location)
    assert "Загружено" in html
    assert 'товаров создано</td><td class="num">2' in html
    with app.app_context():
        job = get_session().scalars(select(ImportJob)).one()
        assert (job.percent, job.summary["stock_changed"]) == (100, 3)
        assert job.file_names == ["import.xml", "offers.xml"]


def test_a_dry_run_from_the_page_changes_nothing(app, signed_in):
    manager = signed_in("manager")
    before = snapshot(app)
    answer = _upload(manager, ["stock.csv"], kind="stock", store="MSK-1", dry_run="1")
    html = _finished(manager, answer.location)
    assert "Проверено: ничего не изменено" in html
    assert 'остатков изменено</td><td class="num">2' in html
    assert snapshot(app) == before


def test_hostile_xml_from_the_page_ends_in_a_listed_problem_not_an_error(app, signed_in):
    manager = signed_in("manager")
    before = snapshot(app)
    bomb = (io.BytesIO(BILLION_LAUGHS.encode()), "import.xml")
    answer = manager.post("/staff/imports", data={"kind": "catalog", "files": [bomb]})
    html = _finished(manager, answer.location)
    assert "Отклонено: ничего не изменено" in html
    assert 'data-testid="import-problem"' in html and "отклонено ради безопасности" in html
    assert snapshot(app) == before


def test_a_bad_upload_is_refused_on_the_form(app, signed_in):
    manager = signed_in("manager")
    answer = manager.post("/staff/imports", data={"kind": "catalog"})
    assert answer.status_code == 422
    assert "Выберите файл для загрузки." in answer.get_data(as_text=True)
    answer = _upload(manager, ["stock.csv"], kind="stock", store="OUT-1")
    assert answer.status_code == 422
    assert "Выберите магазин, чьи это остатки." in answer.get_data(as_text=True)
    exe = (io.BytesIO(b"MZ"), "run.exe")
    answer = manager.post("/staff/imports", data={"kind": "catalog", "files": [exe]})
    assert answer.status_code == 422
    assert manager.get("/staff/imports/999").status_code == 404
