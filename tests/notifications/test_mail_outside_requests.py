"""Mail never in a request (issue 20, findings 3, 12–14 and 18's notice): a plain-text mail says what
was typed; the forgotten-password page does the same work for any address, is throttled, and helps an
invitee whose link expired; a relay that never answers holds up neither a request nor the outbox."""
import socket
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import PasswordResetRequest
from notifications.models import OutboxMessage, Preferences
from notifications.services import deliver_due, queue_mail
from reports import services
from tests.reports.helpers import draft, submitted

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def clerk(din_daeng_clerk):
    din_daeng_clerk.email = "clerk@dindaeng.example.go.th"
    din_daeng_clerk.save()
    return din_daeng_clerk


def test_a_plain_text_mail_says_what_the_reviewer_typed(smtp, committed, kr8308, open_quarter, clerk, reviewer):
    comment = 'ตัวเลข "ไม่ตรง" & ‹ต้องแก้> <b>'
    with committed():
        services.return_report(report=submitted(kr8308, open_quarter, "1026", clerk, achieved=12), by=reviewer,
                               comment=comment)
    [mail] = smtp.mailbox.wait_for(1)
    assert comment in mail["body"] and "&quot;" not in mail["body"] and "&amp;" not in mail["body"]


# --- forgotten password ---------------------------------------------------------------------------


def ask(client, address, ip="192.0.2.10"):
    with CaptureQueriesContext(connection) as queries:
        response = client.post(reverse("password_reset"), {"email": address}, REMOTE_ADDR=ip)
    return response, [query["sql"].split(" ")[0] for query in queries]


def test_the_page_does_the_same_work_for_a_known_and_an_unknown_address(client, clerk, settings):
    settings.OUTBOX_DELIVERY = "timer"  # what the request does, without what follows it
    known, known_work = ask(client, "CLERK@dindaeng.example.go.th")
    unknown, unknown_work = ask(client, "nobody@example.go.th", ip="192.0.2.11")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known_work == unknown_work  # the same statements: nothing looks the address up in the request
    assert not OutboxMessage.objects.exists()  # no mail is composed, let alone sent, in the request
    assert PasswordResetRequest.objects.count() == 2


def test_the_reset_mail_goes_after_the_response(client, clerk, smtp, settings):
    settings.OUTBOX_DELIVERY = "timer"
    ask(client, "Clerk@Dindaeng.example.go.th")
    call_command("send_outbox", verbosity=0)
    [mail] = smtp.mailbox.wait_for(1)
    assert mail["to"] == ["clerk@dindaeng.example.go.th"] and "/account/password/set/" in mail["body"]
    call_command("send_outbox", verbosity=0)
    assert len(smtp.mailbox.messages) == 1  # answered once


def test_requests_are_throttled_per_address_and_per_client(client, clerk, settings):
    settings.OUTBOX_DELIVERY = "timer"
    answers = {ask(client, "clerk@dindaeng.example.go.th", ip=f"192.0.2.{n}")[0]["Location"] for n in range(12)}
    assert len(answers) == 1  # the same page every time
    assert PasswordResetRequest.objects.filter(address__iexact="clerk@dindaeng.example.go.th").count() == 3
    for n in range(12):
        ask(client, f"someone{n}@example.go.th", ip="198.51.100.7")
    assert PasswordResetRequest.objects.filter(client="198.51.100.7").count() == 10


def test_an_invitee_whose_link_expired_gets_a_new_invitation(client, smtp, settings):
    settings.OUTBOX_DELIVERY = "timer"
    invitee = User.objects.create_user("invitee", email="invitee@bma.example.go.th")
    invitee.set_unusable_password()
    invitee.save()
    ask(client, "invitee@bma.example.go.th")
    call_command("send_outbox", verbosity=0)
    [mail] = smtp.mailbox.wait_for(1)
    assert OutboxMessage.objects.get().kind == OutboxMessage.Kind.INVITATION
    assert "/account/password/set/" in mail["body"]


# --- a submission notifies the reviewers ---------------------------------------------------------


def test_a_submission_notifies_each_reviewer_who_wants_it(smtp, committed, kr8308, open_quarter, clerk, reviewer,
                                                          second_reviewer):
    reviewer.email, second_reviewer.email = "r1@sdd.example.go.th", "r2@sdd.example.go.th"
    reviewer.save()
    second_reviewer.save()
    Preferences.objects.create(user=second_reviewer, submission_notices=False)
    report = draft(kr8308, open_quarter, "1026", clerk, achieved=12, narrative="ทำแล้ว")
    with committed():
        services.submit_report(report=report, by=clerk)
    [mail] = smtp.mailbox.wait_for(1)
    assert mail["to"] == ["r1@sdd.example.go.th"] and "ดินแดง" in mail["subject"] and "8308" in mail["subject"]


# --- a relay that accepts and never answers -------------------------------------------------------


@pytest.fixture
def silent_relay(settings):
    """A relay that takes the connection and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(50)
    held, stop = [], threading.Event()

    def take():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                pass

    thread = threading.Thread(target=take, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", server.getsockname()[1], False
    settings.EMAIL_TIMEOUT = 1
    yield held
    stop.set()
    thread.join()
    for sock in held:
        sock.close()
    server.close()


def test_the_outbox_waits_for_a_silent_relay_once_not_once_a_mail(silent_relay, clerk):
    for number in range(5):
        queue_mail(kind=OutboxMessage.Kind.APPROVED, user=clerk, template="invitation", context={"link": f"/{number}"})
    assert deliver_due() == (0, 1)  # the first times out; the run ends there
    assert sorted(OutboxMessage.objects.values_list("attempts", flat=True)) == [0, 0, 0, 0, 1]


@pytest.mark.transactional
@pytest.mark.django_db(transaction=True)
def test_a_decision_answers_at_once_while_a_silent_relay_holds_the_mail(client, silent_relay, settings, django_db_setup):
    from indicators.models import Indicator, Quarter
    from indicators.reference_data import load_reference_data
    from districts.models import District
    from reports.roles import ensure_role_groups

    load_reference_data()
    reviewers, _staff = ensure_role_groups()
    settings.OUTBOX_DELIVERY = "thread"  # as in production
    settings.EMAIL_TIMEOUT = 5
    indicator = Indicator.objects.get(code="8308", fiscal_year__year_be=2568)
    quarter = Quarter.objects.get(fiscal_year=indicator.fiscal_year, number=1)
    Quarter.objects.filter(pk=quarter.pk).update(status=Quarter.Status.OPEN)
    quarter.refresh_from_db()
    clerk = User.objects.create_user("clerk-silent", email="clerk@dindaeng.example.go.th")
    clerk.districts.add(District.objects.get(code="1026"))
    reviewer = User.objects.create_user("reviewer-silent")
    reviewer.groups.add(reviewers)
    report = submitted(indicator, quarter, "1026", clerk, achieved=12)
    client.force_login(reviewer)
    response = client.post(reverse("reports:return", args=[report.pk]), {"comment": "แก้"})
    assert response.status_code == 302
    # The response came back while the relay still held the mail: not yet tried (a delivery inside
    # the request would have waited for the 5-second timeout and recorded it).
    message = OutboxMessage.objects.get()
    assert (message.attempts, message.last_error, message.sent_at) == (0, "", None)
    for thread in [thread for thread in threading.enumerate() if thread.name == "outbox"]:
        thread.join(timeout=30)
    message.refresh_from_db()
    assert message.attempts == 1 and message.sent_at is None  # tried after the response, kept for later
