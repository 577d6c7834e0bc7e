import signal
import threading

from django.core.management.base import BaseCommand

from prongsai.core.worker import start_in_background


class Command(BaseCommand):
    help = "Run the background worker: queued tasks and timed jobs (publish, expiry, reminders)."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="queue poll, seconds")

    def handle(self, *args, **options):
        finished = threading.Event()
        stop = start_in_background(interval=options["interval"])

        def shutdown(signum, frame):
            stop()
            finished.set()

        signal.signal(signal.SIGINT, shutdown)
        signal.signal(signal.SIGTERM, shutdown)
        self.stdout.write("Prongsai worker running. Ctrl+C stops it.")
        finished.wait()
