"""Store screens rendered by the server: the warehouse picking screen and the ready board."""

from flask import Flask

from server.screens import access, board, warehouse


def init_app(app: Flask) -> None:
    for module in (access, warehouse, board):
        app.register_blueprint(module.bp)
