"""A 50 MB CommerceML import: time per phase and the process's peak memory.

    nice .venv/bin/python tests/perf/bench_import.py [--mb 50] [--engine postgresql]

Writes import.xml of about --mb megabytes (goods with 1 KB descriptions, as 1C writes
them) and its offers.xml (a retail price and MSK-1's quantity for each good) into a
temporary folder, then runs `import catalog` on an empty database with one store: once
as a dry run, once for real, once again (which must change nothing). Prints the sizes,
the seconds of each run, the peak resident memory of the process (getrusage) and what
each run counted. Memory that followed the file would show here as hundreds of MB.
Prints figures; asserts nothing.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("CYBERMARKET_DEMO", "1")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from server import create_app  # noqa: E402
from server.db import get_session  # noqa: E402
from server.imports import import_catalog  # noqa: E402
from server.migrate import upgrade  # noqa: E402
from tests import databases  # noqa: E402
from tests.helpers import make_store  # noqa: E402
from tests.server.imports.generate import write_catalog  # noqa: E402

GOOD_BYTES = 2_250  # one generated good with a 1 000-character Russian description


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        goods = int(args.mb * 2**20 / GOOD_BYTES)
        import_xml, offers_xml = write_catalog(folder, goods=goods, description_chars=1000)
        mb = [p.stat().st_size / 2**20 for p in (import_xml, offers_xml)]
        sizes = f"{mb[0]:.1f} MB + {mb[1]:.1f} MB"
        print(f"files: {goods} goods, {sizes}, written in {time.perf_counter() - start:.1f} s")
        if args.engine == "postgresql":
            base = databases.postgres_url()
            assert base, "PostgreSQL does not answer"
            context = databases.fresh_postgres(base)
            url = context.__enter__()
            upgrade(url)
        else:
            url = f"sqlite:///{folder / 'bench.db'}"
            upgrade(url)
        app = create_app({"DATABASE_URL": url, "TESTING": True})
        with app.app_context():
            make_store(get_session(), "MSK-1", "A")
            get_session().commit()
        print(f"peak memory before importing: {peak_mb():.0f} MB")
        files = [(import_xml, "import.xml"), (offers_xml, "offers.xml")]
        for label, dry in (("dry run", True), ("import", False), ("again", False)):
            with app.app_context():
                session = get_session()
                start = time.perf_counter()
                summary = import_catalog(session, files)
                if dry:
                    session.rollback()
                else:
                    session.commit()
                took = time.perf_counter() - start
            print(f"{label}: {took:.1f} s, peak memory {peak_mb():.0f} MB, {summary}")
        app.extensions["db"].engine.dispose()


if __name__ == "__main__":
    main()
