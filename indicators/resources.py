"""Import and export of the district target table (seed 000's layout).

One code path for the admin and the commands: `TargetTableFormat` reads a real workbook into a
dataset (or refuses it with every problem), `DistrictTargetResource` (django-import-export) writes
it with a preview of new / changed / unchanged rows, in one transaction.
"""
import tablib
from import_export import fields, resources
from import_export.formats.base_formats import XLSX
from import_export.instance_loaders import CachedInstanceLoader
from import_export.widgets import ForeignKeyWidget

from django.utils.translation import gettext as _

from districts.models import District
from districts.names import DistrictIndex, UnknownDistrict
from okr_tracker.imports import BulkWithHistoryMixin, CheapUnchangedMixin, DistrictPreviewWidgetMixin
from okr_tracker.workbook import FORMATS_TITLE, CellError, Column, WorkbookInvalid, display, parse_count, read_table, where

from .locks import refuse_locked_year
from .models import DistrictTarget

TARGET_COLUMNS = [
    Column("number", ("ลำดับ", "ที่", "no.", "no"), required=False, exact=True),
    Column("group", ("กลุ่มเขต", "districtgroup", "group"), required=False),
    Column("target_communities", ("ชุมชนเป้าหมาย", "targetcommunities", "target"), required=False),
    Column("communities", ("จำนวนชุมชน", "communities"), required=True),
    Column("district", ("เขต", "สำนักงานเขต", "ชื่อเขต", "ชื่อสำนักงานเขต", "district"), exact=True),
]


def cell_problem(table, row, key, reason):
    return _("%(where)s: %(reason)s") % {
        "where": where(table.sheet, row.excel_row, table.headers.get(key, key), display(row.values.get(key))),
        "reason": reason,
    }


def resolve_rows(table, index=None):
    """Districts of every row, each district once: ({row: district}, problems)."""
    index = index or DistrictIndex(District.objects.all())  # names and codes only: no group
    resolved, seen, problems = {}, {}, []
    for row in table.rows:
        if row.formulas:
            problems.extend(cell_problem(table, row, key, _("a formula instead of a value; paste the values only"))
                            for key in sorted(row.formulas))
        try:
            district = index.resolve(row.values.get("district"))
        except UnknownDistrict:
            problems.append(cell_problem(table, row, "district", _("unknown district (not one of the 50 districts)")))
            continue
        if district.pk in seen:
            problems.append(cell_problem(table, row, "district", _("%(district)s appears twice (also row %(row)s)")
                                         % {"district": district.name_th, "row": seen[district.pk]}))
            continue
        seen[district.pk] = row.excel_row
        resolved[row.excel_row] = district
    return resolved, problems


def count_or_problem(table, row, key, problems, required=True):
    value = row.values.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.append(cell_problem(table, row, key, _("empty")))
        return None
    if key in row.formulas:
        return None
    try:
        return parse_count(value)
    except CellError as error:
        problems.append(cell_problem(table, row, key, str(error)))
        return None


def check_total(table, key, total, problems):
    if table.total is None or key not in table.headers:
        return
    written = table.total.values.get(key)
    try:
        written = parse_count(written)
    except CellError:
        return
    if written != total:
        problems.append(_("%(where)s: the total row says %(written)s but the rows add up to %(total)s")
                        % {"where": where(table.sheet, table.total.excel_row, table.headers[key]), "written": written, "total": total})


def parse_target_table(data):
    """Rows of a target table as plain values, or WorkbookInvalid with every problem."""
    table = read_table(data, TARGET_COLUMNS)
    districts, problems = resolve_rows(table)
    rows = []
    for row in table.rows:
        communities = count_or_problem(table, row, "communities", problems)
        target = count_or_problem(table, row, "target_communities", problems, required=False) if "target_communities" in table.headers else None
        if communities is not None and target is not None and target > communities:
            problems.append(cell_problem(table, row, "target_communities", _("target communities (%(target)s) exceed communities (%(communities)s)")
                                         % {"target": target, "communities": communities}))
        number = None
        if "number" in table.headers:
            try:
                number = parse_count(row.values.get("number"))
            except CellError:
                number = None
        if row.excel_row in districts:
            rows.append({"excel_row": row.excel_row, "number": number, "district": districts[row.excel_row].code,
                         "communities": communities, "target_communities": target})
    if not problems:  # a sum over rows that are themselves wrong would only add noise
        check_total(table, "communities", sum(row["communities"] for row in rows), problems)
        check_total(table, "target_communities", sum(row["target_communities"] or 0 for row in rows), problems)
    if problems:
        raise WorkbookInvalid(problems)
    return table, rows


class TargetTableFormat(XLSX):
    """xlsx in seed 000's layout; also the layout `export_target_table` writes."""

    columns = TARGET_COLUMNS  # what the admin's import page lists

    def get_title(self):
        return FORMATS_TITLE

    def create_dataset(self, in_stream):
        _table, rows = parse_target_table(in_stream)
        dataset = tablib.Dataset(headers=["excel_row", "number", "district", "communities", "target_communities"])
        for row in rows:
            dataset.append([row["excel_row"], row["number"], row["district"], row["communities"], row["target_communities"]])
        return dataset


class DistrictWidget(DistrictPreviewWidgetMixin, ForeignKeyWidget):
    """A district by its code, from one query per import (each resource has its own copy of its
    fields, so the districts are read afresh for each import)."""

    def __init__(self):
        super().__init__(District, "code")
        self._by_code = None

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if self._by_code is None:
            self._by_code = {district.code: district for district in District.objects.all()}
        try:
            return self._by_code[str(value)]
        except KeyError:
            raise ValueError(_("unknown district (not one of the 50 districts)")) from None


class DistrictTargetResource(BulkWithHistoryMixin, CheapUnchangedMixin, resources.ModelResource):
    district = fields.Field(attribute="district", column_name="district", widget=DistrictWidget())
    row_number = fields.Field(attribute="row_number", column_name="number")

    class Meta:
        model = DistrictTarget
        fields = ("district", "row_number", "communities", "target_communities")
        import_id_fields = ("district",)
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        # The table's existing rows in one query, not one per row; written in bulk, with history.
        instance_loader_class = CachedInstanceLoader
        use_bulk = True
        batch_size = 500

    def __init__(self, indicator=None, new_year=None, **kwargs):
        """`new_year`: (code, BE year) of a year the indicator does not have yet. It is created
        (carried over from the latest year) inside the import's transaction, so a preview or a
        refused file leaves nothing behind."""
        super().__init__(**kwargs)
        self.indicator = indicator
        self.new_year = new_year

    def before_import(self, dataset, **kwargs):
        if self.new_year:
            from .services import indicator_for_year

            self.indicator, _carried_from = indicator_for_year(*self.new_year)
        refuse_locked_year(self.indicator.fiscal_year)  # a year with a locked quarter keeps its table
        super().before_import(dataset, **kwargs)

    def get_diff_headers(self):
        return [_("District"), _("No."), _("Communities"), _("Target communities")]

    def get_queryset(self):
        return DistrictTarget.objects.filter(indicator=self.indicator).select_related("district", "indicator")

    def init_instance(self, row=None):
        return DistrictTarget(indicator=self.indicator)

    def import_row(self, row, instance_loader, **kwargs):
        # Keep the row number of an existing row when the file has no "ลำดับ" column.
        if row.get("number") in (None, ""):
            existing = instance_loader.get_instance(row)
            row["number"] = existing.row_number if existing else None
        return super().import_row(row, instance_loader, **kwargs)

    def figures_changed(self, instances):
        from . import versions

        versions.bump(versions.indicator_key(self.indicator.pk))
