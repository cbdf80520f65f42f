"""A reviewer's decision reaches the district's staff by mail, through a real SMTP server."""
import re

import pytest
from django.urls import reverse

from notifications.models import OutboxMessage, Preferences
from notifications.services import deliver_due
from reports import services
from tests.reports.helpers import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what waits for the commit (the mail's delivery) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def clerk(din_daeng_clerk):
    din_daeng_clerk.email, din_daeng_clerk.first_name = "clerk@dindaeng.example.go.th", "สมศรี"
    din_daeng_clerk.save()
    return din_daeng_clerk


def test_a_returned_reports_comment_reaches_the_clerk_with_a_working_link(client, smtp, committed, kr8308, open_quarter,
                                                                         clerk, reviewer):
    report = submitted(kr8308, open_quarter, "1026", clerk, achieved=12)
    client.force_login(reviewer)
    with committed():
        client.post(reverse("reports:return", args=[report.pk]), {"comment": "กรุณาแนบรายชื่อชุมชนที่เบิกจ่าย"})
    [mail] = smtp.mailbox.wait_for(1)
    assert mail["to"] == ["clerk@dindaeng.example.go.th"]
    assert "ส่งคืนรายงาน" in mail["subject"] and "8308" in mail["subject"]
    assert "กรุณาแนบรายชื่อชุมชนที่เบิกจ่าย" in mail["body"] and "เรียน สมศรี" in mail["body"]
    link = re.search(r"https://kpi\.example\.go\.th(\S+)", mail["body"]).group(1)
    client.force_login(clerk)
    page = client.get(link)
    assert page.status_code == 200 and "กรุณาแนบรายชื่อชุมชนที่เบิกจ่าย" in page.content.decode()
    assert OutboxMessage.objects.get().sent_at is not None


def test_approval_is_mailed_in_the_language_the_clerk_chose(smtp, committed, kr8308, open_quarter, clerk, reviewer):
    Preferences.objects.create(user=clerk, language="en")
    with committed():
        services.approve_report(report=submitted(kr8308, open_quarter, "1026", clerk, achieved=12), by=reviewer)
    [mail] = smtp.mailbox.wait_for(1)
    assert mail["subject"].startswith("Report approved: 8308") and "was approved" in mail["body"]


def test_a_clerk_who_turned_the_notice_off_gets_nothing(smtp, committed, kr8308, open_quarter, clerk, reviewer):
    Preferences.objects.create(user=clerk, review_notices=False)
    with committed():
        services.approve_report(report=submitted(kr8308, open_quarter, "1026", clerk, achieved=12), by=reviewer)
    assert not OutboxMessage.objects.exists() and smtp.mailbox.messages == []


def test_with_the_mail_server_down_the_outbox_keeps_the_mail_and_delivers_it_once_it_is_back(
        smtp, committed, kr8308, open_quarter, clerk, reviewer):
    import datetime

    from django.utils import timezone

    smtp.stop()
    with committed():
            services.return_report(report=submitted(kr8308, open_quarter, "1026", clerk, achieved=12), by=reviewer,
                               comment="ตัวเลขไม่ตรงกับหลักฐาน")
    message = OutboxMessage.objects.get()
    assert message.sent_at is None and message.attempts == 1 and "Connection" in message.last_error
    retry_at = message.next_attempt_at
    assert deliver_due() == (0, 0)  # not due yet: it waits for its backoff
    smtp.start()
    assert deliver_due(now=retry_at + datetime.timedelta(seconds=1)) == (1, 0)
    assert deliver_due(now=timezone.now() + datetime.timedelta(hours=2)) == (0, 0)  # never twice
    [mail] = smtp.mailbox.wait_for(1)
    assert "ตัวเลขไม่ตรงกับหลักฐาน" in mail["body"]


def test_a_decision_that_rolls_back_sends_nothing(smtp, committed, kr8308, open_quarter, clerk, reviewer):
    from django.db import transaction

    report = submitted(kr8308, open_quarter, "1026", clerk, achieved=12)
    with pytest.raises(RuntimeError), committed():
        with transaction.atomic():
            services.approve_report(report=report, by=reviewer)
            raise RuntimeError("the database failed after the decision")
    assert not OutboxMessage.objects.exists()
    assert smtp.mailbox.messages == []
