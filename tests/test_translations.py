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
# Everything makemessages reads (the apps, templates, settings), not the environments and outputs.
NOT_COPIED = {".git", ".venv", ".venv-load", "staticfiles", "media", "backups", "tests", "docs", "node_modules",
              ".pytest_cache", "db.sqlite3"}

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
    for source in ROOT.iterdir():
        name = source.name
        if name in NOT_COPIED or name.startswith("db.sqlite3"):
            continue
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    subprocess.run([sys.executable, "manage.py", "makemessages", "-l", "th", "--no-obsolete", "-v0"],
                   cwd=tmp_path, check=True, capture_output=True)
    missing = untranslated(tmp_path / "locale" / "th" / "LC_MESSAGES" / "django.po")
    assert not missing, "no Thai translation in locale/th/LC_MESSAGES/django.po (run `make messages`, then translate):\n" + "\n".join(missing)


@pytest.mark.parametrize("po", [PO, ROOT / "locale_thirdparty/th/LC_MESSAGES/django.po",
                                ROOT / "locale_thirdparty/th/LC_MESSAGES/djangojs.po"], ids=lambda po: po.parts[-4])
def test_the_compiled_catalogue_is_the_po_file_compiled(tmp_path, po):
    compiled = tmp_path / "compiled.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(po)], check=True, capture_output=True)
    with open(compiled, "rb") as fresh, open(po.with_suffix(".mo"), "rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(fresh)._catalog, \
            f"{po.with_suffix('.mo')} is out of date: run `make messages`"


# Strings of Django and the packages that reach users: Django's own Thai catalogue lacks many
# (form errors, admin), django-simple-history and django-axes ship none. They are translated in
# locale_thirdparty/; a new one (after an upgrade) fails here until it is.
SITE = Path(__import__("django").__file__).parent.parent
CATALOGUES = [
    ("django", SITE / "django/conf/locale/en/LC_MESSAGES/django.po"),
    ("django", SITE / "django/contrib/admin/locale/en/LC_MESSAGES/django.po"),
    ("djangojs", SITE / "django/contrib/admin/locale/en/LC_MESSAGES/djangojs.po"),
    ("django", SITE / "django/contrib/auth/locale/en/LC_MESSAGES/django.po"),
    ("django", SITE / "django/contrib/contenttypes/locale/en/LC_MESSAGES/django.po"),
    ("django", SITE / "simple_history/locale/de/LC_MESSAGES/django.po"),
    ("django", SITE / "axes/locale/de/LC_MESSAGES/django.po"),
]
# Parts of Django no page of ours shows: language names, the start page of an empty project,
# sitemaps, feeds, static files, humanize.
NOT_SHOWN = ("global_settings.py", "default_urlconf", "contrib/sitemaps", "contrib/syndication",
             "contrib/staticfiles", "contrib/messages/apps", "contrib/humanize")
# The same in Thai: symbols, units, abbreviations Thai writes in Latin letters.
SAME_IN_THAI = {"…", "IPv4", "IPv6", "%(truncated_text)s…", "HTTP Accept", "URL", ":?.!", ":", ", ", "%s KB", "%s MB",
                "%s GB", "%s TB", "%s PB", "a.m.", "p.m.", "AM", "PM", "%(class_name)s %(instance)s"}


def catalogue_entries(po):
    listing = subprocess.run(["msgattrib", "--no-wrap", "--no-obsolete", str(po)], capture_output=True, text=True,
                             check=True).stdout
    for block in listing.split("\n\n"):
        lines = block.split("\n")
        ids = [line for line in lines if line.startswith("msgid ")]
        if not ids or ids[0] == 'msgid ""':
            continue
        where = " ".join(line for line in lines if line.startswith("#:"))
        if any(part in where for part in NOT_SHOWN):
            continue
        context = [line[len("msgctxt "):] for line in lines if line.startswith("msgctxt ")]
        plural = [line[len("msgid_plural "):] for line in lines if line.startswith("msgid_plural ")]
        yield (eval(context[0]) if context else None, eval(ids[0][len("msgid "):]),  # noqa: S307 (a PO string literal)
               eval(plural[0]) if plural else None)


def test_every_package_string_a_user_sees_has_thai():
    from django.utils import translation
    from django.utils.translation.trans_real import DjangoTranslation

    admin_locale = str(SITE / "django/contrib/admin/locale")
    missing = []
    with translation.override("th"):
        catalogues = {"django": translation.trans_real.translation("th"),
                      "djangojs": DjangoTranslation("th", domain="djangojs", localedirs=[admin_locale])}
        for domain, po in CATALOGUES:
            thai = catalogues[domain]
            for context, msgid, plural in catalogue_entries(po):
                if msgid in SAME_IN_THAI:
                    continue
                if plural:
                    text = thai.npgettext(context, msgid, plural, 2) if context else thai.ngettext(msgid, plural, 2)
                    english = plural
                else:
                    text = thai.pgettext(context, msgid) if context else thai.gettext(msgid)
                    english = msgid
                if text == english:
                    missing.append(f"{po.parts[-5] if 'contrib' in po.parts else po.parts[-4]}: {msgid}")
    assert not missing, "no Thai in locale_thirdparty/th/LC_MESSAGES/ for:\n" + "\n".join(missing)


@pytest.mark.django_db
def test_form_refusals_are_in_thai(client, din_daeng_clerk, open_quarter):
    from django.urls import reverse

    client.force_login(din_daeng_clerk)
    url = reverse("reports:form", kwargs={"district_code": "1026", "indicator_code": "8308", "year": 2568,
                                          "quarter_number": 1})
    page = client.post(url, {"version": "0", "achieved": "5", "budget_allocated": "1.234",
                             "budget_disbursed": "123456789012345", "narrative": "มี\x00อักขระว่าง",
                             "warning_explanation": "ก" * 501, "save": "1"}).content.decode()
    for thai in ("ทศนิยมต้องไม่เกิน 2 ตำแหน่ง", "ตัวเลขรวมต้องไม่เกิน 14 หลัก", "อักขระว่าง (null)",
                 "ต้องมีไม่เกิน 500 ตัวอักษร (ขณะนี้มี 501)"):
        assert thai in page
    for english in ("Ensure", "Null characters", "at most"):
        assert english not in page


@pytest.mark.django_db
def test_admin_pages_are_in_thai_and_in_the_apps_font(client, admin_user):
    from django.urls import reverse

    from django.contrib.auth.models import Group

    client.force_login(admin_user)
    pages = [reverse("admin:index"), reverse("admin:indicators_quarter_changelist"),
             reverse("admin:auth_group_add"), reverse("admin:axes_accessattempt_changelist"),
             reverse("admin:indicators_indicator_history", args=[1]),
             reverse("admin:auth_group_change", args=[Group.objects.first().pk])]
    for url in pages:
        html = client.get(url).content.decode()
        assert "css/admin.css" in html, url
        for english in ("Start typing to filter", "Show counts", "Error:", "Can add", "Can change", "Hold down",
                        "Change reason", "Changed by", "Access attempts", "log entry", "Content Types",
                        "Skip to main content", "Toggle theme"):
            assert english not in html, (url, english)
