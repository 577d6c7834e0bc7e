"""A Wagtail search backend for Thai, used by the admin and by the public search.

It works on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm) alike and is chosen by the
database in use, with no configuration: see migration 0002 and query.py.
"""

from django.db import transaction
from django.db.models import BigIntegerField, Case, IntegerField, Manager, Value, When
from django.db.models.functions import Cast
from django.utils.encoding import force_str
from modelsearch.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
)
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import And, MatchAll, Not, Or, Phrase, PlainText
from modelsearch.utils import get_content_type_pk, get_descendants_content_types_pks

from prongsai.search import query as thai_query
from prongsai.search.entries import attributes_for
from prongsai.search.models import SearchEntry
from prongsai.search.text import normalize, query_terms, words


def _text(value):
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return ", ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(_text(item) for item in value.values())
    return "" if value is None else force_str(value)


def _field_texts(obj, fields):
    """(field, text) for every SearchField/AutocompleteField, following RelatedFields."""
    for field in fields:
        if isinstance(field, SearchField | AutocompleteField):
            yield field, _text(field.get_value(obj))
        elif isinstance(field, RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            if isinstance(related, Manager):
                related = related.all()
            elif callable(related):
                related = [related()]
            else:
                related = [related]
            for item in related:
                yield from _field_texts(item, field.fields)


def entry_values(obj, backend=None):
    title_parts, body_parts = [], []
    for field, text in _field_texts(obj, obj.get_search_fields()):
        if not text:
            continue
        if isinstance(field, SearchField) and field.field_name == "title":
            title_parts.append(text)
        elif text not in body_parts:
            body_parts.append(text)
    title = normalize(" ".join(title_parts))
    body = normalize(" ".join(body_parts))
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


def _has_integer_pk(model):
    field = model._meta.pk
    while getattr(field, "target_field", None) is not None and field.is_relation:
        field = field.target_field
    return field.get_internal_type() in {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "PositiveIntegerField",
        "PositiveBigIntegerField",
    }


class ThaiQueryCompiler(BaseSearchQueryCompiler):
    HANDLES_ORDER_BY_EXPRESSIONS = True

    def _get_filters_from_queryset(self, check_only=False):
        # The database runs the queryset as it is, so every filter works; the stock check
        # knows only plain field lookups and raised on the trash's Exists() (the page chooser's
        # search answered 500).
        return None

    def matching_object_ids(self, terms):
        entries = SearchEntry.objects.filter(
            content_type_id__in=get_descendants_content_types_pks(self.queryset.model)
        )
        matching = thai_query.filter_matching(entries, terms, nested=True)
        if _has_integer_pk(self.queryset.model):
            # object_id is text (any model may be indexed); PostgreSQL will not compare the two
            return matching.annotate(oid=Cast("object_id", BigIntegerField())).values("oid")
        return matching.values("object_id")

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
