"""GET /products/suggest: what the shopper may mean, as they type on the on-screen keyboard."""

from dataclasses import asdict
from typing import Annotated, Literal

from pydantic import BaseModel, Field, StringConstraints

from common.i18n import current_language
from server.api.blueprint import bp
from server.api.operation import operation
from server.api.schemas import Language, Strict
from server.db import get_session
from server.search.snapshot import suggest_index
from server.search.suggest import LIMIT


class SuggestQuery(Strict):
    # Read, never refused, like the search's own words (server/search/text.py cleans them).
    q: Annotated[str, StringConstraints(max_length=16_384)] = ""
    lang: Language | None = None


class SuggestionOut(BaseModel):
    kind: Literal["category", "brand", "product"]
    text: str = Field(description="What a tap on it searches for")
    value: str = Field(description="The category code, the brand, or a SKU")


class SuggestionList(BaseModel):
    items: list[SuggestionOut] = Field(description=f"At most {LIMIT}: categories, brands, products")


@operation(
    bp,
    "GET",
    "/products/suggest",
    summary="Suggestions for the words typed so far",
    response=SuggestionList,
    query=SuggestQuery,
)
def suggest_products(query: SuggestQuery) -> SuggestionList:
    found = suggest_index(get_session(), current_language()).suggest(query.q)
    return SuggestionList(items=[SuggestionOut(**asdict(s)) for s in found])
