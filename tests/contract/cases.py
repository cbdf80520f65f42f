"""The contract's cases: one KR of each kind (an amount in both directions), three districts' figures
as a clerk types them in the form and in a results file, and what every output must then say,
computed by hand. A kind in the registry without a case here fails test_every_kind_has_a_case."""
from dataclasses import dataclass, field
from decimal import Decimal

# ดินแดง, ดุสิต, ป้อมปราบศัตรูพ่าย: rows 1–3 of seed 000's table (22/20, 43/39, 14/13 communities).
DISTRICTS = {"1026": "ดินแดง", "1002": "ดุสิต", "1008": "ป้อมปราบศัตรูพ่าย"}


@dataclass
class Case:
    name: str
    kind: str
    indicator: dict  # the KR's fields (FY2568); None: the seeds' KR 8308
    form: dict  # district code → the form's POST data (as typed: Thai digits, commas)
    cells: dict  # district code → the results file's cells after ลำดับ, เขต
    headers: tuple  # the results file's headers after ลำดับ, เขต
    stored: dict  # district code → {field: value} of the counted result
    district_values: dict  # district code → kpi_summary's district "value"
    citywide: tuple  # kpi_summary's (value, met, districts_reported, districts_meeting_target)
    citywide_text: str = ""  # the citywide figure as the pages print it (dashboard, its Excel, official report, book)
    district_texts: list = field(default_factory=list)  # each district's result as the dashboard and its Excel show it
    entered_texts: list = field(default_factory=list)  # the figures as the results export writes them back
    definition_texts: list = field(default_factory=list)  # what the KR page and KR sheet say of its target


CASES = [
    Case("community_share", "community_share", None,
         form={"1026": {"achieved": "๑๙"}, "1002": {"achieved": "40"}, "1008": {"achieved": "13"}},
         cells={"1026": ["19"], "1002": ["40"], "1008": ["13"]}, headers=("ผลการดำเนินงาน",),
         stored={"1026": {"achieved": 19}, "1002": {"achieved": 40}, "1008": {"achieved": 13}},
         # 19/22 = 86.36% (short of 20), 40/43 (≥ 39), 13/14 (≥ 13); citywide 72 / 2,004 = 3.59%
         district_values={"1026": 19, "1002": 40, "1008": 13}, citywide=("3.59", False, 3, 2),
         citywide_text="3.59", district_texts=["86.36", "93.02", "92.86"], entered_texts=["19", "40", "13"],
         definition_texts=["1806"]),
    Case("district_share", "district_share",
         {"code": "DS1", "kind": "district_share", "unit": "สำนักงานเขต", "title": "ร้อยละของสำนักงานเขตที่จัดเวทีประชาคม",
          "target_percent": Decimal(80)},
         form={"1026": {"answered_yes": "yes", "projects": "3"}, "1002": {"answered_yes": "no", "projects": "0"},
               "1008": {"answered_yes": "yes", "projects": "๒"}},
         cells={"1026": ["ใช่", "3"], "1002": ["ไม่ใช่", "0"], "1008": ["ใช่", "2"]}, headers=("ผลการดำเนินงาน", "จำนวนโครงการ"),
         stored={"1026": {"answered_yes": True, "projects": 3}, "1002": {"answered_yes": False, "projects": 0},
                 "1008": {"answered_yes": True, "projects": 2}},
         # 2 of the 50 districts did it: 4.00%, short of 80%
         district_values={"1026": True, "1002": False, "1008": True}, citywide=("4.00", False, 3, 2),
         citywide_text="4.00", entered_texts=["ไม่มี"], definition_texts=["จัดเวทีประชาคม"]),
    Case("amount (higher is better)", "amount",
         {"code": "AM1", "kind": "amount", "unit": "คน", "title": "จำนวนอาสาสมัครที่ผ่านการอบรม",
          "target_percent": Decimal(0), "target_value": Decimal(60)},
         form={"1026": {"amount": "35"}, "1002": {"amount": "20.50"}, "1008": {"amount": "๑๒.๒๕"}},
         cells={"1026": ["35"], "1002": ["20.5"], "1008": ["12.25"]}, headers=("ผลการดำเนินงาน",),
         stored={"1026": {"amount": Decimal("35")}, "1002": {"amount": Decimal("20.50")}, "1008": {"amount": Decimal("12.25")}},
         # 35 + 20.50 + 12.25 = 67.75 ≥ 60
         district_values={"1026": "35.00", "1002": "20.50", "1008": "12.25"}, citywide=("67.75", True, 3, 0),
         citywide_text="67.75", district_texts=["20.50", "12.25"], entered_texts=["20.50", "12.25"],
         definition_texts=["60"]),
    Case("amount (lower is better)", "amount",
         {"code": "AM2", "kind": "amount", "unit": "ราย", "title": "จำนวนเรื่องร้องเรียน", "direction": "lower",
          "target_percent": Decimal(0), "target_value": Decimal(60)},
         form={"1026": {"amount": "35"}, "1002": {"amount": "20.50"}, "1008": {"amount": "12.25"}},
         cells={"1026": ["35"], "1002": ["20.50"], "1008": ["12.25"]}, headers=("ผลการดำเนินงาน",),
         stored={"1026": {"amount": Decimal("35")}, "1002": {"amount": Decimal("20.50")}, "1008": {"amount": Decimal("12.25")}},
         # 67.75 > 60 where lower is better: not met
         district_values={"1026": "35.00", "1002": "20.50", "1008": "12.25"}, citywide=("67.75", False, 3, 0),
         citywide_text="67.75", district_texts=["20.50", "12.25"], entered_texts=["20.50", "12.25"],
         definition_texts=["60", "ยิ่งน้อยยิ่งดี"]),
    Case("success_level", "success_level",
         {"code": "LV1", "kind": "success_level", "unit": "ระดับ", "title": "ระดับความสำเร็จของการจัดทำแผนชุมชน",
          "target_percent": Decimal(80), "target_value": Decimal(4), "level_1": "มีคณะทำงาน", "level_2": "มีแผน",
          "level_3": "แผนผ่านประชาคม", "level_4": "บรรจุในแผนปฏิบัติการ", "level_5": "ดำเนินการครบ"},
         form={"1026": {"level": "4"}, "1002": {"level": "5"}, "1008": {"level": "2"}},
         cells={"1026": ["4"], "1002": ["๕"], "1008": ["2"]}, headers=("ผลการดำเนินงาน",),
         stored={"1026": {"level": 4}, "1002": {"level": 5}, "1008": {"level": 2}},
         # 2 of the 50 districts at level 4 or more: 4.00%, short of 80%
         district_values={"1026": 4, "1002": 5, "1008": 2}, citywide=("4.00", False, 3, 2),
         citywide_text="4.00", definition_texts=["บรรจุในแผนปฏิบัติการ"]),
]


def file_stem(case):
    return case.name.split(" ")[0] + ("-lower" if "lower" in case.name else "")


def csv_text(case):
    """The results file as a clerk types it (the committed .csv; LibreOffice made the .xlsx/.xls/.ods)."""
    lines = [",".join(["ลำดับ", "เขต", *case.headers])]
    for number, (code, cells) in enumerate(case.cells.items(), start=1):
        lines.append(",".join([str(number), DISTRICTS[code], *cells]))
    return "\r\n".join(lines) + "\r\n"
