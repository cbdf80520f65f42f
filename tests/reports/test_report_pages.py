"""The report pages through the test client: forms, concurrency, evidence, lists."""
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from districts.models import District
from indicators.models import Quarter
from reports import services
from reports.models import Report

from .helpers import clerk_submitting_for, draft, submitted

pytestmark = pytest.mark.django_db
FORM_URL = reverse("reports:form", kwargs={"district_code": "1026", "indicator_code": "8308", "year": 2568, "quarter_number": 1})


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_staff_land_on_my_district_with_the_open_quarter(client, din_daeng_clerk, open_quarter):
    client.force_login(din_daeng_clerk)
    response = client.get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("reports:mine")
    text = text_of(response)
    assert "สำนักงานเขตดินแดง" in text and "8308" in text and "ยังไม่เริ่ม" in text
    assert FORM_URL in response.content.decode()


def test_a_first_save_creates_the_draft_and_accepts_thai_digits_and_separators(client, din_daeng_clerk, open_quarter):
    client.force_login(din_daeng_clerk)
    response = client.post(FORM_URL, {"achieved": "๑๘", "budget_allocated": "1,250,000.50", "budget_disbursed": "๕๐๐,๐๐๐",
                                      "narrative": "จัดประชุม", "save": "1"}, follow=True)
    assert "บันทึกร่างแล้ว" in text_of(response)
    report = Report.objects.get()
    assert (report.achieved, str(report.budget_allocated), str(report.budget_disbursed)) == (18, "1250000.50", "500000.00")
    assert (report.district.code, report.status, report.updated_by) == ("1026", Report.Status.DRAFT, din_daeng_clerk)


def test_a_reopened_draft_shows_amounts_with_thousands_separators_and_saves_them_unchanged(
        client, din_daeng_clerk, open_quarter, kr8308):
    draft(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=18, budget_allocated=220000, budget_disbursed=1250.5)
    client.force_login(din_daeng_clerk)
    html = client.get(FORM_URL).content.decode()
    assert 'value="220,000.00"' in html and 'value="1,250.50"' in html
    client.post(FORM_URL, {"version": "1", "achieved": "18", "budget_allocated": "220,000.00",
                           "budget_disbursed": "1,250.50", "save": "1"})
    report = Report.objects.get()
    assert (report.version, str(report.budget_allocated), str(report.budget_disbursed)) == (2, "220000.00", "1250.50")


def test_a_rejected_form_keeps_every_value_and_says_why_next_to_the_field(client, din_daeng_clerk, open_quarter):
    client.force_login(din_daeng_clerk)
    response = client.post(FORM_URL, {"achieved": "23", "budget_allocated": "1000", "budget_disbursed": "800",
                                      "budget_returned": "300", "narrative": "ข้อความที่พิมพ์ไว้ยาว ๆ", "obstacles": "ฝนตก",
                                      "save": "1"})
    assert response.status_code == 200
    html, text = response.content.decode(), text_of(response)
    assert 'value="23"' in html and 'value="800"' in html and 'value="300"' in html
    assert "ข้อความที่พิมพ์ไว้ยาว ๆ" in html and "ฝนตก" in html
    assert 'id="id_achieved_error"' in html and "23 มากกว่าจำนวนชุมชนของเขต (22)" in text
    assert 'id="id_budget_disbursed_error"' in html
    assert "ไม่ได้บันทึก" in text
    assert not Report.objects.exists()


def test_words_instead_of_numbers_are_refused_in_thai(client, din_daeng_clerk, open_quarter):
    client.force_login(din_daeng_clerk)
    response = client.post(FORM_URL, {"achieved": "ยี่สิบ", "save": "1"})
    assert 'value="ยี่สิบ"' in response.content.decode()
    assert "จำนวนเต็ม" in text_of(response)


def test_the_second_of_two_concurrent_saves_is_refused_and_nothing_is_lost(client, din_daeng_clerk, open_quarter):
    from django.test import Client

    report = draft(open_quarter.fiscal_year.indicators.get(code="8308"), open_quarter, "1026", din_daeng_clerk, achieved=10)
    colleague = Client()
    colleague.force_login(din_daeng_clerk)
    client.force_login(din_daeng_clerk)
    # Both opened version 1; the colleague saves first.
    colleague.post(FORM_URL, {"version": "1", "achieved": "15", "narrative": "ของเพื่อนร่วมงาน", "save": "1"})
    response = client.post(FORM_URL, {"version": "1", "achieved": "17", "narrative": "ของฉัน", "save": "1"})
    assert response.status_code == 200
    html, text = response.content.decode(), text_of(response)
    assert "มีผู้อื่นบันทึกรายงานนี้" in text
    assert 'value="17"' in html and "ของฉัน" in html  # what I typed
    assert "ของเพื่อนร่วมงาน" in html  # what is stored now
    report.refresh_from_db()
    assert (report.achieved, report.narrative, report.version) == (15, "ของเพื่อนร่วมงาน", 2)
    # Saving again from the refused form is a deliberate overwrite of version 2.
    assert 'name="version" value="2"' in html
    client.post(FORM_URL, {"version": "2", "achieved": "17", "narrative": "ของฉัน", "save": "1"})
    report.refresh_from_db()
    assert (report.achieved, report.version) == (17, 3)


def test_two_first_saves_of_one_report_never_both_succeed(client, din_daeng_clerk, open_quarter):
    from django.test import Client

    colleague = Client()
    colleague.force_login(din_daeng_clerk)
    client.force_login(din_daeng_clerk)
    # Both open the form of a report that does not exist yet: it says so ("no report yet").
    for browser in (client, colleague):
        assert 'name="version" value="0"' in browser.get(FORM_URL).content.decode()
    saved = colleague.post(FORM_URL, {"version": "0", "achieved": "15", "narrative": "ของเพื่อนร่วมงาน", "save": "1"})
    assert saved.status_code == 302
    response = client.post(FORM_URL, {"version": "0", "achieved": "17", "narrative": "ของฉัน", "save": "1"})
    assert response.status_code == 200
    html, text = response.content.decode(), text_of(response)
    assert "มีผู้อื่นบันทึกรายงานนี้" in text
    assert "ของฉัน" in html and "ของเพื่อนร่วมงาน" in html  # both versions shown
    report = Report.objects.get(district__code="1026", quarter=open_quarter, indicator__code="8308")
    assert (report.achieved, report.narrative, report.version) == (15, "ของเพื่อนร่วมงาน", 1)


def test_save_and_submit_in_one_click(client, din_daeng_clerk, open_quarter):
    client.force_login(din_daeng_clerk)
    response = client.post(FORM_URL, {"achieved": "20", "submit": "1"}, follow=True)
    report = Report.objects.get()
    assert report.status == Report.Status.SUBMITTED
    assert response.redirect_chain[-1][0] == report.get_absolute_url()


def test_evidence_is_accepted_by_content_and_served_only_to_readers(client, din_daeng_clerk, dusit_clerk, open_quarter, media):
    client.force_login(din_daeng_clerk)
    pdf = SimpleUploadedFile("ภาพกิจกรรม.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    client.post(FORM_URL, {"achieved": "5", "evidence_files": [pdf], "save": "1"})
    evidence = Report.objects.get().evidence.get()
    assert (evidence.original_name, evidence.content_type) == ("ภาพกิจกรรม.pdf", "application/pdf")
    download = client.get(evidence.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.7\n..."
    client.force_login(dusit_clerk)
    assert client.get(evidence.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("name, kept_as", [("page.html", "page.pdf"), ("รายงาน.svg", "รายงาน.pdf"), ("ไม่มีนามสกุล", "ไม่มีนามสกุล.pdf"),
                                           ("scan.PDF", "scan.PDF")])
def test_evidence_keeps_the_extension_of_its_real_type(client, din_daeng_clerk, open_quarter, media, name, kept_as):
    """Issue 20, finding 15: a PDF called page.html was kept, and downloaded, as page.html."""
    client.force_login(din_daeng_clerk)
    client.post(FORM_URL, {"achieved": "5", "save": "1",
                           "evidence_files": [SimpleUploadedFile(name, b"%PDF-1.7\n...", content_type="text/html")]})
    evidence = Report.objects.get().evidence.get()
    assert (evidence.original_name, evidence.content_type) == (kept_as, "application/pdf")
    assert not evidence.file.name.endswith((".html", ".svg"))
    download = client.get(evidence.get_absolute_url())
    assert download["Content-Type"] == "application/pdf" and kept_as.rsplit(".", 1)[-1] in download["Content-Disposition"]


def test_evidence_lives_in_the_database_and_goes_with_its_removal(client, din_daeng_clerk, open_quarter, media,
                                                                  django_capture_on_commit_callbacks):
    """Several app servers share nothing but the database, and a database backup holds the files."""
    from okr_tracker.models import StoredFile

    client.force_login(din_daeng_clerk)
    photo = SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")
    client.post(FORM_URL, {"achieved": "5", "evidence_files": [photo], "save": "1"})
    evidence = Report.objects.get().evidence.get()
    stored = StoredFile.objects.get(name=evidence.file.name)
    assert (bytes(stored.data)[:8], stored.size) == (b"\x89PNG\r\n\x1a\n", 72)
    assert not any(media.rglob("*.png"))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:evidence_delete", kwargs={"pk": evidence.pk}))
    assert not StoredFile.objects.exists() and not Report.objects.get().evidence.exists()


def test_evidence_can_be_kept_on_disk_instead(client, din_daeng_clerk, open_quarter, media, settings):
    from okr_tracker.models import StoredFile

    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    client.force_login(din_daeng_clerk)
    pdf = SimpleUploadedFile("แผน.pdf", b"%PDF-1.7 on disk", content_type="application/pdf")
    client.post(FORM_URL, {"achieved": "5", "evidence_files": [pdf], "save": "1"})
    evidence = Report.objects.get().evidence.get()
    assert (media / evidence.file.name).read_bytes() == b"%PDF-1.7 on disk" and not StoredFile.objects.exists()
    assert b"".join(client.get(evidence.get_absolute_url()).streaming_content) == b"%PDF-1.7 on disk"


def test_more_than_a_save_may_carry_is_refused_by_the_form_keeping_the_text(client, din_daeng_clerk, open_quarter, media,
                                                                           monkeypatch):
    from reports import forms

    monkeypatch.setattr(forms, "MAX_UPLOAD_BYTES_PER_SAVE", 100)
    client.force_login(din_daeng_clerk)
    files = [SimpleUploadedFile(f"ภาพ{number}.pdf", b"%PDF-1.7" + b"x" * 60, content_type="application/pdf")
             for number in (1, 2)]
    response = client.post(FORM_URL, {"achieved": "5", "narrative": "เก็บไว้", "evidence_files": files, "save": "1"})
    assert response.status_code == 200 and "ไฟล์ที่เลือกรวมกันเกิน 50 MB" in text_of(response)
    assert "เก็บไว้" in response.content.decode() and not Report.objects.exists()
    assert 'data-max-total-bytes="100"' in response.content.decode()  # the script checks the limit the server keeps


def test_a_program_renamed_to_pdf_is_refused(client, din_daeng_clerk, open_quarter, media):
    client.force_login(din_daeng_clerk)
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 this is an exe", content_type="application/pdf")
    response = client.post(FORM_URL, {"achieved": "5", "narrative": "คงไว้", "evidence_files": [fake], "save": "1"})
    assert response.status_code == 200
    assert "“report.pdf” ไม่ใช่ไฟล์ PDF" in text_of(response)
    assert "คงไว้" in response.content.decode()
    assert not Report.objects.exists()


def test_a_returned_report_shows_the_reason_on_the_districts_page(client, kr8308, open_quarter, din_daeng_clerk, reviewer):
    report = submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=18)
    services.return_report(report=report, by=reviewer, comment="กรุณาแนบภาพถ่ายกิจกรรม")
    client.force_login(din_daeng_clerk)
    text = text_of(client.get(reverse("reports:mine")))
    assert "ส่งกลับแก้ไข" in text and "กรุณาแนบภาพถ่ายกิจกรรม" in text


def test_the_reviewer_returns_with_a_comment_and_an_empty_comment_is_refused(client, kr8308, open_quarter, din_daeng_clerk, reviewer):
    report = submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=18)
    client.force_login(reviewer)
    response = client.post(reverse("reports:return", kwargs={"pk": report.pk}), {"comment": ""})
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    client.post(reverse("reports:return", kwargs={"pk": report.pk}), {"comment": "ตัวเลขไม่ตรง"})
    report.refresh_from_db()
    assert (report.status, report.review_comment) == (Report.Status.RETURNED, "ตัวเลขไม่ตรง")


def test_the_report_page_shows_a_readable_history(client, kr8308, open_quarter, din_daeng_clerk, reviewer):
    report = draft(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=10)
    report = services.save_report(report=report, data={"achieved": 12}, by=din_daeng_clerk, expected_version=1)
    client.force_login(reviewer)
    text = text_of(client.get(report.get_absolute_url()))
    assert "สร้างร่าง" in text and "บันทึกร่าง" in text
    assert "10 → 12" in text


@pytest.mark.parametrize("count", [5, 50])
def test_the_review_list_takes_the_same_queries_for_5_or_50_reports(client, kr8308, open_quarter, reviewer, count,
                                                                     django_assert_max_num_queries):
    clerk_submitting_for(kr8308, open_quarter, count)
    client.force_login(reviewer)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("reports:review"))
    assert response.content.decode().count('name="report"') == count


@pytest.mark.parametrize("count", [5, 50])
def test_my_district_and_history_take_the_same_queries_for_5_or_50_districts(client, kr8308, open_quarter, reviewer, count,
                                                                             django_assert_max_num_queries):
    clerk = clerk_submitting_for(kr8308, open_quarter, count)
    client.force_login(clerk)
    with django_assert_max_num_queries(14):
        client.get(reverse("reports:mine"))
    with django_assert_max_num_queries(16):
        client.get(reverse("reports:district", kwargs={"district_code": "1001"}))


def test_bulk_approval_from_the_review_list(client, kr8308, open_quarter, din_daeng_clerk, dusit_clerk, reviewer):
    first = submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=18)
    second = submitted(kr8308, open_quarter, "1002", dusit_clerk, achieved=30)
    client.force_login(reviewer)
    response = client.post(reverse("reports:approve_many"), {"report": [first.pk, second.pk]}, follow=True)
    assert "อนุมัติแล้ว 2 รายงาน" in text_of(response)
    assert set(Report.objects.values_list("status", flat=True)) == {Report.Status.APPROVED}


def test_the_review_list_filters_by_group_and_status(client, kr8308, open_quarter, din_daeng_clerk, reviewer):
    submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=18)
    client.force_login(reviewer)
    group = District.objects.get(code="1026").group
    other_group = District.objects.exclude(group=group).first().group
    assert "ดินแดง" in text_of(client.get(reverse("reports:review"), {"status": "submitted", "group": group.pk}))
    assert "ดินแดง" not in text_of(client.get(reverse("reports:review"), {"status": "submitted", "group": other_group.pk}))
    assert "ดินแดง" not in text_of(client.get(reverse("reports:review"), {"status": "approved"}))


def test_a_session_ends_after_the_absolute_limit(client, din_daeng_clerk, settings):
    from okr_tracker.middleware import LOGIN_AT

    client.force_login(din_daeng_clerk)
    session = client.session
    session[LOGIN_AT] = 0
    session.save()
    response = client.get(reverse("reports:mine"))
    assert response.status_code == 302 and response.url == reverse("login")
    assert client.get(reverse("reports:mine")).status_code == 302


def test_logout_everywhere_ends_the_users_other_sessions(client, din_daeng_clerk, dusit_clerk):
    from django.test import Client

    other_browser, someone_else = Client(), Client()
    other_browser.force_login(din_daeng_clerk)
    someone_else.force_login(dusit_clerk)
    client.force_login(din_daeng_clerk)
    response = client.post(reverse("logout_everywhere"))
    assert response.status_code == 302
    assert other_browser.get(reverse("reports:mine")).status_code == 302
    assert someone_else.get(reverse("reports:mine")).status_code == 200


def test_the_report_page_shows_the_percent_and_verdict_against_the_districts_target(client, kr8308, open_quarter,
                                                                                      din_daeng_clerk, reviewer):
    report = submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=20)
    client.force_login(reviewer)
    text = text_of(client.get(report.get_absolute_url()))
    assert "ร้อยละของชุมชนในเขต 90.91 บรรลุค่าเป้าหมายของเขต" in text  # 20 of 22; the target is 20
    Report.objects.filter(pk=report.pk).update(achieved=19)
    assert "86.36 ยังไม่บรรลุค่าเป้าหมายของเขต" in text_of(client.get(report.get_absolute_url()))


def test_the_form_and_the_report_page_show_the_deadline_in_be(client, kr8308, open_quarter, din_daeng_clerk):
    import datetime

    Quarter.objects.filter(pk=open_quarter.pk).update(deadline=datetime.date(2025, 1, 15))
    client.force_login(din_daeng_clerk)
    assert "กำหนดส่ง 15 ม.ค. 2568" in text_of(client.get(FORM_URL))
    report = draft(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=3)
    assert "กำหนดส่ง 15 ม.ค. 2568" in text_of(client.get(report.get_absolute_url()))


def test_page_views_do_not_write_the_session_but_the_idle_clock_is_still_renewed(client, din_daeng_clerk, monkeypatch):
    import time

    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(din_daeng_clerk)
    client.get(reverse("reports:mine"))  # the first view after log-in starts the idle clock
    expiry = Session.objects.get().expire_date
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            client.get(reverse("reports:mine"))
    writes = [query["sql"] for query in queries if "django_session" in query["sql"] and not query["sql"].startswith("SELECT")]
    assert writes == []
    assert client.get("/healthz").status_code == 200
    # Five minutes later the next view renews it: the idle limit counts from then.
    later = time.time() + 6 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("reports:mine"))
    assert any("django_session" in query["sql"] and not query["sql"].startswith("SELECT") for query in queries)
    assert Session.objects.get().expire_date >= expiry


def test_a_districts_page_shows_its_results_on_file_of_any_year(client, reviewer, cdp2563, kr8308, open_quarter,
                                                                din_daeng_clerk):
    """Issue 22: seed 002's CDP2563 results (no report in the system) never appeared on the district's
    page: its years came from reports alone. They are listed under their year, each in its kind's words."""
    from indicators.models import DistrictResult

    draft(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=3)  # a report of 2568: the newest year, shown first
    client.force_login(reviewer)
    page = client.get(reverse("reports:district", args=["1026"])).content.decode()
    assert 'href="?year=2563"' in page and "<strong>2568</strong>" in page
    page = client.get(reverse("reports:district", args=["1026"]) + "?year=2563").content.decode()
    results = DistrictResult.objects.filter(district__code="1026", indicator=cdp2563)
    assert results.exists()
    assert "ผลที่บันทึกไว้" in page and page.count("CDP2563</a>") == results.count()
    answer = "ใช่" if results.order_by("quarter__number").first().answered_yes else "ไม่ใช่"
    assert answer in page
