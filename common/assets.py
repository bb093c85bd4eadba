"""Where the apps' files other than Python live: one place, so moving them is one edit.

The templates, static files and translations are shared by the server and both device apps.
They sit inside a package so that a wheel carries them (see package-data in pyproject.toml
and the compiled catalogs in setup.py); tests/test_package.py installs a wheel to prove it.
"""

from pathlib import Path

WEB = Path(__file__).resolve().parent / "web"
TEMPLATES = WEB / "templates"
STATIC = WEB / "static"
TRANSLATIONS = WEB / "translations"
