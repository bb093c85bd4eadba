"""ORM objects to API shapes, in the language of the request."""

from collections.abc import Sequence

from common.i18n import current_language
from server.api import schemas
from server.clock import now
from server.db import get_session
from server.models import Order, OrderReturn, OrderStatus, Product, Repair, Store
from server.payments.provider import payment_url
from server.services import returns
from server.services.catalog import ProductRow
from server.services.pickups import ScanResult
from server.services.repair_labels import REPAIR_STATUSES
from server.services.together import Companion


def store_out(store: Store) -> schemas.StoreOut:
    lang = current_language()
    return schemas.StoreOut(
        code=store.code,
        kind=store.kind.value,
        name=store.name(lang),
        address=store.address(lang),
        opening_hours=store.opening_hours,
        timezone=store.timezone,
    )


def _photo_url(product: Product) -> str | None:
    return f"/media/products/{product.photos[0]}" if product.photos else None


def product_out(row: ProductRow) -> schemas.ProductOut:
    product, lang = row.product, current_language()
    return schemas.ProductOut(
        sku=product.sku,
        name=product.name(lang),
        brand=product.brand,
        category=product.category.code,
        price_minor=product.price_minor,
        available=row.available,
        photo=_photo_url(product),
        model=product.model_code,
        model_name=product.model_name(lang),
        variant_count=row.variants,
        price_from_minor=row.price_from,
    )


def companion_out(companion: Companion) -> schemas.CompanionOut:
    out = product_out(ProductRow(companion.product, companion.available))
    return schemas.CompanionOut(
        **out.model_dump(),
        kind=companion.kind,
        reason=companion.reason,  # type: ignore[arg-type]
    )


def product_detail(
    product: Product,
    available: int | None,
    stores: list[tuple[Store, int, str | None]],
    variants: Sequence[ProductRow] = (),
) -> schemas.ProductDetail:
    lang = current_language()
    return schemas.ProductDetail(
        **product_out(ProductRow(product, available, len(variants) or 1)).model_dump(),
        description=product.description(lang),
        specs=[tuple(pair) for pair in product.specs.get(lang, [])],
        photos=[f"/media/products/{name}" for name in product.photos],
        stores=[schemas.StoreStock(store=s.code, available=n) for s, n, _bin in stores],
        variants=[_variant_out(row, lang) for row in variants],
    )


def _variant_out(row: ProductRow, lang: str) -> schemas.VariantOut:
    def part(key: str) -> schemas.VariantPart | None:
        value = row.product.variant.get(key) if row.product.variant else None
        if not value:
            return None
        return schemas.VariantPart(name=value[lang], rgb=value.get("rgb"))

    return schemas.VariantOut(
        sku=row.product.sku,
        price_minor=row.product.price_minor,
        available=row.available,
        colour=part("colour"),
        memory=part("memory"),
    )


def order_out(order: Order) -> schemas.OrderOut:
    lang = current_language()
    handed = order.status in (OrderStatus.ISSUED, OrderStatus.RETURNED)
    dates = returns.line_dates(get_session(), order) if handed else {}
    moment = now()
    return schemas.OrderOut(
        number=order.number or "",
        store=order.store.code,
        status=order.status.value,
        payment=order.payment_method.value,
        pickup_code=order.pickup_code,
        customer_phone=order.customer_phone,
        customer_email=order.customer_email,
        lines=[
            schemas.OrderLineOut(
                sku=line.sku,
                name=line.name(lang),
                qty=line.qty,
                qty_issued=line.qty_issued,
                qty_picked=line.qty_picked,
                qty_missing=line.qty_missing,
                qty_returned=line.qty_returned,
                price_minor=line.price_minor,
                total_minor=line.price_minor * line.qty,
                return_until=dates[line.sku][0] if line.sku in dates else None,
                warranty_until=dates[line.sku][1] if line.sku in dates else None,
                under_warranty=line.sku in dates and moment <= dates[line.sku][1],
                returnable=line.qty_kept
                if line.sku in dates and moment <= dates[line.sku][0]
                else 0,
            )
            for line in order.lines
        ],
        total_minor=order.total_minor,
        bonus_minor=order.bonus_minor,
        paid_minor=order.paid_minor,
        hold_until=order.hold_until,
        window=order.window,
        needs_attention=order.needs_attention,
        payment_url=payment_url(order),
        created_at=order.created_at,
        updated_at=order.updated_at,
    )


def scan_out(result: ScanResult) -> schemas.ScanOut:
    """What the window sees for an order it opened: the order, the colour, what it may do."""
    return schemas.ScanOut(
        order=order_out(result.order),
        verdict=result.verdict,
        message=result.message,
        actions=result.actions,
    )


def return_out(record: OrderReturn) -> schemas.ReturnOut:
    lang = current_language()
    names = {line.sku: line.name(lang) for line in record.order.lines}
    return schemas.ReturnOut(
        order=order_out(record.order),
        lines=[
            schemas.ReturnLineOut(
                sku=line.sku, name=names[line.sku], qty=line.qty, amount_minor=line.amount_minor
            )
            for line in record.lines
        ],
        refund_minor=record.refund_minor,
        refund_method=record.refund_method,
        bonus_restored=record.bonus_restored,
        bonus_taken_back=record.bonus_taken_back,
        resaleable=record.resaleable,
        at=record.at,
    )


def repair_out(repair: Repair) -> schemas.RepairOut:
    lang = current_language()
    line = next(ln for ln in repair.order.lines if ln.id == repair.order_line_id)
    return schemas.RepairOut(
        number=repair.number or "",
        intake_code=repair.intake_code,
        order=repair.order.number or "",
        sku=repair.sku,
        name=line.name(lang),
        serial=repair.serial,
        defect=repair.defect,
        status=repair.status.value,
        status_label=str(REPAIR_STATUSES[repair.status]),
        under_warranty=repair.under_warranty,
        quote_minor=repair.quote_minor,
        collect_on=repair.collect_on,
        created_at=repair.created_at,
        events=[
            schemas.RepairEventOut(status=event.to_status.value, at=event.at, note=event.note)
            for event in repair.events
        ],
        photos=[photo.name for photo in repair.photos],
    )
