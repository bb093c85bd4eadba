"""Request and response shapes of /api/v1; the OpenAPI document is generated from these."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,40}$")]
Sku = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]{1,32}$")]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ()-]{5,20}$")]
Quantity = Annotated[int, Field(strict=True, ge=1, le=99)]
Money = Annotated[int, Field(strict=True, ge=1, le=10**11)]
PaymentName = Literal["card", "cashier", "online", "on_pickup"]
Language = Literal["ru", "en"]
# Free text from people: no control characters (PostgreSQL refuses NUL, printers choke on the rest).
_PRINTABLE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


def Text(max_length: int) -> Any:
    """Printable text up to max_length characters (a type, used in annotations)."""
    return Annotated[str, StringConstraints(max_length=max_length, pattern=_PRINTABLE)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---- requests


_CHIP = r"(?:category|brand|price|spec|intent):[^,\x00-\x1f\x7f]{1,60}"
RemovedChips = Annotated[str, StringConstraints(max_length=400, pattern=rf"^{_CHIP}(?:,{_CHIP})*$")]


class ProductQuery(Strict):
    # Shoppers' words are read, never refused: the search cleans out control characters and
    # reads the beginning of a pasted page (server/search/text.py).
    q: Annotated[str, StringConstraints(max_length=16_384)] | None = None
    category: Code | None = None
    store: Code | None = None
    sort: Literal["relevance", "name", "price", "-price", "rating", "new"] | None = Field(
        None, description="relevance when searching, name otherwise"
    )
    removed: RemovedChips | None = Field(
        None, description='Chips the shopper took off, "kind:value" separated by commas'
    )
    brand: Annotated[str, StringConstraints(pattern=r"^[^\W_][\w .'&+-]{0,59}$")] | None = Field(
        None, description="A brand facet tapped: only this brand (with q)"
    )
    price: Annotated[str, StringConstraints(pattern=r"^\d{0,12}-\d{0,12}$")] | None = Field(
        None, description='A price facet tapped, "min-max" in kopecks, an open end empty'
    )
    spec: Annotated[str, StringConstraints(pattern=r"^[0-9.]{1,12}[a-z]{1,4}$")] | None = Field(
        None, description='A spec facet tapped, e.g. "65in" or "256gb"'
    )
    limit: Annotated[int, Field(ge=1, le=100)] = 50
    offset: Annotated[int, Field(ge=0, le=1_000_000)] = 0
    lang: Language | None = None
    models: bool = Field(
        False, description="Each model once (its cheapest variant in stock), with its variants"
    )


class StoreQuery(Strict):
    store: Code | None = None
    lang: Language | None = None


class LangQuery(Strict):
    lang: Language | None = None


class OrderLineIn(Strict):
    sku: Sku
    qty: Quantity


Email = Annotated[str, StringConstraints(max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]


class CreateOrder(Strict):
    store: Code
    lines: Annotated[list[OrderLineIn], Field(min_length=1, max_length=50)]
    payment: PaymentName
    customer_phone: Phone | None = None
    customer_email: Email | None = None
    language: Language = "ru"
    bonus_minor: Annotated[int, Field(strict=True, ge=0, le=10**11)] = Field(
        0, description="Paid with bonuses; needs the shopper's X-Customer-Token"
    )
    source: Code | None = Field(
        None,
        description="Another cybermarket the goods come from, to be picked up at `store` "
        "(picked there, in transit, ready here); by default the store itself",
    )


class PaymentIn(Strict):
    method: Literal["card", "cash", "online"]
    amount_minor: Money
    reference: Text(80) | None = None


class ReadyIn(Strict):
    window: Annotated[int, Field(strict=True, ge=1, le=99)]


class HandOutLine(Strict):
    sku: Sku
    qty: Annotated[int, Field(strict=True, ge=0, le=99)]


class HandOutIn(Strict):
    # Omitted: every line still open is handed out.
    lines: Annotated[list[HandOutLine], Field(min_length=1, max_length=50)] | None = None


class CancelIn(Strict):
    reason: Text(200) | None = None


class ReturnLineIn(Strict):
    sku: Sku
    qty: Quantity


class ReturnIn(Strict):
    lines: Annotated[list[ReturnLineIn], Field(min_length=1, max_length=50)]
    reason: Annotated[str, StringConstraints(min_length=1, max_length=300, pattern=_PRINTABLE)]
    resaleable: bool = Field(True, description="false: the goods are put aside, not resold")


class RepairIn(Strict):
    order: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]{1,20}$")]
    sku: Sku
    serial: Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=_PRINTABLE)]
    defect: Annotated[str, StringConstraints(min_length=1, max_length=500, pattern=_PRINTABLE)]
    condition: Text(300) = ""
    accessories: Text(300) = ""
    paid: bool = Field(False, description="Out of warranty: the customer asks for a paid repair")
    collect_on: date | None = Field(
        None, description="A big appliance: the day a courier collects it from home"
    )


class ScanIn(Strict):
    code: Annotated[str, StringConstraints(max_length=64)]


# ---- responses


class StoreOut(BaseModel):
    code: str
    kind: Literal["cybermarket", "outpost"]
    name: str
    address: str
    opening_hours: str
    timezone: str


class StoreList(BaseModel):
    items: list[StoreOut]


class CategoryOut(BaseModel):
    code: str
    name: str
    photo: str | None = Field(None, description="A photo of one of its products, for a tile")


class CategoryList(BaseModel):
    items: list[CategoryOut]


class ProductOut(BaseModel):
    sku: str
    name: str
    brand: str
    category: str
    price_minor: int
    currency: Literal["RUB"] = "RUB"
    available: int | None = Field(description="Units available in the store asked about")
    photo: str | None
    model: str | None = Field(None, description="The model's code, shared by its variants")
    model_name: str = Field("", description="The model's name, without colour and memory")
    variant_count: int = Field(1, description="How many variants the model has (with models=true)")
    price_from_minor: int | None = Field(
        None, description="With models=true: the price of the model's cheapest variant"
    )
    rating: float | None = Field(None, description="0-5, one decimal; null without reviews")
    reviews: int = 0


class FacetOut(BaseModel):
    kind: Literal["brand", "price", "spec"]
    value: str = Field(description="What to send back as the `brand`, `price` or `spec` parameter")
    label: str
    count: int = Field(description="How many of the results have it")


class Understood(BaseModel):
    kind: Literal["category", "brand", "price", "spec", "intent"]
    value: str
    label: str


class ProductList(BaseModel):
    items: list[ProductOut]
    understood: list[Understood] = Field(
        default_factory=list, description="What the search understood, shown as removable chips"
    )
    facets: list[FacetOut] = Field(
        default_factory=list,
        description="When searching: brands, price bands and key specs of the results, counted",
    )
    total: int
    limit: int
    offset: int


class StoreStock(BaseModel):
    store: str
    available: int
    lead_hours: int | None = Field(
        None,
        description="With `store` asked: hours until goods ordered from this store could be "
        "ready there; null for that store itself and for outposts",
    )


class CompanionOut(ProductOut):
    kind: Literal["accessory", "bought_together"]
    reason: str = Field("", description="Why it goes with the product, for the shopper")


class VariantPart(BaseModel):
    name: str
    rgb: str | None = None  # a colour's swatch, "#rrggbb"


class VariantOut(BaseModel):
    sku: str
    price_minor: int
    available: int | None
    colour: VariantPart | None = None
    memory: VariantPart | None = None


class ReviewOut(BaseModel):
    rating: int = Field(description="1-5")
    text: str
    pros: str = ""
    cons: str = ""
    author: str | None = Field(None, description="The customer's first name, when known")
    created_at: datetime


class ProductDetail(ProductOut):
    description: str
    specs: list[tuple[str, str]]
    photos: list[str]
    stores: list[StoreStock]
    variants: list[VariantOut] = Field(
        default_factory=list,
        description="The model's variants, this one among them; empty for a single product",
    )
    recent_reviews: list[ReviewOut] = Field(
        default_factory=list, description="The newest approved reviews (at most 3)"
    )
    together: list[CompanionOut] = Field(
        default_factory=list,
        description="Goods that go with it: accessories, then goods bought with it, "
        "`available` in the store asked about",
    )
    similar: list[ProductOut] = Field(
        default_factory=list,
        description="With `store` asked and nothing available there: close models it has now",
    )


class OrderLineOut(BaseModel):
    sku: str
    name: str
    qty: int
    qty_issued: int
    qty_picked: int
    qty_missing: int
    qty_returned: int = 0
    price_minor: int
    total_minor: int
    return_until: datetime | None = Field(None, description="Handed out: returnable until")
    warranty_until: datetime | None = Field(None, description="Handed out: under warranty until")
    under_warranty: bool = Field(False, description="Handed out and still under warranty now")
    returnable: int = Field(0, description="Units that may still be returned now")


class OrderOut(BaseModel):
    number: str
    store: str
    status: str
    payment: PaymentName
    pickup_code: str
    customer_phone: str | None
    customer_email: str | None
    lines: list[OrderLineOut]
    total_minor: int
    bonus_minor: int = Field(0, description="Paid with bonuses, already taken off total_minor")
    paid_minor: int
    currency: Literal["RUB"] = "RUB"
    hold_until: datetime | None
    window: int | None
    needs_attention: str | None
    payment_url: str | None = Field(
        default=None, description="Where the customer pays an online order not yet paid"
    )
    created_at: datetime
    updated_at: datetime


class ScanOut(BaseModel):
    order: OrderOut
    verdict: Literal["green", "amber", "red"]
    message: str
    actions: list[Literal["hand_out", "pay", "cancel", "receive", "return"]]


class ReturnLineOut(BaseModel):
    sku: str
    name: str
    qty: int
    amount_minor: int


class ReturnOut(BaseModel):
    order: OrderOut
    lines: list[ReturnLineOut]
    refund_minor: int = Field(description="Money given back (the goods less bonuses restored)")
    refund_method: str | None = Field(description="card, online or cash: the way it was paid")
    bonus_restored: int = Field(description="Bonus points spent on the goods, given back")
    bonus_taken_back: int = Field(description="Bonus points the goods had earned, taken back")
    resaleable: bool
    at: datetime


class RepairEventOut(BaseModel):
    status: str
    at: datetime
    note: str | None


class RepairOut(BaseModel):
    number: str
    intake_code: str
    order: str
    sku: str
    name: str
    serial: str
    defect: str
    status: str
    status_label: str
    under_warranty: bool
    quote_minor: int | None
    collect_on: date | None = None
    created_at: datetime
    events: list[RepairEventOut]
    photos: list[str] = Field(
        [], description="File names of the unit's photos taken at the window, oldest first"
    )


class ErrorBody(BaseModel):
    code: str
    message: str
    details: dict | list | None = None


class ErrorOut(BaseModel):
    error: ErrorBody


class DeviceOut(BaseModel):
    name: str
    kind: str
    store: StoreOut | None


class MissingIn(Strict):
    qty: Annotated[int, Field(strict=True, ge=1, le=99)] = 1
