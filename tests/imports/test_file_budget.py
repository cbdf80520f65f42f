"""One budget for every file read (issue 20, findings 8–10): a file's used area, unpacked size and
declarations are counted before a reader builds anything; a file over the budget is refused by a
message naming the sheet and the cell, within ~100 MB of memory, by every import (commands and admin)."""
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError

from okr_tracker.admin_import import FilePreviewImportMixin, WorkbookImportMixin
from okr_tracker.workbook import MEMORY_BUDGET_BYTES, WorkbookInvalid, decode_csv

from .hostile import corpus

ROOT = Path(__file__).resolve().parents[2]
CORPUS = corpus()

# The reader in a process of its own: its peak memory is measured (and capped at 3 GB, so that a
# regression fails this test instead of the machine).
CHILD = textwrap.dedent("""
    import json, os, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))
    import django
    django.setup()
    import python_calamine, olefile, defusedxml.ElementTree  # loaded before the baseline is read
    from okr_tracker.workbook import WorkbookInvalid, open_sheet
    data = open(sys.argv[1], "rb").read()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    try:
        title, rows, close = open_sheet(data)
        outcome = {"read": sum(1 for row in rows)}
    except WorkbookInvalid as error:
        outcome = {"refused": error.problems}
    outcome["grew"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before
    print(json.dumps(outcome))
""")


def read_in_a_process(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "okr_tracker.settings", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, cwd=ROOT,
                          env=environment, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_a_file_that_asks_for_too_much_is_refused_by_message_within_the_budget(tmp_path, name):
    outcome = read_in_a_process(tmp_path, name, CORPUS[name])
    assert "refused" in outcome, outcome
    message = " ".join(outcome["refused"])
    assert "Traceback" not in message and "Error" not in message
    if "dtd" in name:
        assert "DTD" in message
    else:
        assert "แผ่นงาน" in message and ("แถว ×" in message)
    assert outcome["grew"] < MEMORY_BUDGET_BYTES, outcome


def test_the_seed_table_from_every_format_reads_well_within_the_budget(tmp_path):
    files = ROOT / "tests" / "imports" / "files"
    for name in ("seed-table.xlsx", "seed-table.ods", "seed-table.xls", "seed-table-cp874.csv"):
        outcome = read_in_a_process(tmp_path, name, (files / name).read_bytes())
        assert outcome.get("read", 0) >= 50 and outcome["grew"] < MEMORY_BUDGET_BYTES / 4, (name, outcome)


# --- every import, command and admin, refuses the 1.6 KB file -----------------------------------

BOMB = CORPUS["xlsx-cell-at-XFD1048576.xlsx"]
COMMAND_ARGUMENTS = {
    "import_targets": ["--indicator", "8308", "--year", "2568"],
    "import_results": ["--indicator", "CDP2563", "--year", "2563", "--quarter", "3"],
    "import_communities": [],
    "import_accounts": [],
    "import_indicator": [],
    "import_agreement": ["--year", "2568"],
}


def test_every_import_command_is_tried():
    assert {name for name in get_commands() if name.startswith("import_")} == set(COMMAND_ARGUMENTS)


@pytest.mark.django_db
@pytest.mark.parametrize("command", sorted(COMMAND_ARGUMENTS))
def test_every_import_command_refuses_the_file_by_message(command, tmp_path, kr8308, cdp2563):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(BOMB)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command(command, str(path), *COMMAND_ARGUMENTS[command], stdout=io.StringIO(), stderr=err)
    assert "XFD1048576" in err.getvalue() and "Traceback" not in err.getvalue()


def admin_imports():
    """(admin URL of the upload, form data besides the file, file field) of every import page of the admin."""
    from indicators.models import Indicator, Quarter

    found = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        base = f"/admin/{opts.app_label}/{opts.model_name}/"
        if isinstance(model_admin, WorkbookImportMixin):
            data = {"format": 0}
            if "indicator" in model_admin.context_fields:
                data["indicator"] = Indicator.objects.get(code="CDP2563").pk
            if "quarter" in model_admin.context_fields:
                data["quarter"] = Quarter.objects.get(fiscal_year__year_be=2563, number=3).pk
                Quarter.objects.filter(pk=data["quarter"]).update(status=Quarter.Status.OPEN)
            if "indicator" in model_admin.context_fields and "quarter" not in model_admin.context_fields:
                data["indicator"] = Indicator.objects.get(code="8308").pk
                Quarter.objects.filter(fiscal_year__year_be=2568).update(status=Quarter.Status.OPEN)
            found.append((base + "import/", data, "import_file"))
        if isinstance(model_admin, FilePreviewImportMixin):
            found.append((base + "import-file/", {}, "file"))
    return found


@pytest.mark.django_db
def test_every_admin_import_refuses_the_file_by_message(client, admin_user, kr8308, cdp2563):
    client.force_login(admin_user)
    pages = admin_imports()
    assert len(pages) >= 5  # targets, results, communities, accounts, KR workbooks
    for url, data, field in pages:
        response = client.post(url, {**data, field: SimpleUploadedFile("bomb.xlsx", BOMB)})
        page = response.content.decode()
        assert response.status_code == 200 and "XFD1048576" in page, url
        assert 'name="confirm"' not in page and "process_import" not in page, url


# --- a CSV's encoding, decided from what the decoding gives ----------------------------------------


@pytest.mark.parametrize("text, encoding", [
    ("name,commune\nx,Communauté Sainte-Élise\n", "cp1252"),
    ("name,note\nx,Société Générale à Paris\n", "cp1252"),
    ("name,note\nKöln,Straße\n", "latin-1"),
])
def test_a_csv_that_decodes_as_thai_in_impossible_places_is_refused_naming_its_row(text, encoding):
    with pytest.raises(WorkbookInvalid) as refused:
        decode_csv(text.encode(encoding))
    assert "แถว 2" in refused.value.problems[0] or "UTF-8" in refused.value.problems[0]


@pytest.mark.parametrize("text", [
    "เขต,ชุมชน\nดินแดง,ชุมชนเคหะบ้านเอื้ออาทร\n",
    "เขต,หมายเหตุ\nกิ่งแก้ว,น้ำใส ฤๅษี เก๋า ปั๊มน้ำ ฯลฯ ๆ ๑๒๓ “ชุมชน” – ตกลง\n",
    "เขต,note\nบางรัก (Bang Rak),ok\n",
])
def test_thai_as_it_is_written_in_windows_874_is_read(text):
    assert decode_csv(text.encode("cp874")) == text
