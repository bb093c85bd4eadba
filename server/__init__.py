"""The central server: the only code that touches the database."""

from typing import Any

from flask import Flask

from common import assets, i18n, web_security
from server import api, db, media, pages, payments, screens, staff
from server.clock import SystemClock
from server.config import load_config


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(
        __name__,
        instance_relative_config=True,
        template_folder=str(assets.TEMPLATES),
        static_folder=str(assets.STATIC),
    )
    load_config(app, test_config)
    app.extensions["clock"] = app.config.get("CLOCK") or SystemClock()
    db.init_app(app)
    i18n.init_app(app)
    web_security.init_app(app)
    api.init_app(app)
    web_security.exempt(api.bp)
    media.init_app(app)
    app.register_blueprint(pages.bp)
    screens.init_app(app)
    staff.init_app(app)
    payments.init_app(app)

    app.context_processor(lambda: {"lang": i18n.current_language()})

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return app
