import os

from django.conf import settings
from django.core.management.base import BaseCommand

from prongsai.core.server import ProngsaiServer


class Command(BaseCommand):
    help = "Serve the site with gunicorn (production). Run `prongsai worker` beside it."

    def add_arguments(self, parser):
        parser.add_argument("--bind", default=os.environ.get("PRONGSAI_BIND", "127.0.0.1:8000"))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", 2))
        )
        parser.add_argument("--threads", type=int, default=4)

    def handle(self, *args, **options):
        from prongsai import settings as prongsai_settings
        from prongsai.wsgi import application

        prongsai_settings.check_production_safety()
        self.stdout.write(f"Serving {settings.WAGTAILADMIN_BASE_URL} on {options['bind']}")
        ProngsaiServer(
            application,
            {
                "bind": options["bind"],
                "workers": options["workers"],
                "threads": options["threads"],
                "accesslog": "-",
                "timeout": 60,
            },
        ).run()
