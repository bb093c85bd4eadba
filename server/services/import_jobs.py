"""Imports started from the console: the upload waits on disk, a thread runs it, the row tells.

The job runs in a thread of the server process that took the upload (the file is on its
disk); its state and percentage are written to the import_jobs row, so any server
process can show them. The work itself goes through the same `server.imports` service as
`cybermarket import`, in its own session and transaction.
"""

import logging
import threading
import time
import uuid
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from flask import Flask
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage

from server.clock import now
from server.db import database
from server.errors import DomainError, ErrorCode
from server.imports import ImportRefused, Problem, import_catalog, import_stock
from server.models import ImportJob, ImportKind, ImportState, Store, StoreKind

log = logging.getLogger(__name__)
SUFFIXES = {".xml", ".csv"}
MAX_FILES = 4
PROGRESS_EVERY_SECONDS = 0.5


def create_job(
    session: Session,
    *,
    kind: ImportKind,
    uploads: Sequence[FileStorage],
    store_code: str | None,
    dry_run: bool,
    staff_id: int,
    language: str,
    folder: Path,
) -> ImportJob:
    """Save the uploaded files and record a queued job.

    Raises `validation_error` (no file, too many, not .xml/.csv, stock without a store)
    and `unknown_store` (no such cybermarket).
    """
    files = [u for u in uploads if u.filename]
    if not files:
        raise DomainError(ErrorCode.VALIDATION_ERROR, _("Choose a file to import."))
    if len(files) > MAX_FILES or (kind is ImportKind.STOCK and len(files) > 1):
        raise DomainError(ErrorCode.VALIDATION_ERROR, _("Too many files for one import."))
    names = [Path(u.filename or "").name[:120] for u in files]
    if any(Path(n).suffix.lower() not in SUFFIXES for n in names):
        raise DomainError(
            ErrorCode.VALIDATION_ERROR, _("Only .xml (CommerceML) and .csv files can be imported.")
        )
    if kind is ImportKind.STOCK:
        store = session.scalars(select(Store).where(Store.code == (store_code or ""))).first()
        if store is None or store.kind is not StoreKind.CYBERMARKET:
            raise DomainError(ErrorCode.UNKNOWN_STORE, _("Choose the store whose stock this is."))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, upload in zip(names, files, strict=True):
        path = folder / f"{uuid.uuid4().hex}{Path(name).suffix.lower()}"
        upload.save(path)
        paths.append(str(path))
    job = ImportJob(
        kind=kind,
        store_code=store_code if kind is ImportKind.STOCK else None,
        dry_run=dry_run,
        file_names=names,
        paths=paths,
        state=ImportState.QUEUED,
        percent=0,
        problems=[],
        summary={},
        language=language,
        staff_id=staff_id,
        created_at=now(),
    )
    session.add(job)
    session.flush()
    return job


def start_job(app: Flask, job_id: int) -> None:
    """Run the job in a thread of this process (after the request committed it)."""
    threading.Thread(
        target=run_job, args=(app, job_id), daemon=True, name=f"import-{job_id}"
    ).start()


def run_job(app: Flask, job_id: int) -> None:
    with app.app_context():
        db = database(app)
        sqlite = db.engine.dialect.name == "sqlite"
        with db.sessionmaker() as notes, db.sessionmaker() as work:
            job = notes.get(ImportJob, job_id)
            if job is None:
                return
            notes.commit()  # on SQLite even a read holds the one write lock until it ends
            with force_locale(job.language):
                _run(job, notes, work, sqlite)
            for path in job.paths:
                Path(path).unlink(missing_ok=True)


def _run(job: ImportJob, notes: Session, work: Session, sqlite: bool) -> None:
    last = [0.0]

    def report(phase: str, percent: int) -> None:
        state = ImportState(phase)
        if sqlite and job.state is ImportState.APPLYING:
            # SQLite has one writer: the import's transaction holds it until it ends.
            return
        if state is job.state and time.monotonic() - last[0] < PROGRESS_EVERY_SECONDS:
            return
        last[0] = time.monotonic()
        job.state, job.percent = state, percent
        notes.commit()

    files = [(Path(p), n) for p, n in zip(job.paths, job.file_names, strict=True)]
    try:
        if job.kind is ImportKind.STOCK:
            summary = import_stock(
                work,
                files[0],
                store_code=job.store_code or "",
                progress=report,
                staff_id=job.staff_id,
            )
        else:
            summary = import_catalog(work, files, progress=report, staff_id=job.staff_id)
    except ImportRefused as refused:
        work.rollback()
        _finish(job, notes, ImportState.FAILED, problems=refused.problems, more=refused.more)
        return
    except Exception:
        work.rollback()
        log.exception("import job %s stopped", job.id)
        stopped = Problem(
            ", ".join(job.file_names),
            _("The import stopped on an internal error; nothing was changed."),
        )
        _finish(job, notes, ImportState.FAILED, problems=[stopped])
        return
    if job.dry_run:
        work.rollback()
    else:
        work.commit()
    _finish(job, notes, ImportState.DONE, summary=summary)


def _finish(
    job: ImportJob,
    notes: Session,
    state: ImportState,
    *,
    problems: Sequence[Problem] = (),
    more: int = 0,
    summary: dict[str, int] | None = None,
) -> None:
    job.state, job.percent, job.finished_at = state, 100, now()
    job.problems = [asdict(p) | {"reason": str(p.reason)} for p in problems]
    job.summary = dict(summary or {}) | ({"more_problems": more} if more else {})
    notes.commit()
