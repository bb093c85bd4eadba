"""Staff console pages under /staff: customers and their cards, the review moderation queue."""

from flask import Flask

from server.staff import customers, reviews


def init_app(app: Flask) -> None:
    for module in (customers, reviews):
        app.register_blueprint(module.bp)
