"""The central server: the only code that touches the database."""

from typing import Any

from flask import Flask

from server import api, db, i18n, media
from server.clock import SystemClock
from server.config import load_config


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=True)
    load_config(app, test_config)
    app.extensions["clock"] = app.config.get("CLOCK") or SystemClock()
    db.init_app(app)
    i18n.init_app(app)
    api.init_app(app)
    media.init_app(app)

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return app
