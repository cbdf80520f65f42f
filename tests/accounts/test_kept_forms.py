"""Nothing typed is lost to an ended session (issue 25, finding 4): a form posted after the session
ended comes back after the log-in, to check and save; an upgrade that renamed the log-in backend logs
nobody out."""
import time

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY
from django.urls import reverse

from reports.models import Report

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db
FORM_URL = reverse("reports:form", kwargs={"district_code": "1026", "indicator_code": "8308", "year": 2568,
                                           "quarter_number": 1})
TYPED = {"version": "0", "achieved": "17", "narrative": "สองชั่วโมงของการพิมพ์ที่ไม่อยากพิมพ์ใหม่", "save": "1"}


def log_in(client, user):
    response = client.post(reverse("login") + "?next=" + FORM_URL, {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def test_a_form_posted_after_the_session_ended_is_back_after_the_log_in(client, din_daeng_clerk, open_quarter):
    log_in(client, din_daeng_clerk)
    client.cookies.pop("sessionid")  # two hours idle: the server no longer knows the session
    response = client.post(FORM_URL, TYPED)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not Report.objects.exists()  # nothing saved on the person's behalf
    back = client.get(log_in(client, din_daeng_clerk)["Location"])
    page = back.content.decode()
    assert TYPED["narrative"] in page and 'value="17"' in page
    assert "ยังไม่ได้บันทึก" in page
    assert TYPED["narrative"] not in client.get(FORM_URL).content.decode()  # shown once
    client.post(FORM_URL, TYPED)
    assert Report.objects.get().narrative == TYPED["narrative"]


def test_the_absolute_session_limit_keeps_the_form_too(client, din_daeng_clerk, open_quarter, settings):
    log_in(client, din_daeng_clerk)
    session = client.session
    session["login_at"] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.post(FORM_URL, TYPED)
    assert response["Location"].startswith(reverse("login"))
    back = client.get(log_in(client, din_daeng_clerk)["Location"])
    assert TYPED["narrative"] in back.content.decode()


def test_a_session_of_the_old_log_in_backend_stays_logged_in(client, din_daeng_clerk, open_quarter):
    log_in(client, din_daeng_clerk)
    session = client.session
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"  # as the release of 2026-11-23 wrote it
    session.save()
    assert client.get(FORM_URL).status_code == 200
    assert client.post(FORM_URL, TYPED).status_code == 302 and Report.objects.exists()
