"""Regenerate the contract's results files: each case's CSV as a clerk types it, then the same file
saved by the real LibreOffice as .xlsx, .xls and .ods. Run from the project root (needs Debian's
libreoffice-calc-nogui):

    .venv/bin/python tests/contract/files/make_files.py

The files are committed, so the tests need no LibreOffice.
"""
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from tests.contract.cases import CASES, csv_text, file_stem  # noqa: E402

for case in CASES:
    source = HERE / f"{file_stem(case)}.csv"
    source.write_text(csv_text(case), encoding="utf-8")
    with tempfile.TemporaryDirectory() as profile:
        for target in ("xlsx", "xls", "ods"):
            subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--infilter=CSV:44,34,76,1",
                            "--convert-to", target, "--outdir", str(HERE), str(source)], check=True, capture_output=True)
    print(source.name, "→ .xlsx .xls .ods")
