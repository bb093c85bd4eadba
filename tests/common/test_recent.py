"""Recent: the terminal's checkouts and the pickup's results on screen stay bounded."""

from common.recent import Recent


def test_the_oldest_is_forgotten_first_and_the_size_never_grows_past_the_bound():
    recent: Recent[str, int] = Recent(keep=3)
    for number in range(10):
        recent.remember(f"key-{number}", number)
        assert len(recent) <= 3
    assert [recent.get(f"key-{n}") for n in range(10)] == [None] * 7 + [7, 8, 9]
    assert recent.latest() == 9


def test_remembering_a_key_again_makes_it_the_newest():
    recent: Recent[str, str] = Recent(keep=2)
    recent.remember("a", "first")
    recent.remember("b", "second")
    recent.remember("a", "first again")
    recent.remember("c", "third")  # "b" is now the oldest and goes
    assert recent.get("b") is None
    assert recent.get("a") == "first again" and recent.latest() == "third"


def test_find_returns_the_newest_match():
    recent: Recent[int, str] = Recent(keep=5)
    for number, word in enumerate(["apple", "avocado", "banana"]):
        recent.remember(number, word)
    assert recent.find(lambda word: word.startswith("a")) == "avocado"
    assert recent.find(lambda word: word.startswith("z")) is None
