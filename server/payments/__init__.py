"""Online payments: the provider tells us by a signed webhook that an order is paid."""

from flask import Flask

from common import web_security
from server.payments import provider, webhook


def init_app(app: Flask) -> None:
    provider.init_app(app)
    app.register_blueprint(webhook.bp)
    web_security.exempt(webhook.bp)  # the provider signs its calls; it has no page to post from
    if app.config["DEMO"]:
        # The page that "pays" exists only in the demo: nothing of it is reachable elsewhere.
        from server.payments import fake_provider

        app.register_blueprint(fake_provider.bp)
