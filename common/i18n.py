"""Languages: Russian by default, English when asked (?lang=en, the session, Accept-Language)."""

from typing import cast

from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import Babel, get_locale

from common import assets

LANGUAGES = ("ru", "en")


def select_locale() -> str:
    if not has_request_context():
        return cast(str, current_app.config["BABEL_DEFAULT_LOCALE"])
    asked: str | None = (
        request.args.get("lang") or request.headers.get("X-Language") or session.get("lang")
    )
    if asked in LANGUAGES:
        return asked
    if current_app.config.get("KIOSK_LANGUAGE") or g.get("kiosk_language"):
        # A kiosk browser's own language says nothing about the shopper in front of it.
        return cast(str, current_app.config["BABEL_DEFAULT_LOCALE"])
    return request.accept_languages.best_match(LANGUAGES) or "ru"


def keep_language_choice() -> None:
    """Before each request to a page staff read (store screens, staff pages): speak the
    chain's language, whatever the browser's own, unless someone chose one with ?lang=,
    which the session then keeps for the following pages and the screen's own polls."""
    g.kiosk_language = True
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        session["lang"] = asked


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None and locale.language in LANGUAGES else "ru"


class Localized:
    """A value with a Russian and an English form, picked when the message is rendered."""

    def __init__(self, ru: str, en: str) -> None:
        self.ru = ru
        self.en = en

    def __str__(self) -> str:
        return self.en if current_language() == "en" else self.ru


def init_app(app: Flask) -> None:
    """Shared by the server and the device apps: one catalog for every screen."""
    Babel(
        app, locale_selector=select_locale, default_translation_directories=str(assets.TRANSLATIONS)
    )
