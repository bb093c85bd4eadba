"""The staff console's pages under /staff (manager and admin work: imports, ...)."""

from flask import Flask

from server.staff import imports


def init_app(app: Flask) -> None:
    for module in (imports,):
        app.register_blueprint(module.bp)
