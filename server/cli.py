"""The `cybermarket` command: database, demo data, server, worker and device registration."""

from pathlib import Path
from typing import Any

import click
from flask import Flask

from common import logs
from server import create_app
from server.clock import now
from server.config import ConfigError
from server.db import get_session
from server.errors import DomainError
from server.models import DeviceKind


def _app(**overrides: Any) -> Flask:
    """The server app, or one line on what to configure (no traceback) and exit code 1."""
    try:
        app = create_app(overrides or None)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    if app.config["DEMO"]:
        click.echo("Demo mode: demo secrets and the fake payment provider; not for a real store.")
    return app


def _fail(exc: DomainError) -> None:
    raise click.ClickException(str(exc.message))


@click.group()
def main() -> None:
    """Cybermarket: central server, worker and store devices."""


@main.group()
def db() -> None:
    """Database schema."""


@db.command("upgrade")
@click.option("--revision", default="head", show_default=True)
def db_upgrade(revision: str) -> None:
    """Bring the database schema up to date (Alembic)."""
    from server.migrate import upgrade

    app = _app()
    upgrade(app.config["DATABASE_URL"], revision)
    click.echo(f"Database is at revision {revision}.")


@db.command("backup")
@click.argument("target", type=click.Path(dir_okay=False, path_type=Path))
def db_backup(target: Path) -> None:
    """Write a snapshot of the database to TARGET (pg_dump, or SQLite's backup API)."""
    from server.backup import BackupError, backup

    try:
        backup(_app().config["DATABASE_URL"], target)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Backed up to {target}.")


@db.command("restore")
@click.argument("source", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask before replacing the database.")
def db_restore(source: Path, yes: bool) -> None:
    """Replace the database's contents with the snapshot in SOURCE."""
    from server.backup import BackupError, restore

    if not yes:
        click.confirm("Replace everything in the database with this backup?", abort=True)
    try:
        restore(_app().config["DATABASE_URL"], source)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Restored from {source}.")


@main.command("demo-data")
def demo_data() -> None:
    """Fill an empty database with the demo chain: stores, catalog, stock, devices."""
    from server.demo import load_demo_data
    from server.migrate import upgrade

    # Demo data is demo mode by definition (a known admin password, the fake provider).
    app = _app(DEMO=True)
    upgrade(app.config["DATABASE_URL"])  # a fresh database gets its tables first
    with app.app_context():
        session = get_session()
        summary = load_demo_data(session, app.config["MEDIA_DIR"], now=now(), echo=click.echo)
        session.commit()
    click.echo(summary)


@main.group()
def search() -> None:
    """The product search index."""


@search.command("rebuild")
def search_rebuild() -> None:
    """Index every product again (after a bulk change made outside the server)."""
    from server.search.sync import rebuild_index

    app = _app()
    with app.app_context():
        session = get_session()
        count = rebuild_index(session)
        session.commit()
    click.echo(f"Indexed {count} products.")


@search.command("together")
def search_together() -> None:
    """Count the goods bought together in paid orders now (the worker does it hourly)."""
    from server.services.together import recount_bought_together

    app = _app()
    with app.app_context():
        session = get_session()
        count = recount_bought_together(session, now=now())
        session.commit()
    click.echo(f"Kept {count} pairs of goods bought together.")


@main.command()
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--workers", default=2, show_default=True, type=int, help="Server processes.")
@click.option("--threads", default=8, show_default=True, type=int, help="Threads per process.")
def serve(port: int, host: str, workers: int, threads: int) -> None:
    """Run the central server (gunicorn: several processes, several threads each)."""
    from server.wsgi_server import run

    # Check the configuration here: inside gunicorn's workers a refusal would be a traceback.
    _app().extensions["db"].engine.dispose()
    logs.configure("server")
    # Our own line per request (with device and order) replaces gunicorn's access log.
    run(create_app, host=host, port=port, workers=workers, threads=threads, access_log=False)


@main.command()
@click.option("--port", default=5001, show_default=True, type=int)
@click.option("--host", default="127.0.0.1", show_default=True)
def terminal(port: int, host: str) -> None:
    """Run the terminal app; see CYBERMARKET_SERVER_URL, _DEVICE_TOKEN, _PRINTER."""
    from server.wsgi_server import run
    from terminal import create_app as create_terminal

    logs.configure("terminal")
    # One process: the terminal serves one touchscreen and keeps its checkout in memory.
    run(create_terminal, host=host, port=port, workers=1, threads=8, access_log=False)


@main.command()
@click.option("--port", default=5002, show_default=True, type=int)
@click.option("--host", default="127.0.0.1", show_default=True)
def pickup(port: int, host: str) -> None:
    """Run the pickup-station app (window or cashier); see CYBERMARKET_CAMERA, _STATION_MODE."""
    from pickup import create_app as create_pickup
    from server.wsgi_server import run

    logs.configure("pickup")
    # One process: the camera loop and the latest scans live in this process's memory.
    run(create_pickup, host=host, port=port, workers=1, threads=8, access_log=False)


@main.command()
@click.option("--once", is_flag=True, help="Do the due work once and exit.")
def worker(once: bool) -> None:
    """Timed work: expire unpaid reservations and uncollected holds."""
    from server.worker import run_worker

    logs.configure("worker")
    run_worker(_app(), once=once, echo=click.echo)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
def decode(files: tuple[str, ...]) -> None:
    """Read pickup codes from image files (a camera snapshot, a photo of a receipt).

    One line per file: the file name, a tab, and the code read (empty when none).
    """
    from hardware.scanning.decode import decode_image_file

    for name in files:
        click.echo(f"{name}\t{decode_image_file(name) or ''}")


@main.group("import")
def import_group() -> None:
    """Bring the catalog and stock in from the accounting system (1C) or CSV."""


_LANG = click.option(
    "--lang",
    type=click.Choice(["ru", "en"]),
    default=None,
    help="Language of the messages (default: CYBERMARKET_BABEL_DEFAULT_LOCALE, else ru).",
)
_DRY_RUN = click.option("--dry-run", is_flag=True, help="Check and count, change nothing.")


@import_group.command("catalog")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@_DRY_RUN
@_LANG
def import_catalog_command(files: tuple[str, ...], dry_run: bool, lang: str | None) -> None:
    """Goods, categories and prices: CommerceML 2 (import.xml, offers.xml) or CSV.

    All or nothing: exit 0 when applied; exit 1 with one line per bad row or element.
    """
    from server.imports import import_catalog

    _run_import(
        lang,
        dry_run,
        lambda session, progress: import_catalog(
            session, [(Path(f), Path(f).name) for f in files], progress=progress
        ),
    )


@import_group.command("stock")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--store", "store_code", required=True, help="The store's code, e.g. MSK-TVER.")
@_DRY_RUN
@_LANG
def import_stock_command(file: str, store_code: str, dry_run: bool, lang: str | None) -> None:
    """Quantities on hand in one store from a CSV with the header sku,quantity,bin."""
    from server.imports import import_stock

    _run_import(
        lang,
        dry_run,
        lambda session, progress: import_stock(
            session, (Path(file), Path(file).name), store_code=store_code, progress=progress
        ),
    )


def _run_import(lang: str | None, dry_run: bool, work: Any) -> None:
    from flask_babel import force_locale
    from flask_babel import gettext as _

    from server.imports import ImportRefused
    from server.imports.run import SUMMARY_LABELS

    app = _app(**({"BABEL_DEFAULT_LOCALE": lang} if lang else {}))
    with app.app_context(), force_locale(app.config["BABEL_DEFAULT_LOCALE"]):
        session = get_session()
        try:
            summary = work(session, _terminal_progress())
        except ImportRefused as refused:
            session.rollback()
            click.echo("", err=True)
            for line in refused.lines():
                click.echo(line)
            raise SystemExit(1) from None
        click.echo("", err=True)
        if dry_run:
            session.rollback()
        else:
            session.commit()
        for key, count in summary.items():
            click.echo(f"{SUMMARY_LABELS[key]}: {count}")
        if dry_run:
            click.echo(_("Dry run: nothing was changed."))
        else:
            click.echo(_("Import applied."))


def _terminal_progress() -> Any:
    """Percentages on one line of stderr (a file that is read twice: checked, then applied)."""
    from flask_babel import gettext as _

    names = {"checking": _("checking"), "applying": _("applying")}

    def report(phase: str, percent: int) -> None:
        click.echo(f"\r{names[phase]}: {percent}%", nl=False, err=True)

    return report


@main.group()
def device() -> None:
    """Register and revoke store devices."""


@device.command("add")
@click.option("--store", "store_code", default=None, help="Store code (not for kind 'shop').")
@click.option("--kind", type=click.Choice([k.value for k in DeviceKind]), required=True)
@click.option("--name", required=True)
@click.option(
    "--window",
    type=click.IntRange(1, 99),
    default=None,
    help="Pickup devices: the number of the window this station serves.",
)
def device_add(store_code: str | None, kind: str, name: str, window: int | None) -> None:
    """Register a device; its token is printed once, alone on the last line."""
    from server.services.devices import register_device
    from server.services.orders import find_store

    app = _app()
    with app.app_context():
        session = get_session()
        try:
            store = find_store(session, store_code) if store_code else None
            device, token = register_device(
                session, name=name, kind=DeviceKind(kind), store=store, now=now(), window=window
            )
        except DomainError as exc:
            _fail(exc)
        session.commit()
        click.echo(f"Device {device.name} ({device.kind.value}) registered. Its token:")
        click.echo(token)


@device.command("revoke")
@click.argument("name")
def device_revoke(name: str) -> None:
    """Revoke a device: its token is refused from now on."""
    from server.services.devices import revoke_device

    app = _app()
    with app.app_context():
        session = get_session()
        try:
            revoke_device(session, name=name, now=now())
        except DomainError as exc:
            _fail(exc)
        session.commit()
        click.echo(f"Device {name} is revoked.")


def run(*args: Any) -> None:
    main(args=list(args), standalone_mode=False)
