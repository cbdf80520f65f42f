"""Accounts for every district from one workbook; each new user sets their own password from the
invitation's one-time link; a forgotten password needs no administrator; a user's own page."""
import io
import re

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from districts.models import District
from notifications.models import OutboxMessage, Preferences
from reports.roles import DISTRICT_STAFF_GROUP, REVIEWER_GROUP

pytestmark = pytest.mark.django_db
HEADERS = ["ชื่อผู้ใช้", "ชื่อ-นามสกุล", "อีเมล", "เขต", "บทบาท"]
NEW_PASSWORD = "ต้นไม้ใบหญ้า-2569"


def workbook(rows, headers=HEADERS):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "บัญชีผู้ใช้"
    sheet.append(["บัญชีผู้ใช้ระบบติดตามตัวชี้วัด ปีงบประมาณ 2569"])
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def log_in(client, username, password):
    """Through the log-in page, as a person does (django-axes checks every attempt)."""
    return client.post(reverse("login"), {"username": username, "password": password}).status_code == 302


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def run(tmp_path, data, *args, name="บัญชี.xlsx"):
    path = tmp_path / name
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_accounts", str(path), *args, stdout=out, stderr=err)
    finally:
        run.err = err.getvalue()
    return out.getvalue()


def test_the_clerks_of_all_50_districts_come_from_one_workbook(tmp_path, smtp, committed):
    rows = [[f"clerk{district.code}", f"เจ้าหน้าที่ {district.name_th}", f"clerk{district.code}@bma.example.go.th",
             district.name_th, "เจ้าหน้าที่เขต"] for district in District.objects.all()]
    rows.append(["sdd-reviewer", "ผู้ตรวจ สำนักพัฒนาสังคม", "reviewer@sdd.example.go.th", "", "ผู้ตรวจรายงาน"])
    with committed():
        output = run(tmp_path, workbook(rows))
    assert "ใหม่ 51 แถว" in output
    User = get_user_model()
    assert User.objects.filter(groups__name=DISTRICT_STAFF_GROUP).count() == 50
    clerk = User.objects.get(username="clerk1026")
    assert [d.code for d in clerk.districts.all()] == ["1026"] and not clerk.has_usable_password()
    assert User.objects.get(username="sdd-reviewer").groups.get().name == REVIEWER_GROUP
    assert len(smtp.mailbox.wait_for(51)) == 51 and OutboxMessage.objects.filter(sent_at__isnull=False).count() == 51
    # Again: nothing new, nobody invited twice.
    with committed():
        assert "ใหม่ 0 แถว, เปลี่ยน 0 แถว, ไม่เปลี่ยน 51 แถว" in run(tmp_path, workbook(rows))
    assert OutboxMessage.objects.count() == 51


def test_an_imported_clerk_sets_a_password_from_the_link_and_logs_in(client, tmp_path, smtp, committed, open_quarter):
    with committed():
        run(tmp_path, workbook([["somsri", "สมศรี ใจดี", "somsri@dindaeng.example.go.th",
                                 "สำนักงานเขตดินแดง, 1002", "เจ้าหน้าที่เขต"]]))
    [mail] = smtp.mailbox.wait_for(1)
    assert mail["to"] == ["somsri@dindaeng.example.go.th"] and "เรียน สมศรี ใจดี" in mail["body"]
    assert "somsri" in mail["body"]
    link = re.search(r"https://kpi\.example\.go\.th(/account/password/set/\S+)", mail["body"]).group(1)
    form_page = client.get(link, follow=True)
    assert "ตั้งรหัสผ่าน" in form_page.content.decode() and "somsri" in form_page.content.decode()
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
                       follow=True)
    assert done.status_code == 200 and "ตั้งรหัสผ่านแล้ว" in done.content.decode()
    assert log_in(client, "somsri", NEW_PASSWORD)
    page = client.get(reverse("reports:mine")).content.decode()
    assert "สำนักงานเขตดินแดง" in page and "สำนักงานเขตดุสิต" in page
    client.logout()
    assert client.get(link, follow=True).context["validlink"] is False  # the link works once


@pytest.mark.parametrize("row, message", [
    (["newclerk", "ก ข", "newclerk@bma.example.go.th", "บางใหญ่", "เจ้าหน้าที่เขต"],
     "แถว 3 คอลัมน์ “เขต” ค่า “บางใหญ่”: ไม่พบเขต “บางใหญ่”"),
    (["newclerk", "ก ข", "not-an-address", "ดินแดง", "เจ้าหน้าที่เขต"], "แถว 3 คอลัมน์ “อีเมล” ค่า “not-an-address”: ไม่ใช่ที่อยู่อีเมล"),
    (["newclerk", "ก ข", "a@b.go.th", "ดินแดง", "หัวหน้า"], "แถว 3 คอลัมน์ “บทบาท” ค่า “หัวหน้า”"),
])
def test_a_bad_row_is_named_and_nothing_is_written(tmp_path, smtp, committed, row, message):
    good = ["okclerk", "ค ง", "ok@bma.example.go.th", "ดุสิต", "เจ้าหน้าที่เขต"]
    with pytest.raises(CommandError), committed():
        run(tmp_path, workbook([row, good]))
    assert f"บัญชี.xlsx: แผ่นงาน “บัญชีผู้ใช้” {message}" in run.err
    assert not get_user_model().objects.filter(username__in=["newclerk", "okclerk"]).exists()
    assert smtp.mailbox.messages == [] and not OutboxMessage.objects.exists()


def test_a_user_name_twice_in_the_file_is_refused(tmp_path):
    rows = [["twice", "ก ข", "a@bma.example.go.th", "ดินแดง", "เจ้าหน้าที่เขต"],
            ["Twice", "ค ง", "b@bma.example.go.th", "ดุสิต", "เจ้าหน้าที่เขต"]]
    with pytest.raises(CommandError):
        run(tmp_path, workbook(rows))
    assert "แถว 4 คอลัมน์ “ชื่อผู้ใช้” ค่า “Twice”: ซ้ำ (มีแล้วที่แถว 3)" in run.err


def test_a_dry_run_writes_nothing_and_invites_nobody(tmp_path, smtp, committed):
    with committed():
        assert "จะนำเข้า (ทดลอง ไม่บันทึก) บัญชีผู้ใช้: ใหม่ 1 แถว" in run(
            tmp_path, workbook([["x1", "ก ข", "x1@bma.example.go.th", "1026", "เจ้าหน้าที่เขต"]]), "--dry-run")
    assert not get_user_model().objects.filter(username="x1").exists() and smtp.mailbox.messages == []


def test_a_forgotten_password_is_reset_from_the_login_page_without_an_administrator(client, smtp, committed,
                                                                                     din_daeng_clerk):
    din_daeng_clerk.email = "clerk@dindaeng.example.go.th"
    din_daeng_clerk.save()
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()
    with committed():
        response = client.post(reverse("password_reset"), {"email": "clerk@dindaeng.example.go.th"}, follow=True)
    assert "ตรวจกล่องจดหมาย" in response.content.decode()
    [mail] = smtp.mailbox.wait_for(1)
    link = re.search(r"https://kpi\.example\.go\.th(/account/password/set/\S+)", mail["body"]).group(1)
    page = client.get(link, follow=True)
    client.post(page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert log_in(client, din_daeng_clerk.username, NEW_PASSWORD)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, smtp, committed):
    with committed():
        response = client.post(reverse("password_reset"), {"email": "nobody@example.go.th"}, follow=True)
    assert "ตรวจกล่องจดหมาย" in response.content.decode() and smtp.mailbox.messages == []


def test_a_users_own_page_sets_address_language_and_notices(client, din_daeng_clerk):
    client.force_login(din_daeng_clerk)
    assert client.get(reverse("account")).status_code == 200
    response = client.post(reverse("account"), {"email": "new@dindaeng.example.go.th", "language": "en",
                                               "review_notices": "on", "daily_digest": "on"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "en"
    din_daeng_clerk.refresh_from_db()
    preferences = Preferences.objects.get(user=din_daeng_clerk)
    assert din_daeng_clerk.email == "new@dindaeng.example.go.th"
    assert (preferences.language, preferences.review_notices, preferences.deadline_reminders) == ("en", True, False)
    assert client.post(reverse("account"), {"email": "not an address", "language": "th"}).status_code == 200


def test_a_deactivated_user_cannot_log_in_and_their_history_stays(client, kr8308, open_quarter, din_daeng_clerk):
    from tests.reports.helpers import submitted

    report = submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=10)
    din_daeng_clerk.is_active = False
    din_daeng_clerk.save()
    assert log_in(client, din_daeng_clerk.username, "a-long-test-password-2568") is False
    report.refresh_from_db()
    assert report.submitted_by == din_daeng_clerk and report.history.filter(history_user=din_daeng_clerk).exists()


def test_the_admin_previews_the_accounts_file_then_imports_it(client, admin_user, smtp, committed):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(admin_user)
    assert reverse("admin:accounts_import") in client.get(reverse("admin:auth_user_changelist")).content.decode()
    data = workbook([["mali", "มะลิ ดอกไม้", "mali@dusit.example.go.th", "ดุสิต", "เจ้าหน้าที่เขต"]])
    preview = client.post(reverse("admin:accounts_import"), {"file": SimpleUploadedFile("บัญชี.xlsx", data)})
    html = preview.content.decode()
    assert "ใหม่ ส่งอีเมลเชิญ" in html and "mali" in html
    assert not get_user_model().objects.filter(username="mali").exists()  # the preview wrote nothing
    upload = re.search(r'name="upload" value="([^"]+)"', html).group(1)
    with committed():
        done = client.post(reverse("admin:accounts_import"), {"confirm": "1", "upload": upload, "file_name": "บัญชี.xlsx"})
    assert done.status_code == 302
    assert get_user_model().objects.get(username="mali").districts.get().code == "1002"
    assert smtp.mailbox.wait_for(1)[0]["to"] == ["mali@dusit.example.go.th"]


def test_the_admin_shows_every_problem_of_a_bad_accounts_file_and_no_confirm(client, admin_user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(admin_user)
    data = workbook([["mali", "มะลิ", "not-an-address", "ดุสิต", "เจ้าหน้าที่เขต"]])
    html = client.post(reverse("admin:accounts_import"), {"file": SimpleUploadedFile("บัญชี.xlsx", data)}).content.decode()
    assert "ไม่ใช่ที่อยู่อีเมล" in html and 'name="confirm"' not in html


def test_only_administrators_import_accounts(client, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("admin:accounts_import")).status_code in (302, 403)
