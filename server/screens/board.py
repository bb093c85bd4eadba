"""The ready board in the hall: polled every second, answered 204 while nothing changed.

The version is computed from the database, so every server process gives the same
answer and a change made through any of them reaches the board within a poll.
"""

from flask import Blueprint, g, render_template, request
from flask.typing import ResponseReturnValue

from common.i18n import keep_language_choice
from server.db import get_session
from server.models import DeviceKind
from server.screens.access import screen_device
from server.services.board import board_state

bp = Blueprint("board", __name__)
bp.before_request(keep_language_choice)


@bp.get("/board")
@screen_device(DeviceKind.BOARD, DeviceKind.WAREHOUSE)
def board() -> ResponseReturnValue:
    state = board_state(get_session(), g.device.store_id)
    return render_template("server/board.html", state=state, store=g.device.store)


@bp.get("/board/items")
@screen_device(DeviceKind.BOARD, DeviceKind.WAREHOUSE)
def board_items() -> ResponseReturnValue:
    state = board_state(get_session(), g.device.store_id)
    if request.args.get("v") == state.version:
        return "", 204
    return render_template("server/_board_items.html", state=state)
