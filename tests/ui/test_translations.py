"""English is the second language: every string the app shows has an English translation, none is a fuzzy
guess, and the compiled catalogue (.mo, what Django reads) says what the .po says."""

import gettext
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ROOT / "locale" / "en" / "LC_MESSAGES"


def _unquote(lines: list[str]) -> str:
    escaped = "".join(re.fullmatch(r'"(.*)"', line).group(1) for line in lines)
    # unicode_escape reads bytes as Latin-1: undo that for the UTF-8 text around the escapes.
    return escaped.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")


def _entries(po: Path):
    """(msgid, [msgstr, …], flags) per entry of a .po file as makemessages and msgattrib write it."""
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line and not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        fields: dict[str, list[str]] = {}
        current = None
        for line in lines:
            if line.startswith("#"):
                continue
            if line.startswith('"'):
                fields[current].append(line)
                continue
            current, _, rest = line.partition(" ")
            fields[current] = [rest]
        if "msgid" not in fields:
            continue
        strings = [_unquote(value) for key, value in fields.items() if key.startswith("msgstr")]
        yield _unquote(fields["msgid"]), strings, flags


def test_every_string_has_an_english_translation_and_none_is_fuzzy():
    entries = [entry for entry in _entries(ENGLISH / "django.po") if entry[0]]
    assert len(entries) > 1000
    untranslated = [msgid for msgid, strings, _ in entries if not all(strings)]
    fuzzy = [msgid for msgid, _, flags in entries if "fuzzy" in flags]
    assert untranslated == [] and fuzzy == []


def test_the_compiled_catalogue_matches_the_po_file():
    with (ENGLISH / "django.mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = [
        msgid
        for msgid, strings, _ in _entries(ENGLISH / "django.po")
        if msgid and len(strings) == 1 and catalogue.gettext(msgid) != strings[0]
    ]
    assert stale == []
