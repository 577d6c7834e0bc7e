from django.contrib.contenttypes.models import ContentType
from django.db import models


class SearchEntry(models.Model):
    """One searchable object (a page or a document) as the Thai index sees it.

    `title` and `body` are normalised text (see text.py); SQLite keeps a trigram FTS5 table
    over them (migration 0002) and PostgreSQL trigram GIN indexes. `words` holds the
    word-segmented text used only to rank whole-word matches first.
    """

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    words = models.TextField(blank=True)
    # What the public search filters on
    path = models.CharField(max_length=255, blank=True, db_index=True)
    public = models.BooleanField(default=False)
    kind = models.CharField(max_length=30, blank=True)
    section_id = models.IntegerField(null=True, blank=True)
    department_id = models.IntegerField(null=True, blank=True)
    fiscal_year = models.IntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_type", "object_id"], name="unique_entry")
        ]
        indexes = [models.Index(fields=["public", "path"], name="search_public_path")]

    def __str__(self):
        return self.title[:80]
