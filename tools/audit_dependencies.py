"""Audit every pinned requirement against what PyPI publishes about it.

    python tools/audit_dependencies.py requirements.txt requirements-dev.txt requirements-load.txt

For each ``name==version`` pin it asks PyPI's JSON API:

1. ``/pypi/<name>/<version>/json`` — the release's own ``vulnerabilities`` (the OSV data pip-audit's
   default service reads). Where that endpoint answers, the audit is exactly pip-audit's.
2. Where it does not (some mirrors and proxies, this build network among them, serve only
   ``/pypi/<name>/json``), the project document: its ``vulnerabilities`` belong to the newest
   release, so they are ours when we pin the newest release, and they are counted against us
   anyway when we pin an older one (a flaw not fixed in the newest release is not fixed in ours).
   Since the advisories for an older release cannot be read there, a pin behind the newest patch
   release of its own series (same major.minor) fails too, once that patch has been out for
   AUDIT_PATCH_GRACE_DAYS (7): security fixes ship as patch releases, and a week is the time given to
   move the pin (a patch published this morning does not turn every build red this afternoon).

A pin that is yanked, or that does not exist, fails. Exit status 0 only when every pin passes; the
output names each problem and the pin to move to. Network errors are retried, then reported as a
failure: an audit that could not run has not passed.

``--ci`` (what .ci/run uses) keeps the verdict a property of the tree: the rules that depend on
today's date (a newer patch release, its days of grace) and a registry that cannot be reached print
as WARN lines and do not fail; a published advisory, a yanked pin or a pin that is not a release
still fail. A maintainer runs ``make audit`` (strict) to see which pins to move.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from packaging.version import InvalidVersion, Version

INDEX = "https://pypi.org/pypi"
GRACE = datetime.timedelta(days=int(os.environ.get("AUDIT_PATCH_GRACE_DAYS", 7)))
PIN = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*==\s*([^\s;#]+)")


@dataclass
class Finding:
    name: str
    version: str
    problems: list[str] = field(default_factory=list)
    # Problems that depend on the date (a newer patch release): failures for a person, warnings in CI.
    dated: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    source: str = ""


def pins(paths: list[Path]) -> dict[str, str]:
    """Every ``name==version`` in the files (following ``-r``), by canonical name."""
    found: dict[str, str] = {}
    seen: set[Path] = set()

    def read(path: Path) -> None:
        path = path.resolve()
        if path in seen:
            return
        seen.add(path)
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line.startswith(("-r ", "--requirement ")):
                read(path.parent / line.split(None, 1)[1])
                continue
            match = PIN.match(line)
            if match:
                found[canonical(match.group(1))] = match.group(3)
            elif line and not line.startswith("#"):
                raise SystemExit(f"{path.name}: not pinned with ==: {line}")

    for path in paths:
        read(path)
    return found


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def fetch(url: str, attempts: int = 4) -> dict | None:
    """The JSON at ``url``; None on 404; raises after ``attempts`` network failures."""
    for attempt in range(attempts):
        try:
            request = urllib.request.Request(url, headers={"Accept": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.load(response)
        except urllib.error.HTTPError as error:
            if error.code == 404:
                return None
            if attempt == attempts - 1:
                raise
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            if attempt == attempts - 1:
                raise
        time.sleep(2**attempt)
    return None


def describe(vulnerability: dict) -> str:
    ids = [vulnerability.get("id", "?")] + list(vulnerability.get("aliases") or [])
    fixed = ", ".join(vulnerability.get("fixed_in") or []) or "no fixed release yet"
    return f"{' / '.join(ids)} (fixed in: {fixed})"


def same_release(pinned: str, releases: dict) -> str | None:
    """The key of ``releases`` that is the same version as ``pinned`` (4.2.0 is 4.2)."""
    try:
        ours = Version(pinned)
    except InvalidVersion:
        return pinned if pinned in releases else None
    for text in releases:
        try:
            if Version(text) == ours:
                return text
        except InvalidVersion:
            continue
    return None


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def released(files: list) -> datetime.datetime | None:
    """When a release's first file was uploaded."""
    times = [f.get("upload_time_iso_8601") for f in files if f.get("upload_time_iso_8601")]
    if not times:
        return None
    return min(datetime.datetime.fromisoformat(t.replace("Z", "+00:00")) for t in times)


def series(version: Version) -> tuple[int, ...]:
    return tuple(version.release[:2])


def audit(name: str, pinned: str) -> Finding:
    finding = Finding(name, pinned)
    release = fetch(f"{INDEX}/{name}/{pinned}/json")
    if release is not None:
        finding.source = "release"
        vulnerabilities = release.get("vulnerabilities") or []
        finding.problems += [f"known vulnerability {describe(v)}" for v in vulnerabilities]
        if release.get("info", {}).get("yanked"):
            reason = release["info"].get("yanked_reason") or "no reason given"
            finding.problems.append(f"this release is yanked ({reason})")
        return finding

    project = fetch(f"{INDEX}/{name}/json")
    if project is None:
        finding.problems.append("not found on PyPI")
        return finding
    finding.source = "project"
    releases = project.get("releases") or {}
    files = releases.get(pinned, releases.get(same_release(pinned, releases)))
    if files is None:
        finding.problems.append(f"{pinned} is not a release on PyPI")
        return finding
    if files and all(f.get("yanked") for f in files):
        reason = files[0].get("yanked_reason") or "no reason given"
        finding.problems.append(f"this release is yanked ({reason})")

    latest = project.get("info", {}).get("version", "")
    is_latest = same_release(pinned, {latest: None}) is not None
    for vulnerability in project.get("vulnerabilities") or []:
        finding.problems.append(f"known vulnerability in {latest} {describe(vulnerability)}")

    try:
        ours = Version(pinned)
    except InvalidVersion:
        finding.notes.append("version not comparable; only the newest release's advisories read")
        return finding
    newer_in_series = []
    for text, release_files in releases.items():
        try:
            candidate = Version(text)
        except InvalidVersion:
            continue
        if (
            candidate > ours
            and not candidate.is_prerelease
            and series(candidate) == series(ours)
            and release_files
            and not all(f.get("yanked") for f in release_files)
        ):
            newer_in_series.append((candidate, released(release_files)))
    if newer_in_series:
        newest = max(candidate for candidate, _when in newer_in_series)
        # The grace runs from the first patch after ours: a steady stream of patches is no excuse.
        dates = [when for _candidate, when in newer_in_series if when is not None]
        age = now() - min(dates) if dates else GRACE
        if age >= GRACE:
            finding.dated.append(
                f"behind the newest patch release of its series for {age.days} days: pin {name}=={newest}"
                " (this index does not publish the advisories of older releases)"
            )
        else:
            finding.notes.append(f"patch release {newest} is {age.days} days old: move the pin within {GRACE.days} days")
    if latest and not is_latest:
        finding.notes.append(f"newest release is {latest}")
    return finding


def main(argv: list[str]) -> int:
    ci = "--ci" in argv
    paths = [Path(arg) for arg in argv if arg != "--ci"] or [Path("requirements.txt")]
    pinned = pins(paths)
    failures = warnings = exact = 0
    mode = " (CI: rules that depend on the date are warnings)" if ci else ""
    print(f"Auditing {len(pinned)} pinned packages from {', '.join(map(str, paths))} against PyPI{mode}")
    for name, version in sorted(pinned.items()):
        try:
            finding = audit(name, version)
        except Exception as error:  # network: an audit that could not run has not passed
            status = "WARN" if ci else "FAIL"
            print(f"{status}  {name}=={version}: could not ask PyPI ({error.__class__.__name__}: {error})")
            warnings += ci
            failures += not ci
            continue
        exact += finding.source == "release"
        failing = finding.problems + ([] if ci else finding.dated)
        warning = finding.dated if ci and not finding.problems else []
        status = "FAIL" if failing else "WARN" if warning else "ok  "
        detail = "; ".join(finding.problems + finding.dated + finding.notes)
        print(f"{status}  {name}=={version}" + (f": {detail}" if detail else ""))
        failures += bool(failing)
        warnings += bool(warning)
    print(
        f"{len(pinned) - failures} of {len(pinned)} pins pass"
        + (f" ({warnings} with a warning: run `make audit` and move those pins)" if warnings else "")
        + f"; {exact} read from the release's own advisories, {len(pinned) - exact} from the project page."
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
