"""Thai translations of the project's strings. `python locale/th.py` writes them into
locale/th/LC_MESSAGES/django.po (after `make messages` has extracted new strings), then compile."""
import re
import sys
from pathlib import Path

THAI = {
    "Districts": "เขต",
    "code": "รหัส",
    "Thai name": "ชื่อภาษาไทย",
    "English name": "ชื่อภาษาอังกฤษ",
    "order": "ลำดับ",
    "district group": "กลุ่มเขต",
    "district groups": "กลุ่มเขต",
    "official code": "รหัสทางราชการ",
    "district staff": "เจ้าหน้าที่ของเขต",
    "district": "เขต",
    "districts": "เขต",
    "Can read the data of every district (reviewer)": "ดูข้อมูลได้ทุกเขต (ผู้ตรวจสอบ)",
    "alias": "ชื่อที่เขียนต่างไป",
    "district name alias": "ชื่อเขตที่เขียนต่างไป",
    "district name aliases": "ชื่อเขตที่เขียนต่างไป",
    "active": "ดำเนินการตามปกติ",
    "being dissolved": "อยู่ระหว่างการยกเลิกสถานะ",
    "committee incomplete": "คณะกรรมการชุมชนไม่ครบองค์ประกอบ",
    "community name": "ชื่อชุมชน",
    "status": "สถานะ",
    "community": "ชุมชน",
    "communities": "จำนวนชุมชน",
    "Unknown district “%(name)s”: not one of the 50 districts or their known aliases.":
        "ไม่พบเขต “%(name)s”: ไม่ใช่ชื่อหรือรหัสของ 50 เขต หรือชื่อที่เขียนต่างไปที่รู้จัก",
    "Open the selected quarters": "เปิดไตรมาสที่เลือก",
    "Lock the selected quarters": "ปิด (ล็อก) ไตรมาสที่เลือก",
    "Indicators": "ตัวชี้วัด",
    "fiscal year (B.E.)": "ปีงบประมาณ (พ.ศ.)",
    "start date": "วันเริ่มต้น",
    "end date": "วันสิ้นสุด",
    "fiscal year": "ปีงบประมาณ",
    "fiscal years": "ปีงบประมาณ",
    "FY %(year)s": "ปีงบประมาณ %(year)s",
    "open": "เปิดรับรายงาน",
    "locked": "ปิดรับรายงาน",
    "quarter": "ไตรมาส",
    "reporting deadline": "กำหนดส่งรายงาน",
    "quarters": "ไตรมาส",
    "Q%(number)s/%(year)s": "ไตรมาส %(number)s/%(year)s",
    "share of communities": "ร้อยละของชุมชน",
    "share of district offices": "ร้อยละของสำนักงานเขต",
    "output": "ผลผลิต (Output)",
    "outcome": "ผลลัพธ์ (Outcome)",
    "local code": "รหัสภายในระบบ",
    "The source document gives no official code; this one is ours.": "เอกสารต้นฉบับไม่มีรหัสทางราชการ รหัสนี้ใช้ภายในระบบเท่านั้น",
    "title": "ชื่อตัวชี้วัด",
    "kind": "ประเภทการคำนวณ",
    "level": "ระดับความสำเร็จ",
    "strategy dimension": "ด้าน/ประเด็นยุทธศาสตร์",
    "strategy issue": "ประเด็นการพัฒนา",
    "strategy goal": "เป้าประสงค์",
    "host agency (H)": "หน่วยงานผู้รับผิดชอบหลัก (H)",
    "how the work is shared": "ลักษณะหน่วยงานที่รับผิดชอบ",
    "definitions": "นิยาม",
    "formula": "วิธีคำนวณ/สูตรคำนวณ",
    "unit": "หน่วยนับ",
    "target (%)": "ค่าเป้าหมาย (ร้อยละ)",
    "reference documents": "เอกสารอ้างอิงเพิ่มเติม",
    "reporting channel": "ช่องทางการรายงานผล",
    "evaluation methods": "การติดตามประเมินผลความสำเร็จ",
    "coordinator": "ผู้ประสานงานหลัก",
    "informant": "ผู้แจ้งข้อมูล",
    "source document": "เอกสารต้นฉบับ",
    "indicator": "ตัวชี้วัด",
    "indicators": "ตัวชี้วัด",
    "host (H)": "หน่วยงานหลัก (H)",
    "supporting (R)": "หน่วยงานสนับสนุน (R)",
    "role": "บทบาท",
    "agency": "หน่วยงาน",
    "duties": "บทบาทภารกิจ",
    "responsible agency": "หน่วยงานที่รับผิดชอบ",
    "responsible agencies": "หน่วยงานที่รับผิดชอบ",
    "row no. in the table": "ลำดับในตาราง",
    "target communities": "ชุมชนเป้าหมาย",
    "district target": "ค่าเป้าหมายรายเขต",
    "district targets": "ค่าเป้าหมายรายเขต",
    "communities that disbursed (cumulative)": "ชุมชนที่เบิกจ่ายแล้ว (สะสม)",
    "answered yes": "ดำเนินการแล้ว",
    "projects": "จำนวนโครงการ",
    "district result": "ผลการดำเนินงานรายเขต",
    "district results": "ผลการดำเนินงานรายเขต",
    "The quarter must be in the indicator's fiscal year.": "ไตรมาสต้องอยู่ในปีงบประมาณของตัวชี้วัด",
    "narrative": "รายงานผลการดำเนินงาน",
    "budget allocated (baht)": "งบประมาณที่ได้รับจัดสรร (บาท)",
    "budget disbursed (baht)": "งบประมาณที่เบิกจ่าย (บาท)",
    "budget returned (baht)": "งบประมาณที่ส่งคืน (บาท)",
    "host agency report": "รายงานของหน่วยงานหลัก",
    "host agency reports": "รายงานของหน่วยงานหลัก",
    "plan year (B.E.)": "ปีงบประมาณของแผน (พ.ศ.)",
    "projects by plan year": "จำนวนโครงการรายปีของแผน",
    "BMA KPI Tracker: administration": "ระบบติดตามตัวชี้วัด กทม.: ผู้ดูแลระบบ",
    "BMA KPI Tracker": "ระบบติดตามตัวชี้วัด กทม.",
    "Quarterly reports": "รายงานรายไตรมาส",
    "Skip to content": "ข้ามไปยังเนื้อหา",
    "Main menu": "เมนูหลัก",
    "Administration": "ผู้ดูแลระบบ",
    "Log out": "ออกจากระบบ",
    "Bangkok Metropolitan Administration · Social Development Department": "กรุงเทพมหานคร · สำนักพัฒนาสังคม",
    "The source document gives no official code; this code is local to this system.":
        "เอกสารต้นฉบับไม่มีรหัสทางราชการ รหัสนี้ใช้ภายในระบบเท่านั้น",
    "Code": "รหัส",
    "Fiscal year": "ปีงบประมาณ",
    "Host agency (H)": "หน่วยงานผู้รับผิดชอบหลัก (H)",
    "Strategy dimension": "ด้าน/ประเด็นยุทธศาสตร์",
    "Strategy issue": "ประเด็นการพัฒนา",
    "Strategy goal": "เป้าประสงค์",
    "Level": "ระดับความสำเร็จ",
    "Target": "ค่าเป้าหมาย",
    "Definitions": "นิยาม",
    "Formula": "วิธีคำนวณ",
    "Responsible agencies and their duties": "หน่วยงานที่รับผิดชอบและบทบาทภารกิจ",
    "Agency": "หน่วยงาน",
    "Target (%%)": "ค่าเป้าหมาย (ร้อยละ)",
    "Duties": "บทบาทภารกิจ",
    "District target table, fiscal year %(year)s": "ตารางค่าเป้าหมายรายเขต ปีงบประมาณ %(year)s",
    "No.": "ลำดับ",
    "District": "เขต",
    "District group": "กลุ่มเขต",
    "Communities established under the BMA regulation": "จำนวนชุมชนที่จัดตั้งตามระเบียบฯ (ชุมชน)",
    "Target communities (%(target)s%% of the district's communities, with disbursement)":
        "ชุมชนเป้าหมาย (ร้อยละ %(target)s ของชุมชนในพื้นที่และมีการเบิกจ่ายงบประมาณ)",
    "Computed: target %% × communities, rounded half up": "คำนวณ: ร้อยละเป้าหมาย × จำนวนชุมชน ปัดเศษครึ่งขึ้น",
    ("Subtotal %(group_name)s (%(counter)s district)", "Subtotal %(group_name)s (%(counter)s districts)"): "รวมกลุ่ม %(group_name)s (%(counter)s เขต)",
    "Total": "รวมทั้งสิ้น",
    "Σ target communities are %(share)s%% of Σ communities: each district's target is rounded on its own.":
        "ผลรวมชุมชนเป้าหมายเป็นร้อยละ %(share)s ของผลรวมชุมชน เพราะค่าเป้าหมายของแต่ละเขตปัดเศษแยกกัน",
    "Quarterly results": "ผลการดำเนินงานรายไตรมาส",
    "Quarter": "ไตรมาส",
    "Districts that did it": "สำนักงานเขตที่ดำเนินการ",
    "Result (%%)": "ผลงาน (ร้อยละ)",
    "Target met": "ผลเทียบเป้าหมาย",
    "Quarter %(number)s": "ไตรมาสที่ %(number)s",
    "%(yes)s of %(total)s": "%(yes)s จาก %(total)s",
    "met": "บรรลุ",
    "not met": "ไม่บรรลุ",
    "no results": "ยังไม่มีผล",
    "Quarter %(number)s/%(year)s": "ไตรมาสที่ %(number)s/%(year)s",
    "%(yes)s of %(total)s districts = %(pct)s%%": "%(yes)s จาก %(total)s สำนักงานเขต คิดเป็นร้อยละ %(pct)s",
    ("%(counter)s district did not:", "%(counter)s districts did not:"): "สำนักงานเขตที่ยังไม่ดำเนินการ %(counter)s เขต:",
    "Budget (baht)": "งบประมาณ (บาท)",
    "Baht": "บาท",
    "Share (%%)": "ร้อยละ",
    "Allocated": "ได้รับจัดสรร",
    "Disbursed": "เบิกจ่ายแล้ว",
    "Returned": "ส่งคืนแล้ว",
    "Kept (not yet returned)": "ยังไม่ประสงค์คืนเงิน",
    "Projects put into the districts' action plans": "โครงการ/กิจกรรมที่บรรจุในแผนปฏิบัติการของสำนักงานเขต",
    "Fiscal year %(year)s: %(projects)s projects/activities": "ปีงบประมาณ %(year)s: %(projects)s โครงการ/กิจกรรม",
    "Host agency's quarterly narrative": "รายงานผลการดำเนินงานรายไตรมาสของหน่วยงานหลัก",
    "Fiscal year %(year)s": "ปีงบประมาณ %(year)s",
    "Indicator": "ตัวชี้วัด",
    "No indicators yet. An administrator loads them with “python manage.py load_reference_data”.":
        "ยังไม่มีตัวชี้วัด ผู้ดูแลระบบนำเข้าได้ด้วยคำสั่ง “python manage.py load_reference_data”",
    "Log in": "เข้าสู่ระบบ",
    "For district offices and the Social Development Department.": "สำหรับสำนักงานเขตและสำนักพัฒนาสังคม",
}


def _unquote(lines):
    return "".join(re.match(r'^(?:msgid_plural|msgid|msgstr(?:\[\d\])?)?\s*"(.*)"$', line).group(1) for line in lines)


def _quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fill(path):
    entries, missing = Path(path).read_text(encoding="utf-8").split("\n\n"), []
    out = []
    for entry in entries:
        lines = entry.split("\n")
        ids = [i for i, line in enumerate(lines) if line.startswith("msgid ")]
        if not ids:
            out.append(entry)
            continue
        start = ids[0]
        plural_at = next((i for i, line in enumerate(lines) if line.startswith("msgid_plural")), None)
        str_at = next(i for i, line in enumerate(lines) if line.startswith("msgstr"))
        msgid = _unquote(lines[start:plural_at or str_at]).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        if not msgid:
            out.append(entry)
            continue
        if plural_at is not None:
            plural = _unquote(lines[plural_at:str_at]).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
            text = THAI.get((msgid, plural))
            tail = [f"msgstr[0] {_quote(text or '')}"]
        else:
            text = THAI.get(msgid)
            tail = [f"msgstr {_quote(text or '')}"]
        if text is None:
            missing.append(msgid)
        out.append("\n".join([line for line in lines[:str_at] if not line.startswith("#, fuzzy")] + tail))
    Path(path).write_text("\n\n".join(out), encoding="utf-8")
    return missing


if __name__ == "__main__":
    missing = fill(Path(__file__).parent / "th" / "LC_MESSAGES" / "django.po")
    for msgid in missing:
        print("untranslated:", msgid, file=sys.stderr)
    sys.exit(1 if missing else 0)
