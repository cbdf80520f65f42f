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
