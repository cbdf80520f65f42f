"""A synthetic BMA plan of any size, for `make bench` and the query-count tests.

`grow(krs=…, districts=…, years=…)` makes the database hold at least that many synthetic KRs in each
of that many fiscal years (ending FY LAST_YEAR_BE), for that many districts, each KR of each kind in
turn (W000 the second kind: with the seed's KR 8308, three KRs cover the four kinds), with a target, a result and a report for every district and quarter: past years approved;
in the last year Q1 (open) has reports in every status (ดินแดง's drafts) and later quarters none. It only adds, so a
test grows one dimension of the same database and compares. The reference data (the 50 districts,
the seeds' KRs) is expected to be loaded. Rows are bulk-created: no history rows, no signals (the
cached figures' version stamps are bumped once at the end).
"""
from decimal import Decimal

LAST_YEAR_BE = 2568
PREFIX = "W"  # synthetic KR codes: W000, W001, …
STATUS_CYCLE = ("approved", "submitted", "returned", "draft", "approved")


def districts_up_to(count):
    """At least `count` districts: the 50 of the reference data, then synthetic offices (the codes 1000–1099 left: 100 at most)"""
    from districts.models import District, DistrictGroup

    missing = count - District.objects.count()
    if missing > 0:
        groups = list(DistrictGroup.objects.order_by("pk"))
        taken = set(District.objects.values_list("code", flat=True))
        codes = [str(code) for code in range(1000, 1100) if str(code) not in taken][:missing]
        District.objects.bulk_create(
            District(code=code, name_th=f"เขตสังเคราะห์ {code}", name_en=f"Synthetic {code}",
                     group=groups[int(code) % len(groups)]) for code in codes)
    return list(District.objects.order_by("code")[:count])


def years_up_to(count):
    from indicators.models import FiscalYear, Quarter

    return [FiscalYear.get_or_create_year(year_be) for year_be in range(LAST_YEAR_BE - count + 1, LAST_YEAR_BE + 1)]


def figures_then_locks(years, write):
    """Run `write` with the years' quarters open (a locked quarter's figures are final: indicators.locks),
    then lock as the world has it: past years locked, the last year's Q1 open, other quarters as they were."""
    from indicators.models import Quarter

    was = dict(Quarter.objects.values_list("pk", "status"))
    Quarter.objects.filter(fiscal_year__in=years).update(status=Quarter.Status.OPEN)
    write()
    for status in Quarter.Status.values:
        Quarter.objects.filter(pk__in=[pk for pk, old in was.items() if old == status]).update(status=status)
    Quarter.objects.filter(fiscal_year__year_be__lt=LAST_YEAR_BE).update(status=Quarter.Status.LOCKED)
    Quarter.objects.filter(fiscal_year__year_be=LAST_YEAR_BE, number=1).update(status=Quarter.Status.OPEN)


def krs_of(year, count):
    from indicators.kinds import KINDS
    from indicators.models import Indicator

    kinds = list(KINDS)
    existing = {indicator.code: indicator for indicator in Indicator.objects.filter(fiscal_year=year, code__startswith=PREFIX)}
    new = [Indicator(code=f"{PREFIX}{number:03d}", fiscal_year=year, title=f"ตัวชี้วัดสังเคราะห์ที่ {number + 1}",
                     # three KRs in a row (one of each of three kinds) per agency, so that an agency's
                     # book holds every kind from the smallest world on (with the seed's KR 8308)
                     host_agency=("สำนักพัฒนาสังคม", "สำนักอนามัย", "สำนักการศึกษา")[number // 3 % 3],
                     kind=kinds[(number + 1) % len(kinds)], target_percent=Decimal(90), target_value=Decimal(1000),
                     unit="ร้อยละ", code_is_local=True,
                     **{f"level_{level}": f"ระดับ {level}" for level in range(1, 6)})
           for number in range(count) if f"{PREFIX}{number:03d}" not in existing]
    Indicator.objects.bulk_create(new)
    return list(Indicator.objects.filter(fiscal_year=year, code__startswith=PREFIX).order_by("code")[:count])


AGREEMENT = [("มิติด้านประสิทธิผล", 0, 40), ("มิติด้านประสิทธิผล", 1, 35), ("มิติด้านการพัฒนาองค์กร", 2, 25)]


def agreements(offices):
    """Every district's performance agreement in the last year: the first three synthetic KRs (three
    kinds), weights 40/35/25, whatever the plan's size (a district is scored on a few KRs, not all)."""
    from indicators.models import AgreementItem, Indicator

    krs = {indicator.code: indicator for indicator in Indicator.objects.filter(
        fiscal_year__year_be=LAST_YEAR_BE, code__in=[f"{PREFIX}{number:03d}" for _d, number, _w in AGREEMENT])}
    have = set(AgreementItem.objects.filter(indicator__in=list(krs.values())).values_list("district_id", flat=True))
    AgreementItem.objects.bulk_create(
        AgreementItem(district=office, indicator=krs[f"{PREFIX}{number:03d}"], dimension=dimension, weight=weight,
                      order=order)
        for office in offices if office.pk not in have
        for order, (dimension, number, weight) in enumerate(AGREEMENT, start=1) if f"{PREFIX}{number:03d}" in krs)


def grow(krs=3, districts=50, years=1):
    """The world at (at least) this size; returns the people who use it: clerk (of ดินแดง, 1026),
    reviewer, admin."""
    from django.contrib.auth import get_user_model

    from districts.models import District
    from indicators import versions
    from indicators.models import DistrictResult, DistrictTarget
    from reports.models import Report
    from reports.roles import ensure_role_groups

    offices = districts_up_to(districts)
    years_made = years_up_to(years)

    def write():
        for year in years_made:
            quarters = list(year.quarters.order_by("number"))
            for indicator in krs_of(year, krs):
                have = set(DistrictTarget.objects.filter(indicator=indicator).values_list("district_id", flat=True))
                DistrictTarget.objects.bulk_create(
                    DistrictTarget(indicator=indicator, district=office, row_number=number, communities=40,
                                   target_communities=36, target_amount=Decimal(20))
                    for number, office in enumerate(offices, start=1) if office.pk not in have)
                have = set(Report.objects.filter(indicator=indicator).values_list("district_id", "quarter_id"))
                reports, results = [], []
                for number, office in enumerate(offices):
                    for quarter in quarters:
                        if (office.pk, quarter.pk) in have:
                            continue
                        if year.year_be < LAST_YEAR_BE:
                            status = "approved"
                        elif quarter.number == 1:  # ดินแดง's clerk has a draft to work on
                            status = "draft" if office.code == "1026" else STATUS_CYCLE[number % len(STATUS_CYCLE)]
                        else:
                            continue
                        figures = {"achieved": 9 * quarter.number, "answered_yes": (number + quarter.number) % 3 != 0,
                                   "projects": quarter.number, "amount": Decimal(5 * quarter.number),
                                   "level": min(quarter.number + 1, 5)}
                        reports.append(Report(indicator=indicator, district=office, quarter=quarter, status=status,
                                              narrative="ดำเนินการตามแผน", **figures))
                        if status == "approved":
                            results.append(DistrictResult(indicator=indicator, district=office, quarter=quarter, **figures))
                Report.objects.bulk_create(reports, batch_size=2000)
                DistrictResult.objects.bulk_create(results, batch_size=2000)

    figures_then_locks(years_made, write)
    agreements(offices)
    versions.bump(versions.ALL)

    users = get_user_model().objects
    reviewers, _administrators = ensure_role_groups()
    clerk, created = users.get_or_create(username="world-clerk")
    if created:
        clerk.districts.add(District.objects.get(code="1026"))
    reviewer, created = users.get_or_create(username="world-reviewer")
    if created:
        reviewer.groups.add(reviewers)
    admin, _created = users.get_or_create(username="world-admin", defaults={"is_staff": True, "is_superuser": True})
    return {"clerk": clerk, "reviewer": reviewer, "admin": admin}
