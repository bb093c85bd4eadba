"""Running `cybermarket import …` in-process against the test's database, and reading it back."""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from server.cli import main
from server.db import get_session
from server.models import PriceChange, Product, Stock, StockMovement

FILES = Path(__file__).parent / "files"


@dataclass
class Run:
    code: int
    lines: list[str]  # stdout: the summary, or one line per problem
    progress: str  # stderr


@pytest.fixture
def cli(sqlite_url: str, world) -> Callable[..., Run]:  # type: ignore[no-untyped-def]
    """`cybermarket ARGS...` on the world's database, in Russian unless --lang says otherwise."""

    def run(*args: str) -> Run:
        result = CliRunner().invoke(
            main, list(args), env={"DATABASE_URL": sqlite_url, "CYBERMARKET_DEMO": "1"}
        )
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        lines = [ln for ln in result.stdout.splitlines() if ln and not ln.startswith("Demo mode")]
        return Run(result.exit_code, lines, result.stderr)

    return run


def snapshot(app) -> dict:  # type: ignore[no-untyped-def]
    """What an import may change: products, prices and their history, stock and its history."""
    with app.app_context():
        session = get_session()
        return {
            "products": sorted(
                session.execute(
                    select(Product.sku, Product.name_ru, Product.price_minor, Product.active)
                ).all()
            ),
            "price_changes": session.scalar(select(func.count(PriceChange.id))),
            "stock": sorted(
                session.execute(
                    select(Stock.store_id, Stock.product_id, Stock.on_hand, Stock.bin_location)
                ).all()
            ),
            "movements": session.scalar(select(func.count(StockMovement.id))),
        }


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path
