"""The staff console's pages under /staff/: each module one Blueprint, registered here."""

from flask import Flask

from server.staff import (
    appeals,
    counts,
    customers,
    devices,
    orders,
    receiving,
    reviews,
    stock,
    stuck,
    transfers,
)


def init_app(app: Flask) -> None:
    for module in (
        customers,
        reviews,
        stock,
        receiving,
        counts,
        transfers,
        devices,
        orders,
        stuck,
        appeals,
    ):
        app.register_blueprint(module.bp)
