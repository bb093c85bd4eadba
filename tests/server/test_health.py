"""GET /health on the server, the terminal and the pickup station: 200 with the checks,
503 naming the failing ones; no token, and nothing secret in the answer."""

from common.api_client import ApiClient
from pickup import create_app as create_pickup
from server import create_app
from server.worker import run_once
from terminal import create_app as create_terminal
from tests.helpers import app_config
from tests.pickup.conftest import station_config

CASHIER_ORDER = {"store": "MSK-1", "lines": [{"sku": "TV-1", "qty": 1}], "payment": "cashier"}


def test_server_health_is_ok_without_a_token(client, world):
    answer = client.get("/health")
    assert answer.status_code == 200
    assert answer.json == {
        "status": "ok",
        "checks": {
            "database": {"ok": True},
            "worker_lag": {"ok": True, "minutes": 0, "limit_minutes": 10},
        },
    }


def test_work_left_undone_fails_the_worker_check_with_its_age(app, client, terminal, clock):
    assert terminal.post("/orders", CASHIER_ORDER).status_code == 201
    clock.advance(minutes=15 + 9)  # the unpaid hold ended 9 minutes ago: still within limit
    assert client.get("/health").status_code == 200
    clock.advance(minutes=3)
    answer = client.get("/health")
    assert answer.status_code == 503
    assert answer.json["failing"] == ["worker_lag"]
    assert answer.json["checks"]["worker_lag"] == {"ok": False, "minutes": 12, "limit_minutes": 10}
    assert answer.json["checks"]["database"] == {"ok": True}

    run_once(app, senders={})  # a worker catches up
    assert client.get("/health").status_code == 200


def test_a_database_that_does_not_answer_fails_health_and_says_nothing_more(tmp_path, clock):
    missing = tmp_path / "no-such-folder" / "cybermarket.db"
    url = f"sqlite:///{missing}"
    down = create_app(app_config(url, clock, tmp_path))
    answer = down.test_client().get("/health")
    assert answer.status_code == 503
    assert answer.json["status"] == "failing"
    assert answer.json["failing"] == ["database", "worker_lag"]
    assert str(tmp_path) not in answer.get_data(as_text=True)


def _terminal(world, wire, printer, card_reader, token: str | None = None):
    return create_terminal(
        {
            "TESTING": True,
            "SERVER_URL": "http://server.test",
            "API_CLIENT": ApiClient("http://server.test", token or world.tokens["terminal"], wire),
            "PRINTER_OBJECT": printer,
            "CARD_READER_OBJECT": card_reader,
        }
    ).test_client()


def test_terminal_health_checks_server_printer_and_scanner(world, wire, printer, card_reader):
    terminal = _terminal(world, wire, printer, card_reader)
    answer = terminal.get("/health")
    assert answer.status_code == 200
    assert answer.json["checks"] == {
        "server": {"ok": True, "state": "ok"},
        "printer": {"ok": True, "state": "ok"},
        "scanner": {"ok": True, "state": "none"},
    }
    printer.paper_low = True
    assert terminal.get("/health").json["checks"]["printer"] == {"ok": True, "state": "paper_low"}

    printer.fault = "paper_out"
    wire.down = True
    answer = terminal.get("/health")
    assert answer.status_code == 503
    assert answer.json["failing"] == ["printer", "server"]
    assert answer.json["checks"]["printer"] == {"ok": False, "state": "paper_out"}
    assert answer.json["checks"]["server"] == {"ok": False, "state": "unreachable"}
    assert "server.test" not in answer.get_data(as_text=True)


def test_terminal_health_says_when_the_server_refuses_its_key(world, wire, printer, card_reader):
    answer = _terminal(world, wire, printer, card_reader, "revoked-or-wrong").get("/health")
    assert answer.status_code == 503
    assert answer.json["checks"]["server"] == {"ok": False, "state": "refused"}


def test_pickup_health_fails_when_its_camera_gives_no_frames(world, wire, printer):
    station = create_pickup(station_config(world, wire, PRINTER_OBJECT=printer))
    assert station.test_client().get("/health").status_code == 200
    station.extensions["pickup"].camera_wanted = True  # configured, but it never started
    answer = station.test_client().get("/health")
    assert answer.status_code == 503
    assert answer.json["checks"]["scanner"] == {"ok": False, "state": "offline"}


def test_nothing_here_needs_a_token() -> None:
    """A device app answers /health before it has been given any key."""
    app = create_terminal(
        {"TESTING": True, "SERVER_URL": "http://127.0.0.1:9", "PRINTER": "dummy:"}
    )
    answer = app.test_client().get("/health")
    assert answer.status_code == 503
    assert answer.json["checks"]["server"]["ok"] is False


def test_worker_lag_reads_the_same_on_every_database(any_db_app):
    """The oldest due moment, compared with now, on SQLite and PostgreSQL alike."""
    from datetime import timedelta

    from server.db import get_session
    from server.models import Channel, Notification, OutboxStatus
    from server.services.health import worker_lag
    from tests.helpers import T0

    with any_db_app.app_context():
        session = get_session()
        assert worker_lag(session, now=T0) == timedelta(0)
        session.add(
            Notification(
                dedupe_key="late-1",
                kind="ready",
                channel=Channel.SMS,
                recipient="+79161234567",
                body="ready",
                status=OutboxStatus.PENDING,
                due_at=T0 - timedelta(minutes=30),
                created_at=T0 - timedelta(minutes=30),
            )
        )
        session.commit()
        assert worker_lag(session, now=T0) == timedelta(minutes=30)
        assert worker_lag(session, now=T0 - timedelta(minutes=40)) == timedelta(0)
