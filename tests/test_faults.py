"""Faults: the database failing half-way through a write leaves the report as it was, and an import
killed half-way through (SIGKILL, the power cut of a server) leaves nothing written."""
import contextlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.urls import reverse
from simple_history.signals import post_create_historical_record

from indicators.reference_data import load_reference_data
from reports.models import Report
from tests.imports.workbooks import target_workbook
from tests.reports.helpers import draft

ROOT = Path(__file__).resolve().parent.parent
FORM_URL = reverse("reports:form", kwargs={"district_code": "1026", "indicator_code": "8308", "year": 2568,
                                           "quarter_number": 1})


@contextlib.contextmanager
def database_dies_after_the_report_is_written():
    """The connection drops after the report's row is updated, when its history row is being written."""
    def gone(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    post_create_historical_record.connect(gone, sender=Report.history.model, dispatch_uid="test-faults")
    try:
        yield
    finally:
        post_create_historical_record.disconnect(sender=Report.history.model, dispatch_uid="test-faults")


def state(report):
    report = Report.objects.get(pk=report.pk)
    return report.status, report.version, report.achieved, report.narrative, report.history.count()


@pytest.mark.django_db
def test_a_save_cut_off_half_way_leaves_the_draft_as_it_was(client, din_daeng_clerk, open_quarter, kr8308):
    report = draft(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=10, narrative="ฉบับเดิม")
    before = state(report)
    client.force_login(din_daeng_clerk)
    client.raise_request_exception = False

    with database_dies_after_the_report_is_written():
        response = client.post(FORM_URL, {"version": "1", "achieved": "15", "narrative": "ฉบับใหม่", "save": "1"})

    html = response.content.decode()
    assert response.status_code == 500 and "ระบบขัดข้องชั่วคราว" in html and "Traceback" not in html
    assert state(report) == before == (Report.Status.DRAFT, 1, 10, "ฉบับเดิม", 1)


@pytest.mark.django_db
def test_a_submission_cut_off_half_way_leaves_the_report_a_draft(client, din_daeng_clerk, open_quarter, kr8308):
    report = draft(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=10)
    before = state(report)
    client.force_login(din_daeng_clerk)
    client.raise_request_exception = False

    with database_dies_after_the_report_is_written():
        response = client.post(reverse("reports:submit", args=[report.pk]))

    assert response.status_code == 500 and "Traceback" not in response.content.decode()
    assert state(report) == before and before[0] == Report.Status.DRAFT
    # and once the database is back, the same click works
    client.post(reverse("reports:submit", args=[report.pk]))
    assert Report.objects.get(pk=report.pk).status == Report.Status.SUBMITTED


@pytest.mark.django_db
def test_a_save_with_a_file_cut_off_at_the_file_leaves_nothing_half_done(client, din_daeng_clerk, open_quarter,
                                                                         kr8308):
    """One click, one transaction (issue 20, finding 18): the figures, the file and the submission
    go in together or not at all."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from reports.models import Evidence

    report = draft(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=10, narrative="ฉบับเดิม")
    before = state(report)
    client.force_login(din_daeng_clerk)
    client.raise_request_exception = False

    def gone(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    post_create_historical_record.connect(gone, sender=Evidence.history.model, dispatch_uid="test-faults-file")
    try:
        response = client.post(FORM_URL, {"version": "1", "achieved": "15", "narrative": "ฉบับใหม่", "submit": "1",
                                          "evidence_files": SimpleUploadedFile("หลักฐาน.pdf", b"%PDF-1.7 x")})
    finally:
        post_create_historical_record.disconnect(sender=Evidence.history.model, dispatch_uid="test-faults-file")
    assert response.status_code == 500
    assert state(report) == before and not Evidence.objects.exists()


# --- a killed import ---------------------------------------------------------------------------

PAUSE_MID_IMPORT = """
import os, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "okr_tracker.settings")
django.setup()
from django.core.management import call_command
from django.db import connection

table, command, arguments = sys.argv[1], sys.argv[2], sys.argv[3:]

def pause_once_rows_are_written(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    if sql.lstrip().upper().startswith("INSERT") and table in sql:
        print("ROWS WRITTEN, TRANSACTION OPEN", flush=True)
        time.sleep(120)
    return result

with connection.execute_wrapper(pause_once_rows_are_written):
    call_command(command, *arguments)
"""

COUNT = """
import os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "okr_tracker.settings")
django.setup()
from indicators.models import DistrictTarget, FiscalYear, Indicator, Quarter
print(FiscalYear.objects.filter(year_be=2569).count(), Quarter.objects.filter(fiscal_year__year_be=2569).count(),
      Indicator.objects.filter(fiscal_year__year_be=2569).count(),
      DistrictTarget.objects.filter(indicator__fiscal_year__year_be=2569).count())
"""


def database_for_a_second_process(tmp_path):
    """Environment for a separate process on a database this test can see.

    PostgreSQL: the test database itself (this test commits). SQLite: the test database lives in
    this process's memory, so the other process gets a file database of its own, migrated and loaded.
    """
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DJANGO_DEBUG": "1"}
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        env["DATABASE_URL"] = (f"postgres://{settings['USER']}:{settings['PASSWORD']}@{settings['HOST'] or '127.0.0.1'}:"
                               f"{settings['PORT'] or 5432}/{settings['NAME']}")
        load_reference_data()
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'killed-import.sqlite3'}"
        for command in (["migrate", "--noinput", "-v0"], ["load_reference_data"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                           capture_output=True, timeout=300)
    return env


def year_2569(env):
    out = subprocess.run([sys.executable, "-c", COUNT], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120, check=True).stdout
    return tuple(int(number) for number in out.split())


@pytest.mark.transactional
@pytest.mark.django_db(transaction=True)
def test_a_target_import_killed_half_way_leaves_nothing_written_and_runs_again(tmp_path):
    """Importing the 2569 target table creates the year, its quarters, the indicator carried over and
    50 targets in one transaction; killed once target rows are written, none of it is left."""
    env = database_for_a_second_process(tmp_path)
    workbook = tmp_path / "targets-2569.xlsx"
    workbook.write_bytes(target_workbook())
    arguments = ["import_targets", str(workbook), "--indicator", "8308", "--year", "2569"]
    assert year_2569(env) == (0, 0, 0, 0)

    process = subprocess.Popen([sys.executable, "-c", PAUSE_MID_IMPORT, "indicators_districttarget", *arguments],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        printed = []
        for line in process.stdout:  # the command may say other things first (the carried-over year)
            printed.append(line)
            if line.strip() == "ROWS WRITTEN, TRANSACTION OPEN":
                break
        if printed[-1:] != ["ROWS WRITTEN, TRANSACTION OPEN\n"]:
            process.wait(timeout=60)
            pytest.fail("the import never wrote a target row: " + "".join(printed) + process.stderr.read())
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        if process.poll() is None:
            process.kill()
        process.stdout.close()
        process.stderr.close()

    assert year_2569(env) == (0, 0, 0, 0)

    again = subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "ใหม่ 50 แถว" in again.stdout
    assert year_2569(env) == (1, 4, 1, 50)
