"""Running an import, the same way from a command and from the admin: parse the workbook with a
format (every problem at once), then import the dataset with a django-import-export resource in
one transaction, so that a bad last row leaves the database exactly as it was."""
import copy
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from .workbook import WorkbookInvalid


@dataclass
class ImportOutcome:
    problems: list
    new: int = 0
    changed: int = 0
    unchanged: int = 0

    @property
    def ok(self):
        return not self.problems


def run_import(*, resource, dataset_format, data, file_name, dry_run, user=None, preview=False):
    """Parse with `dataset_format`, import with `resource`; every problem prefixed by the file name.

    Runs in one transaction: on any problem, or with dry_run, nothing is written.
    """
    prefix = f"{file_name}: "
    if not preview:
        # A command shows counts, not the admin's row-by-row diff: skip building it (resources
        # tell unchanged rows apart with CheapUnchangedMixin instead).
        resource._meta = copy.copy(resource._meta)
        resource._meta.skip_diff = isinstance(resource, CheapUnchangedMixin)
        resource._meta.skip_html_diff = True
    try:
        dataset = dataset_format.create_dataset(data)
    except WorkbookInvalid as error:
        return ImportOutcome(problems=[prefix + problem for problem in error.problems])
    from indicators.versions import batched

    with transaction.atomic(), batched():
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


class DistrictPreviewWidgetMixin:
    """Render a district as “1026 ดินแดง” in the admin's preview instead of a bare code."""

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else f"{value.code} {value.name_th}"


class CheapUnchangedMixin:
    """Tell unchanged rows apart without the diff's deep copies, so that a command can skip the
    diff (the admin's preview keeps it): the stored values are noted when a row's instance is
    loaded, and compared after the row's values are applied."""

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        if not new:
            self._stored = getattr(self, "_stored", {})
            self._stored[id(instance)] = self._compared_values(instance)

    def _compared_values(self, instance):
        return tuple(field.get_value(instance) for field in self.get_import_fields())

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if not self._meta.skip_diff:
            return super().skip_row(instance, original, row, import_validation_errors)
        if import_validation_errors or not self._meta.skip_unchanged:
            return False
        stored = getattr(self, "_stored", {}).pop(id(instance), None)
        return stored is not None and stored == self._compared_values(instance)
