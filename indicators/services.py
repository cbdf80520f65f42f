"""Writes to indicators: carrying an indicator over to a new year."""
from django.db import transaction
from django.utils.translation import gettext as _

from .models import FiscalYear, Indicator, ResponsibleAgency

_CARRIED_FIELDS = [
    "code_is_local", "title", "kind", "level", "strategy_dimension", "strategy_issue", "strategy_goal", "host_agency",
    "responsibility", "definitions", "formula", "unit", "target_percent", "reference_documents", "reporting_channel",
    "evaluation_methods", "coordinator", "informant", "is_demo",
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
