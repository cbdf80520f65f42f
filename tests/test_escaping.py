"""What a district types is shown as text everywhere it is shown, never run as markup."""
import re
from pathlib import Path

from tests.reports.helpers import submitted

MARKUP = '<script src="//evil.example/x.js"></script><img src=x onerror=alert(1)>'
ESCAPED = "&lt;script src=&quot;//evil.example/x.js&quot;&gt;&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
ROOT = Path(__file__).resolve().parent.parent


def test_a_narrative_with_markup_is_shown_escaped_to_the_district_and_the_reviewers(
        client, kr8308, open_quarter, din_daeng_clerk, reviewer):
    report = submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=20, narrative=MARKUP, obstacles=MARKUP)
    year, number = open_quarter.fiscal_year.year_be, open_quarter.number
    pages = {
        din_daeng_clerk: [f"/reports/{report.pk}/"],
        reviewer: [f"/reports/{report.pk}/", f"/reports/dashboard/{kr8308.code}/{year}/q{number}/narrative/"],
    }
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            html = client.get(url).content.decode()
            assert ESCAPED in html, url
            assert "evil.example/x.js\"></script>" not in html and "onerror=alert(1)>" not in html, url


def test_no_template_or_module_of_ours_turns_escaping_off():
    """The audit behind the test above: nothing marks text safe or switches autoescape off."""
    offenders = []
    ours = ["templates", "okr_tracker", "districts", "indicators", "reports"]
    paths = [path for folder in ours for path in (ROOT / folder).rglob("*") if path.suffix in {".html", ".py", ".txt"}]
    assert len(paths) > 100
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace")
        if re.search(r"autoescape\s+off|\|\s*safe\b|mark_safe\(|SafeString\(", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
