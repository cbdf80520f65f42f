from django.core.management.base import BaseCommand, CommandError

from okr_tracker.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Restore the whole database from a backup made by backup_database, after checking the backup completely; "
            "the current database is copied aside first (its path is printed: restore it to undo).")

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--yes", action="store_true", help="confirm: the current data is replaced")

    def handle(self, *args, **options):
        if not options["yes"]:
            raise CommandError("การกู้คืนจะแทนที่ข้อมูลทั้งหมดในฐานข้อมูล: เพิ่ม --yes เพื่อยืนยัน (add --yes to confirm)")
        try:
            aside = restore(options["file"])
        except BackupError as error:
            raise CommandError(f"กู้คืนข้อมูลไม่สำเร็จ: {error} (ฐานข้อมูลยังเหมือนเดิม / the database is unchanged)") from None
        self.stdout.write(f"กู้คืนข้อมูลจาก {options['file']} แล้ว ข้อมูลก่อนกู้คืนเก็บไว้ที่ {aside} "
                          f"(ย้อนกลับได้ด้วย: manage.py restore_database {aside} --yes). "
                          "ถ้าสำเนาสำรองมาจากรุ่นก่อน ให้รัน manage.py migrate ต่อ")
