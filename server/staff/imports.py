"""Imports from the console: upload a file, watch its progress, read what it did."""

from pathlib import Path

from flask import Blueprint, current_app, g, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from sqlalchemy import select

from common import form_values
from common.i18n import current_language, keep_language_choice
from server.db import get_session
from server.errors import DomainError
from server.imports.run import SUMMARY_LABELS
from server.models import ImportJob, ImportKind, ImportState, StoreKind
from server.models.devices import StaffRole
from server.screens.access import staff_role
from server.services.catalog import list_stores
from server.services.import_jobs import create_job, start_job

bp = Blueprint("imports", __name__, url_prefix="/staff")
bp.before_request(keep_language_choice)
RUNNING = {ImportState.QUEUED, ImportState.CHECKING, ImportState.APPLYING}


@bp.url_value_preprocessor
def _allow_large_uploads(endpoint: str | None, _values: object) -> None:
    # Before the CSRF check reads the form: the app's limit is sized for JSON and forms.
    if endpoint == "imports.upload":
        request.max_content_length = current_app.config["IMPORT_MAX_BYTES"]


def _page(error: str | None = None, status: int = 200) -> ResponseReturnValue:
    session = get_session()
    stores = [s for s in list_stores(session) if s.kind is StoreKind.CYBERMARKET]
    recent = session.scalars(select(ImportJob).order_by(ImportJob.id.desc()).limit(10)).all()
    return (
        render_template(
            "server/staff/imports.html",
            stores=stores,
            recent=recent,
            error=error,
            lang=current_language(),
            staff=g.staff,
        ),
        status,
    )


@bp.get("/imports")
@staff_role(StaffRole.MANAGER)
def imports_page() -> ResponseReturnValue:
    return _page()


@bp.post("/imports")
@staff_role(StaffRole.MANAGER)
def upload() -> ResponseReturnValue:
    session = get_session()
    kind = ImportKind(
        form_values.choice(request.form.get("kind"), {"catalog", "stock"}, default="catalog")
    )
    store = request.form.get("store", "").strip()[:16] or None
    try:
        job = create_job(
            session,
            kind=kind,
            uploads=request.files.getlist("files"),
            store_code=store,
            dry_run=request.form.get("dry_run") == "1",
            staff_id=g.staff.id,
            language=current_language(),
            folder=Path(current_app.config["IMPORT_DIR"]),
        )
    except DomainError as exc:
        session.rollback()
        return _page(str(exc.message), exc.status)
    session.commit()
    start_job(current_app._get_current_object(), job.id)  # type: ignore[attr-defined]
    return redirect(url_for("imports.job_page", job_id=job.id), 303)


def _job(job_id: int) -> ImportJob | None:
    return get_session().get(ImportJob, job_id)


@bp.get("/imports/<int:job_id>")
@staff_role(StaffRole.MANAGER)
def job_page(job_id: int) -> ResponseReturnValue:
    job = _job(job_id)
    if job is None:
        return render_template("server/staff/import_missing.html", staff=g.staff), 404
    return render_template(
        "server/staff/import_job.html",
        job=job,
        lang=current_language(),
        staff=g.staff,
        **_shown(job),
    )


@bp.get("/imports/<int:job_id>/progress")
@staff_role(StaffRole.MANAGER)
def job_progress(job_id: int) -> ResponseReturnValue:
    job = _job(job_id)
    if job is None:
        return render_template("server/staff/import_missing.html", staff=g.staff), 404
    return render_template("server/staff/_import_job.html", job=job, **_shown(job))


def _shown(job: ImportJob) -> dict[str, object]:
    states = {
        ImportState.QUEUED: _("Waiting to start"),
        ImportState.CHECKING: _("Checking every row"),
        ImportState.APPLYING: _("Applying"),
        ImportState.DONE: _("Checked: nothing was changed") if job.dry_run else _("Applied"),
        ImportState.FAILED: _("Refused: nothing was changed"),
    }
    summary = [(SUMMARY_LABELS[k], v) for k, v in job.summary.items() if k in SUMMARY_LABELS]
    return {
        "running": job.state in RUNNING,
        "state_label": states[job.state],
        "summary": summary,
        "more": job.summary.get("more_problems", 0),
    }
