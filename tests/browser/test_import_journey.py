"""A manager imports the catalog from 1C on the console page and watches it to the end,
served by two server processes: the job runs in one, the page's polls land on both."""

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.screen_checks import latin_words, overflowing
from tests.browser.shopper import screenshot
from tests.browser.staff_screens import sign_in

FILES = Path(__file__).resolve().parents[1] / "server" / "imports" / "files"
# The names of the formats and files, and the CSV's columns, as 1C and the README write them.
FORMAT_WORDS = {"CommerceML", "import", "offers", "xml", "CSV", "quantity", "bin"}


def check_screen(page: Page) -> None:
    assert latin_words(page, allowed=FORMAT_WORDS) == []
    assert overflowing(page) == []


@pytest.fixture(scope="module")
def server_options() -> dict[str, Any]:
    return {"workers": 2}


def test_a_manager_imports_the_pair_from_1c_and_sees_what_it_did(page: Page, server_url: str):
    sign_in(page, server_url)
    page.get_by_role("link", name="Импорт").click()
    expect(page.get_by_role("heading", name="Импорт")).to_be_visible()
    check_screen(page)
    page.get_by_test_id("import-files").set_input_files(
        [str(FILES / "import.xml"), str(FILES / "offers.xml")]
    )
    with page.expect_navigation():
        page.get_by_test_id("import-start").click()
    expect(page).to_have_url(re.compile(r"/staff/imports/\d+$"))
    expect(page.get_by_test_id("import-progress")).to_be_visible()
    job = page.get_by_test_id("import-job")
    expect(job).to_have_attribute("data-state", "done", timeout=30_000)
    expect(page.get_by_test_id("import-state")).to_have_text("Загружено")
    expect(page.get_by_test_id("import-percent")).to_have_text("100%")
    expect(page.get_by_test_id("import-summary")).to_contain_text("товаров создано")
    check_screen(page)
    screenshot(page, "staff-import-done")
