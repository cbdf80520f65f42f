"""Every URL that touches district data × every kind of user × GET and POST.

The table below must name every URL of the app: a new view that is not in it fails
`test_every_url_is_in_the_matrix`, so no view escapes the permission check.
"""
import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from districts.models import District
from reports import services
from reports.models import Evidence, Report

from .helpers import draft

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "staff_a", "staff_b", "reviewer", "admin"]
LOGIN = "login"
# url name: {role: (expected GET, expected POST)}; LOGIN means a redirect to the login page.
_SAFE = {"anonymous": (LOGIN, LOGIN)}
MATRIX = {
    "home": {**_SAFE, "staff_a": (302, 405), "staff_b": (302, 405), "reviewer": (302, 405), "admin": (302, 405)},
    "indicators:list": {**_SAFE, "staff_a": (200, 405), "staff_b": (200, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "indicators:detail": {**_SAFE, "staff_a": (200, 405), "staff_b": (200, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "indicators:export_targets": {**_SAFE, "staff_a": (200, 405), "staff_b": (200, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "indicators:official_report": {**_SAFE, "staff_a": (200, 405), "staff_b": (200, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "indicators:official_report_pdf": {**_SAFE, "staff_a": (200, 405), "staff_b": (200, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "indicators:kr_sheet": {**_SAFE, "staff_a": (200, 405), "staff_b": (200, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "indicators:kr_sheet_pdf": {**_SAFE, "staff_a": (200, 405), "staff_b": (200, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "indicators:book": {**_SAFE, "staff_a": (200, 405), "staff_b": (200, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "indicators:book_pdf": {**_SAFE, "staff_a": (200, 405), "staff_b": (200, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "indicators:export_results": {**_SAFE, "staff_a": (200, 405), "staff_b": (200, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "reports:mine": {**_SAFE, "staff_a": (200, 405), "staff_b": (200, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "reports:review": {**_SAFE, "staff_a": (403, 405), "staff_b": (403, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "reports:dashboard_index": {**_SAFE, "staff_a": (403, 405), "staff_b": (403, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "reports:dashboard": {**_SAFE, "staff_a": (403, 405), "staff_b": (403, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "api:indicators": {"anonymous": (401, 405), "staff_a": (200, 405), "staff_b": (200, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "api:summary": {"anonymous": (401, 405), "staff_a": (200, 405), "staff_b": (200, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "api:openapi": {"anonymous": (401, 405), "staff_a": (200, 405), "staff_b": (200, 405), "reviewer": (200, 405), "admin": (200, 405)},
    # A district's scorecard: its staff, reviewers, administrators (another district's staff: as if none).
    "api:scorecard": {"anonymous": (401, 405), "staff_a": (200, 405), "staff_b": (404, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "api:ranking": {"anonymous": (401, 405), "staff_a": (403, 405), "staff_b": (403, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "reports:host_narrative": {**_SAFE, "staff_a": (403, 403), "staff_b": (403, 403), "reviewer": (200, 302), "admin": (200, 302)},
    "reports:status_board": {**_SAFE, "staff_a": (403, 405), "staff_b": (403, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "reports:approve_many": {**_SAFE, "staff_a": (405, 403), "staff_b": (405, 403), "reviewer": (405, 302), "admin": (405, 302)},
    "reports:detail": {**_SAFE, "staff_a": (200, 405), "staff_b": (404, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "reports:submit": {**_SAFE, "staff_a": (405, 302), "staff_b": (405, 404), "reviewer": (405, 403), "admin": (405, 403)},
    "reports:approve": {**_SAFE, "staff_a": (405, 403), "staff_b": (405, 404), "reviewer": (405, 302), "admin": (405, 302)},
    "reports:return": {**_SAFE, "staff_a": (405, 403), "staff_b": (405, 404), "reviewer": (405, 302), "admin": (405, 302)},
    # The evaluator's assessment: the world's report is a draft, so no one may assess it (403), the
    # other district's staff do not see it (404).
    "reports:assess": {**_SAFE, "staff_a": (405, 403), "staff_b": (405, 404), "reviewer": (405, 403), "admin": (405, 403)},
    "reports:district": {**_SAFE, "staff_a": (200, 405), "staff_b": (404, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "reports:form": {**_SAFE, "staff_a": (200, 302), "staff_b": (404, 404), "reviewer": (403, 403), "admin": (403, 403)},
    "reports:evidence": {**_SAFE, "staff_a": (200, 405), "staff_b": (404, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "reports:evidence_delete": {**_SAFE, "staff_a": (405, 302), "staff_b": (405, 404), "reviewer": (405, 403), "admin": (405, 403)},
    # A district's scorecard: its own staff, reviewers and administrators; the ranking: reviewers.
    "reports:scorecard": {**_SAFE, "staff_a": (200, 405), "staff_b": (404, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "reports:scorecard_pdf": {**_SAFE, "staff_a": (200, 405), "staff_b": (404, 405), "reviewer": (200, 405), "admin": (200, 405)},
    "reports:ranking": {**_SAFE, "staff_a": (403, 405), "staff_b": (403, 405), "reviewer": (200, 405), "admin": (200, 405)},
    # A user's own page (their address and notices): an empty POST is shown again with its errors.
    "account": {**_SAFE, "staff_a": (200, 200), "staff_b": (200, 200), "reviewer": (200, 200), "admin": (200, 200)},
    "password_change": {**_SAFE, "staff_a": (200, 200), "staff_b": (200, 200), "reviewer": (200, 200), "admin": (200, 200)},
}
# Pages for people who cannot log in (forgotten password, the invitation's link): public, like the
# log-in page, and they show no district data.
PUBLIC = {"login", "logout", "logout_everywhere", "healthz", "password_reset", "password_reset_done",
          "password_reset_confirm", "password_reset_complete"}
# Reviewing needs a submitted report; everything else starts from a draft.
NEEDS_SUBMITTED = {"reports:approve", "reports:return", "reports:approve_many"}


def _url_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in {"admin"} or "i18n" in str(pattern.pattern):
                continue
            yield from _url_names(pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name and pattern.name not in PUBLIC:
            yield namespace + pattern.name


def test_every_url_is_in_the_matrix():
    assert set(_url_names()) == set(MATRIX)


@pytest.fixture
def world(kr8308, open_quarter, din_daeng_clerk, dusit_clerk, reviewer, admin_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    from indicators.models import AgreementItem

    report = draft(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=18)
    AgreementItem.objects.create(district=report.district, indicator=kr8308, dimension="มิติด้านประสิทธิผล", weight=100)
    evidence = services.add_evidence(report=report, by=din_daeng_clerk, content_type="application/pdf",
                                     uploaded_file=SimpleUploadedFile("หลักฐาน.pdf", b"%PDF-1.4 test"))
    return {"report": report, "evidence": evidence, "users": {
        "staff_a": din_daeng_clerk, "staff_b": dusit_clerk, "reviewer": reviewer, "admin": admin_user}}


def _url_and_data(name, world):
    report, evidence, indicator = world["report"], world["evidence"], world["report"].indicator
    kwargs = {
        "indicators:detail": {"code": indicator.code, "year": 2568},
        "indicators:export_targets": {"code": indicator.code, "year": 2568},
        "indicators:official_report": {"code": indicator.code, "year": 2568},
        "indicators:official_report_pdf": {"code": indicator.code, "year": 2568},
        "indicators:kr_sheet": {"code": indicator.code, "year": 2568},
        "indicators:kr_sheet_pdf": {"code": indicator.code, "year": 2568},
        "indicators:export_results": {"code": indicator.code, "year": 2568, "quarter_number": 1},
        "indicators:book": {"year": 2568},
        "indicators:book_pdf": {"year": 2568},
        "reports:detail": {"pk": report.pk}, "reports:submit": {"pk": report.pk},
        "reports:approve": {"pk": report.pk}, "reports:return": {"pk": report.pk}, "reports:assess": {"pk": report.pk},
        "reports:district": {"district_code": "1026"},
        "reports:scorecard": {"year": 2568, "district_code": "1026"}, "reports:ranking": {"year": 2568},
        "reports:scorecard_pdf": {"year": 2568, "district_code": "1026"},
        "reports:dashboard": {"indicator_code": "8308", "year": 2568, "quarter_number": 1},
        "reports:status_board": {"year": 2568, "quarter_number": 1},
        "reports:host_narrative": {"indicator_code": "8308", "year": 2568, "quarter_number": 1},
        "api:summary": {"code": "8308", "year": 2568, "quarter": 1},
        "api:scorecard": {"year": 2568, "district": "1026"}, "api:ranking": {"year": 2568},
        "reports:form": {"district_code": "1026", "indicator_code": "8308", "year": 2568, "quarter_number": 1},
        "reports:evidence": {"pk": evidence.pk}, "reports:evidence_delete": {"pk": evidence.pk},
    }.get(name, {})
    data = {
        "reports:form": {"version": report.version, "achieved": "19", "save": "1"},
        "reports:return": {"comment": "แก้ไขตัวเลข"},
        "reports:host_narrative": {"narrative": "ประชุมชี้แจง 1 ต.ค. 2567"},
    "reports:approve_many": {"report": [report.pk]},
    }.get(name, {})
    return reverse(name, kwargs=kwargs), data


CASES = [(name, role, method) for name in MATRIX for role in ROLES for method in ("GET", "POST")]


@pytest.mark.parametrize(("name", "role", "method"), CASES, ids=[f"{n}-{r}-{m}" for n, r, m in CASES])
def test_permission_matrix(client, world, name, role, method):
    if name in NEEDS_SUBMITTED:
        world["report"] = services.submit_report(report=world["report"], by=world["users"]["staff_a"])
    if role != "anonymous":
        client.force_login(world["users"][role])
    url, data = _url_and_data(name, world)
    before = Report.objects.values_list("status", "version", "achieved").get(pk=world["report"].pk)
    response = client.get(url) if method == "GET" else client.post(url, data)
    expected = MATRIX[name][role][0 if method == "GET" else 1]
    if expected == LOGIN:
        assert response.status_code == 302 and response.url.startswith(reverse("login")), response
    else:
        assert response.status_code == expected, (response.status_code, getattr(response, "url", ""))
    if response.status_code in (403, 404, 405) or expected == LOGIN:
        # A refused request changes nothing.
        assert Report.objects.values_list("status", "version", "achieved").get(pk=world["report"].pk) == before
        assert Evidence.objects.filter(pk=world["evidence"].pk).exists()


def test_the_matrix_covers_this_many_cases():
    assert len(CASES) == len(MATRIX) * 5 * 2 == 370


def test_no_form_field_can_move_a_report_to_another_district_or_status(client, world):
    report = world["report"]
    client.force_login(world["users"]["staff_a"])
    url, _ = _url_and_data("reports:form", world)
    client.post(url, {"version": report.version, "achieved": "19", "district": District.objects.get(code="1002").pk,
                      "status": "approved", "indicator": 999, "quarter": 999, "save": "1"})
    report.refresh_from_db()
    assert (report.district.code, report.status, report.achieved) == ("1026", Report.Status.DRAFT, 19)


def test_a_post_without_the_csrf_token_is_refused(world):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world["users"]["staff_a"])
    response = client.post(reverse("reports:submit", kwargs={"pk": world["report"].pk}))
    assert response.status_code == 403
    world["report"].refresh_from_db()
    assert world["report"].status == Report.Status.DRAFT
