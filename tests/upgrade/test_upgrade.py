"""An upgrade loses nothing (issue 25): a database made by the previous release's own code
(tests/upgrade/release-*.sqlite3 and .dump, built by tools/make_upgrade_fixture.py from the
release's tag, with what must survive in its .json) is migrated by today's code, then the deploy
steps run again (load_reference_data): every row, figure, file, log-in and token is still there.
Each later release adds its own fixture; this test takes every one it finds."""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
SUFFIX = ".dump" if POSTGRES else ".sqlite3"
RELEASES = sorted(path.stem for path in HERE.glob(f"release-*{SUFFIX}"))
# Tables an upgrade adds rows to by itself: its own migrations, the new models' types and permissions.
GROWS_ON_UPGRADE = {"django_migrations", "django_content_type", "auth_permission"}

AFTER = r'''
import hashlib, io, json, sys
import django
django.setup()
from django.core.management import call_command
from django.db import connection

def describe():
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
            counts[table] = cursor.fetchone()[0]
    summaries = {}
    for code, year, quarter in (("8308", "2568", "1"), ("CDP2563", "2563", "4"), ("CDP2563", "2563", "3")):
        out = io.StringIO()
        call_command("kpi_summary", "--indicator", code, "--year", year, "--quarter", quarter, "--format", "json",
                     stdout=out)
        summaries[f"{code}/{year}/Q{quarter}"] = json.loads(out.getvalue())
    from reports.models import Evidence
    evidence = {e.original_name: hashlib.sha256(e.file.open("rb").read()).hexdigest() for e in Evidence.objects.all()}
    return {"counts": counts, "summaries": summaries, "evidence": evidence}

expected = json.loads(sys.argv[1])
call_command("migrate", "--noinput", verbosity=0)
upgraded = describe()
from django.contrib.auth import get_user_model
from django.test import Client
users = get_user_model().objects
upgraded["logins"] = {name: users.get(username=name).check_password(password)  # hashes made by the release
                      for name, password in expected["logins"].items()}
api = Client().get("/api/v1/indicators/", HTTP_AUTHORIZATION=f"Token {expected['token']}", HTTP_HOST="127.0.0.1")
upgraded["token_status"] = api.status_code
out = io.StringIO()
call_command("load_reference_data", stdout=out)  # deploy step 4, run again on an upgrade
upgraded["reference_data_said"] = out.getvalue()
upgraded["after_reference_data"] = describe()["counts"]
print(json.dumps(upgraded, ensure_ascii=False))
'''


def kept(old, new):
    """What the release said is still said (a key the release had keeps its value; new keys may come)."""
    if isinstance(old, dict):
        return isinstance(new, dict) and all(key in new and kept(value, new[key]) for key, value in old.items())
    if isinstance(old, list):
        return isinstance(new, list) and len(old) == len(new) and all(kept(a, b) for a, b in zip(old, new))
    return old == new


def database_of_the_release(tmp_path, release):
    """(DATABASE_URL, clean-up) of a copy of the release's database."""
    if not POSTGRES:
        copy = tmp_path / "release.sqlite3"
        shutil.copy(HERE / f"{release}.sqlite3", copy)
        return f"sqlite:///{copy}", lambda: None
    url = urlparse(os.environ["DATABASE_URL"])
    scratch = f"{url.path.lstrip('/')}_upgrade_{os.getpid()}"
    env = {**os.environ, "PGPASSWORD": url.password or ""}
    base = ["-h", url.hostname or "127.0.0.1", "-p", str(url.port or 5432), "-U", url.username or ""]
    subprocess.run(["dropdb", "--if-exists", *base, scratch], env=env, check=True, capture_output=True)
    subprocess.run(["createdb", *base, scratch], env=env, check=True, capture_output=True)
    subprocess.run(["pg_restore", "--no-owner", "--exit-on-error", *base, "--dbname", scratch,
                    str(HERE / f"{release}.dump")], env=env, check=True, capture_output=True)
    return (url._replace(path=f"/{scratch}").geturl(),
            lambda: subprocess.run(["dropdb", "--if-exists", *base, scratch], env=env, capture_output=True))


@pytest.mark.skipif(not RELEASES, reason="no upgrade fixture for this database")
@pytest.mark.parametrize("release", RELEASES)
def test_an_upgrade_from_the_release_keeps_every_row_figure_file_login_and_token(tmp_path, release):
    expected = json.loads((HERE / f"{release}.{'postgresql' if POSTGRES else 'sqlite'}.json").read_text())
    database_url, clean_up = database_of_the_release(tmp_path, release)
    try:
        environment = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "okr_tracker.settings",
                       "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-c", AFTER, json.dumps(expected)], cwd=ROOT, env=environment,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-3000:]
        upgraded = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        clean_up()
    for table, rows in expected["counts"].items():
        if table in GROWS_ON_UPGRADE:
            assert upgraded["counts"][table] >= rows, table
        else:
            assert upgraded["counts"][table] == rows, table  # every row survived
    for key, summary in expected["summaries"].items():
        assert kept(summary, upgraded["summaries"][key]), key  # kpi_summary's old keys keep their values
    assert upgraded["evidence"] == expected["evidence"]  # byte-identical
    assert upgraded["logins"] == {name: True for name in expected["logins"]}
    assert upgraded["token_status"] == 200
    # The deploy steps run load_reference_data again: it adds nothing and changes nothing.
    assert "ไม่มีการเปลี่ยนแปลง" in upgraded["reference_data_said"]
    assert upgraded["after_reference_data"] == upgraded["counts"]
