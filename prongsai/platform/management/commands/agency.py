"""`prongsai agency create|list|suspend|resume`: the platform administrator's agency commands."""

from django.core.management.base import BaseCommand, CommandError

from prongsai.agencies.models import AgencyType
from prongsai.platform.provision import AgencyError, create_agency
from prongsai.platform.suspension import (
    agency_overview,
    find_agency,
    resume_agency,
    suspend_agency,
)


class Command(BaseCommand):
    help = "Create, list, suspend and resume the agencies on this install."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="create an agency with everything it needs")
        create.add_argument("--name", required=True, help="the agency's name in Thai")
        create.add_argument("--short-name", required=True, help="e.g. อบต.หนองน้ำใส")
        create.add_argument("--host", required=True, help="host name of its public site")
        create.add_argument("--port", type=int, default=80)
        create.add_argument(
            "--type", default=AgencyType.SAO, choices=AgencyType.values, dest="agency_type"
        )
        create.add_argument("--admin", help="user name of its first agency admin")
        create.add_argument("--email", help="e-mail of a new agency admin")
        actions.add_parser("list", help="every agency with its pages, documents and users")
        suspend = actions.add_parser("suspend", help="take an agency offline, keeping its data")
        suspend.add_argument("host")
        suspend.add_argument("--reason", required=True)
        resume = actions.add_parser("resume", help="put a suspended agency back online")
        resume.add_argument("host")

    def handle(self, *args, **options):
        try:
            getattr(self, options["action"])(options)
        except AgencyError as error:
            raise CommandError(str(error)) from error

    def create(self, options):
        agency = create_agency(
            options["name"],
            options["short_name"],
            options["host"],
            port=options["port"],
            admin_username=options["admin"],
            admin_email=options["email"],
            agency_type=options["agency_type"],
        )
        if agency.created:
            self.stdout.write(f"สร้างหน่วยงาน {agency.settings.name_th} ที่ {agency.site.hostname} แล้ว")
        else:
            self.stdout.write(f"มีหน่วยงานที่ {agency.site.hostname} อยู่แล้ว ไม่ได้สร้างใหม่")
        if agency.admin is not None:
            self.stdout.write(f"ผู้ดูแลระบบของหน่วยงาน: {agency.admin.get_username()}")
        if agency.set_password_url:
            self.stdout.write(f"ลิงก์สำหรับตั้งรหัสผ่าน: {agency.set_password_url}")

    def list(self, options):
        header = ("หน่วยงาน", "โฮสต์", "หน้า", "เอกสาร", "ผู้ใช้", "สถานะ")
        self.stdout.write("\t".join(header))
        for row in agency_overview():
            status = "ระงับ" if row["suspended_at"] else "เปิดใช้งาน"
            cells = (row["name"], row["host"], row["pages"], row["documents"], row["users"])
            self.stdout.write("\t".join(str(c) for c in (*cells, status)))

    def suspend(self, options):
        site = find_agency(options["host"])
        suspend_agency(site, options["reason"])
        self.stdout.write(f"ระงับหน่วยงาน {site.site_name} ({site.hostname}) แล้ว")

    def resume(self, options):
        site = find_agency(options["host"])
        resume_agency(site)
        self.stdout.write(f"เปิดใช้งานหน่วยงาน {site.site_name} ({site.hostname}) อีกครั้งแล้ว")
