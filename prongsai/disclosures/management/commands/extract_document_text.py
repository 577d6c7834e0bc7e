import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from prongsai.disclosures.documents import AgencyDocument
from prongsai.disclosures.extraction import TextStatus
from prongsai.disclosures.tasks import extract_and_store


class Command(BaseCommand):
    help = (
        "Read the text of uploaded documents now (OCR for scanned PDFs), one line per document. "
        "Without options: the documents still waiting (--pending)."
    )

    def add_arguments(self, parser):
        which = parser.add_mutually_exclusive_group()
        which.add_argument("--all", action="store_true", help="every document")
        which.add_argument("--pending", action="store_true", help="documents not read yet")
        parser.add_argument("--ids", nargs="+", type=int, metavar="ID", help="these documents")

    def handle(self, *args, **options):
        documents = AgencyDocument.objects.order_by("pk")
        if options["ids"]:
            documents = documents.filter(pk__in=options["ids"])
            missing = set(options["ids"]) - set(documents.values_list("pk", flat=True))
            if missing:
                raise CommandError(f"No document with id {', '.join(map(str, sorted(missing)))}")
        if options["pending"] or not (options["all"] or options["ids"]):
            documents = documents.filter(text_status=TextStatus.PENDING)
        targets = list(documents.values_list("pk", "title"))
        total = len(targets)
        counts = Counter()
        started = time.monotonic()
        for number, (pk, title) in enumerate(targets, start=1):
            began = time.monotonic()
            result = extract_and_store(pk)
            seconds = time.monotonic() - began
            if result is None:
                self.stdout.write(f"[{number}/{total}] #{pk} {title}: skipped (deleted or changed)")
                continue
            counts[result.status] += 1
            details = [TextStatus(result.status).label, f"{len(result.text):,} chars"]
            if result.page_count is not None:
                details.append(f"{result.page_count} pages")
            if result.is_scan:
                details.append("scan")
            details = ", ".join(map(str, details))
            line = f"[{number}/{total}] #{pk} {title}: {details} ({seconds:.1f} s)"
            if result.error:
                line += f" — {result.error}"
            self.stdout.write(line)
        summary = ", ".join(f"{TextStatus(s).label} {n}" for s, n in sorted(counts.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"{total} document(s) in {time.monotonic() - started:.1f} s"
                + (f": {summary}" if summary else "")
            )
        )
