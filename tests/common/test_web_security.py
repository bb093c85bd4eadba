"""The shared shell of the three apps: a field that cannot be read, and paths no page has."""

import pytest
from flask import Flask, request

from common import form_values
from terminal import create_app as create_terminal


@pytest.fixture
def shell() -> Flask:
    """A device app with one more route that reads a quantity, as screens do."""
    app = create_terminal({"TESTING": True, "PRINTER": "dummy:"})

    @app.post("/test/quantity/<int:item_id>/<name>")
    def read_quantity(item_id: int, name: str) -> str:
        return str(form_values.quantity(request.form.get("qty")))

    return app


def test_a_field_that_cannot_be_read_is_a_400_with_a_sentence(shell: Flask):
    browser = shell.test_client()
    answer = browser.post("/test/quantity/1/x?lang=en", data={"qty": "²"})
    assert answer.status_code == 400
    assert "Choose a quantity from 1 to 99." in answer.get_data(as_text=True)
    assert browser.post("/test/quantity/1/x", data={"qty": "3"}).get_data(as_text=True) == "3"


def test_htmx_gets_the_sentence_alone_to_swap_in(shell: Flask):
    answer = shell.test_client().post(
        "/test/quantity/1/x?lang=en", data={"qty": "-1"}, headers={"HX-Request": "true"}
    )
    assert answer.status_code == 400
    swapped = answer.get_data(as_text=True)
    assert "Choose a quantity from 1 to 99." in swapped
    assert "<html" not in swapped.lower()  # a partial for htmx to swap in, not a page


@pytest.mark.parametrize(
    "path",
    [
        f"/test/quantity/{2**31}/x",  # beyond PostgreSQL's integer
        "/test/quantity/1/a%00b",  # NUL: PostgreSQL refuses it in text
        "/test/quantity/1/" + "9" * 10_240,
    ],
)
def test_a_path_no_page_can_have_is_not_found(shell: Flask, path: str):
    assert shell.test_client().post(path, data={"qty": "1"}).status_code == 404


def test_device_apps_sign_their_sessions_with_a_key_nobody_knows():
    from pickup import create_app as create_pickup

    made = [
        create_terminal({"TESTING": True, "PRINTER": "dummy:"}),
        create_terminal({"TESTING": True, "PRINTER": "dummy:"}),
        create_pickup({"TESTING": True, "PRINTER": "dummy:", "CAMERA": "none"}),
    ]
    keys = [app.config["SECRET_KEY"] for app in made]
    assert len(set(keys)) == 3 and all(len(key) >= 32 for key in keys)
    assert not {"terminal-demo-secret-change-me", "pickup-demo-secret-change-me"} & set(keys)
