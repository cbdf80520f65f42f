"""Running an import, the same way from a command and from the admin: parse the workbook with a
format (every problem at once), then import the dataset with a django-import-export resource in
one transaction, so that a bad last row leaves the database exactly as it was."""
import copy
from dataclasses import dataclass

from django.core.exceptions import ValidationError
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
        # tell unchanged rows apart with CheapUnchangedMixin instead, or write every row anyway).
        resource._meta = copy.copy(resource._meta)
        resource._meta.skip_diff = isinstance(resource, CheapUnchangedMixin) or not resource._meta.skip_unchanged
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


def _said(error):
    """An exception's words for a user: a ValidationError's messages, never their Python repr."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error)


def result_problems(result, dataset):
    """Every row error of an import result, as one Thai line each (no traceback). A refusal that is
    the same for every row (a locked quarter found by the guard below the writes) is said once."""
    problems = []
    for invalid in result.invalid_rows:
        for field_name, messages in invalid.field_specific_errors.items():
            problems.extend(f"{message}" for message in messages)
        problems.extend(str(message) for message in invalid.non_field_specific_errors)
    for error in result.base_errors:
        problems.append(_said(error.error))
    for number, errors in result.row_errors():
        for error in errors:
            if getattr(error.error, "code", None) == "quarter_locked":
                if _said(error.error) not in problems:
                    problems.append(_said(error.error))
                continue
            problems.append(_("row %(row)s: %(error)s") % {"row": number, "error": _said(error.error)})
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


def update_rows(model, instances, field_names):
    """UPDATE each instance's `field_names` by its primary key: one prepared statement executed for
    every row. (Django's bulk_update builds a CASE expression per row and field, whose compilation
    costs more than the rest of a 50-row import.) Values are prepared by the fields themselves."""
    from django.db import connection

    # A raw UPDATE sends no signal: it asks the model's guard of locked figures (indicators.locks) itself.
    if guard := getattr(model._default_manager.get_queryset(), "refuse_locked_rows", None):
        guard(instances)
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    sql = (f"UPDATE {quote(model._meta.db_table)} SET {', '.join(f'{quote(field.column)} = %s' for field in fields)}"
           f" WHERE {quote(model._meta.pk.column)} = %s")
    rows = [[field.get_db_prep_save(getattr(instance, field.attname), connection) for field in fields] + [instance.pk]
            for instance in instances]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


class BulkWithHistoryMixin:
    """django-import-export's bulk mode (a few INSERTs and UPDATEs for the whole file instead of a
    savepoint and a save per row) with django-simple-history's bulk helpers, so that every created
    or changed row still gets its history row, by the importing user. Bulk writes send no save
    signals: `figures_changed` is called once (the version stamps of indicators/versions.py)."""

    def import_data(self, dataset, **kwargs):
        self._history_user, self._file_name = kwargs.get("user"), kwargs.get("file_name", "")
        return super().import_data(dataset, **kwargs)

    def _history_defaults(self):
        user = getattr(self, "_history_user", None)
        return {"default_user": user if getattr(user, "is_authenticated", False) else None,
                "default_change_reason": f"imported:{getattr(self, '_file_name', '')}"}  # as reports/selectors.py reads it

    def bulk_create(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        from simple_history.utils import bulk_create_with_history

        if self.create_instances and (using_transactions or not dry_run):
            try:
                bulk_create_with_history(self.create_instances, self._meta.model, batch_size=batch_size,
                                         **self._history_defaults())
                self.figures_changed(self.create_instances)
            except Exception as error:  # reported as the import's error, like django-import-export's own
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.create_instances.clear()

    def bulk_update(self, using_transactions, dry_run, raise_errors, batch_size=None, result=None):
        if self.update_instances and (using_transactions or not dry_run):
            try:
                update_rows(self._meta.model, self.update_instances, self.get_bulk_update_fields())
                defaults = self._history_defaults()
                self._meta.model.history.bulk_history_create(
                    self.update_instances, update=True, default_user=defaults["default_user"],
                    default_change_reason=defaults["default_change_reason"])
                self.figures_changed(self.update_instances)
            except Exception as error:
                self.handle_import_error(result, error, raise_errors)
            finally:
                self.update_instances.clear()

    def figures_changed(self, instances):
        raise NotImplementedError
