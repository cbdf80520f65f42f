"""Writes to indicators: carrying an indicator over to a new year, copying a year's KRs."""
from django.db import transaction
from simple_history.utils import bulk_create_with_history
from django.utils.translation import gettext as _

from .models import DistrictTarget, FiscalYear, Indicator, ResponsibleAgency

_CARRIED_FIELDS = [
    "code_is_local", "title", "kind", "level", "strategy_dimension", "strategy_issue", "strategy_goal", "host_agency",
    "responsibility", "definitions", "formula", "unit", "target_percent", "reference_documents", "reporting_channel",
    "evaluation_methods", "coordinator", "informant", "is_demo", "target_value", "direction", "counted_unit",
    "level_1", "level_2", "level_3", "level_4", "level_5",
]


class UnknownIndicator(Exception):
    pass


def indicator_for_year(code, year_be):
    """(indicator, carried_from_year or None). A new year takes the definition and target
    percent of the indicator's latest year, so next year's table imports the day it arrives."""
    indicator = Indicator.objects.select_related("fiscal_year").filter(code=code, fiscal_year__year_be=year_be).first()
    if indicator is not None:
        return indicator, None
    latest = Indicator.objects.select_related("fiscal_year").filter(code=code).order_by("-fiscal_year__year_be").first()
    if latest is None:
        raise UnknownIndicator(_("Unknown indicator %(code)s.") % {"code": code})
    year = FiscalYear.get_or_create_year(year_be)
    carried = Indicator.objects.create(fiscal_year=year, code=code, **{name: getattr(latest, name) for name in _CARRIED_FIELDS},
                                       source_document=_("carried over from FY %(year)s") % {"year": latest.fiscal_year.year_be})
    ResponsibleAgency.objects.bulk_create(
        ResponsibleAgency(indicator=carried, role=agency.role, name=agency.name, target_percent=agency.target_percent,
                          duties=agency.duties, order=agency.order)
        for agency in latest.agencies.all()
    )
    return Indicator.objects.select_related("fiscal_year").get(pk=carried.pk), latest.fiscal_year.year_be


@transaction.atomic
def copy_year(*, from_year, to_year):
    """A new fiscal year in one action: every KR of `from_year` (not demo data) that `to_year` does
    not have yet is copied, with its definition, kind, targets, agencies and district table as a
    starting point to edit. Returns (copied, already there) lists of codes."""
    target_year = FiscalYear.get_or_create_year(to_year)
    existing = set(Indicator.objects.filter(fiscal_year=target_year).values_list("code", flat=True))
    copied, skipped = [], []
    sources = Indicator.objects.filter(fiscal_year__year_be=from_year, is_demo=False).prefetch_related(
        "agencies", "district_targets").order_by("code")
    for source in sources:
        if source.code in existing:
            skipped.append(source.code)
            continue
        copy = Indicator.objects.create(fiscal_year=target_year, code=source.code,
                                        source_document=_("copied from FY %(year)s") % {"year": from_year},
                                        **{name: getattr(source, name) for name in _CARRIED_FIELDS})
        ResponsibleAgency.objects.bulk_create(
            ResponsibleAgency(indicator=copy, role=agency.role, name=agency.name, target_percent=agency.target_percent,
                              duties=agency.duties, order=agency.order) for agency in source.agencies.all())
        bulk_create_with_history([
            DistrictTarget(indicator=copy, district_id=target.district_id, row_number=target.row_number,
                           communities=target.communities, target_communities=target.target_communities,
                           target_amount=target.target_amount) for target in source.district_targets.all()],
            DistrictTarget, default_change_reason=f"copied from FY {from_year}")
        copied.append(source.code)
    return copied, skipped
