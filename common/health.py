"""GET /health, the same shape on the server and on both device apps, for systemd and
whoever watches the chain: no token, and nothing secret (no URL, host or error text).

200 {"status": "ok", "checks": {name: {"ok": true, ...}}}, or 503 with "status":
"failing", the names of the failing checks in "failing", and all the checks.
"""

from typing import Any

from flask.typing import ResponseReturnValue

Checks = dict[str, dict[str, Any]]


def answer(checks: Checks) -> ResponseReturnValue:
    failing = sorted(name for name, check in checks.items() if not check["ok"])
    if failing:
        return {"status": "failing", "failing": failing, "checks": checks}, 503
    return {"status": "ok", "checks": checks}, 200
