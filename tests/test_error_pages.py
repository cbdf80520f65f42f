"""No traceback ever reaches a user: errors answer with plain pages in Thai."""
import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_a_missing_page_is_a_thai_404(client, din_daeng_clerk):
    client.force_login(din_daeng_clerk)
    response = client.get("/reports/999999/")
    assert response.status_code == 404 and "ไม่พบหน้านี้" in response.content.decode()


def test_a_refused_page_is_a_thai_403(client, din_daeng_clerk):
    client.force_login(din_daeng_clerk)
    response = client.get("/reports/review/")
    assert response.status_code == 403 and "ไม่มีสิทธิ์" in response.content.decode()


def test_the_database_going_away_gives_an_error_page_not_a_traceback(client, reviewer, monkeypatch):
    from indicators import views

    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    client.force_login(reviewer)
    client.raise_request_exception = False
    monkeypatch.setattr(views, "_get_indicator", database_gone)
    response = client.get("/indicators/8308/2568/report/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "ระบบขัดข้องชั่วคราว" in html and "Traceback" not in html and "OperationalError" not in html


def test_the_error_page_gives_a_reference_that_finds_the_traceback_in_the_server_log(client, reviewer, monkeypatch,
                                                                                   caplog):
    import re

    from indicators import views

    def database_gone(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    client.force_login(reviewer)
    client.raise_request_exception = False
    monkeypatch.setattr(views, "_get_indicator", database_gone)
    html = client.get("/indicators/8308/2568/report/").content.decode()
    reference = re.search(r'data-testid="error-reference">([0-9A-F]{8})<', html).group(1)
    logged = [record for record in caplog.records if reference in record.getMessage()]
    assert [record.getMessage() for record in logged] == [f"error reference {reference}: GET /indicators/8308/2568/report/"]
    after = caplog.records[caplog.records.index(logged[0]) + 1]
    assert after.name == "django.request" and after.exc_info[0] is OperationalError
    assert client.get("/indicators/8308/2568/report/").content.decode().count(reference) == 0  # one per error


def test_every_page_forbids_inline_scripts_and_foreign_sources(client, reviewer):
    client.force_login(reviewer)
    policy = client.get("/indicators/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_no_template_of_ours_has_an_inline_script():
    import re
    from pathlib import Path

    for template in Path(__file__).resolve().parents[1].joinpath("templates").rglob("*.html"):
        for tag in re.findall(r"<script[^>]*>", template.read_text(encoding="utf-8")):
            assert "src=" in tag or 'type="application/json"' in tag, (template, tag)


def test_a_command_with_the_database_down_says_so_in_one_line_not_a_traceback():
    import os
    import subprocess
    import sys

    env = {**os.environ, "DATABASE_URL": "postgres://okr:x@127.0.0.1:1/okr"}
    result = subprocess.run([sys.executable, "manage.py", "kpi_summary", "--indicator", "8308", "--year", "2568",
                             "--quarter", "1", "--format", "json"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("ติดต่อฐานข้อมูลไม่ได้หรือฐานข้อมูลขัดข้อง / database error: ")
    assert "Traceback" not in result.stderr and "--traceback" in result.stderr
