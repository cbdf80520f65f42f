"""`make audit`'s dependency audit fails on what a security check must fail on.

The registry is replaced by canned answers shaped like PyPI's JSON API, so these run offline;
`make audit` (run by .ci/run) asks the real PyPI.
"""
import datetime
import importlib.util
import sys
import urllib.error
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("audit_dependencies", ROOT / "tools" / "audit_dependencies.py")
audit_dependencies = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = audit_dependencies  # dataclasses look their module up
spec.loader.exec_module(audit_dependencies)

VULN = {"id": "PYSEC-2099-1", "aliases": ["CVE-2099-0001"], "fixed_in": ["1.0.2"]}


def release_files(yanked=False, reason=None, days_ago=400):
    uploaded = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days_ago)
    return [{"filename": "x.whl", "yanked": yanked, "yanked_reason": reason,
             "upload_time_iso_8601": uploaded.strftime("%Y-%m-%dT%H:%M:%S.%fZ")}]


def project(latest, releases, vulnerabilities=()):
    return {"info": {"version": latest}, "releases": releases, "vulnerabilities": list(vulnerabilities)}


@pytest.fixture
def registry(monkeypatch):
    """URL → JSON; a missing URL is a 404, as on a mirror without the per-release endpoint."""
    answers = {}
    monkeypatch.setattr(audit_dependencies, "fetch", lambda url, attempts=4: answers.get(url))
    return answers


def run(tmp_path, capsys, *lines, ci=False):
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("# pinned\n" + "\n".join(lines) + "\n")
    status = audit_dependencies.main([str(requirements)] + (["--ci"] if ci else []))
    return status, capsys.readouterr().out


def test_a_clean_newest_pin_passes(registry, tmp_path, capsys):
    registry["https://pypi.org/pypi/demo/json"] = project("1.0.1", {"1.0.0": release_files(), "1.0.1": release_files()})
    status, out = run(tmp_path, capsys, "demo==1.0.1")
    assert status == 0 and "ok    demo==1.0.1" in out


def test_a_vulnerability_of_the_pinned_release_fails_and_is_named(registry, tmp_path, capsys):
    registry["https://pypi.org/pypi/demo/1.0.1/json"] = {"info": {"yanked": False}, "vulnerabilities": [VULN]}
    status, out = run(tmp_path, capsys, "demo==1.0.1")
    assert status == 1
    assert "FAIL  demo==1.0.1: known vulnerability PYSEC-2099-1 / CVE-2099-0001 (fixed in: 1.0.2)" in out


def test_a_pin_behind_its_series_fails_and_names_the_pin_to_move_to(registry, tmp_path, capsys):
    registry["https://pypi.org/pypi/demo/json"] = project(
        "2.0.0", {"1.0": release_files(), "1.0.3": release_files(), "1.1.0": release_files(), "2.0.0": release_files()})
    status, out = run(tmp_path, capsys, "Demo==1.0.0")
    assert status == 1
    assert "behind the newest patch release of its series for 400 days: pin demo==1.0.3" in out


def test_a_patch_published_days_ago_gives_a_week_to_move_the_pin(registry, tmp_path, capsys):
    registry["https://pypi.org/pypi/demo/json"] = project(
        "1.0.4", {"1.0.2": release_files(), "1.0.3": release_files(days_ago=2), "1.0.4": release_files(days_ago=1)})
    status, out = run(tmp_path, capsys, "demo==1.0.2")
    assert status == 0 and "patch release 1.0.4 is 2 days old: move the pin within 7 days" in out
    registry["https://pypi.org/pypi/demo/json"]["releases"]["1.0.3"] = release_files(days_ago=9)
    status, out = run(tmp_path, capsys, "demo==1.0.2")
    assert status == 1 and "for 9 days: pin demo==1.0.4" in out


def test_a_newer_series_alone_is_not_a_failure(registry, tmp_path, capsys):
    registry["https://pypi.org/pypi/demo/json"] = project("2.0.0", {"1.0.3": release_files(), "2.0.0": release_files()})
    status, out = run(tmp_path, capsys, "demo==1.0.3")
    assert status == 0 and "newest release is 2.0.0" in out


def test_advisories_of_the_newest_release_count_against_an_older_pin(registry, tmp_path, capsys):
    registry["https://pypi.org/pypi/demo/json"] = project(
        "2.0.0", {"1.0.3": release_files(), "2.0.0": release_files()}, [dict(VULN, fixed_in=[])])
    status, out = run(tmp_path, capsys, "demo==1.0.3")
    assert status == 1 and "no fixed release yet" in out


def test_a_yanked_pin_fails_with_its_reason(registry, tmp_path, capsys):
    registry["https://pypi.org/pypi/demo/json"] = project(
        "1.0.1", {"1.0.1": release_files(yanked=True, reason="data loss")})
    status, out = run(tmp_path, capsys, "demo==1.0.1")
    assert status == 1 and "yanked (data loss)" in out


def test_an_unknown_package_or_release_fails(registry, tmp_path, capsys):
    registry["https://pypi.org/pypi/demo/json"] = project("1.0.1", {"1.0.1": release_files()})
    status, out = run(tmp_path, capsys, "demo==9.9.9", "no-such-package==1.0")
    assert status == 1
    assert "9.9.9 is not a release on PyPI" in out and "no-such-package==1.0: not found on PyPI" in out


def test_an_audit_that_could_not_reach_the_registry_fails(monkeypatch, tmp_path, capsys):
    def unreachable(url, attempts=4):
        raise urllib.error.URLError("Name or service not known")
    monkeypatch.setattr(audit_dependencies, "fetch", unreachable)
    status, out = run(tmp_path, capsys, "demo==1.0.1")
    assert status == 1 and "could not ask PyPI" in out and "Traceback" not in out


def test_an_unpinned_requirement_is_refused(tmp_path, capsys):
    with pytest.raises(SystemExit, match="not pinned with ==: demo>=1.0"):
        run(tmp_path, capsys, "demo>=1.0")


def test_the_project_requirement_files_are_all_pinned():
    found = audit_dependencies.pins([ROOT / "requirements-dev.txt", ROOT / "requirements-load.txt"])
    assert {"django", "gunicorn", "django-axes", "pytest", "locust"} <= set(found)


# CI's verdict is a property of the tree: the same pins pass or fail whatever the date.


def test_in_ci_a_pin_behind_its_series_is_a_warning_naming_the_pin_to_move_to(registry, tmp_path, capsys):
    registry["https://pypi.org/pypi/demo/json"] = project(
        "1.0.3", {"1.0.0": release_files(), "1.0.3": release_files(days_ago=34)})
    status, out = run(tmp_path, capsys, "demo==1.0.0", ci=True)
    assert status == 0
    assert "WARN  demo==1.0.0: behind the newest patch release of its series for 34 days: pin demo==1.0.3" in out
    assert "1 with a warning: run `make audit`" in out


@pytest.mark.parametrize("days_later", [0, 1, 40, 400])
def test_in_ci_the_same_pins_get_the_same_verdict_on_any_later_day(registry, monkeypatch, tmp_path, capsys, days_later):
    registry["https://pypi.org/pypi/demo/json"] = project(
        "1.0.3", {"1.0.0": release_files(), "1.0.3": release_files(days_ago=1)})
    today = datetime.datetime.now(datetime.timezone.utc)
    monkeypatch.setattr(audit_dependencies, "now", lambda: today + datetime.timedelta(days=days_later))
    assert run(tmp_path, capsys, "demo==1.0.0", ci=True)[0] == 0
    strict, _out = run(tmp_path, capsys, "demo==1.0.0")
    assert strict == (1 if days_later + 1 >= 7 else 0)  # a person running `make audit` is told to move it


def test_in_ci_an_advisory_or_a_yanked_pin_still_fails(registry, tmp_path, capsys):
    registry["https://pypi.org/pypi/demo/1.0.1/json"] = {"info": {"yanked": False}, "vulnerabilities": [VULN]}
    registry["https://pypi.org/pypi/other/json"] = project("1.0.1", {"1.0.1": release_files(yanked=True)})
    status, out = run(tmp_path, capsys, "demo==1.0.1", "other==1.0.1", ci=True)
    assert status == 1
    assert "FAIL  demo==1.0.1: known vulnerability PYSEC-2099-1" in out and "FAIL  other==1.0.1: this release is yanked" in out


def test_in_ci_a_registry_that_cannot_be_reached_is_a_warning(monkeypatch, tmp_path, capsys):
    def unreachable(url, attempts=4):
        raise urllib.error.URLError("Name or service not known")
    monkeypatch.setattr(audit_dependencies, "fetch", unreachable)
    status, out = run(tmp_path, capsys, "demo==1.0.1", ci=True)
    assert status == 0 and "WARN  demo==1.0.1: could not ask PyPI" in out
