"""Words out of text: cleaning, tokens, stems, the other keyboard layout and transliteration.

Stemming is Snowball (Russian and English): the same function stems the catalog when it is
indexed and the shopper's words when they search, so "стиральных машин" meets "Стиральная
машина" without a dictionary; unknown model names ("x1504va") pass through unchanged.
"""

import re
import threading
import unicodedata
from functools import lru_cache

import snowballstemmer

# A query longer than this is a pasted page, not a shopper: read its beginning only.
MAX_QUERY_CHARS = 200
MAX_WORDS = 12

# A Snowball stemmer keeps the word it works on in itself: one pair per thread, or two
# requests stemming at once swap their words ("пылесосом" came back as "смартфон").
_STEMMERS = threading.local()
_CYRILLIC = re.compile(r"[а-яё]")
_TOKEN = re.compile(r"[0-9a-zа-яё]+(?:[.,][0-9]+)?")

# The same keys on the Latin (QWERTY) and Russian (ЙЦУКЕН) layouts.
_LAT_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`"
_RU_KEYS = "йцукенгшщзхъфывапролджэячсмитьбюё"
_TO_RU = str.maketrans(_LAT_KEYS, _RU_KEYS)
_TO_LAT = str.maketrans(_RU_KEYS, _LAT_KEYS)

_RU_TO_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "sch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya",
}  # fmt: skip
# Longest Latin spellings first, so "sh" becomes "ш" and not "сх".
_LAT_TO_RU = [
    ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"),
    ("sh", "ш"), ("yu", "ю"), ("ya", "я"), ("yo", "ё"), ("ye", "е"), ("a", "а"), ("b", "б"),
    ("c", "к"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"), ("i", "и"),
    ("j", "дж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"),
    ("q", "к"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"), ("w", "в"),
    ("x", "кс"), ("y", "ы"), ("z", "з"),
]  # fmt: skip


def clean(text: str) -> str:
    """Lower case, ё as е, no control or invisible characters, at most MAX_QUERY_CHARS."""
    text = unicodedata.normalize("NFKC", text[: MAX_QUERY_CHARS * 4])
    kept = "".join(
        ch if unicodedata.category(ch)[0] not in "CZ" else " " for ch in text if ch != "\u200b"
    )
    return " ".join(kept.lower().replace("ё", "е").split())[:MAX_QUERY_CHARS]


def tokens(text: str) -> list[str]:
    """Words and numbers of already clean text; "6,5" and "22.5" stay whole."""
    return [t.replace(",", ".") for t in _TOKEN.findall(text)]


def is_cyrillic(word: str) -> bool:
    return bool(_CYRILLIC.search(word))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Snowball stem in the word's own alphabet; numbers and short words stay as they are."""
    if len(word) < 3 or word[0].isdigit():
        return word
    if not hasattr(_STEMMERS, "ru"):
        _STEMMERS.ru = snowballstemmer.stemmer("russian")
        _STEMMERS.en = snowballstemmer.stemmer("english")
    return (_STEMMERS.ru if is_cyrillic(word) else _STEMMERS.en).stemWord(word)


def other_layout(word: str) -> str:
    """The word as it was meant if typed on the other keyboard layout ("gkfyitn" → "планшет")."""
    return word.translate(_TO_LAT if is_cyrillic(word) else _TO_RU)


def to_latin(word: str) -> str:
    return "".join(_RU_TO_LAT.get(ch, ch) for ch in word)


def to_cyrillic(word: str) -> str:
    out, i = [], 0
    while i < len(word):
        for lat, ru in _LAT_TO_RU:
            if word.startswith(lat, i):
                out.append(ru)
                i += len(lat)
                break
        else:
            out.append(word[i])
            i += 1
    return "".join(out)


def transliterated(word: str) -> str:
    """The word in the other alphabet ("televizor" → "телевизор", "бош" → "bosh")."""
    return to_latin(word) if is_cyrillic(word) else to_cyrillic(word)
