"""What the shopper meant: a pure function from their words to a structured query.

No Flask and no database: the catalog's vocabulary and the staff's lexicon come in as values.
Each word is read in this order: a number with a unit or a price; a rewrite ("айфон" →
"iphone"); a word the catalog or lexicon knows; the same keys on the other layout
("gkfyitn" → "планшет"); the other alphabet ("televizor"); the nearest known word within
one or two typos ("тилевизор"). Then the longest phrases become brands, categories and
intents, and what is left are free words for the full-text match.
"""

from collections.abc import Collection
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from server.search.quantities import PriceRange, Quantity, price_range, quantities, strip_quantities
from server.search.text import MAX_WORDS, clean, is_cyrillic, other_layout, stem, tokens
from server.search.text import transliterated as other_alphabet
from server.search.vocabulary import Intent, Lexicon, Phrase, Vocabulary, phrase

# "зарядка для телефона", "чехол на самсунг": the phone is what it is for, not the goods.
_PURPOSE = {"для", "на", "for"}
_LONGEST_PHRASE = 4


@dataclass
class Query:
    text: str
    categories: list[str] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)
    price: PriceRange | None = None
    specs: list[Quantity] = field(default_factory=list)
    intents: list[Intent] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # stems to match in the catalog's text
    hints: list[str] = field(default_factory=list)  # stems of named categories: help ranking
    unknown: list[str] = field(default_factory=list)  # words nobody could read
    corrections: dict[str, str] = field(default_factory=dict)  # typed -> read as

    @property
    def price_value(self) -> str:
        return _price_value(self.price) if self.price else ""

    @property
    def structured(self) -> bool:
        return bool(self.categories or self.brands or self.price or self.specs or self.intents)

    @property
    def hopeless(self) -> bool:
        """Mostly words neither the catalog nor the lexicon knows: garbage, not a shopper."""
        known = len(self.words) + len(self.categories) + len(self.brands) + len(self.intents)
        nothing = not (known or self.specs or self.price)
        # A named category or brand is a shopper's sure sign: the words around it that
        # nobody knows ("кофемашина для дома капучино") leave it standing.
        sure = bool(self.categories or self.brands)
        return nothing or (len(self.unknown) > known and not sure)


@dataclass
class _Word:
    stem: str
    surface: str
    purpose: bool = False  # came right after "для" / "for"


def understand(text: str, vocabulary: Vocabulary, lexicon: Lexicon) -> Query:
    cleaned = clean(text)
    query = Query(text=cleaned)
    query.price, rest = price_range(cleaned)
    query.specs = _unique(quantities(rest))
    rest = strip_quantities(rest)
    words = _read_words(_rewrite(rest, lexicon), vocabulary, lexicon, query)
    _take_phrases(words, vocabulary, lexicon, query)
    return query


def without(query: Query, removed: Collection[str]) -> Query:
    """The query less the chips the shopper took off ("intent:simple", "price:-2000000").

    A removed guess is dropped whole: its words do not come back as free words either.
    """
    if not removed:
        return query
    gone = set(removed)
    query.categories = [c for c in query.categories if f"category:{c}" not in gone]
    query.brands = [b for b in query.brands if f"brand:{b}" not in gone]
    query.specs = [q for q in query.specs if f"spec:{q.token}" not in gone]
    query.intents = [i for i in query.intents if f"intent:{i.code}" not in gone]
    if query.price and f"price:{_price_value(query.price)}" in gone:
        query.price = None
    return query


def _price_value(price: PriceRange) -> str:
    """Kopecks, "min-max" with an open side left empty: "-2000000" is up to 20 000 ₽."""
    low = "" if price.min_minor is None else str(price.min_minor)
    high = "" if price.max_minor is None else str(price.max_minor)
    return f"{low}-{high}"


def _rewrite(text: str, lexicon: Lexicon) -> str:
    padded = f" {text} "
    for said, meant in lexicon.rewrites.items():
        padded = padded.replace(f" {said} ", f" {meant} ")
    return padded.strip()


def _read_words(text: str, vocabulary: Vocabulary, lexicon: Lexicon, query: Query) -> list[_Word]:
    words: list[_Word] = []
    after_purpose = False
    for token in tokens(text)[: MAX_WORDS * 2]:
        if token in _PURPOSE:
            after_purpose = True
            continue
        if token in lexicon.stop_words or len(token) < 2:
            continue
        surface = token if token[0].isdigit() else _recognise(token, vocabulary, lexicon)
        if surface is None:
            query.unknown.append(token)
            continue
        if surface != token:
            query.corrections[token] = surface
        for part in lexicon.rewrites.get(surface, surface).split():
            words.append(_Word(stem(part), part, after_purpose))
        after_purpose = False
    return words[:MAX_WORDS]


def _known(word: str, vocabulary: Vocabulary, lexicon: Lexicon) -> bool:
    return (
        word in vocabulary.words
        or word in lexicon.words
        or stem(word) in vocabulary.stems
        or (stem(word),) in lexicon.category_phrases
        or (stem(word),) in lexicon.intent_phrases
    )


def _recognise(word: str, vocabulary: Vocabulary, lexicon: Lexicon) -> str | None:
    """The word as the catalog or lexicon knows it, or None."""
    if _known(word, vocabulary, lexicon):
        return word
    for candidate in (other_layout(word), other_alphabet(word)):
        if _known(candidate, vocabulary, lexicon):
            return candidate
    for candidate in (word, other_alphabet(word), other_layout(word)):
        if corrected := _nearest(candidate, vocabulary, lexicon):
            return corrected
    return None


def _nearest(word: str, vocabulary: Vocabulary, lexicon: Lexicon) -> str | None:
    """The closest known word in the same alphabet: one typo from five letters, two from eight."""
    if len(word) < 5:
        return None
    limit = 1 if len(word) < 8 else 2
    cyrillic = is_cyrillic(word)
    best: tuple[str, float] | None = None
    for choices in (lexicon.words, vocabulary.words):
        pool = [w for w in choices if is_cyrillic(w) == cyrillic and abs(len(w) - len(word)) <= 2]
        found = process.extractOne(word, pool, scorer=Levenshtein.distance, score_cutoff=limit)
        if found and (best is None or found[1] < best[1]):
            best = (found[0], found[1])
    return best[0] if best else None


def _take_phrases(
    words: list[_Word], vocabulary: Vocabulary, lexicon: Lexicon, query: Query
) -> None:
    """Longest phrase first: brands, then categories, then intents; the rest stay free words."""
    i = 0
    while i < len(words):
        for size in range(min(_LONGEST_PHRASE, len(words) - i), 0, -1):
            key: Phrase = tuple(w.stem for w in words[i : i + size])
            if _place(key, words[i], vocabulary, lexicon, query):
                i += size
                break
        else:
            query.words.append(words[i].stem)
            i += 1
    query.words = _unique(query.words)
    query.hints = _unique(query.hints)


def _place(
    key: Phrase, first: _Word, vocabulary: Vocabulary, lexicon: Lexicon, query: Query
) -> bool:
    if brand := vocabulary.brands.get(key) or lexicon.brand_phrases.get(key):
        if first.purpose:  # "чехол на самсунг": a case that fits it, not a Samsung product
            query.words.extend(phrase(brand))
        else:
            _add(query.brands, brand)
        return True
    # The lexicon's reading first; when it names a category this catalog lacks, the
    # catalog's own name for the words still counts.
    candidates = (lexicon.category_phrases.get(key), vocabulary.category_phrases.get(key))
    code = next((c for c in candidates if c and c in vocabulary.categories), None)
    if code:
        # The words still help ranking: "мышь" and "кабель" are both accessories, and
        # "для телефона" names what the goods are for, not the goods.
        query.hints.extend(key)
        if not first.purpose:
            _add(query.categories, code)
        return True
    if code := lexicon.intent_phrases.get(key):
        intent = lexicon.intents[code]
        if intent not in query.intents:
            query.intents.append(intent)
        return True
    return False


def _add(items: list[str], item: str) -> None:
    if item not in items:
        items.append(item)


def _unique(items: list) -> list:
    return list(dict.fromkeys(items))
