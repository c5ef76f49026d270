"""Technique search: weighted full-text plus trigram similarity on PostgreSQL,
a plain word match on SQLite."""

import re

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import F, FloatField, Q, TextField, Value
from django.db.models.functions import Cast, Coalesce, Greatest

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
WORD = re.compile(r"\w+", re.UNICODE)
TRIGRAM_THRESHOLD = 0.45


def query_words(q: str) -> list[str]:
    """The searchable words of a query: letters and digits only, a bounded number."""
    words = WORD.findall((q or "")[:MAX_QUERY_LENGTH].lower())
    return [w[:40] for w in words if w.strip("_")][:MAX_WORDS]


def search_techniques(queryset, q: str):
    words = query_words(q)
    if not words:
        return queryset, False
    if connection.vendor == "postgresql":
        return _postgres(queryset, words), True
    return _fallback(queryset, words), True


def _postgres(queryset, words):
    vector = (
        SearchVector("name", weight="A", config="english")
        + SearchVector(Cast("tissues", TextField()), "region_names", weight="B", config="english")
        + SearchVector("summary", weight="C", config="english")
        + SearchVector(Cast("instructions", TextField()), weight="D", config="english")
    )
    # Every word as a prefix, so "levator scap" finds "levator scapulae".
    query = SearchQuery(" & ".join(f"{w}:*" for w in words), search_type="raw", config="english")
    phrase = " ".join(words)
    similarity = Greatest(
        TrigramWordSimilarity(phrase, "name"),
        TrigramWordSimilarity(phrase, Cast("tissues", TextField())),
        TrigramWordSimilarity(phrase, "region_names"),
    )
    return (
        queryset.annotate(
            document=vector,
            similarity=Coalesce(similarity, Value(0.0), output_field=FloatField()),
        )
        .filter(Q(document=query) | Q(similarity__gte=TRIGRAM_THRESHOLD))
        .annotate(relevance=SearchRank(vector, query) + F("similarity"))
        .order_by("-relevance", "name")
    )


def _fallback(queryset, words):
    condition = Q()
    for word in words:
        condition &= (
            Q(name__icontains=word)
            | Q(summary__icontains=word)
            | Q(region_names__icontains=word)
            | Q(tissues__icontains=word)
        )
    return queryset.filter(condition).order_by("name")
