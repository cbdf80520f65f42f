"""`send_reminders`: deadline reminders reach exactly the districts that have not reported, once;
the day after the deadline, overdue notices and the list of who has not reported; the reviewers'
daily digest. Through a real SMTP server on loopback."""
import datetime
import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from districts.models import District
from indicators.models import Quarter
from notifications.models import OutboxMessage
from reports.models import Report
from tests.reports.helpers import draft, submitted

pytestmark = pytest.mark.django_db
DEADLINE = datetime.date(2025, 1, 15)  # FY2568 Q1


@pytest.fixture
def quarter(open_quarter):
    Quarter.objects.filter(pk=open_quarter.pk).update(deadline=DEADLINE)
    open_quarter.refresh_from_db()
    return open_quarter


@pytest.fixture
def clerks(db):
    """One clerk with an address for each of four districts."""
    User = get_user_model()
    found = {}
    for code in ("1026", "1002", "1004", "1028"):
        user = User.objects.create_user(f"clerk-{code}", email=f"clerk-{code}@bma.example.go.th", password="x")
        user.districts.add(District.objects.get(code=code))
        found[code] = user
    return found


def run(today, *args):
    out = io.StringIO()
    call_command("send_reminders", "--today", today.isoformat(), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def send(today, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return run(today, *args)
    return send


def test_reminders_reach_exactly_the_districts_that_have_not_reported_once(smtp, send, kr8308, quarter, clerks, reviewer):
    submitted(kr8308, quarter, "1026", clerks["1026"], achieved=10)  # reported
    draft(kr8308, quarter, "1004", clerks["1004"], achieved=3)  # a draft is not a report
    assert "วันนี้ไม่มีอีเมลแจ้งเตือนที่ต้องส่ง" in send(DEADLINE - datetime.timedelta(days=8))
    output = send(DEADLINE - datetime.timedelta(days=7))
    received = sorted(address for mail in smtp.mailbox.wait_for(3) for address in mail["to"])
    assert received == ["clerk-1002@bma.example.go.th", "clerk-1004@bma.example.go.th", "clerk-1028@bma.example.go.th"]
    mail = smtp.mailbox.to("clerk-1002@bma.example.go.th")[0]
    assert "15 ม.ค. 2568" in mail["subject"] and "8308" in mail["body"]
    assert "/reports/district/1002/8308/2568/q1/" in mail["body"]
    assert "สำนักงานเขตดุสิต — ส่ง 1 ฉบับ" in output
    # The same day again, and the next days of the same week: nothing new.
    send(DEADLINE - datetime.timedelta(days=7))
    send(DEADLINE - datetime.timedelta(days=6))
    assert len(smtp.mailbox.messages) == 3
    # The day before: one more reminder each, to whoever still has not submitted.
    from reports import services

    services.submit_report(report=Report.objects.get(district__code="1004"), by=clerks["1004"])
    send(DEADLINE - datetime.timedelta(days=1))
    smtp.mailbox.wait_for(5)
    assert sorted(address for mail in smtp.mailbox.messages[3:] for address in mail["to"]) == [
        "clerk-1002@bma.example.go.th", "clerk-1028@bma.example.go.th"]


def test_the_day_after_the_deadline_overdue_notices_and_the_reviewers_list_by_group(smtp, send, kr8308, quarter,
                                                                                   clerks, reviewer):
    reviewer.email = "reviewer@sdd.example.go.th"
    reviewer.save()
    for code in ("1026", "1002"):
        submitted(kr8308, quarter, code, clerks[code], achieved=10)
    send(DEADLINE + datetime.timedelta(days=1))
    send(DEADLINE + datetime.timedelta(days=2))  # nothing twice
    smtp.mailbox.wait_for(3)
    assert sorted(address for mail in smtp.mailbox.messages for address in mail["to"]) == [
        "clerk-1004@bma.example.go.th", "clerk-1028@bma.example.go.th", "reviewer@sdd.example.go.th"]
    overdue = smtp.mailbox.to("clerk-1028@bma.example.go.th")[0]
    assert "เกินกำหนด" in overdue["subject"]
    listing = smtp.mailbox.to("reviewer@sdd.example.go.th")[0]
    assert "48 เขต" in listing["subject"]  # 50 districts less the two that reported
    assert "กท.กลาง" in listing["body"] and "สำนักงานเขตบางรัก: 8308" in listing["body"]
    assert "สำนักงานเขตดินแดง" not in listing["body"]


def test_a_dry_run_says_what_would_be_sent_and_sends_nothing(smtp, send, kr8308, quarter, clerks):
    output = send(DEADLINE - datetime.timedelta(days=7), "--dry-run")
    assert "จะส่ง (ทดลอง ไม่ส่งจริง) 1 ฉบับ" in output
    assert not OutboxMessage.objects.exists() and smtp.mailbox.messages == []
    send(DEADLINE - datetime.timedelta(days=7))
    assert len(smtp.mailbox.wait_for(4)) == 4  # the dry run did not use up the real run's notices


def test_the_reviewers_get_one_digest_a_day_of_yesterdays_submissions(smtp, send, kr8308, quarter, clerks, reviewer):
    reviewer.email = "reviewer@sdd.example.go.th"
    reviewer.save()
    for code in ("1026", "1002"):
        submitted(kr8308, quarter, code, clerks[code], achieved=10)
    today = timezone.localdate() + datetime.timedelta(days=1)
    send(today)
    send(today)
    smtp.mailbox.wait_for(2)
    [digest] = [mail for mail in smtp.mailbox.to("reviewer@sdd.example.go.th") if "ส่งรายงานเข้ามา" in mail["subject"]]
    assert digest["subject"].startswith("ส่งรายงานเข้ามา 2 รายงาน")
    assert "สำนักงานเขตดินแดง" in digest["body"] and "สำนักงานเขตดุสิต" in digest["body"]


def test_a_bad_date_is_one_thai_line():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--today", "15/01/2568")


def test_a_dry_run_lists_every_mail_the_real_run_sends_and_no_district_with_nothing_to_send(smtp, send, kr8308, quarter,
                                                                                           clerks, reviewer):
    """Issue 22 item 7: the dry run left out the reviewers' list of who has not reported, and printed a
    line of '0 ฉบับ' for every district whose staff have no address."""
    reviewer.email = "reviewer@sdd.example.go.th"
    reviewer.save()
    overdue = DEADLINE + datetime.timedelta(days=1)
    dry = send(overdue, "--dry-run")
    assert "รายชื่อเขตที่ยังไม่ส่งรายงาน ถึงผู้ตรวจรายงาน" in dry and " 0 ฉบับ" not in dry
    would = sum(int(line.rsplit(" ", 2)[-2]) for line in dry.splitlines() if line.endswith("ฉบับ"))
    send(overdue)
    assert OutboxMessage.objects.count() == would
