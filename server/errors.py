"""Domain errors: a stable code for machines and one sentence for the person at the screen."""

import enum
from typing import Any

from flask_babel import LazyString


class ErrorCode(enum.StrEnum):
    # Request shape and authentication
    BAD_JSON = "bad_json"
    VALIDATION_ERROR = "validation_error"
    BODY_TOO_LARGE = "body_too_large"
    UNSUPPORTED_MEDIA_TYPE = "unsupported_media_type"
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    IDEMPOTENCY_KEY_INVALID = "idempotency_key_invalid"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    INTERNAL_ERROR = "internal_error"
    SERVICE_UNAVAILABLE = "service_unavailable"
    # Catalog and stores
    UNKNOWN_STORE = "unknown_store"
    UNKNOWN_PRODUCT = "unknown_product"
    STORE_NOT_SELLING = "store_not_selling"
    DUPLICATE_LINE = "duplicate_line"
    INVALID_PHONE = "invalid_phone"
    PHONE_REQUIRED = "phone_required"
    INSUFFICIENT_STOCK = "insufficient_stock"
    # Orders
    ORDER_NOT_FOUND = "order_not_found"
    WRONG_STORE = "wrong_store"
    INVALID_TRANSITION = "invalid_transition"
    ALREADY_PAID = "already_paid"
    AMOUNT_MISMATCH = "amount_mismatch"
    PAYMENT_REQUIRED = "payment_required"
    NOT_READY = "not_ready"
    ALREADY_ISSUED = "already_issued"
    ORDER_EXPIRED = "order_expired"
    ORDER_CANCELLED = "order_cancelled"
    NOTHING_TO_HAND_OUT = "nothing_to_hand_out"
    UNKNOWN_WINDOW = "unknown_window"
    NOT_PICKED = "not_picked"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    UNKNOWN_CODE = "unknown_code"
    # Returns and repairs
    NOT_RETURNABLE = "not_returnable"
    RETURN_PERIOD_OVER = "return_period_over"
    ALREADY_RETURNED = "already_returned"
    TOO_MANY_RETURNED = "too_many_returned"
    REFUND_FAILED = "refund_failed"
    REPAIR_NOT_FOUND = "repair_not_found"
    WARRANTY_OVER = "warranty_over"
    REPAIR_INVALID = "repair_invalid"
    ALREADY_IN_REPAIR = "already_in_repair"
    # Customers and bonuses
    WRONG_CODE = "wrong_code"
    CODE_EXPIRED = "code_expired"
    TOO_MANY_CODES = "too_many_codes"
    CUSTOMER_TOKEN_INVALID = "customer_token_invalid"
    CUSTOMER_NOT_FOUND = "customer_not_found"
    BONUS_NOT_ALLOWED = "bonus_not_allowed"
    BONUS_ALREADY_GRANTED = "bonus_already_granted"
    BONUS_GRANT_INVALID = "bonus_grant_invalid"
    PROFILE_INVALID = "profile_invalid"
    # Reviews
    REVIEW_NOT_FOUND = "review_not_found"
    REVIEW_INVALID = "review_invalid"
    ALREADY_REVIEWED = "already_reviewed"
    REVIEW_ALREADY_MODERATED = "review_already_moderated"
    # Payment provider
    INVALID_SIGNATURE = "invalid_signature"
    DUPLICATE_EVENT = "duplicate_event"
    # Stock
    STOCK_BELOW_RESERVED = "stock_below_reserved"
    DUPLICATE_NOTE = "duplicate_note"
    STOCK_CHANGED = "stock_changed"
    TRANSFER_NOT_FOUND = "transfer_not_found"
    # Staff accounts and the catalog console
    WEAK_PASSWORD = "weak_password"
    USERNAME_TAKEN = "username_taken"
    UNKNOWN_STAFF = "unknown_staff"
    WRONG_PIN = "wrong_pin"
    NOT_YOURSELF = "not_yourself"
    SKU_TAKEN = "sku_taken"
    CATEGORY_CODE_TAKEN = "category_code_taken"
    BAD_PHOTO = "bad_photo"
    # Devices
    UNKNOWN_DEVICE = "unknown_device"
    DEVICE_EXISTS = "device_exists"
    # Customer care
    REASON_REQUIRED = "reason_required"
    HOLD_LIMIT = "hold_limit"
    NOTHING_TO_RESEND = "nothing_to_resend"
    APPEAL_NOT_FOUND = "appeal_not_found"
    APPEAL_INVALID = "appeal_invalid"
    APPEAL_CLOSED = "appeal_closed"
    HAND_OVER_REFUSED = "hand_over_refused"


HTTP_STATUS: dict[ErrorCode, int] = {
    ErrorCode.BAD_JSON: 400,
    ErrorCode.IDEMPOTENCY_KEY_INVALID: 400,
    ErrorCode.UNAUTHORIZED: 401,
    ErrorCode.INVALID_SIGNATURE: 401,
    ErrorCode.FORBIDDEN: 403,
    ErrorCode.WRONG_STORE: 403,
    ErrorCode.NOT_FOUND: 404,
    ErrorCode.ORDER_NOT_FOUND: 404,
    ErrorCode.UNKNOWN_CODE: 404,
    ErrorCode.UNKNOWN_DEVICE: 404,
    ErrorCode.TRANSFER_NOT_FOUND: 404,
    ErrorCode.UNKNOWN_STAFF: 404,
    ErrorCode.APPEAL_NOT_FOUND: 404,
    ErrorCode.REPAIR_NOT_FOUND: 404,
    ErrorCode.METHOD_NOT_ALLOWED: 405,
    ErrorCode.BODY_TOO_LARGE: 413,
    ErrorCode.TOO_MANY_ATTEMPTS: 429,
    ErrorCode.TOO_MANY_CODES: 429,
    ErrorCode.CUSTOMER_TOKEN_INVALID: 401,
    ErrorCode.CUSTOMER_NOT_FOUND: 404,
    ErrorCode.REVIEW_NOT_FOUND: 404,
    ErrorCode.UNSUPPORTED_MEDIA_TYPE: 415,
    ErrorCode.INTERNAL_ERROR: 500,
    ErrorCode.SERVICE_UNAVAILABLE: 503,
}

# Codes not listed are state conflicts (409) unless they describe bad input.
_BAD_INPUT = {
    ErrorCode.VALIDATION_ERROR,
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
    ErrorCode.UNKNOWN_STORE,
    ErrorCode.UNKNOWN_PRODUCT,
    ErrorCode.STORE_NOT_SELLING,
    ErrorCode.DUPLICATE_LINE,
    ErrorCode.INVALID_PHONE,
    ErrorCode.PHONE_REQUIRED,
    ErrorCode.UNKNOWN_WINDOW,
    ErrorCode.AMOUNT_MISMATCH,
    ErrorCode.WRONG_CODE,
    ErrorCode.CODE_EXPIRED,
    ErrorCode.BONUS_NOT_ALLOWED,
    ErrorCode.BONUS_GRANT_INVALID,
    ErrorCode.PROFILE_INVALID,
    ErrorCode.REVIEW_INVALID,
    ErrorCode.DUPLICATE_NOTE,
    ErrorCode.WEAK_PASSWORD,
    ErrorCode.WRONG_PIN,
    ErrorCode.NOT_YOURSELF,
    ErrorCode.BAD_PHOTO,
    ErrorCode.REASON_REQUIRED,
    ErrorCode.APPEAL_INVALID,
    ErrorCode.TOO_MANY_RETURNED,
    ErrorCode.REPAIR_INVALID,
}


def http_status(code: ErrorCode) -> int:
    if code in HTTP_STATUS:
        return HTTP_STATUS[code]
    return 422 if code in _BAD_INPUT else 409


class DomainError(Exception):
    """Raised by services; views turn it into a JSON error or an error partial."""

    def __init__(self, code: ErrorCode, message: str | LazyString, **details: Any) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message
        self.details = details

    @property
    def status(self) -> int:
        return http_status(self.code)

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": str(self.code), "message": str(self.message)}
        if self.details:
            body["details"] = self.details
        return {"error": body}
