"""Query understanding, one capability at a time, against the demo catalog's vocabulary.

Pure: the vocabulary is built from the demo catalog generator, with no app and no database.
"""

import json
import os
import random
import shutil

import pytest

from server.demo.catalog import CATEGORIES, build_catalog
from server.search.understand import Query, understand, without
from server.search.vocabulary import DATA_DIR, build_vocabulary, load_lexicon


@pytest.fixture(scope="module")
def read():
    items = build_catalog(random.Random(42))
    specs = [str(x) for i in items for row in i.specs for x in row]
    vocabulary = build_vocabulary(
        [(code, ru, en) for code, ru, en, *_ in CATEGORIES],
        {i.brand for i in items},
        [t for i in items for t in (i.name_ru, i.name_en)] + specs,
    )
    lexicon = load_lexicon()
    return lambda text: understand(text, vocabulary, lexicon)


def rubles(query: Query) -> tuple[int | None, int | None]:
    assert query.price is not None
    low, high = query.price.min_minor, query.price.max_minor
    return (low and low // 100, high and high // 100)


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("стиральных машин", "washers"),
        ("холодильники", "fridges"),
        ("пылесосов", "vacuums"),
        ("смартфоны", "smartphones"),
        ("washing machines", "washers"),
        ("vacuum cleaners", "vacuums"),
    ],
)
def test_any_form_of_a_word_finds_its_category(read, text, category):
    assert read(text).categories == [category]


@pytest.mark.parametrize(
    ("text", "category"),
    [("тилевизор", "tvs"), ("пылисос", "vacuums"), ("кафемашина", "coffee")],
)
def test_typos_are_read_against_the_catalogs_own_words(read, text, category):
    query = read(text)
    assert query.categories == [category] and text in query.corrections


def test_a_typo_in_a_brand_is_corrected(read):
    assert read("samsyng").brands == ["Samsung"]


def test_short_words_are_not_guessed_at(read):
    assert read("тел").categories == [] and read("тел").corrections == {}


@pytest.mark.parametrize(
    ("text", "meant"), [("gkfyitn", "планшет"), ("ntktdbpjh", "телевизор"), ("ьфсищщл", "macbook")]
)
def test_the_wrong_keyboard_layout_is_read_as_meant(read, text, meant):
    assert read(text).corrections == {text: meant}


def test_latin_transliteration_of_a_russian_word(read):
    assert read("televizor").categories == ["tvs"]
    assert read("noutbuk").categories == ["laptops"]


def test_cyrillic_spelling_of_a_latin_name(read):
    assert read("бош").brands == ["Bosch"]
    assert "redmi" in read("редми").words


@pytest.mark.parametrize(
    ("text", "brand"),
    [
        ("хуавей", "HUAWEI"),
        ("леново", "Lenovo"),
        ("делонги", "De'Longhi"),
        ("джибиэль", "JBL"),
        ("самсунг", "Samsung"),
        ("сяоми", "Xiaomi"),
    ],
)
def test_brands_as_people_say_them(read, text, brand):
    assert read(text).brands == [brand]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("мобильник", "smartphones"),
        ("ноут", "laptops"),
        ("холодос", "fridges"),
        ("стиралка", "washers"),
        ("телик", "tvs"),
    ],
)
def test_colloquial_names(read, text, category):
    assert read(text).categories == [category]


def test_plojka_is_the_playstation(read):
    assert read("плойка").words == ["playstat"]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("телевизор 65 дюймов", ["65in"]),
        ("смартфон 32 гб", ["32gb"]),
        ("консоль 1 тб", ["1tb", "1024gb"]),
        ("tv 55 inch", ["55in"]),
        ("экран 6,5″", ["6.5in"]),
    ],
)
def test_units_and_numbers(read, text, tokens):
    assert [q.token for q in read(text).specs] == tokens


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("в пределах 20 тысяч", (None, 20000)),
        ("не дороже 40к", (None, 40000)),
        ("от 100 тысяч", (100000, None)),
        ("до 10000", (None, 10000)),
        ("headphones under 5000", (None, 5000)),
        ("телефон 15000 руб", (None, 15000)),
        ("от 5 до 10 тысяч", (5000, 10000)),
        ("from 20k to 30k", (20000, 30000)),
    ],
)
def test_price_phrases(read, text, price):
    assert rubles(read(text)) == price


def test_small_numbers_and_storage_are_not_prices(read):
    assert read("часы до 18 ч").price is None
    assert read("1 тб").price is None and read("iphone 15").price is None


def test_budget_is_an_intent_that_favours_the_cheaper_goods(read):
    [intent] = read("бюджетный").intents
    assert intent.code == "budget" and intent.price == "low"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("телефон для мамы", "simple"),
        ("телефон для бабушки", "simple"),
        ("ноутбук студенту", "student"),
        ("для геймера", "gamer"),
        ("для офиса", "office"),
        ("холодильник на дачу", "dacha"),
        ("в подарок", "gift"),
        ("phone for grandma", "simple"),
    ],
)
def test_intents_from_the_data_file(read, text, intent):
    assert [i.code for i in read(text).intents] == [intent]


def test_category_and_intent_together(read):
    query = read("недорогой ноутбук студенту")
    assert query.categories == ["laptops"]
    assert [i.code for i in query.intents] == ["budget", "student"]


def test_what_the_goods_are_for_is_not_the_goods(read):
    query = read("зарядка для телефона")
    assert query.categories == ["accessories"] and "телефон" in query.hints


def test_remaining_words_are_kept_for_the_text_match(read):
    query = read("холодильник no frost")
    assert query.categories == ["fridges"] and query.words[-2:] == ["no", "frost"]


def test_garbage_is_hopeless(read):
    assert read("<script>alert(1)</script>").hopeless
    assert read("' OR 1=1 --").hopeless
    assert not read("наушники для спорта").hopeless


def test_a_staff_edit_to_the_intents_file_works_without_a_restart(tmp_path):
    for name in ("lexicon.json", "intents.json"):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    vocabulary = build_vocabulary([("fridges", "Холодильники", "Refrigerators")], ["Pozis"], [])
    assert understand("для тещи", vocabulary, load_lexicon(tmp_path)).intents == []
    data = json.loads((tmp_path / "intents.json").read_text(encoding="utf-8"))
    data["intents"][0]["phrases"].append("для тёщи")
    (tmp_path / "intents.json").write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    os.utime(tmp_path / "intents.json", ns=(1, 10**18))  # a later edit, whatever the clock
    [intent] = understand("для тещи", vocabulary, load_lexicon(tmp_path)).intents
    assert intent.code == "simple"


@pytest.mark.parametrize(
    "text",
    [
        "x" * 10_000,
        '"*" NEAR(',
        "((((",
        '"""',
        "'; DROP TABLE products; --",
        "\x00",
        "😀",
        "*",
        "%",
    ],
)
def test_hostile_text_is_read_without_error(read, text):
    query = read(text)
    assert len(query.words) <= 12


def test_a_removed_chip_takes_its_guess_away_and_leaves_the_rest(read):
    query = without(read("телефон для мамы до 20 тысяч"), ["intent:simple", "price:-2000000"])
    assert query.categories == ["smartphones"]
    assert query.intents == [] and query.price is None and query.words == []


def test_a_catalog_whose_codes_the_lexicon_does_not_know_keeps_its_own_category_names():
    """A chain's categories need not carry the demo's codes: "смартфон" still finds the
    store's own "Смартфоны" when the lexicon points at a code this catalog lacks."""
    vocabulary = build_vocabulary(
        [("phones", "Смартфоны", "Smartphones"), ("tv", "Телевизоры", "TVs")],
        {"Samsung"},
        ["Смартфон Samsung Galaxy A55", "Телевизор Samsung 55"],
    )
    query = understand("смартфон", vocabulary, load_lexicon())
    assert query.categories == ["phones"]
