"""Technique search.

PostgreSQL: a stored, weighted full-text document (name, then tissues and regions,
then summary, then instructions; GIN-indexed) with every word matched as a prefix,
plus trigram word similarity on name, tissues and regions (GIN-indexed) for typos.
Each of the two is its own indexed subquery; only the techniques they find are ranked.
SQLite: every word must appear in the name, tissues, regions or summary.
"""

import re

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import F, Q, TextField
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
WORD = re.compile(r"\w+", re.UNICODE)


CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_query(q: str) -> str:
    """Free text from a query string, safe to filter on: bounded, no control characters
    (PostgreSQL refuses NUL in a string)."""
    return CONTROL.sub(" ", (q or "")[:MAX_QUERY_LENGTH]).strip()


def query_words(q: str) -> list[str]:
    """The searchable words of a query: letters and digits only, a bounded number."""
    words = WORD.findall((q or "")[:MAX_QUERY_LENGTH].lower())
    return [w[:40] for w in words if w.strip("_")][:MAX_WORDS]


def search_terms(name: str, tissues: list[str], region_names: str) -> str:
    """The text that word and typo matching look in."""
    return " ".join([name, *tissues, region_names.replace(",", " ")]).lower()


def document():
    return (
        SearchVector("name", weight="A", config="english")
        + SearchVector(Cast("tissues", TextField()), "region_names", weight="B", config="english")
        + SearchVector("summary", weight="C", config="english")
        + SearchVector(Cast("instructions", TextField()), weight="D", config="english")
    )


def index_techniques(queryset) -> None:
    """Store the full-text document of these techniques (PostgreSQL only)."""
    if connection.vendor == "postgresql":
        queryset.update(search_vector=document())


def search_techniques(queryset, q: str):
    """(techniques matching q, whether a search was made), best matches first."""
    words = query_words(q)
    if not words:
        return queryset, False
    if connection.vendor == "postgresql":
        return _postgres(queryset, words), True
    return _fallback(queryset, words), True


def _postgres(queryset, words):
    # Every word as a prefix, so "levator scap" finds "levator scapulae".
    query = SearchQuery(" & ".join(f"{w}:*" for w in words), search_type="raw", config="english")
    phrase = " ".join(words)
    # The two conditions as separate subqueries, each answered by its GIN index: ORed in
    # one WHERE they made PostgreSQL compute word similarity on every row (10 ms at 570
    # techniques). The fuzzy one goes through technique_fuzzy_matches (migration 0007),
    # which reads the trigram index whatever the planner guesses.
    full_text = queryset.model.objects.filter(search_vector=query).values("pk")
    fuzzy = RawSQL("SELECT technique_fuzzy_matches(%s)", (phrase,))
    return (
        queryset.filter(Q(pk__in=full_text) | Q(pk__in=fuzzy))
        .annotate(
            relevance=SearchRank(F("search_vector"), query)
            + TrigramWordSimilarity(phrase, "search_terms")
        )
        .order_by("-relevance", "name")
    )


def _fallback(queryset, words):
    condition = Q()
    for word in words:
        condition &= Q(search_terms__icontains=word) | Q(summary__icontains=word)
    return queryset.filter(condition).order_by("name")
