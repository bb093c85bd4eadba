"""What the search knows: the catalog's own words, and the shoppers' words kept as data.

`Vocabulary` is built from the catalog (category names, brands, the words of product names
and specs); `Lexicon` from the staff-editable files in data/ (colloquial names, brands as
people say them, rewrites, intents). Both are plain values, so understanding a query needs
neither Flask nor a database.
"""

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from server.search.text import clean, stem, tokens

DATA_DIR = Path(__file__).parent / "data"
Phrase = tuple[str, ...]  # stems, stop words left out


@dataclass(frozen=True)
class Intent:
    code: str
    label: dict[str, str]
    price: str | None = None  # "low" or "high": which end of each category fits
    boost: tuple[str, ...] = ()  # document tokens (stems, spec tokens) that fit
    categories: tuple[str, ...] = ()  # where to look when no category was named


@dataclass(frozen=True)
class Lexicon:
    category_phrases: dict[Phrase, str]
    brand_phrases: dict[Phrase, str]
    intent_phrases: dict[Phrase, str]
    intents: dict[str, Intent]
    rewrites: dict[str, str]
    stop_words: frozenset[str]
    words: frozenset[str]  # every surface word above, for typo correction


@dataclass(frozen=True)
class Vocabulary:
    categories: dict[str, tuple[str, str]]  # code -> (Russian name, English name)
    brands: dict[Phrase, str]  # stems of the brand's own spelling -> brand as the catalog has it
    category_phrases: dict[Phrase, str] = field(default_factory=dict)  # stems of their names
    words: frozenset[str] = field(default_factory=frozenset)  # surface words of the catalog
    stems: frozenset[str] = field(default_factory=frozenset)

    def category_name(self, code: str, language: str) -> str:
        ru, en = self.categories.get(code, (code, code))
        return en if language == "en" else ru


def phrase(text: str, stop_words: Iterable[str] = ()) -> Phrase:
    stops = set(stop_words)
    return tuple(stem(t) for t in tokens(clean(text)) if t not in stops)


def build_vocabulary(
    categories: Iterable[tuple[str, str, str]],
    brands: Iterable[str],
    texts: Iterable[str],
) -> Vocabulary:
    """From (code, name_ru, name_en) per category, brand names and product texts."""
    cats = {code: (ru, en) for code, ru, en in categories}
    words: set[str] = set()
    for text in [*texts, *(n for pair in cats.values() for n in pair)]:
        words.update(t for t in tokens(clean(text)) if not t[0].isdigit())
    brand_map = {phrase(b): b for b in brands if phrase(b)}
    words.update(t for p in brand_map for t in p)
    return Vocabulary(
        categories=cats,
        brands=brand_map,
        category_phrases={phrase(n): code for code, pair in cats.items() for n in pair},
        words=frozenset(words),
        stems=frozenset(stem(w) for w in words),
    )


def load_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """Read lexicon.json and intents.json; cached by the files' modification times."""
    files = (data_dir / "lexicon.json", data_dir / "intents.json")
    key = (str(data_dir), *(f.stat().st_mtime_ns for f in files))
    cached = _CACHE.get("lexicon")
    if cached is None or cached[0] != key:
        cached = (key, _parse(*(json.loads(f.read_text(encoding="utf-8")) for f in files)))
        _CACHE["lexicon"] = cached
    return cached[1]


# One parsed copy per process, replaced when staff edit the files (no restart needed).
_CACHE: dict[str, tuple[tuple, Lexicon]] = {}


def _parse(lexicon: dict, intents_file: dict) -> Lexicon:
    stops = frozenset(clean(w) for w in lexicon["stop_words"])
    words: set[str] = set()

    def phrases(items: dict[str, list[str]]) -> dict[Phrase, str]:
        out: dict[Phrase, str] = {}
        for target, texts in items.items():
            for text in texts:
                words.update(tokens(clean(text)))
                if key := phrase(text, stops):
                    out.setdefault(key, target)
        return out

    intents = {
        item["code"]: Intent(
            code=item["code"],
            label=item["label"],
            price=item.get("price"),
            boost=tuple(item.get("boost", ())),
            categories=tuple(item.get("categories", ())),
        )
        for item in intents_file["intents"]
    }
    rewrites = {clean(k): clean(v) for k, v in lexicon["rewrites"].items()}
    words.update(rewrites)
    return Lexicon(
        category_phrases=phrases(lexicon["categories"]),
        brand_phrases=phrases(lexicon["brands"]),
        intent_phrases=phrases({i["code"]: i["phrases"] for i in intents_file["intents"]}),
        intents=intents,
        rewrites=rewrites,
        stop_words=stops,
        words=frozenset(w for w in words if not w[0].isdigit()),
    )
