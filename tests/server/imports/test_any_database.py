"""The import and its job on SQLite and on PostgreSQL: applied once, the second time nothing."""

import time
from pathlib import Path

from sqlalchemy import func, select

from server.db import get_session
from server.imports import ImportRefused, import_catalog
from server.models import ImportJob, ImportKind, ImportState, PriceChange, StockMovement
from server.services.import_jobs import run_job
from tests.helpers import T0, build_world
from tests.server.imports.conftest import FILES

PAIR = [(FILES / "import.xml", "import.xml"), (FILES / "offers.xml", "offers.xml")]


def _history() -> tuple[int, int]:
    session = get_session()
    return (
        session.scalar(select(func.count(PriceChange.id))) or 0,
        session.scalar(select(func.count(StockMovement.id))) or 0,
    )


def test_the_pair_applies_once_and_a_job_records_its_progress(any_db_app, tmp_path: Path):
    with any_db_app.app_context():
        build_world(get_session())
        session = get_session()
        summary = import_catalog(session, PAIR)
        session.commit()
        assert summary["products_created"] == 2
        after_first = _history()
        assert after_first == (3, 3)
        upload = tmp_path / "offers.xml"
        upload.write_bytes((FILES / "offers.xml").read_bytes())
        job = ImportJob(
            kind=ImportKind.CATALOG,
            dry_run=False,
            file_names=["offers.xml"],
            paths=[str(upload)],
            state=ImportState.QUEUED,
            percent=0,
            problems=[],
            summary={},
            language="en",
            created_at=T0,
        )
        session.add(job)
        session.commit()
        job_id = job.id
    started = time.monotonic()
    run_job(any_db_app, job_id)
    assert time.monotonic() - started < 30
    with any_db_app.app_context():
        job = get_session().get(ImportJob, job_id)
        assert (job.state, job.percent, job.summary["prices_changed"]) == (ImportState.DONE, 100, 0)
        assert not upload.exists()  # the upload is gone once the job ends
        assert _history() == after_first


def test_a_refused_import_leaves_nothing_on_either_engine(any_db_app, tmp_path: Path):
    broken = tmp_path / "offers.xml"
    text = (FILES / "offers.xml").read_text("utf-8")
    broken.write_text(text.replace('КоличествоНаСкладе="3.000"', 'КоличествоНаСкладе="-3"'))
    with any_db_app.app_context():
        build_world(get_session())
        session = get_session()
        try:
            import_catalog(session, [PAIR[0], (broken, "offers.xml")])
        except ImportRefused as refused:
            assert len(refused.problems) == 1
            session.rollback()
        else:
            raise AssertionError("a negative quantity was accepted")
        assert _history() == (0, 0)
