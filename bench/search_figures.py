"""The search engine's own figures on the bench library (starter library plus the seeded
variants), in this process: building the index for a new library state (what the first
search after a change pays, once, in one process; the others read it from Redis), and
ranking each judged query of the search-quality test on the built index (what a search
whose ids are not cached yet pays). Prints one JSON object.

Run by bench/run.py with the bench environment.
"""

import json
import statistics
import time
from pathlib import Path

from seed import setup_django

CASES = Path(__file__).resolve().parents[1] / "tests" / "routines" / "search_quality_cases.json"


def main() -> None:
    setup_django()
    from routines.models import Technique
    from routines.search import build_index

    builds = []
    for _ in range(3):
        started = time.perf_counter()
        index = build_index()
        builds.append((time.perf_counter() - started) * 1000)
    queries = [case["q"] for case in json.loads(CASES.read_text())]
    times = []
    for q in queries:
        index.search(q)  # the first run of a word fills the stemmer's cache
        started = time.perf_counter()
        index.search(q)
        times.append((time.perf_counter() - started) * 1000)
    print(
        json.dumps(
            {
                "published": Technique.objects.published().count(),
                "build_ms": round(statistics.median(builds), 1),
                "queries": len(queries),
                "query_median_ms": round(statistics.median(times), 2),
                "query_max_ms": round(max(times), 2),
            }
        )
    )


if __name__ == "__main__":
    main()
