"""A locked quarter's figures are final on every path (issue 20, findings 4–7).

The guard (indicators.locks) sits below every writer. This file finds the writers it can — every model
with a path to a quarter, every admin page of such a model and every admin import, every management
command of the project, every URL of the site — and tries each on a locked quarter: a writer it does
not know fails the test, so a new path cannot bypass the guard unnoticed.
"""
import io

import openpyxl
import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command, get_commands
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import ForeignKey
from django.urls import URLPattern, URLResolver, get_resolver

from districts.models import District
from indicators import locks
from indicators.kr_workbook import export_indicator
from indicators.models import DistrictResult, DistrictTarget, FiscalYear, HostReport, Indicator, Quarter
from reports import services
from reports.models import Evidence, Report
from tests.imports.workbooks import seed_rows, target_workbook

pytestmark = pytest.mark.django_db

PROJECT_APPS = {"accounts", "districts", "indicators", "reports", "notifications", "okr_tracker"}


# --- the locked world -----------------------------------------------------------------------------


@pytest.fixture
def q4_2563(cdp2563):
    """Seed 002's Q4: 43 of 50 districts, locked (a past year)."""
    quarter = Quarter.objects.select_related("fiscal_year").get(fiscal_year=cdp2563.fiscal_year, number=4)
    assert not quarter.is_open
    return quarter


def seed_q4_figures(cdp2563):
    return sorted(DistrictResult.objects.filter(indicator=cdp2563, quarter__number=4)
                  .values_list("district__code", "answered_yes", "projects"))


def target_table(kr8308):
    return sorted(DistrictTarget.objects.filter(indicator=kr8308).values_list("district__code", "communities",
                                                                             "target_communities"))


@pytest.fixture
def locked_report(kr8308, open_quarter, din_daeng_clerk):
    """ดินแดง's Q1/2568 report (submitted, with a file), then Q1 locked."""
    report = services.save_report(report=Report(indicator=kr8308, district=din_daeng_clerk.districts.get(),
                                                quarter=open_quarter),
                                  data={"achieved": 12, "narrative": "ก่อนล็อก"}, by=din_daeng_clerk,
                                  expected_version=Report.NO_REPORT_YET)
    services.add_evidence(report=report, by=din_daeng_clerk, content_type="application/pdf",
                          uploaded_file=SimpleUploadedFile("หลักฐาน.pdf", b"%PDF-1.7 x"))
    report = services.submit_report(report=Report.objects.get(pk=report.pk), by=din_daeng_clerk)
    from indicators.models import Assessment  # an evaluator's assessment of the quarter, made before the lock

    Assessment.objects.create(indicator=kr8308, district=report.district, quarter=open_quarter, result=50)
    Quarter.objects.filter(pk=open_quarter.pk).update(status=Quarter.Status.LOCKED)
    return Report.objects.with_related().get(pk=report.pk)


# --- every model with figures of a quarter is guarded ----------------------------------------------


def points_to_a_quarter(model, guarded):
    return any(isinstance(field, ForeignKey) and (field.related_model is Quarter or field.related_model in guarded)
               for field in model._meta.get_fields())


def test_every_model_with_figures_of_a_quarter_is_guarded():
    guarded = set(locks.guarded_models())
    assert {DistrictResult, DistrictTarget, HostReport, Report, Evidence} <= guarded
    project_models = [model for model in apps.get_models()
                      if model._meta.app_label in PROJECT_APPS and not model.__name__.startswith("Historical")]
    unguarded = [model.__name__ for model in project_models
                 if points_to_a_quarter(model, guarded) and model not in guarded]
    assert unguarded == [], f"models with figures of a quarter but no figures_locked_by: {unguarded}"


def existing_and_new(model, context):
    """(a stored row of a locked quarter, an unsaved row in a locked quarter) of each guarded model."""
    cdp2563, kr8308, report = context["cdp2563"], context["kr8308"], context["locked_report"]
    q4 = Quarter.objects.get(fiscal_year=cdp2563.fiscal_year, number=4)
    din_daeng = District.objects.get(code="1026")
    if model is DistrictResult:
        stored = DistrictResult.objects.get(indicator=cdp2563, quarter=q4, district=din_daeng)
        return stored, "answered_yes", not stored.answered_yes, DistrictResult(indicator=kr8308, quarter=report.quarter,
                                                                             district=din_daeng, achieved=3)
    if model is HostReport:
        stored = HostReport.objects.get(indicator=cdp2563, quarter=q4)
        return stored, "narrative", "แก้", HostReport(indicator=kr8308, quarter=report.quarter, narrative="ใหม่")
    if model is DistrictTarget:
        stored = DistrictTarget.objects.get(indicator=kr8308, district=din_daeng)
        return stored, "target_communities", 19, DistrictTarget(indicator=kr8308, district=District.objects.get(code="1002"))
    if model is Report:
        return report, "achieved", 33, Report(indicator=cdp2563, quarter=q4, district=din_daeng, answered_yes=True)
    if model is Evidence:
        stored = report.evidence.get()
        return stored, "original_name", "อื่น.pdf", Evidence(report=report, original_name="ใหม่.pdf", size=1,
                                                            content_type="application/pdf",
                                                            uploaded_by=stored.uploaded_by, file=stored.file.name)
    if model.__name__ == "Assessment":
        stored = model.objects.get(indicator=kr8308, district=din_daeng, quarter=report.quarter)
        return stored, "result", 60, model(indicator=kr8308, district=District.objects.get(code="1002"),
                                           quarter=report.quarter, result=70)
    raise AssertionError(f"{model.__name__} is guarded but this test has no rows of it: add them here")


@pytest.mark.parametrize("model", locks.guarded_models(), ids=lambda model: model.__name__)
@pytest.mark.parametrize("write", ["save", "save new", "delete", "update", "delete rows", "bulk_create",
                                   "bulk_update"])
def test_every_write_of_a_locked_row_is_refused(model, write, cdp2563, kr8308, locked_report):
    stored, field, value, new = existing_and_new(model, locals())
    before = model.objects.filter(pk=stored.pk).values(field).get()
    count = model.objects.count()
    rows = model.objects.filter(pk=stored.pk)
    attempts = {
        "save": lambda: (setattr(stored, field, value), stored.save()),
        "save new": new.save,
        "delete": stored.delete,
        "update": lambda: rows.update(**{field: value}),
        "delete rows": rows.delete,
        "bulk_create": lambda: model.objects.bulk_create([new]),
        "bulk_update": lambda: (setattr(stored, field, value), model.objects.bulk_update([stored], [field])),
    }
    with pytest.raises(locks.FiguresLocked) as refused, transaction.atomic():  # as every request and command
        attempts[write]()
    assert "Open the selected quarters" in str(refused.value) or "เปิดไตรมาสที่เลือก" in str(refused.value)
    assert model.objects.filter(pk=stored.pk).values(field).get() == before
    assert model.objects.count() == count


def test_deleting_an_indicator_of_a_locked_year_does_not_take_its_figures(cdp2563):
    figures = seed_q4_figures(cdp2563)
    with pytest.raises(locks.FiguresLocked), transaction.atomic():
        Indicator.objects.filter(pk=cdp2563.pk).delete()
    assert seed_q4_figures(cdp2563) == figures


def test_an_open_quarter_is_written_as_before(cdp2563, q4_2563):
    Quarter.objects.filter(pk=q4_2563.pk).update(status=Quarter.Status.OPEN)
    DistrictResult.objects.filter(indicator=cdp2563, quarter=q4_2563, district__code="1026").update(answered_yes=True)
    assert DistrictResult.objects.get(indicator=cdp2563, quarter=q4_2563, district__code="1026").answered_yes


def test_the_message_names_the_quarter_and_how_to_reopen_it_in_thai(cdp2563, q4_2563):
    with pytest.raises(locks.FiguresLocked) as refused:
        DistrictResult.objects.filter(indicator=cdp2563, quarter=q4_2563).update(answered_yes=False)
    assert str(refused.value.messages[0]).startswith("ไตรมาส 4/2563 ล็อกแล้ว")


# --- every management command ----------------------------------------------------------------------


def results_file(tmp_path, answer="ไม่มี"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["เขต", "ผลการดำเนินงาน"])
    for row in seed_rows():
        sheet.append([row[1], answer])
    path = tmp_path / "ผล.xlsx"
    book.save(path)
    return path


def import_results_into_q4(tmp_path, cdp2563, kr8308):
    figures = seed_q4_figures(cdp2563)
    with pytest.raises(CommandError):
        call_command("import_results", str(results_file(tmp_path)), "--indicator", "CDP2563", "--year", "2563",
                     "--quarter", "4", stdout=io.StringIO(), stderr=(err := io.StringIO()))
    assert "ไตรมาส 4/2563 ล็อกแล้ว" in err.getvalue()
    assert seed_q4_figures(cdp2563) == figures  # 43/50 = 86.00% stays


def import_targets_into_2568(tmp_path, cdp2563, kr8308):
    rows = seed_rows()
    rows[0][4] = rows[0][4] - 1
    path = tmp_path / "t.xlsx"
    path.write_bytes(target_workbook(rows, total=("2,004", "1,805")))
    table = target_table(kr8308)
    with pytest.raises(CommandError):
        call_command("import_targets", str(path), "--indicator", "8308", "--year", "2568",
                     stdout=io.StringIO(), stderr=(err := io.StringIO()))
    assert "ไตรมาส 1/2568, 2/2568, 3/2568, 4/2568 ล็อกแล้ว" in err.getvalue()
    assert target_table(kr8308) == table


def kr_workbook_with_another_target(kr8308):
    book = openpyxl.load_workbook(io.BytesIO(export_indicator(kr8308)))
    sheet = book["เป้าหมายรายเขต"]
    for row in sheet.iter_rows():
        if any(isinstance(cell.value, str) and cell.value.endswith("ดินแดง") for cell in row):
            last = [cell for cell in row if isinstance(cell.value, (int, float))][-1]
            last.value -= 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def import_indicator_into_2568(tmp_path, cdp2563, kr8308):
    path = tmp_path / "KR.xlsx"
    path.write_bytes(kr_workbook_with_another_target(kr8308))
    table = target_table(kr8308)
    with pytest.raises(CommandError):
        call_command("import_indicator", str(path), stdout=io.StringIO(), stderr=(err := io.StringIO()))
    assert "ล็อกแล้ว" in err.getvalue()
    assert target_table(kr8308) == table


def copy_indicators_into_a_locked_year(tmp_path, cdp2563, kr8308):
    year = FiscalYear.get_or_create_year(2569)
    year.quarters.filter(number=1).update(status=Quarter.Status.LOCKED)
    with pytest.raises(CommandError, match="1/2569"):
        call_command("copy_indicators", "2568", "2569", stdout=io.StringIO())
    assert not DistrictTarget.objects.filter(indicator__fiscal_year=year).exists()


def load_reference_data_into_q4(tmp_path, cdp2563, kr8308):
    q4 = Quarter.objects.get(fiscal_year=cdp2563.fiscal_year, number=4)
    Quarter.objects.filter(pk=q4.pk).update(status=Quarter.Status.OPEN)
    DistrictResult.objects.filter(indicator=cdp2563, quarter=q4, district__code="1026").delete()
    Quarter.objects.filter(pk=q4.pk).update(status=Quarter.Status.LOCKED)
    with pytest.raises(CommandError, match="4/2563"):
        call_command("load_reference_data", stdout=io.StringIO())
    assert DistrictResult.objects.filter(indicator=cdp2563, quarter=q4).count() == 49


COMMAND_WRITERS = {
    "import_results": import_results_into_q4,
    "import_targets": import_targets_into_2568,
    "import_indicator": import_indicator_into_2568,
    "copy_indicators": copy_indicators_into_a_locked_year,
    "load_reference_data": load_reference_data_into_q4,
}
COMMANDS_THAT_WRITE_NO_FIGURES = {
    "import_accounts": "accounts",
    "import_communities": "community lists (a year's denominators are its target table's snapshot)",
    "kpi_summary": "reads", "export_indicator": "reads", "backup_database": "reads",
    "send_outbox": "mail", "send_reminders": "mail", "create_api_token": "tokens",
    "restore_database": "replaces the whole database by a verified backup, its quarters' locks with it",
    "create_demo_accounts": "demo accounts and the demo KR's open quarter",
    "prepare_loadtest": "the load test's own database (opens its quarter first, as an administrator would)",
    "check_loadtest": "reads",
    "import_agreement": "performance agreements (a year's KRs and weights, not figures of a quarter)",
    "export_agreement": "reads", "scorecard": "reads",
}


def test_every_command_of_the_project_is_walked():
    ours = {name for name, app in get_commands().items() if app.split(".")[0] in PROJECT_APPS}
    assert ours == set(COMMAND_WRITERS) | set(COMMANDS_THAT_WRITE_NO_FIGURES)


@pytest.mark.parametrize("command", sorted(COMMAND_WRITERS))
def test_every_command_that_writes_figures_refuses_a_locked_quarter(command, tmp_path, cdp2563, kr8308):
    COMMAND_WRITERS[command](tmp_path, cdp2563, kr8308)


# --- the admin: every page of a guarded model, every import -----------------------------------------


def admin_add_data(model, cdp2563, kr8308):
    q4 = Quarter.objects.get(fiscal_year=cdp2563.fiscal_year, number=4)
    din_daeng = District.objects.get(code="1026")
    if model is DistrictResult:  # ดินแดง's Q4/2563 figure again, as a new row
        return {"indicator": kr8308.pk, "district": din_daeng.pk, "quarter": Quarter.objects.get(
            fiscal_year=kr8308.fiscal_year, number=2).pk, "achieved": 5}
    if model is HostReport:
        return {"indicator": kr8308.pk, "quarter": Quarter.objects.get(fiscal_year=kr8308.fiscal_year, number=2).pk,
                "narrative": "ใหม่"}
    if model is DistrictTarget:
        DistrictTarget.objects.filter(indicator=kr8308, district=din_daeng).exists()
        return {"indicator": kr8308.pk, "district": District.objects.get(code="1002").pk, "communities": 5}
    return None  # a model the admin does not add (Report, Evidence)


def guarded_admins():
    return [(model, model_admin) for model, model_admin in admin.site._registry.items()
            if getattr(model, "figures_locked_by", None)]


def test_every_guarded_model_in_the_admin_is_walked():
    assert {model for model, _admin in guarded_admins()} >= {DistrictResult, DistrictTarget, HostReport, Report}


@pytest.mark.parametrize("model", [model for model, _admin in guarded_admins()], ids=lambda model: model.__name__)
def test_the_admin_shows_a_locked_row_read_only_and_refuses_its_change_delete_and_a_new_row(
        model, client, admin_user, cdp2563, kr8308, locked_report):
    client.force_login(admin_user)
    stored, field, value, _new = existing_and_new(model, locals())
    opts = model._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/"
    before = model.objects.filter(pk=stored.pk).values().get()
    page = client.get(f"{base}{stored.pk}/change/")
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert client.post(f"{base}{stored.pk}/change/", {field: value}).status_code == 403
    assert client.post(f"{base}{stored.pk}/delete/", {"post": "yes"}).status_code == 403
    action = client.post(base, {"action": "delete_selected", "_selected_action": [stored.pk], "post": "yes"})
    assert action.status_code in (200, 302, 403)
    assert model.objects.filter(pk=stored.pk).values().get() == before
    if (data := admin_add_data(model, cdp2563, kr8308)) is not None:
        count = model.objects.count()
        response = client.post(f"{base}add/", data)
        assert response.status_code == 200 and "ล็อกแล้ว" in response.content.decode()
        assert model.objects.count() == count


def test_the_admin_results_import_into_a_locked_quarter_offers_no_confirm(client, admin_user, cdp2563, q4_2563,
                                                                          tmp_path):
    client.force_login(admin_user)
    figures = seed_q4_figures(cdp2563)
    response = client.post("/admin/reports/report/import/", {
        "indicator": cdp2563.pk, "quarter": q4_2563.pk, "format": 0,
        "import_file": SimpleUploadedFile("ผล.xlsx", results_file(tmp_path).read_bytes())})
    assert response.status_code == 200 and "ไตรมาส 4/2563 ล็อกแล้ว" in response.content.decode()
    assert response.context.get("confirm_form") is None
    assert seed_q4_figures(cdp2563) == figures


def test_the_admin_target_import_into_a_locked_year_offers_no_confirm(client, admin_user, kr8308):
    client.force_login(admin_user)
    table = target_table(kr8308)
    response = client.post("/admin/indicators/districttarget/import/", {
        "indicator": kr8308.pk, "format": 0, "year": "",
        "import_file": SimpleUploadedFile("t.xlsx", target_workbook())})
    assert response.status_code == 200 and "ล็อกแล้ว" in response.content.decode()
    assert response.context.get("confirm_form") is None
    assert target_table(kr8308) == table


def test_the_admin_kr_workbook_import_into_a_locked_year_is_refused(client, admin_user, kr8308):
    client.force_login(admin_user)
    table = target_table(kr8308)
    response = client.post("/admin/indicators/indicator/import-file/", {
        "file": SimpleUploadedFile("KR.xlsx", kr_workbook_with_another_target(kr8308))})
    assert "ล็อกแล้ว" in response.content.decode() and 'name="confirm"' not in response.content.decode()
    assert target_table(kr8308) == table


def test_the_admin_copy_of_a_year_into_a_locked_year_is_said_not_a_500(client, admin_user, kr8308):
    year = FiscalYear.get_or_create_year(2569)
    year.quarters.filter(number=1).update(status=Quarter.Status.LOCKED)
    client.force_login(admin_user)
    response = client.post("/admin/indicators/fiscalyear/", {"action": "copy_to_next_year",
                                                             "_selected_action": [kr8308.fiscal_year.pk]}, follow=True)
    assert response.status_code == 200 and "1/2569" in response.content.decode()
    assert not DistrictTarget.objects.filter(indicator__fiscal_year=year).exists()


def test_an_import_of_an_unchanged_kr_workbook_of_a_locked_year_is_accepted(tmp_path, kr8308):
    path = tmp_path / "KR.xlsx"
    path.write_bytes(export_indicator(kr8308))
    call_command("import_indicator", str(path), stdout=(out := io.StringIO()), stderr=io.StringIO())
    assert "8308" in out.getvalue()


# --- the site: every URL -------------------------------------------------------------------------


def site_url_names():
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin" or str(pattern.pattern).startswith("admin"):
                    continue
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(namespace + pattern.name)

    walk(get_resolver().url_patterns)
    return names


def post_the_report_form(client, report, users):
    client.force_login(users["clerk"])
    url = (f"/reports/district/{report.district.code}/{report.indicator.code}/{report.indicator.fiscal_year.year_be}"
           f"/q{report.quarter.number}/")
    return client.post(url, {"achieved": 40, "version": report.version, "narrative": "หลังล็อก", "submit": "1"})


SITE_WRITERS = {
    "reports:form": post_the_report_form,
    "reports:submit": lambda client, report, users: (client.force_login(users["clerk"]),
                                                     client.post(f"/reports/{report.pk}/submit/"))[1],
    "reports:approve": lambda client, report, users: (client.force_login(users["reviewer"]),
                                                      client.post(f"/reports/{report.pk}/approve/"))[1],
    "reports:return": lambda client, report, users: (client.force_login(users["reviewer"]),
                                                     client.post(f"/reports/{report.pk}/return/", {"comment": "แก้"}))[1],
    "reports:approve_many": lambda client, report, users: (client.force_login(users["reviewer"]),
                                                           client.post("/reports/review/approve/",
                                                                       {"report": [report.pk]}))[1],
    "reports:evidence_delete": lambda client, report, users: (
        client.force_login(users["clerk"]), client.post(f"/reports/evidence/{report.evidence.get().pk}/delete/"))[1],
    "reports:host_narrative": lambda client, report, users: (
        client.force_login(users["reviewer"]),
        client.post(f"/reports/dashboard/{report.indicator.code}/{report.indicator.fiscal_year.year_be}"
                    f"/q{report.quarter.number}/narrative/", {"narrative": "หลังล็อก"}))[1],
}


# Pages that write no figure of a quarter: they read, or they write accounts and sessions only.
SITE_WITHOUT_FIGURES = {
    "home", "healthz", "set_language", "login", "logout", "logout_everywhere", "account", "password_change",
    "password_reset", "password_reset_done", "password_reset_confirm", "password_reset_complete",
    "api:indicators", "api:openapi", "api:summary", "api:scorecard", "api:ranking",
    "indicators:list", "indicators:book", "indicators:book_pdf", "indicators:detail", "indicators:export_results",
    "indicators:export_targets", "indicators:kr_sheet", "indicators:kr_sheet_pdf", "indicators:official_report",
    "indicators:official_report_pdf",
    "reports:mine", "reports:review", "reports:dashboard_index", "reports:status_board", "reports:dashboard",
    "reports:detail", "reports:district", "reports:evidence", "reports:scorecard", "reports:scorecard_pdf", "reports:ranking", "reports:assess",
}


def test_every_url_of_the_site_is_walked():
    """A new URL fails here until it is a writer tried below, or listed as writing no figures."""
    assert site_url_names() == set(SITE_WRITERS) | SITE_WITHOUT_FIGURES


@pytest.mark.parametrize("name", sorted(SITE_WRITERS))
def test_every_site_writer_leaves_a_locked_quarter_as_it_was(name, client, locked_report, din_daeng_clerk, reviewer):
    def snapshot():
        report = Report.objects.get(pk=locked_report.pk)
        return (report.status, report.achieved, report.narrative, report.version, report.evidence.count(),
                DistrictResult.objects.filter(quarter=report.quarter).count(),
                HostReport.objects.filter(quarter=report.quarter).count())

    before = snapshot()
    response = SITE_WRITERS[name](client, locked_report, {"clerk": din_daeng_clerk, "reviewer": reviewer})
    assert response.status_code in (200, 302, 403, 404, 409)
    assert snapshot() == before
