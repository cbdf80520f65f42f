"""Excel exports in the layouts the imports read, so an exported file imports back unchanged."""
from django.utils.translation import gettext as _

from okr_tracker.spreadsheet import workbook_bytes

from . import summaries
from .kinds import kind_of

TARGET_HEADERS = ["ลำดับ", "เขต", "กลุ่มเขต", "จำนวนชุมชนที่จัดตั้งตามระเบียบฯ (ชุมชน)", "ชุมชนเป้าหมาย (ร้อยละ {target} ของชุมชนในพื้นที่และมีการเบิกจ่ายงบประมาณ)"]


def export_target_table(indicator):
    """Seed 000's table: no., district, group, communities, target communities, and the total row.
    A target the table does not give (computed) is left blank, as it was in the file it came from."""
    summary = summaries.summarise(indicator)
    headers = [*TARGET_HEADERS[:4], TARGET_HEADERS[4].format(target=f"{indicator.target_percent:g}")]
    rows = [[row.number, row.district.office_name, row.district.group.name_th, row.communities,
             row.target_communities if row.target_from_table else None] for row in summary.districts]
    all_from_table = all(row.target_from_table for row in summary.districts)
    total = [None, None, "รวม", summary.communities, summary.target_communities if all_from_table else None]
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
