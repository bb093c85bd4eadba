"""GET /health: for a load balancer, systemd and whoever watches the chain; no token.

200 with {"status": "ok", "checks": {...}}, or 503 with "status": "failing" and the
same checks, the failing ones marked. Nothing secret: no URL, no host, no error text.
"""

from flask import Blueprint, current_app
from flask.typing import ResponseReturnValue

from common.health import Checks, answer
from server.clock import now
from server.db import get_session
from server.services.health import database_answers, worker_lag

bp = Blueprint("health", __name__)


@bp.get("/health")
def health() -> ResponseReturnValue:
    session = get_session()
    checks: Checks = {}
    if database_answers(session):
        checks["database"] = {"ok": True}
        limit = current_app.config["WORKER_LAG_LIMIT_MINUTES"]
        try:
            minutes = int(worker_lag(session, now=now()).total_seconds() // 60)
        except Exception:  # the database went away between the two checks
            session.rollback()
            checks["worker_lag"] = {"ok": False, "minutes": None, "limit_minutes": limit}
        else:
            ok = minutes < limit
            checks["worker_lag"] = {"ok": ok, "minutes": minutes, "limit_minutes": limit}
    else:
        checks["database"] = {"ok": False}
        checks["worker_lag"] = {"ok": False, "minutes": None}
    session.rollback()  # read only: end the transaction, hold no locks
    return answer(checks)
