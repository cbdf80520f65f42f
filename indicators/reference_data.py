"""Load the reference data of the seeds (fixtures/) into the database: once, adding only what is missing.

Groups and districts (fixtures/districts.tsv, groups from seed 000's table), KR 8308 FY2568 with
its sheet and the 50-row target table parsed from seed 000 itself, and seed 002's KPI (local code
CDP2563) with its Q3/Q4 results, budget totals and project counts.
"""
import csv
import datetime
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction

from districts.models import District, DistrictAlias, DistrictGroup
from districts.names import KNOWN_ALIASES, DistrictIndex, normalise
from okr_tracker.thai import to_arabic_digits

from . import versions
from .models import (
    AnnualReport,
    DistrictResult,
    DistrictTarget,
    FiscalYear,
    HostReport,
    Indicator,
    PlannedProjects,
    Quarter,
    ResponsibleAgency,
)

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
KR8308_SEED = FIXTURES / "seeds" / "000_424dc51ed4ec724d.txt"

_TABLE_ROW = re.compile(r"^([๐-๙0-9]+)\t([^\t]+)\t([^\t]+)\t([๐-๙0-9,]+)\t([๐-๙0-9,]+)\s*$")
_TOTAL_ROW = re.compile(r"^\t*รวม\t([๐-๙0-9,]+)\t([๐-๙0-9,]+)\s*$")


class ReferenceDataError(Exception):
    pass


@dataclass(frozen=True)
class SeedTableRow:
    number: int
    district_name: str
    group_name: str
    communities: int
    target_communities: int


def _int(text):
    return int(to_arabic_digits(text).replace(",", ""))


def parse_seed_target_table(path=KR8308_SEED):
    """The district rows of seed 000's table, checked against its own total row (รวม)."""
    rows, total = [], None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if match := _TABLE_ROW.match(line):
            number, name, group, communities, target = match.groups()
            rows.append(SeedTableRow(_int(number), name.strip(), group.strip(), _int(communities), _int(target)))
        elif match := _TOTAL_ROW.match(line):
            total = (_int(match.group(1)), _int(match.group(2)))
    sums = (sum(row.communities for row in rows), sum(row.target_communities for row in rows))
    if total is None or sums != total:
        raise ReferenceDataError(f"{path.name}: the rows sum to {sums}, the total row says {total}")
    return rows


def _read_tsv(name):
    with open(FIXTURES / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


class Added:
    """What a run added, by table (verbose name → rows); a run on a loaded database adds nothing."""

    def __init__(self):
        self.counts = {}
        self.new_years = []

    def note(self, model, created=True, count=1):
        if created and count:
            name = str(model._meta.verbose_name_plural)
            self.counts[name] = self.counts.get(name, 0) + count

    def get_or_create(self, model, defaults=None, **lookup):
        """The row, created when missing; an existing row is left exactly as an administrator left it."""
        row, created = model.objects.get_or_create(**lookup, defaults=defaults or {})
        self.note(model, created)
        return row


def load_districts(added):
    groups = {}
    for row in _read_tsv("district_groups.tsv"):
        groups[row["name_th"]] = added.get_or_create(
            DistrictGroup, code=row["code"], defaults={"name_th": row["name_th"], "name_en": row["name_en"],
                                                       "order": int(row["order"])})
    group_by_key = {normalise(row.district_name): groups[row.group_name] for row in parse_seed_target_table()}
    for alias, code in KNOWN_ALIASES.items():
        if normalise(alias) in group_by_key:
            group_by_key[code] = group_by_key[normalise(alias)]
    for row in _read_tsv("districts.tsv"):
        group = group_by_key.get(normalise(row["name_th"])) or group_by_key.get(row["code"])
        if group is None:
            raise ReferenceDataError(f"districts.tsv: {row['name_th']} is not in seed 000's table")
        added.get_or_create(District, code=row["code"],
                            defaults={"name_th": row["name_th"], "name_en": row["name_en"], "group": group})
    by_code = {district.code: district for district in District.objects.all()}
    for alias, code in KNOWN_ALIASES.items():
        added.get_or_create(DistrictAlias, alias=alias, defaults={"district": by_code[code]})


_SHEET_FIELDS = [
    "code_is_local", "title", "kind", "level", "strategy_dimension", "strategy_issue", "strategy_goal",
    "host_agency", "responsibility", "definitions", "formula", "unit", "reference_documents",
    "reporting_channel", "evaluation_methods", "coordinator", "informant", "source_document",
]


def load_indicator_sheet(sheet, added):
    """The sheet's KR, created with its agencies when missing; an existing KR is not touched."""
    if not FiscalYear.objects.filter(year_be=sheet["year_be"]).exists():
        added.new_years.append(sheet["year_be"])
    year = FiscalYear.get_or_create_year(sheet["year_be"])
    defaults = {name: sheet[name] for name in _SHEET_FIELDS}
    defaults["target_percent"] = Decimal(sheet["target_percent"])
    indicator, created = Indicator.objects.get_or_create(code=sheet["code"], fiscal_year=year, defaults=defaults)
    added.note(Indicator, created)
    if created:
        agencies = ResponsibleAgency.objects.bulk_create(
            ResponsibleAgency(
                indicator=indicator,
                order=order,
                role=agency["role"],
                name=agency["name"],
                target_percent=Decimal(agency["target_percent"]) if agency.get("target_percent") else None,
                duties=agency["duties"],
            )
            for order, agency in enumerate(sheet["agencies"], start=1)
        )
        added.note(ResponsibleAgency, count=len(agencies))
    return indicator


def load_kr8308(added):
    sheet = json.loads((FIXTURES / "kr8308_2568.json").read_text(encoding="utf-8"))
    indicator = load_indicator_sheet(sheet, added)
    index = DistrictIndex()
    have = set(indicator.district_targets.values_list("district_id", flat=True))
    for row in parse_seed_target_table(FIXTURES / sheet["target_table"]):
        district = index.resolve(row.district_name)
        if district.pk not in have:
            added.get_or_create(DistrictTarget, indicator=indicator, district=district, defaults={
                "row_number": row.number, "communities": row.communities, "target_communities": row.target_communities})
    return indicator


def load_cdp2563(added):
    sheet = json.loads((FIXTURES / "cdp2563.json").read_text(encoding="utf-8"))
    indicator = load_indicator_sheet(sheet, added)
    index = DistrictIndex()
    districts = list(District.objects.all())
    quarters = {quarter.number: quarter for quarter in indicator.fiscal_year.quarters.all()}
    have = set(indicator.results.values_list("quarter_id", "district_id"))
    for number, data in sheet["quarters"].items():
        quarter = quarters[int(number)]
        if data.get("not_yes") is not None:  # Q1 and Q2 give narratives, no per-district results
            not_yes = {index.resolve(name).pk for name in data["not_yes"]}
            for district in districts:
                if (quarter.pk, district.pk) not in have:
                    added.get_or_create(DistrictResult, indicator=indicator, district=district, quarter=quarter,
                                        defaults={"answered_yes": district.pk not in not_yes})
        budget = data.get("budget") or {}
        added.get_or_create(HostReport, indicator=indicator, quarter=quarter, defaults={
            "narrative": data.get("narrative", ""),
            "budget_allocated": Decimal(budget["allocated"]) if budget else None,
            "budget_disbursed": Decimal(budget["disbursed"]) if budget else None,
            "budget_returned": Decimal(budget["returned"]) if budget else None,
        })
    added.get_or_create(AnnualReport, indicator=indicator, defaults=sheet["annual"])
    for plan_year, projects in sheet["planned_projects"].items():
        added.get_or_create(PlannedProjects, indicator=indicator, plan_year_be=int(plan_year),
                            defaults={"projects": projects})
    return indicator


@transaction.atomic
def load_reference_data():
    """Add what the database lacks of the seeds' reference data; change nothing that is there (an
    administrator's corrections stay, ids are kept, no history row is written for an unchanged row).
    Returns (the seeds' KRs, what was added)."""
    added = Added()
    load_districts(added)
    indicators = [load_kr8308(added), load_cdp2563(added)]
    # A past year arrives with its quarters locked (after its figures are in: a locked quarter's
    # figures are final, indicators.locks); an administrator may open one.
    if added.new_years:
        Quarter.objects.filter(fiscal_year__year_be__in=added.new_years, end_date__lt=datetime.date.today()).update(
            status=Quarter.Status.LOCKED)
    if added.counts:
        versions.bump(versions.ALL)
    return indicators, added
