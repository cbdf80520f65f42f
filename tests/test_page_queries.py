"""Every page takes the same number of queries however big BMA's plan is: measured on the synthetic
world of bench/world.py at two sizes of each dimension (KRs 3 → 30, districts 50 → 100, fiscal years
1 → 10), each page opened by the person who uses it (bench/pages.py, what `make bench` prints)."""
import pytest
from django.urls import resolve

from bench.pages import measure, pages
from bench.world import grow
from tests.production.sample_urls import patterns
from tests.production.test_production_smoke import post_only

pytestmark = pytest.mark.django_db

SMALL = {"krs": 3, "districts": 50, "years": 1}
# Pages left out of the comparison, and why.
NOT_MEASURED = {
    "indicators:official_report_pdf": "the official report's page is measured; the PDF is that HTML through WeasyPrint",
    "indicators:kr_sheet_pdf": "the KR sheet's page is measured; the PDF is that HTML through WeasyPrint",
    "indicators:book_pdf": "the book's page is measured; the PDF is that HTML through WeasyPrint",
    "reports:scorecard_pdf": "the scorecard's page is measured; the PDF is its table through WeasyPrint",
    "home": "a redirect to the user's first page",
    "login": "no data of the plan on it",
    "password_change": "no data of the plan on it",
    "password_change_done": "no data of the plan on it",
    "password_reset": "no data of the plan on it",
    "password_reset_done": "no data of the plan on it",
    "password_reset_confirm": "no data of the plan on it",
    "password_reset_complete": "no data of the plan on it",
    "set_language": "a redirect",
    "healthz": "no database",
    "api:openapi": "a constant document",
    "reports:evidence": "a stored file: one query for it, whatever the plan's size",
}


def query_counts(client, users):
    return {label: measure(client, user, url, fresh)[0] for label, user, url, fresh in pages(users)}


@pytest.mark.parametrize("dimension, large", [("krs", 30), ("districts", 100), ("years", 10)])
def test_every_page_takes_the_same_queries_at_two_sizes(client, dimension, large):
    small = query_counts(client, grow(**SMALL))
    bigger = query_counts(client, grow(**{**SMALL, dimension: large}))
    differ = {label: (count, bigger.get(label)) for label, count in small.items() if count != bigger.get(label)}
    assert not differ, f"queries at {dimension} {SMALL[dimension]} → {large}: {differ}"


def test_the_measured_pages_are_every_page_of_the_app(client):
    measured = {resolve(url.split("?")[0]).view_name for _label, _user, url, _fresh in pages(grow(**SMALL))}
    app_pages = {name for name, _parameters in patterns() if not name.startswith("admin:") and not post_only(name)}
    assert app_pages - measured - set(NOT_MEASURED) == set()
    assert not (measured & set(NOT_MEASURED))


def test_the_admin_import_pages_do_not_grow_with_the_krs(client):
    """Their KR and quarter pickers search as the administrator types: a page never lists every KR
    of every year (370 KB at 300 KRs × 10 years when it did)."""
    def sizes(users):
        return {label: measure(client, user, url, fresh)[1] for label, user, url, fresh in pages(users)
                if label.endswith(" import")}

    small = sizes(grow(**SMALL))
    bigger = sizes(grow(**{**SMALL, "krs": 30, "years": 3}))
    assert set(small) >= {"admin:districttarget import", "admin:report import"}
    grown = {label: (small[label], bigger[label]) for label in small if bigger[label] - small[label] > 200}
    assert not grown, grown
