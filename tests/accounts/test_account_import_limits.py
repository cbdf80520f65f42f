"""What an account import may do (issue 20, findings 1 and 11): who may import is who may add *and*
change users; an import never touches a staff or superuser account, nor an account or a role with a
right the importing user does not hold; user names and addresses are compared case-insensitively."""
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from reports.roles import ensure_role_groups

from .test_accounts import run, workbook

pytestmark = pytest.mark.django_db
URL = "/admin/auth/user/import-file/"
User = get_user_model()


def helpdesk(*codenames):
    user = User.objects.create_user("helpdesk", password="x", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="auth", codename__in=codenames))
    return User.objects.get(pk=user.pk)  # permissions read afresh


def preview(client, rows):
    return client.post(URL, {"file": SimpleUploadedFile("บัญชี.xlsx", workbook(rows))}).content.decode()


def test_a_helpdesk_account_that_may_only_add_users_cannot_import(client):
    client.force_login(helpdesk("add_user"))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": SimpleUploadedFile("a.xlsx", workbook([]))}).status_code == 403


def test_no_import_changes_the_administrators_address_or_role(client, admin_user):
    client.force_login(helpdesk("add_user", "change_user", "view_user"))
    page = preview(client, [[admin_user.username, "ผู้โจมตี", "attacker@evil.example", "", "ผู้ตรวจรายงาน"]])
    assert "เป็นบัญชีผู้ดูแลระบบ" in page and 'name="confirm"' not in page
    admin_user.refresh_from_db()
    assert admin_user.email == "" and admin_user.is_superuser and not admin_user.groups.exists()


def test_not_even_the_command_changes_a_staff_or_superuser_account(tmp_path, admin_user):
    staff = User.objects.create_user("it-staff", email="it@bma.example.go.th", is_staff=True)
    with pytest.raises(Exception):
        run(tmp_path, workbook([[admin_user.username.upper(), "", "attacker@evil.example", "", "ผู้ตรวจรายงาน"],
                                ["it-staff", "", "it@bma.example.go.th", "ดินแดง", "เจ้าหน้าที่เขต"]]))
    assert "admin-bma" in run.err and "it-staff" in run.err
    staff.refresh_from_db()
    assert staff.is_staff and not staff.districts.exists()


def test_a_helpdesk_account_cannot_give_the_reviewer_role_it_does_not_hold(client):
    client.force_login(helpdesk("add_user", "change_user", "view_user"))
    page = preview(client, [["new-reviewer", "", "r@bma.example.go.th", "", "ผู้ตรวจรายงาน"]])
    assert "บทบาทนี้ให้สิทธิ์ที่บัญชีของท่านไม่มี" in page
    assert not User.objects.filter(username="new-reviewer").exists()


def test_a_helpdesk_account_cannot_change_an_account_with_more_rights(client, reviewer):
    client.force_login(helpdesk("add_user", "change_user", "view_user"))
    page = preview(client, [[reviewer.username, "", "taken@evil.example", "ดินแดง", "เจ้าหน้าที่เขต"]])
    assert "มีสิทธิ์ที่บัญชีของท่านไม่มี" in page
    reviewer.refresh_from_db()
    assert reviewer.email != "taken@evil.example" and not reviewer.districts.exists()


def test_a_helpdesk_account_still_imports_district_clerks(client, django_capture_on_commit_callbacks):
    ensure_role_groups()
    client.force_login(helpdesk("add_user", "change_user", "view_user"))
    page = preview(client, [["clerk-new", "สมชาย ใจดี", "clerk-new@bma.example.go.th", "ดินแดง", "เจ้าหน้าที่เขต"]])
    assert 'name="confirm"' in page, page


def test_a_user_name_in_other_letters_case_is_the_same_account(tmp_path, din_daeng_clerk):
    din_daeng_clerk.email = "old@bma.example.go.th"
    din_daeng_clerk.save()
    run(tmp_path, workbook([[din_daeng_clerk.username.title(), "", "New@BMA.example.go.th", "ดินแดง",
                             "เจ้าหน้าที่เขต"]]))
    assert User.objects.filter(username__iexact=din_daeng_clerk.username).count() == 1
    din_daeng_clerk.refresh_from_db()
    assert din_daeng_clerk.email == "New@BMA.example.go.th"


def test_an_address_is_one_accounts_in_any_letters_case(tmp_path, din_daeng_clerk, dusit_clerk):
    dusit_clerk.email = "dusit@bma.example.go.th"
    dusit_clerk.save()
    with pytest.raises(Exception):
        run(tmp_path, workbook([[din_daeng_clerk.username, "", "DUSIT@bma.example.go.th", "ดินแดง", "เจ้าหน้าที่เขต"]]))
    assert "อีเมลนี้เป็นของบัญชีอื่นแล้ว" in run.err
    with pytest.raises(Exception):
        run(tmp_path, workbook([["a-new", "", "same@bma.example.go.th", "ดินแดง", "เจ้าหน้าที่เขต"],
                                ["b-new", "", "SAME@bma.example.go.th", "ดุสิต", "เจ้าหน้าที่เขต"]]))
    assert "อีเมลนี้ซ้ำกับแถว 3" in run.err
    assert not User.objects.filter(username__in=["a-new", "b-new"]).exists()
