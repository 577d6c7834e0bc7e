from django.core.management.base import BaseCommand, CommandError

from prongsai.traffic.importing import AlreadyImported, import_file
from prongsai.traffic.retention import cutoff, purge_old_entries


class Command(BaseCommand):
    help = (
        "The traffic log: `traffic import FILE...` loads the front server's access logs "
        "(docs/traffic-log.md); `traffic purge` deletes entries older than PRONGSAI_TRAFFIC_DAYS."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        load = actions.add_parser("import", help="load access-log files written by nginx")
        load.add_argument("files", nargs="+")
        actions.add_parser("purge", help="delete entries older than the retention period")

    def handle(self, *args, **options):
        if options["action"] == "purge":
            removed = purge_old_entries()
            moment = f"{cutoff():%Y-%m-%d %H:%M}"
            self.stdout.write(f"ลบข้อมูลจราจรที่เก่ากว่า {moment} แล้ว {removed:,} รายการ")
            return
        for name in options["files"]:
            try:
                result = import_file(name)
            except AlreadyImported:
                self.stdout.write(f"{name}: นำเข้าไฟล์นี้ไปแล้ว ไม่นำเข้าซ้ำ")
                continue
            except OSError as error:
                raise CommandError(f"{name}: เปิดไฟล์ไม่ได้ ({error.strerror})") from error
            self.stdout.write(
                f"{name}: นำเข้า {result.imported:,} รายการ "
                f"ข้ามบรรทัดที่อ่านไม่ได้ {result.skipped:,} บรรทัด"
            )
