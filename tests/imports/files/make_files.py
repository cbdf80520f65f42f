"""Regenerate the import test files: the seed-000 target table as a clerk types it in a CSV, then the
same table saved by the real LibreOffice as .ods, .xls and .xlsx, and the CSV as Excel on Thai
Windows writes it (Windows-874) and with a UTF-8 BOM. Run from the project root (needs Debian's
libreoffice-calc-nogui):

    .venv/bin/python tests/imports/files/make_files.py

The files are committed, so the tests need no LibreOffice.
"""
import csv
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import django

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "okr_tracker.settings")
django.setup()

from indicators.reference_data import parse_seed_target_table  # noqa: E402

HEADERS = ["ลำดับ", "เขต", "กลุ่มเขต", "จำนวนชุมชนที่จัดตั้ง ตามระเบียบฯ (ชุมชน)",
           "ชุมชนเป้าหมาย (ร้อยละ ๙๐ ของชุมชนในพื้นที่และมีการเบิกจ่ายงบประมาณ)"]


def table(bad=False):
    rows = [[row.number, row.district_name, row.group_name, row.communities, row.target_communities]
            for row in parse_seed_target_table()]
    if bad:
        rows[2][1] = "สำนักงานเขตบางใหญ่"  # not a Bangkok district: row 6 of the sheet, column "เขต"
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["รายละเอียด KRs ตามเป้าหมายการพัฒนาของสำนักงานเขต ประจำปี พ.ศ. ๒๕๖๘"])
    writer.writerow([])
    writer.writerow(HEADERS)
    writer.writerows(rows)
    writer.writerow(["", "", "รวม", "2,004", "1,806"])
    return out.getvalue()


def main():
    for name, bad in (("seed-table", False), ("seed-table-bad", True)):
        text = table(bad)
        (HERE / f"{name}.csv").write_text(text, encoding="utf-8")
        (HERE / f"{name}-bom.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        (HERE / f"{name}-cp874.csv").write_bytes(text.encode("cp874"))
        with tempfile.TemporaryDirectory() as work:
            for target in ("ods", "xls", "xlsx"):
                # 76 = UTF-8: LibreOffice reads the CSV as what it is; 44 = comma, 34 = quote.
                subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work}/profile",
                                "--infilter=CSV:44,34,76,1", "--convert-to", target, "--outdir", str(HERE),
                                str(HERE / f"{name}.csv")], check=True, capture_output=True, timeout=300)


if __name__ == "__main__":
    main()
