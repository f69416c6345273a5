"""The compiled catalogues (.mo, committed so that no host needs gettext) say exactly what their .po says: an
edit of a .po without `make messages` fails here."""

import ast
import gettext
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(  # the project's own: not the virtualenv's, nor a scratch folder's (judged inside the project,
    # which may itself live under /tmp, as CI's clean clone does)
    path
    for path in ROOT.glob("**/locale/*/LC_MESSAGES/*.po")
    if not {".venv", "tmp"} & set(path.relative_to(ROOT).parts)
)


def po_entries(path: Path) -> dict:
    """``{msgid: msgstr}`` and ``{(msgid, msgid_plural): msgstr[0]}`` of a .po file (no contexts used here)."""
    entries, current, key = {}, {}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current.get("msgid"):
                if "msgid_plural" in current:
                    entries[(current["msgid"], current["msgid_plural"])] = current["msgstr[0]"]
                else:
                    entries[current["msgid"]] = current["msgstr"]
            current, key = {}, None
            continue
        if line.startswith("#"):
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[0\])?) (".*")$', line)
        if match:
            key = match.group(1)
            current[key] = ast.literal_eval(match.group(2))
        else:
            current[key] += ast.literal_eval(line)
    return entries


def test_the_project_and_the_forum_have_their_catalogues():
    names = {path.relative_to(ROOT).as_posix() for path in CATALOGUES}
    assert "locale/id/LC_MESSAGES/django.po" in names
    assert "locale/id/LC_MESSAGES/djangojs.po" in names
    assert "forum/forum_abuse/locale/id/LC_MESSAGES/django.po" in names


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_the_compiled_catalogue_matches_its_source(po):
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo.relative_to(ROOT)} missing: run `make messages`"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    entries = po_entries(po)

    for msgid, msgstr in entries.items():
        if isinstance(msgid, tuple):
            assert compiled.ngettext(*msgid, 1) == msgstr, f"{msgid[0]!r}: run `make messages`"
        else:
            assert compiled.gettext(msgid) == msgstr, f"{msgid!r}: run `make messages`"
    assert len(compiled._catalog) - 1 == len(entries), "the .mo holds texts the .po no longer has"  # noqa: SLF001 -- 1: the header
