"""Build the upgrade fixture of a release: a database made by that release's own code, for
tests/upgrade/test_upgrade.py. Run from the project root, once per release (the files are committed):

    .venv/bin/python tools/make_upgrade_fixture.py 8bccffc release-2026-11-23
    DATABASE_URL=postgres://okr:okr-ci@127.0.0.1:5432/okr .venv/bin/python tools/make_upgrade_fixture.py 8bccffc release-2026-11-23

It checks the release out in a temporary work tree, migrates a new database with the release's code,
loads the reference data, creates the demo accounts and their reports, a read-API token and an
evidence file, then writes tests/upgrade/<name>.sqlite3 (or .dump for PostgreSQL) and, from the
release's own code, what must survive: tests/upgrade/<name>.json (rows per table, kpi_summary's JSON,
who logs in with which password, the token).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "tests" / "upgrade"

# Run inside the release's tree: make what a user of that release has, then describe it.
MAKE = r'''
import io, json, os, sys
import django
django.setup()
from django.core.management import call_command
from django.core.files.uploadedfile import SimpleUploadedFile
call_command("migrate", "--noinput", verbosity=0)
call_command("load_reference_data", stdout=io.StringIO())
call_command("create_demo_accounts", stdout=io.StringIO())
from django.contrib.auth import get_user_model
from okr_tracker.api_auth import create_token
from reports.models import Report
from reports import services
token = create_token(get_user_model().objects.get(username="reviewer"), "upgrade-fixture")
report = Report.objects.filter(status="draft").order_by("pk").first()
clerk = report.district.staff.order_by("pk").first()
services.add_evidence(report=report, by=clerk, content_type="application/pdf",
                      uploaded_file=SimpleUploadedFile("หลักฐานก่อนอัปเกรด.pdf", b"%PDF-1.7 made by the release"))
print(json.dumps({"token": token}))
'''
DESCRIBE = r'''
import io, json, hashlib
import django
django.setup()
from django.apps import apps
from django.core.management import call_command
from django.db import connection
counts = {}
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names()):
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
summaries = {}
for code, year, quarter in (("8308", "2568", "1"), ("CDP2563", "2563", "4"), ("CDP2563", "2563", "3")):
    out = io.StringIO()
    call_command("kpi_summary", "--indicator", code, "--year", year, "--quarter", quarter, "--format", "json", stdout=out)
    summaries[f"{code}/{year}/Q{quarter}"] = json.loads(out.getvalue())
from reports.models import Evidence
evidence = {e.original_name: hashlib.sha256(e.file.open("rb").read()).hexdigest() for e in Evidence.objects.all()}
print(json.dumps({"counts": counts, "summaries": summaries, "evidence": evidence}, ensure_ascii=False))
'''


def main(commit, name):
    database_url = os.environ.get("DATABASE_URL", "")
    postgres = database_url.startswith("postgres")
    tree = Path(tempfile.mkdtemp(prefix="release-"))
    subprocess.run(["git", "worktree", "add", "--detach", str(tree), commit], cwd=ROOT, check=True)
    try:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "okr_tracker.settings", "PYTHONPATH": str(tree),
               "DJANGO_STATIC_ROOT": str(tree / "staticfiles")}
        if postgres:
            url = urlparse(database_url)
            scratch = f"{url.path.lstrip('/')}_release_fixture"
            admin = {**env, "PGPASSWORD": url.password or ""}
            base = ["-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or ""]
            subprocess.run(["dropdb", "--if-exists", *base, scratch], env=admin, check=True)
            subprocess.run(["createdb", *base, scratch], env=admin, check=True)
            env["DATABASE_URL"] = url._replace(path=f"/{scratch}").geturl()
        else:
            database = tree / "release.sqlite3"
            env["DATABASE_URL"] = f"sqlite:///{database}"
        made = json.loads(subprocess.run([sys.executable, "-c", MAKE], cwd=tree, env=env, check=True,
                                         capture_output=True, text=True).stdout.strip().splitlines()[-1])
        described = json.loads(subprocess.run([sys.executable, "-c", DESCRIBE], cwd=tree, env=env, check=True,
                                              capture_output=True, text=True).stdout.strip().splitlines()[-1])
        logins = {"admin": "admin-2568", "reviewer": "reviewer-2568", "dindaeng": "dindaeng-2568"}
        expected = {"release": commit, **described, "token": made["token"], "logins": logins}
        if postgres:
            subprocess.run(["pg_dump", "--format=custom", "--no-owner", *base, "--file", str(HERE / f"{name}.dump"),
                            scratch], env=admin, check=True)
            subprocess.run(["dropdb", *base, scratch], env=admin, check=True)
            (HERE / f"{name}.postgresql.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n")
        else:
            subprocess.run(["sqlite3", str(database), "VACUUM"], check=False)
            shutil.copy(database, HERE / f"{name}.sqlite3")
            (HERE / f"{name}.sqlite.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n")
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)


if __name__ == "__main__":
    main(*sys.argv[1:3])
