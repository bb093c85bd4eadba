"""One decorator per API endpoint: authenticate, validate, run idempotently, answer JSON.

Each decorated view is also recorded in REGISTRY, from which openapi.py builds the
OpenAPI document, so the document cannot drift from the code.
"""

import functools
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, current_app, g, request
from flask_babel import gettext as _
from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from common import logs
from server.clock import now
from server.db import get_session
from server.errors import DomainError, ErrorCode
from server.models import Device, DeviceKind, IdempotencyKey
from server.services.devices import authenticate_request

KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
JsonAnswer = tuple[dict[str, Any], int]


@dataclass(frozen=True)
class Upload:
    media_type: str
    max_bytes_setting: str  # the config key holding the limit
    too_large: Callable[[int], str]  # the sentence for a body over the limit, given MB
    wrong_type: Callable[[], str]  # the sentence for a body of another type


@dataclass
class Operation:
    method: str
    rule: str
    name: str
    summary: str
    response: type[BaseModel]
    status: int
    body: type[BaseModel] | None
    query: type[BaseModel] | None
    kinds: frozenset[DeviceKind] | None
    # A picture sent as the body itself rather than JSON (photos of a unit in repair).
    upload: Upload | None = None


REGISTRY: list[Operation] = []


def current_device() -> Device:
    return g.device


def _idempotency_key() -> str | None:
    """The request's Idempotency-Key when it is well formed (a bad one is refused later)."""
    key = request.headers.get("Idempotency-Key")
    return key if request.method != "GET" and key and KEY_PATTERN.match(key) else None


def _require_device(kinds: frozenset[DeviceKind] | None) -> Device:
    """The calling device; with it, in the same statement, the answer kept for its key."""
    header = request.headers.get("Authorization", "")
    scheme, _sep, token = header.partition(" ")
    device, stored = (
        authenticate_request(get_session(), token.strip(), _idempotency_key())
        if scheme == "Device"
        else (None, None)
    )
    if device is None:
        raise DomainError(ErrorCode.UNAUTHORIZED, _("A valid device token is required."))
    if kinds is not None and device.kind not in kinds:
        raise DomainError(
            ErrorCode.FORBIDDEN, _("This device may not do this."), device_kind=device.kind.value
        )
    g.device = device
    g.stored_answer = stored
    logs.bind(device=device.name, store_id=device.store_id)
    return device


def _validation_error(exc: ValidationError) -> DomainError:
    problems = [
        {"field": ".".join(str(p) for p in err["loc"]) or "(body)", "problem": err["msg"]}
        for err in exc.errors(include_input=False, include_url=False)
    ]
    first = problems[0]
    return DomainError(
        ErrorCode.VALIDATION_ERROR,
        _("%(field)s: %(problem)s", field=first["field"], problem=first["problem"]),
        problems=problems[:20],
    )


def _parse(model: type[BaseModel], data: Any) -> BaseModel:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _validation_error(exc) from None


def _path_value(value: str) -> str:
    """Order numbers, SKUs and store codes are short and printable; anything else is no key."""
    if len(value) > 64 or not value.isprintable():
        raise DomainError(ErrorCode.NOT_FOUND, _("There is nothing at this address."))
    return value


def _read_json(model: type[BaseModel]) -> Any:
    raw = request.get_data(cache=True)
    if raw.strip() and request.mimetype != "application/json":
        raise DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, _("Send the body as application/json."))
    if not raw.strip() and not any(f.is_required() for f in model.model_fields.values()):
        return {}
    if not raw.strip():
        raise DomainError(ErrorCode.BAD_JSON, _("The request needs a JSON body."))
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        raise DomainError(ErrorCode.BAD_JSON, _("The body is not valid JSON.")) from None


def _read_upload(upload: Upload) -> bytes:
    """The picture in the body: its declared type checked here, its content by the service."""
    limit = int(current_app.config[upload.max_bytes_setting])
    if (request.content_length or 0) > limit:
        raise DomainError(ErrorCode.BODY_TOO_LARGE, upload.too_large(max(1, limit >> 20)))
    request.max_content_length = limit  # a body sent without its length stops here too
    raw = request.get_data(cache=True)
    if raw and request.mimetype != upload.media_type:
        raise DomainError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, upload.wrong_type())
    return raw


def _replay(stored: IdempotencyKey, fingerprint: str) -> JsonAnswer:
    if stored.fingerprint != fingerprint:
        raise DomainError(
            ErrorCode.IDEMPOTENCY_KEY_REUSED,
            _("This Idempotency-Key was already used for a different request."),
        )
    return stored.response_body, stored.status_code


def _stored_answer(device: Device, key: str) -> IdempotencyKey | None:
    return get_session().scalar(
        select(IdempotencyKey).where(
            IdempotencyKey.device_id == device.id, IdempotencyKey.key == key
        )
    )


def _run_state_change(
    device: Device, call: Callable[[], BaseModel], status: int, keeps: frozenset[ErrorCode]
) -> JsonAnswer:
    """Run once per Idempotency-Key: the answer (success or domain error) is kept and replayed.

    One transaction per request: it commits on success, and on an error whose code is in
    `keeps` (what the call recorded before refusing stays); any other error undoes all.
    """
    session = get_session()
    key = request.headers.get("Idempotency-Key")
    if key is None:
        try:
            answer = call().model_dump(mode="json")
        except DomainError as exc:
            if exc.code in keeps:
                session.commit()
            raise
        session.commit()
        return answer, status
    if not KEY_PATTERN.match(key):
        raise DomainError(
            ErrorCode.IDEMPOTENCY_KEY_INVALID,
            _("Idempotency-Key must be 8 to 64 letters, digits, '-' or '_'."),
        )
    fingerprint = hashlib.sha256(
        b"%s %s\n" % (request.method.encode(), request.path.encode()) + request.get_data()
    ).hexdigest()
    stored = g.get("stored_answer")  # read with the device, see _require_device
    if stored is not None:
        return _replay(stored, fingerprint)
    try:
        body, code = call().model_dump(mode="json"), status
    except DomainError as exc:
        # Undo whatever the call did; the error itself is kept as the answer for retries.
        if exc.code not in keeps:
            session.rollback()
        body, code = exc.to_dict(), exc.status
    session.add(
        IdempotencyKey(
            device_id=device.id,
            key=key,
            fingerprint=fingerprint,
            status_code=code,
            response_body=body,
            created_at=now(),
        )
    )
    try:
        session.commit()
    except IntegrityError:
        # A concurrent retry with the same key committed first: ours is rolled back whole.
        session.rollback()
        stored = _stored_answer(device, key)
        if stored is None:
            raise
        return _replay(stored, fingerprint)
    return body, code


def operation(
    bp: Blueprint,
    method: str,
    rule: str,
    *,
    summary: str,
    response: type[BaseModel],
    status: int = 200,
    body: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    kinds: set[DeviceKind] | None = None,
    keeps: set[ErrorCode] | None = None,
    upload: Upload | None = None,
) -> Callable[[Callable[..., BaseModel]], Callable[..., BaseModel]]:
    allowed = frozenset(kinds) if kinds is not None else None
    kept = frozenset(keeps or ())

    def decorator(fn: Callable[..., BaseModel]) -> Callable[..., BaseModel]:
        REGISTRY.append(
            Operation(
                method,
                bp.url_prefix + rule,
                fn.__name__,
                summary,
                response,
                status,
                body,
                query,
                allowed,
                upload,
            )
        )

        @functools.wraps(fn)
        def view(**path_args: Any) -> JsonAnswer:
            device = _require_device(allowed)
            kwargs: dict[str, Any] = {k: _path_value(v) for k, v in path_args.items()}
            if upload is not None:
                kwargs["upload"] = _read_upload(upload)
            elif method != "GET":
                request.get_data(cache=True)  # enforces MAX_CONTENT_LENGTH on every write
            if query is not None:
                kwargs["query"] = _parse(query, request.args.to_dict())
            if body is not None:
                kwargs["body"] = _parse(body, _read_json(body))
            if method == "GET":
                return fn(**kwargs).model_dump(mode="json"), status
            return _run_state_change(device, lambda: fn(**kwargs), status, kept)

        bp.add_url_rule(rule, fn.__name__, view, methods=[method])
        return fn

    return decorator
