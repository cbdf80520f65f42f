"""Writes to indicators: carrying an indicator over to a new year, importing a target table."""
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from okr_tracker.workbook import WorkbookInvalid

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


@dataclass
class ImportOutcome:
    problems: list
    new: int = 0
    changed: int = 0
    unchanged: int = 0

    @property
    def ok(self):
        return not self.problems


def run_import(*, resource, dataset_format, data, file_name, dry_run, user=None):
    """Parse with `dataset_format`, import with `resource`; every problem prefixed by the file name.

    Runs in one transaction: on any problem, or with dry_run, nothing is written.
    """
    prefix = f"{file_name}: "
    try:
        dataset = dataset_format.create_dataset(data)
    except WorkbookInvalid as error:
        return ImportOutcome(problems=[prefix + problem for problem in error.problems])
    with transaction.atomic():
        result = resource.import_data(dataset, dry_run=dry_run, raise_errors=False, use_transactions=True,
                                      file_name=file_name, user=user, rollback_on_validation_errors=True)
        problems = [prefix + message for message in result_problems(result, dataset)]
        if problems or dry_run:
            transaction.set_rollback(True)
    totals = result.totals
    return ImportOutcome(problems=problems, new=totals.get("new", 0), changed=totals.get("update", 0),
                         unchanged=totals.get("skip", 0))


def result_problems(result, dataset):
    """Every row error of an import result, as one Thai line each (no traceback)."""
    problems = []
    for invalid in result.invalid_rows:
        for field_name, messages in invalid.field_specific_errors.items():
            problems.extend(f"{message}" for message in messages)
        problems.extend(str(message) for message in invalid.non_field_specific_errors)
    for number, errors in result.row_errors():
        for error in errors:
            problems.append(_("row %(row)s: %(error)s") % {"row": number, "error": error.error})
    for error in result.base_errors:
        problems.append(str(error.error))
    return problems
