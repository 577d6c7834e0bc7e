from django.core.management.base import BaseCommand, CommandError

from prongsai.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup archive into an empty database and media folder (e.g. --data-dir)."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, **options):
        try:
            report = restore_backup(options["archive"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"กู้คืนแล้ว: {report.records} ระเบียน, {report.files} ไฟล์")
        if not report.identical:
            raise CommandError(
                f"ข้อมูลที่กู้คืนไม่ตรงกับบัญชีรายการ: จำนวนระเบียน {report.mismatched_counts}, "
                f"ไฟล์ {report.mismatched_files[:20]}"
            )
        self.stdout.write("ตรวจแล้ว: จำนวนระเบียนทุกตารางและ checksum ทุกไฟล์ตรงกับไฟล์สำรอง")
