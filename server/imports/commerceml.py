"""CommerceML 2 as 1C writes it: what each element means to the catalog.

import.xml: `Классификатор/Группы` (nested groups, each becomes a category),
`Классификатор/Свойства` (properties, with their reference values), `Каталог/Товары/Товар`.
offers.xml: `ПакетПредложений/ТипыЦен`, `/Склады`, `/Предложения/Предложение` (prices and
quantities per warehouse). Each reader raises BadCell with the reason an element is bad.
"""

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from flask_babel import gettext as _

from server.imports import values
from server.imports.values import BadCell

IMPORT_RECORDS = frozenset(
    {"Классификатор/Группы", "Классификатор/Свойства", "Каталог/Товары/Товар"}
)
OFFER_RECORDS = frozenset(
    {
        "ПакетПредложений/ТипыЦен",
        "ПакетПредложений/Склады",
        "ПакетПредложений/Предложения/Предложение",
    }
)
RETAIL_PRICE_TYPE = "Розничная"
_BRAND_PROPERTIES = {"бренд", "производитель", "торговая марка", "марка"}
_DELETED = "удален"


@dataclass
class Good:
    id: str
    sku: str
    name: str
    group_ids: list[str]
    description: str
    brand: str
    specs: list[list[str]]
    deleted: bool


@dataclass
class Offer:
    id: str
    sku: str | None
    price_minor: int | None
    # Quantity per warehouse Ид; a warehouse that names a store becomes that store's on-hand.
    stock: dict[str, int] = field(default_factory=dict)
    file: str = ""
    line: int = 0


def child_text(element: ET.Element, path: str) -> str:
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def label(element: ET.Element) -> str:
    """How a problem names the element: its tag and its Ид (and Артикул when it has one)."""
    parts = [element.tag]
    if ident := child_text(element, "Ид"):
        parts.append(ident[:80])
    if sku := child_text(element, "Артикул"):
        parts.append(f"({sku[:40]})")
    return " ".join(parts)


def read_groups(element: ET.Element, into: dict[str, str]) -> None:
    """Every group at any depth, Ид → name (categories are flat: a subgroup is its own)."""
    for group in element.iter("Группа"):
        ident, name = child_text(group, "Ид"), child_text(group, "Наименование")
        if not ident:
            raise BadCell(_("a group has no Ид"))
        into[ident[:80]] = values.text(name, limit=120, what=_("the group's name"), required=True)


@dataclass
class Property:
    name: str
    choices: dict[str, str]


def read_properties(element: ET.Element, into: dict[str, Property]) -> None:
    for prop in element.iter("Свойство"):
        choices = {
            child_text(ref, "ИдЗначения"): child_text(ref, "Значение")
            for ref in prop.iter("Справочник")
        }
        into[child_text(prop, "Ид")] = Property(child_text(prop, "Наименование"), choices)


def read_good(element: ET.Element, properties: dict[str, Property]) -> Good:
    ident = child_text(element, "Ид")
    if not ident:
        raise BadCell(_("the good has no Ид"))
    if len(ident) > 80:
        raise BadCell(_("the good's Ид is longer than 80 characters"))
    sku = values.sku(child_text(element, "Артикул") or ident)
    name = values.text(
        child_text(element, "Наименование"), limit=200, what=_("the name"), required=True
    )
    specs, brand = [], child_text(element, "Изготовитель/Наименование")
    for value in element.iterfind("ЗначенияСвойств/ЗначенияСвойства"):
        prop = properties.get(child_text(value, "Ид"))
        raw = child_text(value, "Значение")
        if prop is None or not raw:
            continue
        shown = prop.choices.get(raw, raw)
        if prop.name.strip().lower() in _BRAND_PROPERTIES:
            brand = brand or shown
        else:
            specs.append([prop.name[:80], shown[:200]])
    status = element.get("Статус", "").lower()
    deleted = status == _DELETED or child_text(element, "ПометкаУдаления").lower() == "true"
    return Good(
        id=ident,
        sku=sku,
        name=name,
        group_ids=[g.text.strip() for g in element.iterfind("Группы/Ид") if g.text],
        description=child_text(element, "Описание")[:20_000],
        brand=brand[:60],
        specs=specs,
        deleted=deleted,
    )


def pick_price_type(element: ET.Element) -> str:
    """The Ид of the retail price type: the only one, or the one named "Розничная"."""
    types = {child_text(t, "Ид"): child_text(t, "Наименование") for t in element.iter("ТипЦены")}
    if len(types) == 1:
        return next(iter(types))
    for ident, name in types.items():
        if name.strip().lower() == RETAIL_PRICE_TYPE.lower():
            return ident
    raise BadCell(
        _(
            "there are several price types and none is called “%(name)s”: "
            "the import cannot tell which price shoppers pay",
            name=RETAIL_PRICE_TYPE,
        )
    )


def read_warehouses(element: ET.Element) -> dict[str, str]:
    """Warehouse Ид → its name."""
    return {child_text(w, "Ид"): child_text(w, "Наименование") for w in element.iter("Склад")}


def read_offer(element: ET.Element, price_type: str | None) -> Offer:
    ident = child_text(element, "Ид")
    if not ident:
        raise BadCell(_("the offer has no Ид"))
    if "#" in ident:
        raise BadCell(
            _("the offer is for a characteristic (a variant) of a good; variants are not imported")
        )
    price = None
    for entry in element.iterfind("Цены/Цена"):
        type_id = child_text(entry, "ИдТипаЦены")
        if price_type is not None and type_id != price_type:
            continue
        currency = child_text(entry, "Валюта").upper()
        if currency and currency not in {"RUB", "РУБ", "643"}:
            raise BadCell(_("the price is in %(currency)s, not in rubles", currency=currency[:10]))
        price = values.price_minor(child_text(entry, "ЦенаЗаЕдиницу"))
    offer = Offer(id=ident, sku=child_text(element, "Артикул") or None, price_minor=price)
    for place in element.iterfind("Склад"):  # schema 2.07–2.09: one attribute pair each
        offer.stock[place.get("ИдСклада", "")] = values.quantity(
            place.get("КоличествоНаСкладе", "")
        )
    for place in element.iterfind("Остатки/Остаток/Склад"):  # schema 2.10
        offer.stock[child_text(place, "Ид")] = values.quantity(child_text(place, "Количество"))
    return offer
