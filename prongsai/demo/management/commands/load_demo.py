from django.core.management.base import BaseCommand

from prongsai.demo.loader import load_demo


class Command(BaseCommand):
    help = "Create the demo agency (once; later runs keep what users changed)."

    def handle(self, *args, **options):
        site, created = load_demo()
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo agency created: {site.site_name}"))
        else:
            self.stdout.write(f"Demo agency already there ({site.site_name}); kept as it is.")
