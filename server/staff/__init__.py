"""The staff console's pages under /staff/: each module one Blueprint, registered here."""

from flask import Flask

from server.staff import (
    counts,
    customers,
    devices,
    receiving,
    repairs,
    reviews,
    stock,
    transfers,
)


def init_app(app: Flask) -> None:
    for module in (customers, reviews, stock, receiving, counts, transfers, devices, repairs):
        app.register_blueprint(module.bp)
