from django.core.management.base import BaseCommand

from prongsai.compliance.catalogs import load_shipped_catalogs


class Command(BaseCommand):
    help = "Load the ITA/OIT, MOIT, GWS and OIA catalogs shipped with Prongsai (idempotent)."

    def handle(self, *args, **options):
        load_shipped_catalogs(stdout=self.stdout)
