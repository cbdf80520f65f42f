"""Import of quarterly results from a district sheet: recorded as approved reports, with the
import (who, when, file name) in each report's history, and counted at once (DistrictResult)."""
import tablib
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.formats.base_formats import XLSX

from indicators.kinds import kind_of
from indicators.locks import refuse_locked_quarter
from indicators.models import DistrictResult
from indicators.resources import DistrictWidget, resolve_rows
from okr_tracker.workbook import FORMATS_TITLE, CellError, Column, WorkbookInvalid, display, parse_count, read_table, where

from .models import Report

RESULT_COLUMNS = [
    Column("number", ("ลำดับ", "ที่", "no.", "no"), required=False, exact=True),
    Column("group", ("กลุ่มเขต",), required=False),
    Column("projects", ("จำนวนโครงการ", "projects"), required=False),
    Column("result", ("ผลการดำเนินงาน", "จำนวนชุมชนที่เบิกจ่าย", "ชุมชนที่เบิกจ่าย", "ชุมชนที่มีการเบิกจ่าย", "ดำเนินการ",
                      "บรรจุในแผน", "result", "achieved")),
    Column("communities", ("จำนวนชุมชน",), required=False),
    Column("target_communities", ("ชุมชนเป้าหมาย",), required=False),
    Column("district", ("เขต", "สำนักงานเขต", "ชื่อเขต", "district"), exact=True),
]


def parse_result_sheet(data):
    table = read_table(data, RESULT_COLUMNS)
    districts, problems = resolve_rows(table)
    if problems:
        raise WorkbookInvalid(problems)
    rows = []
    for row in table.rows:
        rows.append({
            "excel_row": row.excel_row,
            "district": districts[row.excel_row].code,
            "result": display(row.values.get("result")),
            "result_where": where(table.sheet, row.excel_row, table.headers["result"], display(row.values.get("result"))),
            "projects": display(row.values.get("projects")),
            "projects_where": where(table.sheet, row.excel_row, table.headers.get("projects", "projects"),
                                    display(row.values.get("projects"))),
        })
    return rows


class ResultSheetFormat(XLSX):
    def get_title(self):
        return FORMATS_TITLE

    def create_dataset(self, in_stream):
        rows = parse_result_sheet(in_stream)
        headers = ["excel_row", "district", "result", "result_where", "projects", "projects_where"]
        return tablib.Dataset(*[[row[name] for name in headers] for row in rows], headers=headers)


class ResultResource(resources.ModelResource):
    district = fields.Field(attribute="district", column_name="district", widget=DistrictWidget())

    class Meta:
        model = Report
        fields = ("district", "achieved", "answered_yes", "projects", "amount", "level")
        import_id_fields = ("district",)
        use_transactions = True
        skip_unchanged = False

    def __init__(self, indicator=None, quarter=None, user=None, file_name="", **kwargs):
        super().__init__(**kwargs)
        self.indicator, self.quarter, self.user, self.file_name = indicator, quarter, user, file_name
        self.kind = kind_of(indicator) if indicator is not None else None
        self.limits = self.kind.result_limits(indicator) if indicator is not None else {}

    def get_diff_headers(self):
        return [_("District"), _("Communities that have disbursed (cumulative)"), _("Did the district do it this quarter?"),
                _("Number of projects")]

    def get_queryset(self):
        return Report.objects.filter(indicator=self.indicator, quarter=self.quarter).select_related("district")

    def init_instance(self, row=None):
        return Report(indicator=self.indicator, quarter=self.quarter)

    def before_import(self, dataset, **kwargs):
        refuse_locked_quarter(self.quarter)  # said once, before any row (the guard below refuses each row too)
        self.user = kwargs.get("user") or self.user
        self.file_name = kwargs.get("file_name") or self.file_name

    def before_import_row(self, row, **kwargs):
        errors = self.kind.read_result(row, self.limits)
        raw_projects, row["projects"] = row.get("projects"), None
        if raw_projects not in (None, ""):
            try:
                row["projects"] = parse_count(raw_projects)
            except CellError as error:
                errors["projects"] = f"{row['projects_where']}: {error}"
        if errors:
            raise ValidationError(errors)

    def before_save_instance(self, instance, row, **kwargs):
        now = timezone.now()
        instance.status = Report.Status.APPROVED
        instance.version = (instance.version or 0) + 1
        instance.submitted_at = instance.submitted_at or now
        instance.reviewed_at, instance.reviewed_by = now, self.user
        instance.updated_by = self.user
        instance._history_user = self.user
        instance._change_reason = f"imported:{self.file_name}"

    def after_save_instance(self, instance, row, **kwargs):
        if kwargs.get("dry_run"):
            return  # the preview writes nothing that counts (its transaction is rolled back as well)
        DistrictResult.objects.update_or_create(
            indicator=self.indicator, district=instance.district, quarter=self.quarter,
            defaults=self.kind.result_values(instance),  # every figure the kind counts with (issue 21: amounts, levels)
        )
