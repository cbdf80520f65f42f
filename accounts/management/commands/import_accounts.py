from accounts.services import import_accounts
from okr_tracker.import_command import ImportCommand


class Command(ImportCommand):
    help = ("Create the accounts of district staff and reviewers from a workbook (.xlsx, .xls, .ods or .csv): "
            "ชื่อผู้ใช้, ชื่อ-นามสกุล, อีเมล, เขต, บทบาท. Each new user is mailed a link to set a password. "
            "Nothing is written unless the whole file is valid.")

    def handle(self, *args, **options):
        path, data = self.read_file(options["file"])
        outcome = import_accounts(data=data, file_name=path.name, dry_run=options["dry_run"])
        self.report(outcome, path, "บัญชีผู้ใช้", options["dry_run"])
        if outcome.new and not options["dry_run"]:
            self.stdout.write(f"ส่งอีเมลเชิญตั้งรหัสผ่านให้ผู้ใช้ใหม่ {outcome.new} คน")
