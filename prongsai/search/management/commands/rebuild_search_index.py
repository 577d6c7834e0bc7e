import time

from django.core.management.base import BaseCommand
from modelsearch.index import get_indexed_models
from modelsearch.utils import get_content_type_pk
from wagtail.search.backends import get_search_backend

from prongsai.search.models import SearchEntry

CHUNK = 200


class Command(BaseCommand):
    help = (
        "Rebuild the Thai search index in small chunks, showing progress. Safe while the site "
        "serves: entries are replaced one chunk at a time and stale ones removed at the end."
    )

    def handle(self, *args, **options):
        backend = get_search_backend()
        started = time.monotonic()
        models = [m for m in get_indexed_models() if not m._meta.abstract]
        done = 0
        for number, model in enumerate(models, start=1):
            objects = model.get_indexed_objects().order_by("pk")
            total = objects.count()
            if not total:
                continue
            kept_ids = []
            for offset in range(0, total, CHUNK):
                chunk = list(objects[offset : offset + CHUNK])
                if hasattr(model, "specific_class") or hasattr(model, "get_indexed_instance"):
                    chunk = [obj.get_indexed_instance() or obj for obj in chunk]
                for obj in chunk:
                    backend.add(obj)
                    kept_ids.append(str(obj.pk))
                done += len(chunk)
                self.stdout.write(
                    f"[{number}/{len(models)}] {model._meta.label}: "
                    f"{min(offset + CHUNK, total)}/{total} "
                    f"({100 * min(offset + CHUNK, total) // total}%)"
                )
            SearchEntry.objects.filter(content_type_id=get_content_type_pk(model)).exclude(
                object_id__in=kept_ids
            ).delete()
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {done} objects in {time.monotonic() - started:.1f} s; "
                f"{SearchEntry.objects.count()} entries in the index."
            )
        )
