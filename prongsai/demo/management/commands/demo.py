import io
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from prongsai.core.server import ProngsaiServer
from prongsai.core.worker import start_in_background
from prongsai.demo import content
from prongsai.search.models import SearchEntry


class Command(BaseCommand):
    help = (
        "Serve a demo agency on 127.0.0.1 with SQLite, files on disk and the worker running "
        "in-process. Creates the database and loads the demo the first time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--data-dir", default="var", help="database and media (default ./var)")
        parser.add_argument("--no-serve", action="store_true", help="set up and exit")

    def handle(self, *args, **options):
        started = time.monotonic()
        self.stdout.write(f"Data folder: {settings.DATA_DIR}")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_demo", stdout=self.stdout)
        if not SearchEntry.objects.exists():
            # the worker would get there too; building it now makes search work at once
            call_command("rebuild_search_index", stdout=io.StringIO())
        self.stdout.write(f"Ready in {time.monotonic() - started:.0f} s.")
        url = f"http://127.0.0.1:{options['port']}"
        self.print_welcome(url)
        if options["no_serve"]:
            return
        from prongsai.wsgi import application

        ProngsaiServer(
            application,
            {
                "bind": f"127.0.0.1:{options['port']}",
                "workers": 1,
                "threads": 8,
                "accesslog": "-",
                "timeout": 120,
            },
            on_worker_ready=start_in_background,
        ).run()

    def print_welcome(self, url):
        lines = [
            "",
            f"  Prongsai demo: {url}/",
            f"  Admin:         {url}/admin/",
            f"  Accounts (password: {content.DEMO_PASSWORD}):",
        ]
        for username, first, last, position, _dept, roles in content.ACCOUNTS:
            lines.append(f"    {username:<11} {', '.join(roles):<13} {first} {last} ({position})")
        self.stdout.write("\n".join(lines) + "\n")
