"""Thai is the first language: every string the code marks for translation has its Thai in
locale/th/LC_MESSAGES/django.po, the one source of the translations (edit it directly, or with
Poedit or Weblate), and the compiled django.mo that Django reads is that file compiled.

`make messages` extracts new strings into the .po (`makemessages`) and compiles it.
"""
import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "th" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SOURCES = ["manage.py", "okr_tracker", "districts", "indicators", "reports", "templates", "locale"]

pytestmark = pytest.mark.skipif(not shutil.which("msgattrib"), reason="gettext is not installed (make test installs it)")


def untranslated(po):
    """The msgids of `po` with no Thai, or only a fuzzy guess (msgmerge's, never checked by a person)."""
    found = []
    for option in ("--untranslated", "--only-fuzzy"):
        listing = subprocess.run(["msgattrib", option, "--no-wrap", "--no-location", str(po)],
                                 capture_output=True, text=True, check=True).stdout
        found += [line[len('msgid "'):-1] for line in listing.splitlines()
                  if line.startswith('msgid "') and line != 'msgid ""']
    return found


def test_every_string_marked_for_translation_has_its_thai(tmp_path):
    # makemessages on a copy of the code, so the test does not rewrite the working tree.
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    subprocess.run([sys.executable, "manage.py", "makemessages", "-l", "th", "--no-obsolete", "-v0"],
                   cwd=tmp_path, check=True, capture_output=True)
    missing = untranslated(tmp_path / "locale" / "th" / "LC_MESSAGES" / "django.po")
    assert not missing, "no Thai translation in locale/th/LC_MESSAGES/django.po (run `make messages`, then translate):\n" + "\n".join(missing)


def test_the_compiled_catalogue_is_the_po_file_compiled(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(PO)], check=True)
    with open(compiled, "rb") as fresh, open(MO, "rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(fresh)._catalog, \
            "locale/th/LC_MESSAGES/django.mo is out of date: run `make messages`"
