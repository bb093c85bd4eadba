"""Staff pages under /staff/ (each module a Blueprint with url_prefix="/staff")."""

from flask import Flask

from server.staff import search_terms


def init_app(app: Flask) -> None:
    for module in (search_terms,):
        app.register_blueprint(module.bp)
