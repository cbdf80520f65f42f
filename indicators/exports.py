"""Excel exports in the layouts the imports read, so an exported file imports back unchanged."""
from django.utils.translation import gettext as _

from okr_tracker.spreadsheet import workbook_bytes

from . import summaries
from .kinds import kind_of

def export_target_table(indicator):
    """The KR's district target table in the layout the admin's target import reads (seed 000's for
    a share of units), or None where its kind has no such table (Kind.target_table_sheet)."""
    sheet = kind_of(indicator).target_table_sheet(indicator, summaries.summarise(indicator))
    if sheet is None:
        return None
    headers, rows, total = sheet
    title = f"ตัวชี้วัด {indicator.code} {indicator.title} ปีงบประมาณ พ.ศ. {indicator.fiscal_year.year_be}"
    return workbook_bytes(_("Target table"), title, headers, rows, total, demo=indicator.is_demo)


def export_results(indicator, quarter):
    """One quarter's counted results per district, in the layout import_results reads."""
    summary = summaries.summarise(indicator, quarter)
    title = f"ตัวชี้วัด {indicator.code} ปีงบประมาณ พ.ศ. {indicator.fiscal_year.year_be} ไตรมาสที่ {quarter.number}"
    kind = kind_of(indicator)
    headers = ["ลำดับ", "เขต", "กลุ่มเขต", *kind.results_headers]
    rows = [[index, row.district.office_name, row.district.group.name_th, *kind.results_cells(row)]
            for index, row in enumerate(summary.districts, start=1)]
    return workbook_bytes(_("Results Q%(number)s") % {"number": quarter.number}, title, headers, rows,
                          demo=indicator.is_demo)
