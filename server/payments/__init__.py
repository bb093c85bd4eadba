"""Online payments: the provider tells us by a signed webhook that an order is paid."""

from flask import Flask

from server.payments import provider, webhook


def init_app(app: Flask) -> None:
    provider.init_app(app)
    app.register_blueprint(webhook.bp)
    if app.config["DEMO"]:
        # The page that "pays" exists only in the demo: nothing of it is reachable elsewhere.
        from server.payments import fake_provider

        app.register_blueprint(fake_provider.bp)
