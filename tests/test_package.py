"""The wheel is a working system: built from this tree, installed in a fresh virtualenv,
its server migrates a database and draws its sign-in page, and its terminal shows a
shopper the catalog in Russian, from the wheel's own templates, styles and catalogs.

Slow (a minute or two: the build and pip install, from pip's cache where it can);
it needs what scripts/setup.sh needs, the package index or pip's cache.
"""

import os
import secrets
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

from server import create_app
from server.clock import FrozenClock
from server.db import get_session
from tests.helpers import T0, app_config, build_world
from tests.live import free_port

ROOT = Path(__file__).resolve().parents[1]
NOT_SOURCE = shutil.ignore_patterns(
    ".venv", ".git", "build", "dist", "instance", "artifacts", "__pycache__", "*.egg-info", "*.mo"
)


def run(*command: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, f"{command}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtualenv with the wheel and its [device] extra; returns its bin folder."""
    work = tmp_path_factory.mktemp("package")
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)  # the build leaves nothing in the tree
    # Built with this environment's setuptools and Babel (the [dev] extra has them): an isolated
    # build would install both again first, every run.
    build = [sys.executable, "-m", "build", "--wheel", "--no-isolation"]
    run(*build, "--outdir", work / "dist", source, cwd=work)
    (wheel,) = (work / "dist").glob("cybermarket-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for wanted in ("/templates/terminal/", "/static/", "/translations/ru/LC_MESSAGES/messages.mo"):
        assert any(wanted in name for name in names), f"the wheel has no {wanted}"
    run(sys.executable, "-m", "venv", work / "venv", cwd=work)
    # Without byte-compiling every dependency's modules: they run as well from source.
    pip = [work / "venv/bin/python", "-m", "pip", "install", "-q", "--no-compile"]
    pip += ["--disable-pip-version-check"]
    run(*pip, f"{wheel}[device]", cwd=work)
    return work / "venv/bin"


@contextmanager
def started(
    command: list[str | Path], cwd: Path, env: dict[str, str], probe: str
) -> Iterator[None]:
    """A program of the installed package, running until the block ends; probe answers 200."""
    log = cwd / f"{Path(command[0]).name}-{command[1]}.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [str(part) for part in command], cwd=cwd, env=env, stdout=out, stderr=out
        )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()
            try:
                if requests.get(probe, timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, f"{command[1]} did not start:\n{log.read_text()}"
            time.sleep(0.2)
        yield
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_installed_wheel_runs_the_server_and_a_russian_terminal(installed: Path, tmp_path: Path):
    # Run from a folder outside the source tree, so only the installed package is importable.
    database = f"sqlite:///{tmp_path / 'shop.db'}"
    env = {
        "PATH": f"{installed}:/usr/bin:/bin",
        "HOME": str(tmp_path),
        "DATABASE_URL": database,
        "CYBERMARKET_MEDIA_DIR": str(tmp_path / "media"),
        # As in production: its own secrets, no demo mode.
        "CYBERMARKET_SECRET_KEY": secrets.token_urlsafe(32),
        "CYBERMARKET_PAYMENT_WEBHOOK_SECRET": secrets.token_urlsafe(32),
    }
    run(installed / "cybermarket", "db", "upgrade", cwd=tmp_path, env=env)
    app = create_app(app_config(database, FrozenClock(T0), tmp_path))
    with app.app_context():  # a store, products and devices, in the installed schema
        token = build_world(get_session()).tokens["terminal"]
    app.extensions["db"].engine.dispose()

    server = f"http://127.0.0.1:{free_port()}"
    serve = [installed / "cybermarket", "serve", "--port", server.rsplit(":", 1)[1]]
    with started([*serve, "--workers", "1"], tmp_path, env, f"{server}/health"):
        login = requests.get(f"{server}/staff/login", timeout=10)
        assert login.status_code == 200 and "Войти" in login.text, login.text[:500]

        terminal = f"http://127.0.0.1:{free_port()}"
        device_env = {
            **env,
            "CYBERMARKET_SERVER_URL": server,
            "CYBERMARKET_DEVICE_TOKEN": token,
            "CYBERMARKET_PRINTER": "dummy:",
        }
        command = [installed / "cybermarket", "terminal", "--port", terminal.rsplit(":", 1)[1]]
        with started(command, tmp_path, device_env, f"{terminal}/catalog?lang=ru"):
            catalog = requests.get(f"{terminal}/catalog", params={"lang": "ru"}, timeout=10)
            assert 'lang="ru"' in catalog.text and "Смартфоны" in catalog.text
            assert "Каталог" in catalog.text, catalog.text[:1500]
            english = requests.get(f"{terminal}/catalog", params={"lang": "en"}, timeout=10)
            assert 'lang="en"' in english.text and "Catalog" in english.text
            styles = [line for line in catalog.text.splitlines() if "/static/" in line]
            assert styles, "the page links no static file"
            href = styles[0].split("/static/", 1)[1].split('"', 1)[0]
            assert requests.get(f"{terminal}/static/{href}", timeout=10).status_code == 200


DEVICE_ONLY = ["cv2", "numpy", "pyzbar", "zxingcpp", "escpos", "usb", "serial", "qrcode", "barcode"]
WITHOUT_DEVICE_LIBRARIES = f"""
import sys
for name in {DEVICE_ONLY!r}:
    sys.modules[name] = None  # importing it now raises ImportError, as on a bare server
from server import create_app
from server import cli, worker  # noqa: F401
app = create_app({{"TESTING": True, "DATABASE_URL": "sqlite://"}})
client = app.test_client()
assert client.get("/staff/login").status_code == 200
assert client.get("/api/v1/openapi.json").status_code == 200
print("ok")
"""


def test_the_server_runs_without_the_device_extra(tmp_path: Path):
    # `pip install .` leaves out OpenCV, zbar and the printer drivers: nothing the central
    # server does may import them.
    command = [sys.executable, "-c", WITHOUT_DEVICE_LIBRARIES]
    assert run(*command, cwd=ROOT, env={**os.environ, "HOME": str(tmp_path)}).strip() == "ok"
