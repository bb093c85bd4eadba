"""Every model, imported here so Alembic and the app see the whole schema."""

from server.models.abandoned_carts import AbandonedCart
from server.models.appeals import Appeal, AppealCategory, AppealChannel, AppealStatus
from server.models.audit import AuditEntry
from server.models.base import Base
from server.models.bonuses import BonusEntry, BonusReason
from server.models.catalog import Category, Product
from server.models.customers import Customer, CustomerCode, CustomerToken
from server.models.devices import (
    Device,
    DeviceKind,
    IdempotencyKey,
    ScanAttempt,
    StaffRole,
    StaffUser,
)
from server.models.imports import ImportJob, ImportKind, ImportState
from server.models.kpi_days import KpiDay
from server.models.late_payments import LatePayment, RefundState
from server.models.notifications import (
    Channel,
    Notification,
    OutboxStatus,
    Transfer,
    TransferKind,
    WebhookEvent,
)
from server.models.orders import (
    Order,
    OrderEvent,
    OrderLine,
    OrderStatus,
    Payment,
    PaymentKind,
    PaymentMethod,
)
from server.models.prices import PriceChange
from server.models.returns import (
    OrderReturn,
    Repair,
    RepairEvent,
    RepairPhoto,
    RepairStatus,
    ReturnLine,
)
from server.models.reviews import ProductReview, ReviewStatus
from server.models.search_misses import SearchMiss
from server.models.search_terms import SearchTerm
from server.models.signin import SignInAttempt
from server.models.stock_documents import DeliveryLine, DeliveryNote, TransferLine
from server.models.stock_movements import MovementKind, StockMovement
from server.models.stores import Stock, Store, StoreKind
from server.models.together import AccessoryLink, BoughtTogether, TransferLead

__all__ = [
    "AbandonedCart",
    "KpiDay",
    "ImportJob",
    "ImportKind",
    "ImportState",
    "AuditEntry",
    "Appeal",
    "AppealCategory",
    "AppealChannel",
    "AppealStatus",
    "OrderReturn",
    "Repair",
    "RepairEvent",
    "RepairPhoto",
    "RepairStatus",
    "ReturnLine",
    "PriceChange",
    "MovementKind",
    "StockMovement",
    "AccessoryLink",
    "BoughtTogether",
    "SearchTerm",
    "TransferLead",
    "BonusEntry",
    "BonusReason",
    "Customer",
    "CustomerCode",
    "CustomerToken",
    "Channel",
    "Notification",
    "OutboxStatus",
    "Transfer",
    "TransferKind",
    "TransferLine",
    "DeliveryNote",
    "DeliveryLine",
    "WebhookEvent",
    "Base",
    "Category",
    "Device",
    "DeviceKind",
    "IdempotencyKey",
    "LatePayment",
    "Order",
    "OrderEvent",
    "OrderLine",
    "OrderStatus",
    "Payment",
    "PaymentKind",
    "ProductReview",
    "ReviewStatus",
    "PaymentMethod",
    "Product",
    "RefundState",
    "ScanAttempt",
    "SearchMiss",
    "SignInAttempt",
    "StaffRole",
    "StaffUser",
    "Stock",
    "Store",
    "StoreKind",
]
