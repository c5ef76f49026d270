"""Technique search: one engine, the same on SQLite and PostgreSQL.

The published library is turned into a small in-memory index once per library state
(routines/state.py; the synonyms are part of the library) and kept in each process and in
the cache (`memo_cached`): a few hundred curated techniques take a few hundred kilobytes
and tens of milliseconds to index, and a search then costs well under a millisecond of
Python. Because nothing is left to the database's text search, SQLite and PostgreSQL give
the same results in the same order.

How a query is read (`parse`):

1. Words are lowercased, accents folded ("épaule" = "epaule") and stemmed (Snowball,
   English: "runners" = "runner", "headaches" = "headache").
2. The longest phrases in the synonym table are read first ("it band", "tech neck",
   "tennis ball", "épaule"), so a stop word inside one still counts. Each phrase or
   remaining word is a *concept*: a set of alternative phrases (its own words, its
   synonyms' meanings, followed through other synonyms), any of which may match.
3. Stop words ("the", "for", "de"…) are dropped. Words that name a condition the library
   states its suitability for ("pregnant", "osteoporosis", "clot") filter the results to
   techniques that suit it, and only then rank: a contraindicated technique can never
   come first for "pregnant".

How techniques are ranked (`SearchIndex.search`): each field has a weight (name 10;
tissues, regions and indications 6; summary, equipment and actions 3; cues and mistakes
1; contraindications and cautions are never searched). A concept scores the best weight
where one of its alternatives occurs, as whole words in order (a synonym's meaning
counts 0.9, the start of a word 0.7, a word one or two letters off 0.5). Techniques that
match every concept come first; when fewer than five do, those that match most
concepts follow, and the page says so. Within a number of concepts matched, more concepts
matched without typo tolerance always rank first, so a fuzzy match never drowns an exact
or synonym one. A phrase of the whole query in a name adds a bonus.
"""

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .caching import make_key, memo_cached
from .models import (
    SUITABILITY_CONDITIONS,
    TRIMESTERS,
    Position,
    SearchSynonym,
    Suits,
    Technique,
    flat_suitability,
)
from .state import library_version

MAX_QUERY_LENGTH = 200
MAX_WORDS = 8
WORD = re.compile(r"\w+", re.UNICODE)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# Field weights (see the module's docstring). The index keeps one text per weight.
WEIGHTS = (10.0, 6.0, 3.0, 1.0)
SYNONYM_FACTOR = 0.9
PREFIX_FACTOR = 0.7
FUZZY_FACTOR = 0.5
PHRASE_BONUS = 8.0
# A query of condition words only: a technique that plainly suits comes before one with care.
SUITS_YES_BONUS = 1.0
# A word in several fields, or several of a concept's alternatives in one technique, add
# this share of their weight to the best one's.
ECHO = 0.25
# The score of a word found in a set of fields (a bitmask over WEIGHTS).
FIELDS_SCORE = tuple(
    max(found, default=0.0) + ECHO * (sum(found) - max(found, default=0.0))
    for found in ([w for bit, w in enumerate(WEIGHTS) if mask & (1 << bit)] for mask in range(16))
)
# Fewer matches of every concept than this and the closest partial matches follow.
FALLBACK_BELOW = 5
# How far a synonym is followed through other synonyms ("shin splints" → "shin" → …).
SYNONYM_DEPTH = 4
MIN_PREFIX = 3

_STOP = (
    # English
    "a an and are as at be by for from how i in into is it its me my of on or so the to "
    "up what with without your you do does can "
    # French
    "à au aux avec ce ces dans de des du en et la le les leur ma mes mon ou par pour "
    "sa se ses son sur ta tes ton un une"
)

# Query words that name a condition the library states its suitability for: they filter
# (only techniques that suit it, yes or with care) and rank, never rank alone.
CONDITION_WORDS = {
    "pregnancy": "pregnant pregnancy prenatal antenatal expecting enceinte grossesse "
    "prénatal trimester trimestre",
    "osteoporosis": "osteoporosis osteoporotic osteopenia ostéoporose ostéopénie",
    "clot_risk": "clot clots dvt thrombosis thrombose embolism phlébite phlebitis",
}


# ---------------------------------------------------------------------------- words


def clean_query(q: str) -> str:
    """Free text from a query string, safe to filter on: bounded, no control characters
    (PostgreSQL refuses NUL in a string)."""
    return CONTROL.sub(" ", (q or "")[:MAX_QUERY_LENGTH]).strip()


def fold(text: str) -> str:
    """Lowercase with accents folded: "Épaule" → "epaule"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_STEMMER = snowballstemmer.stemmer("english")
# French text (the library's translations) is stemmed by Snowball's French stemmer, the
# algorithm of PostgreSQL's `french` text search configuration, here in Python so that
# SQLite and PostgreSQL still give the same results.
_STEMMER_FR = snowballstemmer.stemmer("french")


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


@lru_cache(maxsize=50_000)
def stem_fr(word: str) -> str:
    return _STEMMER_FR.stemWord(word)


def words(text: str) -> list[str]:
    """The folded words of a text (letters and digits; "_" is not a word)."""
    return [w for w in WORD.findall(fold(text)) if w.strip("_")]


def stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words(text))


def query_words(q: str) -> list[str]:
    """The searchable words of a query: a bounded number, each bounded."""
    return [w[:40] for w in words((q or "")[:MAX_QUERY_LENGTH])][:MAX_WORDS]


STOP_WORDS = frozenset(words(_STOP))
CONDITION_STEMS = {
    stem(w): condition for condition, text in CONDITION_WORDS.items() for w in words(text)
}

CONDITION_PHRASES = {
    condition: tuple((s,) for s in sorted({stem(w) for w in words(text)}))
    for condition, text in CONDITION_WORDS.items()
}


# ---------------------------------------------------------------------------- texts


def technique_texts_fr(entry: dict) -> tuple[list[str], list[str], list[str], list[str]]:
    """The same texts in French (`entry["fr"]`: the technique's French fields and its
    vocabulary's French names), for the French stemmer; empty without a translation."""
    return technique_texts(entry.get("fr") or {})


def technique_texts(entry: dict) -> tuple[list[str], list[str], list[str], list[str]]:
    """A technique's searchable texts by weight, from its exchange-format dict with the
    names of its regions, equipment and actions in `region_names`, `equipment_names` and
    `action_names`, and its position's in `position_name`."""
    return (
        [entry.get("name", "")],
        [*entry.get("tissues", []), *entry.get("region_names", []), *entry.get("indications", [])],
        [
            entry.get("summary", ""),
            *entry.get("equipment_names", []),
            *entry.get("action_names", []),
            entry.get("position_name", ""),
        ],
        [*entry.get("cues", []), *entry.get("mistakes", [])],
    )


def joined(texts) -> str:
    """Texts as one string of stems, each text padded and apart, for whole-phrase tests:
    `" a b "` in it is the phrase "a b" inside one text."""
    return " | ".join(_padded_stems(t) for t in texts if isinstance(t, str))


@lru_cache(maxsize=20_000)
def _padded_stems(text: str) -> str:
    return " " + " ".join(stems(text)) + " "


def joined_fr(texts) -> str:
    """`joined` for French texts: French stems."""
    return " | ".join(_padded_stems_fr(t) for t in texts if isinstance(t, str))


@lru_cache(maxsize=20_000)
def _padded_stems_fr(text: str) -> str:
    return " " + " ".join(stem_fr(w) for w in words(text)) + " "


def contains(text: str, phrase: tuple[str, ...]) -> bool:
    return f" {' '.join(phrase)} " in text


# ---------------------------------------------------------------------------- synonyms


def synonym_table(entries) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """{term's stems: [each meaning's stems]} from (term, means) pairs, both languages
    together (a French term and an English one never spell the same)."""
    table: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for term, means in entries:
        key = stems(term)
        if key:
            table.setdefault(key, [])
            table[key] += [m for m in (stems(p) for p in means) if m and m not in table[key]]
    return table


def expand(table, term: tuple[str, ...]) -> list[tuple[str, ...]]:
    """Every phrase a term means, following meanings that are themselves terms (breadth
    first, bounded; loops are refused when synonyms are saved, and ignored here)."""
    found: list[tuple[str, ...]] = []
    seen = {term}
    frontier = [term]
    for _depth in range(SYNONYM_DEPTH):
        following = []
        for phrase in frontier:
            for meaning in table.get(phrase, []):
                if meaning not in seen:
                    seen.add(meaning)
                    found.append(meaning)
                    following.append(meaning)
        frontier = following
    return found


def synonym_loops(table) -> list[list[tuple[str, ...]]]:
    """Each cycle of terms through their meanings (a → b → a), once."""
    loops, done = [], set()

    def visit(term, path):
        for meaning in table.get(term, []):
            if meaning in path:
                cycle = [*path[path.index(meaning) :], meaning]
                if frozenset(cycle) not in done:
                    done.add(frozenset(cycle))
                    loops.append(cycle)
            elif meaning in table and len(path) < 20:
                visit(meaning, [*path, meaning])

    for term in table:
        visit(term, [term])
    return loops


def synonym_problems(entries, library_text: str) -> list[str]:
    """What is wrong with a set of synonyms, each problem naming its term: empty terms or
    meanings, a term given twice in a language, a meaning that is neither another term nor
    words of the library (`library_text`, from `library_corpus`), and loops. The admin and
    `load_library` both refuse a set with problems."""
    problems = []
    seen = set()
    pairs = []
    for term, language, means in entries:
        label = f"“{term}”"
        if not stems(term):
            problems.append(_("Synonym %(term)s: give a word or a phrase.") % {"term": label})
            continue
        if (fold(term).strip(), language) in seen:
            problems.append(_("Synonym %(term)s: given twice in one language.") % {"term": label})
        seen.add((fold(term).strip(), language))
        if not means:
            problems.append(
                _("Synonym %(term)s: say what it means (at least one phrase).") % {"term": label}
            )
        pairs.append((term, means))
    table = synonym_table(pairs)
    for term, means in pairs:
        for meaning in means:
            key = stems(meaning)
            if not key:
                problems.append(
                    _("Synonym “%(term)s”: the meaning “%(meaning)s” has no words.")
                    % {"term": term, "meaning": meaning[:60]}
                )
            elif key not in table and not contains(library_text, key):
                problems.append(
                    _(
                        "Synonym “%(term)s”: “%(meaning)s” points at nothing: no technique, "
                        "region, tool or action says it, and it is no other synonym."
                    )
                    % {"term": term, "meaning": meaning[:60]}
                )
    for cycle in synonym_loops(table):
        problems.append(
            _("Synonyms loop: %(cycle)s. A synonym may not lead back to itself.")
            % {"cycle": " → ".join(" ".join(phrase) for phrase in cycle)}
        )
    return problems


def library_corpus(entries) -> str:
    """All the searchable text of these techniques (dicts, see technique_texts) as one
    string of stems, for `contains` tests."""
    return " | ".join(
        joined(text for texts in technique_texts(e) for text in texts) for e in entries
    )


# ---------------------------------------------------------------------------- the index


@dataclass
class Doc:
    pk: int
    name: str
    texts: tuple[str, str, str, str]  # joined stems per weight
    suits: dict[str, str]


@dataclass
class SearchIndex:
    docs: list[Doc]
    postings: dict[str, dict[int, int]]  # stem → {doc index: bitmask of the fields it is in}
    vocabulary: list[str]  # sorted stems, for prefixes
    synonyms: dict[tuple[str, ...], list[tuple[str, ...]]]
    longest_term: int
    fuzzy_terms: list[str]  # stems and one-word synonym terms, for typos

    @classmethod
    def build(cls, entries, synonyms) -> "SearchIndex":
        """`entries`: dicts with "pk", "suitability" and the fields of technique_texts;
        `synonyms`: (term, means) pairs."""
        docs, postings = [], {}
        for i, entry in enumerate(entries):
            english, french = technique_texts(entry), technique_texts_fr(entry)
            texts = tuple(
                joined(en) + (" | " + joined_fr(fr) if fr else "")
                for en, fr in zip(english, french, strict=True)
            )
            docs.append(
                Doc(entry["pk"], entry["name"], texts, flat_suitability(entry["suitability"]))
            )
            for weight, text in enumerate(texts):
                for s in text.split():
                    if s != "|":
                        fields = postings.setdefault(s, {})
                        fields[i] = fields.get(i, 0) | (1 << weight)
        table = synonym_table(synonyms)
        single_terms = {t[0] for t in table if len(t) == 1}
        return cls(
            docs=docs,
            postings=postings,
            vocabulary=sorted(postings),
            synonyms=table,
            longest_term=max((len(t) for t in table), default=1),
            fuzzy_terms=sorted(set(postings) | single_terms),
        )

    # -- matching one phrase ---------------------------------------------------

    def phrase_hits(self, phrase: tuple[str, ...], factor: float) -> dict[int, float]:
        """{doc: score} where the phrase occurs as whole words in order."""
        lists = [self.postings.get(s) for s in phrase]
        if not all(lists):
            return {}
        if len(phrase) == 1:
            return {d: FIELDS_SCORE[mask] * factor for d, mask in lists[0].items()}
        candidates = set(lists[0]).intersection(*lists[1:])
        hits = {}
        for d in candidates:
            mask = sum(
                1 << w for w, text in enumerate(self.docs[d].texts) if contains(text, phrase)
            )
            if mask:
                hits[d] = FIELDS_SCORE[mask] * factor
        return hits

    def prefix_hits(self, word: str) -> dict[int, float]:
        """{doc: score} for words that start with `word` ("scap" → "scapula")."""
        hits: dict[int, float] = {}
        start = bisect.bisect_left(self.vocabulary, word)
        for s in self.vocabulary[start : start + 200]:
            if not s.startswith(word):
                break
            for d, mask in self.postings[s].items():
                hits[d] = max(hits.get(d, 0.0), FIELDS_SCORE[mask] * PREFIX_FACTOR)
        return hits

    def fuzzy_alternatives(self, word: str) -> list[str]:
        """Known stems one letter off (two for long words); none for short words."""
        if len(word) < 4:
            return []
        limit = 1 if len(word) < 7 else 2
        found = process.extract(
            word, self.fuzzy_terms, scorer=Levenshtein.distance, score_cutoff=limit, limit=5
        )
        return [term for term, _distance, _i in found if term != word]

    # -- a query ---------------------------------------------------------------

    def parse(self, q: str) -> "Query":
        raw = query_words(q)
        folded = [stem(w) for w in raw]
        concepts, conditions = [], []
        i = 0
        while i < len(raw):
            for length in range(min(self.longest_term, len(raw) - i), 0, -1):
                key = tuple(folded[i : i + length])
                if key in self.synonyms and not (length == 1 and raw[i] in STOP_WORDS):
                    concepts.append(Concept(" ".join(raw[i : i + length]), key, synonym=True))
                    i += length
                    break
            else:
                word = raw[i]
                i += 1
                if word in STOP_WORDS:
                    continue
                condition = CONDITION_STEMS.get(stem(word))
                if condition:
                    conditions.append(condition)
                also = CONDITION_PHRASES.get(condition, ()) if condition else ()
                # The word as French text is stemmed too: "épaules" finds "épaule".
                french = (stem_fr(word),) if stem_fr(word) != stem(word) else None
                concepts.append(
                    Concept(
                        word,
                        (stem(word),),
                        optional=bool(condition),
                        also=also,
                        french=french,
                    )
                )
        return Query(q, concepts, sorted(set(conditions)))

    def concept_hits(self, concept: "Concept") -> dict[int, tuple[float, bool]]:
        """{doc: (score, exact)}: a concept's best alternative in each doc, plus a share of
        the others it also matches (a technique that says the words and their synonyms is
        more about them than one that says one synonym); exact unless only typos match."""
        best: dict[int, tuple[float, bool]] = {}
        found: dict[int, list[float]] = {}

        def add(hits, exact):
            for d, score in hits.items():
                old = best.get(d)
                if old is None or (exact, score) > (old[1], old[0]):
                    best[d] = (score, exact)
                found.setdefault(d, []).append(score)

        add(self.phrase_hits(concept.phrase, 1.0), True)
        if concept.french:
            add(self.phrase_hits(concept.french, 1.0), True)
        for phrase in concept.also:
            add(self.phrase_hits(phrase, SYNONYM_FACTOR), True)
        for meaning in expand(self.synonyms, concept.phrase):
            add(self.phrase_hits(meaning, SYNONYM_FACTOR), True)
        if len(concept.phrase) == 1 and not concept.synonym:
            word = fold(concept.text)
            if len(word) >= MIN_PREFIX:
                add(self.prefix_hits(word), True)
            if not best:
                for term in self.fuzzy_alternatives(concept.phrase[0]):
                    add(self.phrase_hits((term,), FUZZY_FACTOR), False)
                    for meaning in expand(self.synonyms, (term,)):
                        add(self.phrase_hits(meaning, FUZZY_FACTOR), False)
        return {
            d: (score + ECHO * (sum(found[d]) - score), exact) for d, (score, exact) in best.items()
        }

    def search(self, q: str, allowed: set[int] | None = None) -> "Results":
        """The ranked results of q among the docs (those with pk in `allowed` when given)."""
        query = self.parse(q)
        required = [c for c in query.concepts if not c.optional]
        eligible = [
            d
            for d, doc in enumerate(self.docs)
            if (allowed is None or doc.pk in allowed) and suits_all(doc.suits, query.conditions)
        ]
        eligible_set = set(eligible)
        matched: dict[int, list] = {}  # doc → [concepts matched, exact ones, score]
        for concept in query.concepts:
            for d, (score, exact) in self.concept_hits(concept).items():
                if d not in eligible_set:
                    continue
                row = matched.setdefault(d, [0, 0, 0.0])
                if not concept.optional:
                    row[0] += 1
                    row[1] += exact
                row[2] += score
        if not required:  # only condition words: every technique that suits, best first
            rows = [(d, matched.get(d, [0, 0, 0.0])) for d in eligible]
            if not query.conditions:
                rows = []
            for d, row in rows:  # a plain "yes" before "with care"
                row[2] += SUITS_YES_BONUS * suits_plainly(self.docs[d].suits, query.conditions)
        else:
            rows = [(d, row) for d, row in matched.items() if row[0] > 0]
        phrase = tuple(c for concept in required for c in concept.phrase)
        if len(phrase) > 1:
            for d, row in rows:
                if contains(self.docs[d].texts[0], phrase):
                    row[2] += PHRASE_BONUS
        rows.sort(key=lambda item: (-item[1][0], -item[1][1], -item[1][2], self.docs[item[0]].name))
        everything = sum(1 for _d, row in rows if row[0] == len(required))
        close = len(required) > 1 and everything < FALLBACK_BELOW
        if not close:
            rows = [(d, row) for d, row in rows if row[0] == len(required)]
        return Results(
            pks=[self.docs[d].pk for d, _row in rows],
            query=query,
            matching_every_word=everything,
            close_matches=close and len(rows) > everything,
        )


@dataclass
class Concept:
    text: str  # as typed (folded)
    phrase: tuple[str, ...]  # stems
    synonym: bool = False
    optional: bool = False  # a condition word: filters, and ranks, but is not required
    also: tuple = ()  # other phrases that count as the word itself (a condition's words)
    french: tuple | None = None  # its French stem, where it differs from the English one


@dataclass
class Query:
    text: str
    concepts: list[Concept]
    conditions: list[str]  # "pregnancy", "osteoporosis", "clot_risk"


@dataclass
class Results:
    pks: list[int]
    query: Query
    matching_every_word: int = 0
    close_matches: bool = False


def suits_plainly(suits: dict[str, str], conditions) -> int:
    """How many of the conditions a technique suits with no "with care"."""
    return sum(
        all(suits.get(key) == Suits.YES for key in condition_keys(condition))
        for condition in conditions
    )


def condition_keys(condition: str) -> list[str]:
    if condition == "pregnancy":
        return [f"pregnancy-{t}" for t in TRIMESTERS]
    return [condition]


def suits_all(suits: dict[str, str], conditions) -> bool:
    """Whether a technique suits every condition (yes or with care; pregnancy in every
    trimester). Not stated counts as not suiting."""
    for condition in conditions:
        if any(suits.get(key) not in (Suits.YES, Suits.CARE) for key in condition_keys(condition)):
            return False
    return True


# ---------------------------------------------------------------------------- the library


def published_entries() -> list[dict]:
    """The published techniques as the index reads them: 4 queries."""
    entries = []
    techniques = Technique.objects.published().only(
        "pk",
        "name",
        "summary",
        "position",
        "tissues",
        "indications",
        "cues",
        "mistakes",
        "suitability",
        "translations",
    )
    with translation.override("fr"):
        positions_fr = {code: str(label) for code, label in Position.choices}
    for t in techniques.prefetch_related("regions", "actions", "equipment"):
        regions, equipment, actions = t.regions.all(), t.equipment.all(), t.actions.all()
        entries.append(
            {
                "pk": t.pk,
                "name": t.name,
                "position_name": str(Position(t.position).label) if t.position else "",
                "summary": t.summary,
                "tissues": t.tissues,
                "indications": t.indications,
                "cues": t.cues,
                "mistakes": t.mistakes,
                "suitability": t.suitability,
                "region_names": [r.name for r in regions],
                "equipment_names": [e.name for e in equipment],
                "action_names": [a.name for a in actions],
                # The French texts where there are some (English fills no gap here: it
                # is indexed already).
                "fr": {
                    **(t.translations or {}).get("fr", {}),
                    "position_name": positions_fr.get(t.position, ""),
                    "region_names": [
                        (r.translations or {}).get("fr", {}).get("name", "") for r in regions
                    ],
                    "equipment_names": [
                        (e.translations or {}).get("fr", {}).get("name", "") for e in equipment
                    ],
                    "action_names": [
                        (a.translations or {}).get("fr", {}).get("name", "") for a in actions
                    ],
                },
            }
        )
    return entries


def synonym_pairs() -> list[tuple[str, list[str]]]:
    return [(s.term, list(s.means)) for s in SearchSynonym.objects.all()]


def build_index() -> SearchIndex:
    # In English whatever the request's language: one index per library state for all.
    with translation.override("en"):
        return SearchIndex.build(published_entries(), synonym_pairs())


def search_index() -> SearchIndex:
    """The index of the library as it is now: built once per library state."""
    return memo_cached(make_key("search-index", library_version()), build_index)


def search_library(q: str, queryset=None) -> Results | None:
    """The published techniques matching `q`, best first, among `queryset`'s when it is
    given (the filters); None when `q` holds no word to search for."""
    if not query_words(q):
        return None
    allowed = None if queryset is None else set(queryset.values_list("pk", flat=True))
    return search_index().search(q, allowed)


def results_summary(results: Results | None) -> dict:
    """What a results page says about a search, as plain values that cache well."""
    if results is None:
        return {"searching": False}
    query = results.query
    return {
        "searching": True,
        "query": query.text,
        "searched_words": [c.text for c in query.concepts if not c.optional],
        "conditions": [str(SUITABILITY_CONDITIONS[c]) for c in query.conditions],
        "matching_every_word": results.matching_every_word,
        "close_matches": results.close_matches,
        "nothing_to_search": not query.concepts,
    }
