"""Every sentence a person can see has a Russian translation (Russian is the default)."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from common.assets import TRANSLATIONS

ROOT = Path(__file__).resolve().parents[2]


def _messages_in_code() -> set[str]:
    with (ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT),
        method_map,
        options_map,
        keywords={"_": None, "_l": None, "gettext": None, "lazy_gettext": None, "ngettext": (1, 2)},
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def test_every_message_has_a_russian_translation():
    with (TRANSLATIONS / "ru/LC_MESSAGES/messages.po").open("rb") as handle:
        catalog = read_po(handle)
    translated = {
        m.id if isinstance(m.id, str) else m.id[0]  # a plural entry's id is (one, many)
        for m in catalog
        if m.id and m.string and "fuzzy" not in m.flags
    }
    missing = sorted(_messages_in_code() - translated)
    assert missing == [], (
        "untranslated (run pybabel extract/update, then translate):\n" + "\n".join(missing)
    )
