"""Back up, wipe, restore: every report and its history is found again (SQLite and PostgreSQL)."""
import io

import pytest
from django.core.management import call_command

from districts.models import District
from indicators.models import DistrictTarget, Indicator, Quarter
from indicators.reference_data import load_reference_data
from reports import services
from reports.models import Report
from reports.roles import ensure_role_groups

pytestmark = [pytest.mark.transactional, pytest.mark.django_db(transaction=True)]


def test_backup_wipe_restore_finds_every_report_and_its_history(tmp_path, django_user_model):
    load_reference_data()
    reviewers, _staff = ensure_role_groups()
    clerk = django_user_model.objects.create_user("clerk-backup", password="x")
    reviewer = django_user_model.objects.create_user("reviewer-backup", password="x")
    reviewer.groups.add(reviewers)
    district = District.objects.get(code="1026")
    district.staff.add(clerk)
    indicator = Indicator.objects.get(code="8308", fiscal_year__year_be=2568)
    Quarter.objects.filter(fiscal_year=indicator.fiscal_year, number=1).update(status=Quarter.Status.OPEN)
    quarter = Quarter.objects.get(fiscal_year=indicator.fiscal_year, number=1)
    report = services.save_report(report=Report(indicator=indicator, district=district, quarter=quarter),
                                  data={"achieved": 18, "narrative": "ก่อนสำรอง"}, by=clerk, expected_version=None)
    from django.core.files.uploadedfile import SimpleUploadedFile

    services.add_evidence(report=report, by=clerk, content_type="application/pdf",
                          uploaded_file=SimpleUploadedFile("ภาพกิจกรรม.pdf", b"%PDF-1.7 evidence"))
    report = services.submit_report(report=Report.objects.get(pk=report.pk), by=clerk)
    services.approve_report(report=report, by=reviewer)
    before = (Report.objects.count(), Report.history.count(), DistrictTarget.objects.count())

    path = tmp_path / "backup.bin"
    call_command("backup_database", str(path), stdout=io.StringIO())
    from okr_tracker.models import StoredFile

    StoredFile.objects.all().delete()
    Quarter.objects.update(status=Quarter.Status.OPEN)  # the wipe: a locked quarter's figures cannot be deleted
    Report.history.all().delete()
    Report.objects.all().delete()
    DistrictTarget.objects.all().delete()
    assert Report.objects.count() == 0

    call_command("restore_database", str(path), "--yes", stdout=io.StringIO())
    assert (Report.objects.count(), Report.history.count(), DistrictTarget.objects.count()) == before
    restored = Report.objects.get(district__code="1026")
    assert (restored.status, restored.achieved, restored.narrative) == (Report.Status.APPROVED, 18, "ก่อนสำรอง")
    assert list(restored.history.order_by("history_date").values_list("history_change_reason", flat=True)) == [
        "draft created", "submitted", "approved"]
    evidence = restored.evidence.get()  # the file itself too: evidence lives in the database
    assert evidence.original_name == "ภาพกิจกรรม.pdf" and evidence.file.open("rb").read() == b"%PDF-1.7 evidence"


def test_restore_needs_confirmation(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--yes"):
        call_command("restore_database", str(tmp_path / "x"), stdout=io.StringIO())


def test_a_file_that_is_not_a_backup_is_refused_and_nothing_is_replaced(tmp_path):
    from django.core.management.base import CommandError

    load_reference_data()
    before = DistrictTarget.objects.count()
    not_a_backup = tmp_path / "targets.xlsx"
    not_a_backup.write_bytes(b"PK\x03\x04 this is a workbook, not a backup" * 100)
    with pytest.raises(CommandError, match="กู้คืนข้อมูลไม่สำเร็จ: .*targets.xlsx"):
        call_command("restore_database", str(not_a_backup), "--yes", stdout=io.StringIO())
    assert DistrictTarget.objects.count() == before > 0


def test_a_backup_that_cannot_be_written_says_where_without_a_traceback(tmp_path):
    from django.core.management.base import CommandError

    blocked = tmp_path / "a-file"
    blocked.write_text("not a directory")
    with pytest.raises(CommandError, match="สำรองข้อมูลไม่สำเร็จ: .*a-file"):
        call_command("backup_database", str(blocked / "backup.bin"), stdout=io.StringIO())


# --- a restore checks before it replaces (issue 25, findings 2 and 3) ----------------------------


@pytest.fixture
def loaded(tmp_path, settings):
    settings.BACKUP_DIR = tmp_path / "aside"
    load_reference_data()
    return DistrictTarget.objects.count()


def refused(path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as error:
        call_command("restore_database", str(path), "--yes", stdout=io.StringIO())
    return str(error.value)


def a_backup(tmp_path, name="good.bak"):
    path = tmp_path / name
    call_command("backup_database", str(path), stdout=io.StringIO())
    return path


def test_an_empty_file_is_refused_and_the_database_is_untouched(tmp_path, loaded):
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    assert "the file is empty" in refused(empty)
    assert DistrictTarget.objects.count() == loaded > 0


def test_a_damaged_backup_is_refused_with_the_tools_own_words(tmp_path, loaded):
    from django.db import connection

    path = a_backup(tmp_path)
    data = bytearray(path.read_bytes())
    if connection.vendor == "sqlite":
        page = 4096 * 3  # a page of the tables' data overwritten
        data[page:page + 4096] = bytes(range(256)) * 16
    else:  # a byte changed inside a CREATE TABLE of the dump (pg_restore's words, not a UnicodeDecodeError)
        at = data.find(b"CREATE TABLE")
        data[at + 3] = 0x8D
    path.write_bytes(bytes(data))
    message = refused(path)
    assert "UnicodeDecodeError" not in message and "ฐานข้อมูลยังเหมือนเดิม" in message
    assert DistrictTarget.objects.count() == loaded


def test_a_database_of_another_system_is_refused(tmp_path, loaded):
    import sqlite3

    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("a PostgreSQL dump of another system: covered by the scratch restore's table check")
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as database:
        database.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    assert "not a backup of this system" in refused(other)
    assert DistrictTarget.objects.count() == loaded


def test_a_backup_from_a_newer_release_is_refused(tmp_path, loaded):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO django_migrations (app, name, applied) VALUES ('reports', '9999_from_the_future', "
                       "CURRENT_TIMESTAMP)")
    path = a_backup(tmp_path)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_migrations WHERE name = '9999_from_the_future'")
    assert "newer release" in refused(path)
    assert DistrictTarget.objects.count() == loaded


def test_a_restore_copies_the_database_aside_first_and_can_be_undone(tmp_path, loaded, settings):
    path = a_backup(tmp_path)
    Quarter.objects.update(status=Quarter.Status.OPEN)
    DistrictTarget.objects.filter(district__code="1026").update(target_communities=19)  # a correction made after
    out = io.StringIO()
    call_command("restore_database", str(path), "--yes", stdout=out)
    assert DistrictTarget.objects.get(district__code="1026").target_communities == 20
    [aside] = list(settings.BACKUP_DIR.iterdir())
    assert str(aside) in out.getvalue()
    call_command("restore_database", str(aside), "--yes", stdout=io.StringIO())  # undone
    assert DistrictTarget.objects.get(district__code="1026").target_communities == 19
