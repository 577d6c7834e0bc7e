"""A Wagtail search backend for Thai, used by the admin and by the public search.

It works on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm) alike and is chosen by the
database in use, with no configuration: see migration 0002 and query.py.
"""

from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from modelsearch.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
)
from modelsearch.backends.database.sqlite.sqlite import ObjectIndexer
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from prongsai.search import query as thai_query
from prongsai.search.entries import attributes_for
from prongsai.search.models import SearchEntry
from prongsai.search.text import normalize, query_terms, words


def entry_values(obj, backend):
    indexer = ObjectIndexer(obj, backend)
    title = normalize(indexer.title)
    body = normalize(" ".join(part for part in (indexer.body, indexer.autocomplete) if part))
    return {
        "title": title,
        "body": body,
        "words": words(title + " " + body),
        **attributes_for(obj),
    }


class ThaiIndex(BaseIndex):
    def add_model(self, model):
        pass

    def refresh(self):
        pass

    def reset(self):
        SearchEntry.objects.all().delete()

    def add_item(self, obj):
        self.add_items(type(obj), [obj])

    def add_items(self, model, objs):
        if not model.get_search_fields():
            return
        content_type_id = get_content_type_pk(model)
        with transaction.atomic():
            for obj in objs:
                SearchEntry.objects.update_or_create(
                    content_type_id=content_type_id,
                    object_id=str(obj.pk),
                    defaults=entry_values(obj, self.backend),
                )

    def delete_item(self, obj):
        SearchEntry.objects.filter(
            content_type_id=get_content_type_pk(type(obj)), object_id=str(obj.pk)
        ).delete()


def flatten_terms(search_query):
    """The literal terms of a Wagtail query object; every term must match."""
    if isinstance(search_query, PlainText | Phrase):
        return query_terms(search_query.query_string)
    if isinstance(search_query, And | Or):
        terms = []
        for sub in search_query.subqueries:
            terms += [t for t in flatten_terms(sub) if t not in terms]
        return terms
    if isinstance(search_query, Not):
        return []
    return []


class ThaiQueryCompiler(BaseSearchQueryCompiler):
    HANDLES_ORDER_BY_EXPRESSIONS = True

    def matching_object_ids(self, terms):
        entries = SearchEntry.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(self.queryset.model)
        )
        return thai_query.filter_matching(entries, terms).values("object_id")

    def search(self, start, stop, score_field=None):
        if isinstance(self.query, MatchAll):
            return self.queryset[start:stop]
        terms = flatten_terms(self.query)
        if not terms:
            return self.queryset.none()
        queryset = self.queryset.filter(pk__in=self.matching_object_ids(terms))
        if self.order_by_relevance:
            queryset = self.order_by_rank(queryset, terms, score_field or "_score")
        elif not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset[start:stop]

    def order_by_rank(self, queryset, terms, score_field):
        hits = thai_query.ranked(
            SearchEntry.objects.filter(
                content_type_id__in=get_descendants_content_types_pks(self.queryset.model)
            ),
            terms,
        )
        ranks = [
            When(pk=int(hit.entry.object_id), then=Value(len(hits) - position))
            for position, hit in enumerate(hits)
            if hit.entry.object_id.isdigit()
        ]
        if not ranks:
            return queryset.order_by("-pk")
        queryset = queryset.annotate(
            **{score_field: Case(*ranks, default=Value(0), output_field=IntegerField())}
        )
        return queryset.order_by(f"-{score_field}", "-pk")


class ThaiSearchResults(BaseSearchResults):
    supports_facet = False

    def _do_search(self):
        return list(
            self.query_compiler.search(self.start, self.stop, score_field=self._score_field)
        )

    def _do_count(self):
        return self.query_compiler.search(None, None).count()


class ThaiSearchBackend(BaseSearchBackend):
    query_compiler_class = ThaiQueryCompiler
    autocomplete_query_compiler_class = ThaiQueryCompiler
    index_class = ThaiIndex
    results_class = ThaiSearchResults
    rebuilder_class = None

    def __init__(self, params):
        super().__init__(params)
        self.config = None
        self.autocomplete_config = None


SearchBackend = ThaiSearchBackend
