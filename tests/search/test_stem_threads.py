"""The server answers searches from many threads at once: stemming must not mix their words."""

import threading

import snowballstemmer

from server.search.text import stem

RU_BASES = ("телевизор", "холодильник", "пылесос", "смартфон", "ноутбук")
RU_ENDINGS = ("", "а", "ы", "ов", "ами", "ах", "ом", "у")
EN_BASES = ("washing", "cleaner", "laptop", "phone")
WORDS = [b + e for b in RU_BASES for e in RU_ENDINGS] + [
    b + e for b in EN_BASES for e in ("", "s", "ing", "ed")
]


def test_threads_stemming_at_once_each_get_their_own_words_stem():
    russian, english = snowballstemmer.stemmer("russian"), snowballstemmer.stemmer("english")
    expected = {w: (russian if w[0] >= "а" else english).stemWord(w) for w in WORDS}
    wrong: list[str] = []
    start = threading.Barrier(8)

    def work(offset: int) -> None:
        start.wait()
        for _round in range(100):
            for word in WORDS[offset:] + WORDS[:offset]:
                got = stem.__wrapped__(word)  # past the cache: the stemmer itself
                if got != expected[word]:
                    wrong.append(f"{word} -> {got}")

    threads = [threading.Thread(target=work, args=(i * 5,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []
