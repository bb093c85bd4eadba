"""One build step beyond pyproject.toml: compile the translation catalogs into the wheel.

The .mo files are not kept in git (they are made from the .po files); without this step an
installed terminal would answer lang="ru" in English. Everything else is in pyproject.toml.
"""

import runpy
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def compile_catalogs(translations: Path) -> None:
    for po in sorted(translations.glob("*/LC_MESSAGES/*.po")):
        with po.open("rb") as source:
            catalog = read_po(source, locale=po.parent.parent.name)
        with po.with_suffix(".mo").open("wb") as target:
            write_mo(target, catalog)


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        # The catalogs sit where common/assets.py says (read without importing the package);
        # compiled there, package-data picks the .mo files up next to the .po files.
        compile_catalogs(runpy.run_path(str(HERE / "common" / "assets.py"))["TRANSLATIONS"])
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogs})
