"""Demo accounts and demo reports for `make run`. Demo figures live in a demo indicator that every
page labels "ข้อมูลทดลอง" (demo data), never in the seeds' real indicators."""
import datetime

from django.contrib.auth import get_user_model
from django.db import transaction

from districts.models import District
from indicators import fiscal, versions
from indicators.models import DistrictTarget, FiscalYear, Indicator, Quarter

from . import services
from .models import Report
from .roles import ensure_role_groups

# (username, password, role, district codes). Printed by `make run`; for a demo, never production.
DEMO_ACCOUNTS = [
    ("admin", "admin-2568", "admin", []),
    ("reviewer", "reviewer-2568", "reviewer", []),
    ("dindaeng", "dindaeng-2568", "staff", ["1026"]),
    ("bangrak-sathon", "bangrak-2568", "staff", ["1004", "1028"]),
    ("dusit", "dusit-2568", "staff", ["1002"]),
]
DEMO_CODE = "DEMO-8308"


@transaction.atomic
def create_demo_accounts():
    reviewers, staff = ensure_role_groups()
    User = get_user_model()
    users = {}
    for username, password, role, codes in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(password)
        # An example address (example.go.th reaches nobody), so that a demo's notices are queued and
        # can be read: on the console under `make run`, and in Admin → อีเมลขาออก.
        user.email = user.email or f"{username}@example.go.th"
        user.is_staff = user.is_superuser = role == "admin"
        user.save()
        if role == "reviewer":
            user.groups.add(reviewers)
        if role == "staff":
            user.groups.add(staff)
            user.districts.set(District.objects.filter(code__in=codes))
        users[username] = user
    return users


@transaction.atomic
def create_demo_reports(users, today=None):
    """A demo copy of KR 8308 in the current fiscal year, with reports in every state."""
    today = today or datetime.date.today()
    year_be, quarter_number = fiscal.quarter_of(today)
    source = Indicator.objects.filter(code="8308").order_by("-fiscal_year__year_be").first()
    if source is None:
        return None
    year = FiscalYear.get_or_create_year(year_be)
    demo, created = Indicator.objects.get_or_create(
        code=DEMO_CODE, fiscal_year=year,
        defaults={
            "code_is_local": True, "is_demo": True, "kind": source.kind, "host_agency": source.host_agency,
            "title": source.title, "target_percent": source.target_percent, "definitions": source.definitions,
            "formula": source.formula, "unit": source.unit, "strategy_dimension": source.strategy_dimension,
            "strategy_issue": source.strategy_issue,
            "source_document": f"ข้อมูลทดลอง: สำเนาของ KR 8308 ปี {source.fiscal_year.year_be}",
        },
    )
    if not created:
        return demo
    DistrictTarget.objects.bulk_create(
        DistrictTarget(indicator=demo, district_id=target.district_id, row_number=target.row_number,
                       communities=target.communities, target_communities=target.target_communities)
        for target in source.district_targets.all()
    )
    quarter = Quarter.objects.get(fiscal_year=year, number=quarter_number)
    quarter.deadline = quarter.end_date + datetime.timedelta(days=15)
    quarter.save(update_fields=["deadline"])
    create_demo_agreements(demo, quarter)  # before the earlier quarters are locked (a locked year's tables are final)
    # The demo's earlier quarters are past and locked; later ones have not begun (never offered before then).
    Quarter.objects.filter(fiscal_year=year, end_date__lt=quarter.start_date).update(status=Quarter.Status.LOCKED)
    versions.bump(versions.ALL)  # a queryset update sends no signal

    def report(code, by, **data):
        district = District.objects.get(code=code)
        return services.save_report(report=Report(indicator=demo, district=district, quarter=quarter),
                                    data={"narrative": "ข้อมูลทดลอง (demo)", **data}, by=by, expected_version=Report.NO_REPORT_YET)

    reviewer, dindaeng, bangrak = users["reviewer"], users["dindaeng"], users["bangrak-sathon"]
    report("1026", dindaeng, achieved=12, budget_allocated=220000)  # draft
    submitted = report("1004", bangrak, achieved=13, budget_allocated=150000, budget_disbursed=90000)
    services.submit_report(report=submitted, by=bangrak)
    returned = report("1028", bangrak, achieved=20, budget_allocated=240000)
    services.submit_report(report=returned, by=bangrak)
    services.return_report(report=returned, by=reviewer,
                           comment="ข้อมูลทดลอง: กรุณาแนบหลักฐานการเบิกจ่ายของชุมชน")
    approved = report("1002", users["dusit"], achieved=40, budget_allocated=430000, budget_disbursed=400000, budget_returned=30000)
    services.submit_report(report=approved, by=users["dusit"])
    services.approve_report(report=approved, by=reviewer)
    return demo


DEMO_AGREEMENT_KRS = ("DEMO-AMT", "DEMO-LVL")


@transaction.atomic
def create_demo_agreements(demo, quarter):
    """Every district's performance agreement for the demo year: DEMO-8308 (a share of communities),
    DEMO-AMT (an amount) and DEMO-LVL (a success level), weights 40/35/25, with scoring criteria, and
    the two new KRs' results for the demo quarter in every district, so that a scorecard and the
    ranking are filled. Demo data only, labelled so on every page; created once."""
    from decimal import Decimal

    from simple_history.utils import bulk_create_with_history

    from indicators.models import AgreementItem, DistrictResult, ScoringCriteria

    year = demo.fiscal_year
    if AgreementItem.objects.filter(indicator__fiscal_year=year).exists():
        return
    common = {"fiscal_year": year, "is_demo": True, "code_is_local": True, "host_agency": demo.host_agency,
              "strategy_dimension": demo.strategy_dimension, "source_document": "ข้อมูลทดลอง (demo data)"}
    volunteers, _created = Indicator.objects.get_or_create(code="DEMO-AMT", fiscal_year=year, defaults={
        **common, "kind": "amount", "title": "จำนวนอาสาสมัครชุมชนที่ผ่านการอบรม (ข้อมูลทดลอง)", "unit": "คน",
        "target_percent": Decimal(0), "target_value": Decimal(5000)})
    plans, _created = Indicator.objects.get_or_create(code="DEMO-LVL", fiscal_year=year, defaults={
        **common, "kind": "success_level", "title": "ระดับความสำเร็จของการจัดทำแผนชุมชน (ข้อมูลทดลอง)", "unit": "ระดับ",
        "target_percent": Decimal(80), "target_value": Decimal(4), "level_1": "มีคณะทำงาน", "level_2": "มีแผนร่าง",
        "level_3": "แผนผ่านประชาคม", "level_4": "บรรจุในแผนปฏิบัติการ", "level_5": "ดำเนินการครบตามแผน"})
    for indicator, values in ((demo, (60, 70, 80, 90, 100)), (volunteers, (60, 70, 80, 90, 100))):
        ScoringCriteria.objects.get_or_create(indicator=indicator, district=None, defaults=dict(
            zip(("level_1", "level_2", "level_3", "level_4", "level_5"), [Decimal(value) for value in values])))
    districts = list(District.objects.order_by("code"))
    DistrictTarget.objects.bulk_create(DistrictTarget(indicator=volunteers, district=district, target_amount=Decimal(100))
                                       for district in districts)
    if quarter is not None:
        DistrictResult.objects.bulk_create(
            [DistrictResult(indicator=volunteers, district=district, quarter=quarter,
                            amount=Decimal(55 + int(district.code) * 7 % 50)) for district in districts]
            + [DistrictResult(indicator=plans, district=district, quarter=quarter, level=1 + int(district.code) * 3 % 5)
               for district in districts])
    bulk_create_with_history([  # with their history rows, as an import writes them
        AgreementItem(district=district, indicator=indicator, dimension=dimension, weight=Decimal(weight), order=order)
        for district in districts
        for order, (indicator, dimension, weight) in enumerate(((demo, "มิติด้านประสิทธิผล", 40),
                                                                (volunteers, "มิติด้านประสิทธิผล", 35),
                                                                (plans, "มิติด้านการพัฒนาองค์กร", 25)))],
        AgreementItem, default_change_reason="demo data")
    versions.bump(versions.ALL)
