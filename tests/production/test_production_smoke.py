"""The production configuration, end to end: what `deploy/` runs, not what `runserver` runs.

A fresh database (SQLite, or a database of its own on the PostgreSQL the suite runs against), the
reference data and demo accounts, `collectstatic` with the manifest storage, then the pinned
gunicorn on loopback with `DJANGO_DEBUG=0`, a secret key, secure cookies, HSTS and the SSL redirect,
reached the way nginx forwards HTTPS (`X-Forwarded-Proto: https`). Each role logs in and opens every
page of the URL conf (tests/production/sample_urls.py fills the parameters from the database, so a
new page is covered or the test says which one it could not fill), downloads every PDF and Excel
file, and every static file the pages link to. The PDFs must carry Sarabun and the seeds' figures.
"""
import html
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from http.cookies import SimpleCookie
from io import BytesIO
from pathlib import Path

import openpyxl
import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
ROLES = {  # the demo accounts `create_demo_accounts` makes (never in a real production database)
    "admin": "admin-2568",
    "reviewer": "reviewer-2568",
    "dindaeng": "dindaeng-2568",
    "bangrak-sathon": "bangrak-2568",
}
# Pages whose GET is not a page: POST-only actions answer 405, logout-everywhere too.
POST_ONLY = {"reports:submit", "reports:approve", "reports:return", "reports:approve_many", "reports:assess",
             "reports:evidence_delete", "logout_everywhere", "logout", "admin:logout"}


def post_only(name):
    return name in POST_ONLY or name.endswith("_process_import")  # django-import-export's confirm step
HASHED = re.compile(r"\.[0-9a-f]{12}\.")

pytestmark = [
    pytest.mark.production,
    pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils is not installed (make test installs it)"),
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    done = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode:
        pytest.fail(f"manage.py {' '.join(args[:1])} failed:\n{done.stdout}\n{done.stderr}")
    return done


def smoke_database(tmp_path):
    """A database URL of the smoke test's own, and how to drop it."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        return f"sqlite:///{tmp_path / 'production.sqlite3'}", lambda: None
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/") + "_smoke"
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')

    def drop():
        """Our own connections ended, then a plain DROP, which also stops an autovacuum worker on the
        database (DROP … WITH (FORCE) refuses to end that worker for a role that is not a superuser:
        CI failed on that once, the day autovacuum visited the smoke database at teardown)."""
        with psycopg.connect(admin_url, autocommit=True) as connection:
            for attempt in range(10):
                connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                   "WHERE datname = %s AND usename = current_user AND pid <> pg_backend_pid()", [name])
                try:
                    connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
                    return
                except psycopg.errors.ObjectInUse:
                    if attempt == 9:
                        raise
                    time.sleep(1)

    return parts._replace(path=f"/{name}").geturl(), drop


ADD_EVIDENCE = """
from django.core.files.base import ContentFile
from reports.models import Evidence, Report
report = Report.objects.filter(district__code="1026").first()
Evidence.objects.create(report=report, file=ContentFile(b"%PDF-1.4\\n%%EOF\\n", name="list.pdf"),
                        original_name="รายชื่อชุมชน.pdf", content_type="application/pdf", size=15,
                        uploaded_by=report.history.earliest().history_user)
# The seeds' year scored too (the read API's examples: the scorecard of 1026 in 2568), as an
# administrator would import it: KR 8308, the whole weight.
from districts.models import District
from indicators.models import AgreementItem, Indicator
AgreementItem.objects.create(district=District.objects.get(code="1026"), dimension="มิติด้านประสิทธิผล", weight=100,
                             indicator=Indicator.objects.get(code="8308", fiscal_year__year_be=2568))
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    database_url, drop_database = smoke_database(tmp_path)
    port = free_port()
    env = {
        **{key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "PYTEST"))},
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "production-smoke-" + os.urandom(24).hex(),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_CSRF_TRUSTED_ORIGINS": f"https://127.0.0.1:{port}",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        "DATABASE_URL": database_url,
    }
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "load_reference_data")
    manage(env, "create_demo_accounts")
    manage(env, "shell", "-v0", "-c", ADD_EVIDENCE)
    sampled = json.loads(manage(env, "shell", "-v0", "-c",
                                "from tests.production.sample_urls import main; main()").stdout)
    log = open(tmp_path / "gunicorn.log", "w+")
    gunicorn = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "okr_tracker.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--timeout", "120"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        for _ in range(100):
            try:
                if Client(port).get("/healthz").status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.2)
        else:
            log.seek(0)
            pytest.fail("gunicorn did not start:\n" + log.read())
        yield {"port": port, "sampled": sampled, "log": log, "static_root": tmp_path / "static", "env": env}
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=30)
        drop_database()


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def content_type(self):
        return self.headers.get("content-type", "").split(";")[0]

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")


class Client:
    """HTTP to gunicorn as nginx forwards HTTPS: `X-Forwarded-Proto: https`, the Host and the
    Referer of the public site. Cookies are kept by hand: they are Secure, for HTTPS only."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, body=None, headers=None, https=True):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if https:
            headers["X-Forwarded-Proto"] = "https"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        connection.request(method, path, body=body, headers=headers)
        raw = connection.getresponse()
        response = Response(raw.status, {key.lower(): value for key, value in raw.getheaders()}, raw.read())
        for header in raw.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        connection.close()
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def log_in(self, username, password):
        page = self.get("/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
        body = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
        response = self.request("POST", "/login/", body=body, headers={
            "Content-Type": "application/x-www-form-urlencoded", "Referer": f"https://127.0.0.1:{self.port}/login/"})
        assert response.status == 302, f"{username} could not log in: {response.status}"
        return response


def static_links(page):
    return {html.unescape(link) for link in re.findall(r'(?:href|src)="(/static/[^"]+)"', page)}


def test_every_page_of_the_url_conf_has_a_sample(server):
    assert server["sampled"]["unfilled"] == [], "add a sample for these pages in tests/production/sample_urls.py"


def test_plain_http_is_redirected_to_https(server):
    response = Client(server["port"]).get("/login/", https=False)
    assert response.status == 301 and response.headers["location"].startswith("https://")


@pytest.mark.parametrize("username", ROLES)
def test_each_role_opens_every_page_without_an_error_or_a_missing_static_file(server, username):
    client = Client(server["port"])
    client.log_in(username, ROLES[username])
    problems, statics, opened = [], set(), 0
    for entry in server["sampled"]["urls"]:
        response = client.get(entry["url"])
        if post_only(entry["name"]):
            # 405, or the admin's redirect to its log-in page for a user who is not staff.
            if response.status not in (405, 302, 404):
                problems.append(f"{entry['url']}: GET answered {response.status}, not 405")
            continue
        if response.status >= 500 or response.status not in (200, 302, 403, 404):
            problems.append(f"{entry['url']}: {response.status}")
            continue
        if response.status != 200:
            continue
        opened += 1
        if response.content_type == "text/html":
            statics |= static_links(response.text)
            # The Excel exports a page links to (the dashboard's "?format=xlsx").
            for link in re.findall(r'href="(\?format=xlsx[^"]*)"', response.text):
                download = client.get(entry["url"] + html.unescape(link))
                if download.status != 200 or not download.body.startswith(b"PK"):
                    problems.append(f"{entry['url']}{link}: {download.status} {download.content_type}")
        elif entry["url"].endswith(".xlsx"):
            openpyxl.load_workbook(BytesIO(response.body), read_only=True).close()
        elif entry["url"].endswith(".pdf"):
            if response.content_type != "application/pdf" or not response.body.startswith(b"%PDF"):
                problems.append(f"{entry['url']}: not a PDF ({response.content_type})")
    for link in sorted(statics):
        response = client.get(link)
        if response.status != 200:
            problems.append(f"{link}: {response.status}")
        if not HASHED.search(link):
            problems.append(f"{link}: not the manifest's hashed name")
    assert not problems, "\n".join(problems)
    assert opened >= 10 and statics, (opened, statics)


def pdf_text_and_fonts(body, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(body)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", " ", text), fonts


@pytest.mark.parametrize("url, words", [
    ("/indicators/CDP2563/2563/report.pdf",
     ["86.00", "343", "273", "583,203.00", "17.85", "ราชเทวี", "หลักสี่", "สำนักงานเขต", "ดำเนินการ"]),
    ("/indicators/8308/2568/sheet.pdf",
     ["๒,๐๐๔", "๑,๘๐๖", "สำนักพัฒนาสังคม", "ราษฎร์บูรณะ", "สำนักงานเขต"]),
])
def test_the_official_pdfs_are_in_sarabun_with_the_seeds_figures(server, tmp_path, url, words):
    client = Client(server["port"])
    client.log_in("reviewer", ROLES["reviewer"])
    response = client.get(url)
    assert response.status == 200 and response.content_type == "application/pdf"
    text, fonts = pdf_text_and_fonts(response.body, tmp_path, "official.pdf")
    assert "Sarabun" in fonts, fonts
    missing = [word for word in words if word not in text]
    assert not missing, f"not in the PDF's text: {missing}"
    server["log"].seek(0)
    assert ".notdef glyph" not in server["log"].read()


def test_a_client_nobody_here_wrote_finds_the_read_api_as_its_description_says(server):
    """Schemathesis (issue 24) generates requests from /api/v1/openapi.json — valid and invalid
    parameters, undeclared methods, every phase — against gunicorn in the production configuration,
    with a reviewer's token, and checks every answer against the description (`--checks all`).
    Deterministic generation: the same cases every run, so the same verdict tomorrow."""
    key = manage(server["env"], "create_api_token", "reviewer", "--name", "schemathesis").stdout.strip().splitlines()[-1]
    done = subprocess.run(
        [str(Path(PYTHON).parent / "schemathesis"), "run", f"http://127.0.0.1:{server['port']}/api/v1/openapi.json",
         "--checks", "all", "--generation-deterministic", "--max-examples", "50", "--request-timeout", "60",
         "-H", f"Authorization: Token {key}", "-H", "X-Forwarded-Proto: https"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
        env={**os.environ, "SCHEMATHESIS_HOOKS": "", "NO_COLOR": "1"})
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert "No issues found" in done.stdout, done.stdout[-3000:]
