"""Import of community lists (district, community name, status) from a workbook."""
import tablib
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.formats.base_formats import XLSX
from import_export.instance_loaders import BaseInstanceLoader
from import_export.widgets import ForeignKeyWidget

from okr_tracker.imports import CheapUnchangedMixin, DistrictPreviewWidgetMixin
from okr_tracker.thai import squash_spaces
from okr_tracker.workbook import FORMATS_TITLE, Column, WorkbookInvalid, display, normalise_label, read_table, where

from .models import Community, District
from .names import DistrictIndex, UnknownDistrict

COMMUNITY_COLUMNS = [
    Column("number", ("ลำดับ", "ที่", "no.", "no"), required=False, exact=True),
    Column("name", ("ชื่อชุมชน", "ชุมชน", "community"), required=True),
    Column("status", ("สถานะ", "status"), required=False),
    Column("district", ("เขต", "สำนักงานเขต", "ชื่อเขต", "district"), exact=True),
]
STATUS_WORDS = {
    Community.Status.ACTIVE: {"", "ปกติ", "ดำเนินการ", "ดำเนินการตามปกติ", "active"},
    Community.Status.DISSOLVING: {"อยู่ระหว่างการยกเลิกสถานะ", "อยู่ระหว่างยกเลิก", "ยกเลิก", "ยุบ", "dissolving"},
    Community.Status.COMMITTEE_INCOMPLETE: {"คณะกรรมการไม่ครบ", "คณะกรรมการชุมชนไม่ครบองค์ประกอบ", "กรรมการไม่ครบ",
                                            "committeeincomplete"},
}
_STATUS_BY_WORD = {normalise_label(word): status for status, words in STATUS_WORDS.items() for word in words}


def parse_community_list(data):
    table = read_table(data, COMMUNITY_COLUMNS)
    index, problems, rows, seen = DistrictIndex(), [], [], {}

    def problem(row, key, reason):
        problems.append(_("%(where)s: %(reason)s") % {
            "where": where(table.sheet, row.excel_row, table.headers.get(key, key), display(row.values.get(key))), "reason": reason})

    for row in table.rows:
        for key in sorted(row.formulas):
            problem(row, key, _("a formula instead of a value; paste the values only"))
        try:
            district = index.resolve(row.values.get("district"))
        except UnknownDistrict:
            problem(row, "district", _("unknown district (not one of the 50 districts)"))
            continue
        name = squash_spaces(display(row.values.get("name")))
        if not name:
            problem(row, "name", _("empty"))
            continue
        status = _STATUS_BY_WORD.get(normalise_label(display(row.values.get("status"))))
        if status is None:
            problem(row, "status", _("unknown status (ปกติ, อยู่ระหว่างการยกเลิกสถานะ, คณะกรรมการไม่ครบ)"))
            continue
        key = (district.pk, name)
        if key in seen:
            problem(row, "name", _("%(district)s appears twice (also row %(row)s)") % {"district": name, "row": seen[key]})
            continue
        seen[key] = row.excel_row
        rows.append((row.excel_row, district.code, name, status))
    if problems:
        raise WorkbookInvalid(problems)
    return rows


class CommunityListFormat(XLSX):
    columns = COMMUNITY_COLUMNS  # what the admin's import page lists

    def get_title(self):
        return FORMATS_TITLE

    def create_dataset(self, in_stream):
        return tablib.Dataset(*parse_community_list(in_stream), headers=["excel_row", "district", "name", "status"])


class CommunityInstanceLoader(BaseInstanceLoader):
    """All communities in one query, looked up by (district code, name): 50,000 rows, one query."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        self.by_key = {(community.district.code, community.name): community
                       for community in Community.objects.select_related("district")}

    def get_instance(self, row):
        return self.by_key.get((row["district"], row["name"]))


class CommunityResource(CheapUnchangedMixin, resources.ModelResource):
    district = fields.Field(attribute="district", column_name="district", widget=ForeignKeyWidget(District, "code"))

    class Meta:
        model = Community
        fields = ("district", "name", "status")
        import_id_fields = ("district", "name")
        instance_loader_class = CommunityInstanceLoader
        skip_unchanged = True
        report_skipped = True
        use_transactions = True
        use_bulk = True
        batch_size = 2000

    def get_diff_headers(self):
        return [_("District"), _("Community name"), _("Status")]

    def after_import(self, dataset, result, **kwargs):
        super().after_import(dataset, result, **kwargs)
        if result.totals.get("new") or result.totals.get("update"):
            from indicators import versions

            versions.bump(versions.ALL)  # bulk writes send no save signal; communities count in the figures

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.districts = {district.code: district for district in District.objects.all()}
        self.fields["district"].widget = _CachedDistrictWidget(self.districts)


class _CachedDistrictWidget(DistrictPreviewWidgetMixin, ForeignKeyWidget):
    def __init__(self, districts):
        super().__init__(District, "code")
        self.districts = districts

    def clean(self, value, row=None, **kwargs):
        return self.districts.get(value)
