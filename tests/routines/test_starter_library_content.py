"""The starter library's content rules (issue 14), read straight from the JSON file: no
database, so the whole library is checked in about a second.

Each rule is a plain function that returns the problems it finds, each naming the
technique (or synonym) at fault. The library tests assert that it finds none; the
negative tests break one copied entry on purpose and assert that the rule reports it, so
no rule can pass by never looking."""

import copy
import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import snowballstemmer

ROOT = Path(__file__).resolve().parents[2]
PATH = ROOT / "routines" / "library" / "starter_library.json"
RAW = PATH.read_text()
LIBRARY = json.loads(RAW)
TECHNIQUES = LIBRARY["techniques"]
PUBLISHED = [t for t in TECHNIQUES if t["status"] == "published"]
BY_SLUG = {t["slug"]: t for t in TECHNIQUES}

TOP_LEVEL_KEYS = [
    "format",
    "version",
    "regions",
    "equipment",
    "actions",
    "progressions",
    "synonyms",
    "techniques",
]
TECHNIQUE_KEYS = [
    "slug",
    "name",
    "summary",
    "status",
    "regions",
    "tissues",
    "actions",
    "equipment",
    "position",
    "duration_seconds",
    "per_side",
    "level",
    "intensity",
    "instructions",
    "cues",
    "mistakes",
    "cautions",
    "contraindications",
    "indications",
    "suitability",
    "progression",
    "progression_level",
    "image",
    "image_end",
    "stations",
    "video_url",
    "translations",
]
POSITIONS = {
    "supine",
    "prone",
    "side-lying",
    "seated",
    "standing",
    "wall",
    "kneeling",
    "all-fours",
    "chair",
}
LEVELS = ["beginner", "intermediate", "advanced"]
INTENSITIES = ["gentle", "moderate", "deep"]
STATUSES = {"draft", "submitted", "published", "retired"}
VALUES = {"yes", "care", "no"}
TRIMESTERS = ("first", "second", "third")
BALLS = {
    "therapy-ball",
    "ball-pair-tote",
    "large-soft-ball",
    "firm-ball",
    "lacrosse-ball",
    "spiky-ball",
}
SMALL_BALLS = BALLS - {"large-soft-ball"}
SOFT_TOOLS = {"spiky-ball", "large-soft-ball"}
LEG_REGIONS = {"ankle-and-calf", "back-of-thigh", "inner-thigh", "front-of-thigh", "shin"}
SPINE_REGIONS = {
    "low-back",
    "upper-back",
    "between-shoulder-blades",
    "back-of-neck",
    "sacrum-and-pelvis",
}
RECENT_INJURY = "Recent injury or surgery"


def notes(t) -> list[str]:
    """What a teacher reads beside the steps: cues, mistakes, cautions, contraindications."""
    return t["cues"] + t["mistakes"] + t["cautions"] + t["contraindications"]


def safety(t) -> list[str]:
    return t["contraindications"] + t["cautions"]


# --- Completeness ---------------------------------------------------------------------------


def completeness_problems(t) -> list[str]:
    """A published technique can be taught from its page alone."""
    slug, problems = t["slug"], []
    if list(t) != TECHNIQUE_KEYS:
        problems.append(f"{slug}: keys {list(t)} are not the library's, in its order")
        return problems
    if not t["name"].strip() or not t["summary"].strip():
        problems.append(f"{slug}: no name or summary")
    if len(t["summary"]) > 160:
        problems.append(f"{slug}: a summary of {len(t['summary'])} characters, 160 at most")
    for field in ("regions", "tissues", "actions", "equipment"):
        if not t[field] or len(set(t[field])) != len(t[field]):
            problems.append(f"{slug}: {field} empty or repeated")
    least = {
        "instructions": 3,
        "cues": 2,
        "mistakes": 1,
        "cautions": 1,
        "contraindications": 1,
        "indications": 2,
    }
    for field, count in least.items():
        items = t[field]
        if len(items) < count:
            problems.append(f"{slug}: {len(items)} {field}, at least {count} needed")
        if not all(isinstance(item, str) and item.strip() for item in items):
            problems.append(f"{slug}: an empty line in {field}")
    if not any(c.startswith(RECENT_INJURY) for c in t["contraindications"]):
        problems.append(f"{slug}: no '{RECENT_INJURY}' contraindication")
    for phrase in t["indications"]:
        if phrase != phrase.strip().lower():
            problems.append(f"{slug}: indication {phrase!r} is not a trimmed lowercase phrase")
        if re.search(r"pregnan|osteopor|clot|thromb", phrase):
            # Pregnancy, osteoporosis and clot risk are filters (suitability), never a
            # reason to choose a technique.
            problems.append(f"{slug}: indication {phrase!r} names a suitability filter")
    if len(set(t["indications"])) != len(t["indications"]):
        problems.append(f"{slug}: repeated indication")
    suitability = t["suitability"]
    stated = (
        isinstance(suitability, dict)
        and set(suitability) == {"pregnancy", "osteoporosis", "clot_risk"}
        and isinstance(suitability["pregnancy"], dict)
        and set(suitability["pregnancy"]) == set(TRIMESTERS)
        and set(suitability["pregnancy"].values()) <= VALUES
        and suitability["osteoporosis"] in VALUES
        and suitability["clot_risk"] in VALUES
    )
    if not stated:
        problems.append(f"{slug}: suitability not fully stated: {suitability!r}")
    duration = t["duration_seconds"]
    if not isinstance(duration, int) or not 5 <= duration <= 1800:
        problems.append(f"{slug}: duration {duration!r} is not 5-1800 seconds")
    if t["level"] not in LEVELS:
        problems.append(f"{slug}: level {t['level']!r}")
    if t["intensity"] not in INTENSITIES:
        problems.append(f"{slug}: intensity {t['intensity']!r}")
    if t["position"] not in POSITIONS:
        problems.append(f"{slug}: position {t['position']!r} is not one of the library's")
    if not isinstance(t["per_side"], bool):
        problems.append(f"{slug}: per_side is not true or false")
    return problems


# --- Notes that fit the technique's own data ------------------------------------------------

BALL_ADVICE = re.compile(
    r"\b(softer|smaller|firmer|harder|bigger) ball\b|\bthe balls?\b(?! of the (foot|feet|thumb))",
    re.I,
)
ROLLER_ADVICE = re.compile(r"\b(the|a|foam) roller\b", re.I)
BLOCK_ADVICE = re.compile(r"\bthe block\b", re.I)
PRONE_WARNING = re.compile(r"\bprone\b(?! to)|\bface[ -]down\b", re.I)
SUPINE_WARNING = re.compile(r"\bon your back\b|\bflat on (the|your) back\b", re.I)
# A line may name a wall, chair or table a technique does not use only to point elsewhere.
POINTER = re.compile(
    r"\binstead\b|\bversion\b|\balternative\b|\bkinder\b|\bsafer\b|\bprefer\b|\bchoice\b|"
    r"\buse the\b|\bteach this only after\b|\bmove on to\b",
    re.I,
)
WALL = re.compile(r"(?<!belly )\bwall\b", re.I)
SENT_TO_THE_WALL = re.compile(
    r"\b(at|to) the wall\b[^;.]*\binstead\b|\bwall (or \w+ )?version\b[^;.]*\binstead\b", re.I
)
CHANGES_SIDES = re.compile(
    r"chang(e|ing) (sides|legs|feet|hands|arms)|other (side|one|foot|leg|hand|arm)|"
    r"turn round and work the other side",
    re.I,
)
STATED_TOTAL = re.compile(
    r"\babout (\d+|[a-z]+(?: and a half)?) (seconds|minutes?) (in all|a side|each side)\b", re.I
)
NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
}


def stated_seconds(text: str) -> int | None:
    """The total an instruction states ("about 90 seconds in all", "about two minutes
    a side"), in seconds, or None."""
    match = STATED_TOTAL.search(text)
    if not match:
        return None
    words, unit = match.group(1).lower(), match.group(2).lower()
    half = words.endswith(" and a half")
    words = words.removesuffix(" and a half")
    number = int(words) if words.isdigit() else NUMBERS.get(words)
    if number is None:
        return None
    seconds = (number + (0.5 if half else 0)) * (60 if unit.startswith("minute") else 1)
    return int(seconds)


def note_problems(t) -> list[str]:
    """The steps and notes speak of the technique's own equipment, position and sides."""
    slug, problems = t["slug"], []
    equipment, position = set(t["equipment"]), t["position"]
    lines = t["instructions"] + notes(t)
    at_wall = "wall" in equipment or position == "wall"
    for line in lines:
        if not equipment & BALLS and BALL_ADVICE.search(line):
            problems.append(f"{slug}: ball advice with no ball in its equipment: {line!r}")
        if (
            "foam-roller" not in equipment
            and ROLLER_ADVICE.search(line)
            and not POINTER.search(line)
        ):
            problems.append(f"{slug}: roller advice with no foam roller: {line!r}")
        if "block" not in equipment and BLOCK_ADVICE.search(line):
            problems.append(f"{slug}: block advice with no block: {line!r}")
        if not at_wall and WALL.search(line) and not POINTER.search(line):
            problems.append(f"{slug}: a wall it does not use: {line!r}")
        if at_wall and SENT_TO_THE_WALL.search(line):
            problems.append(f"{slug}: sends a wall technique to the wall instead: {line!r}")
    for line in notes(t):
        if position != "prone" and PRONE_WARNING.search(line):
            problems.append(f"{slug}: face-down warning on a {position} technique: {line!r}")
        if position != "supine" and SUPINE_WARNING.search(line):
            problems.append(f"{slug}: lying-on-the-back warning on a {position} technique")
    steps = " ".join(t["instructions"])
    if "chair" not in equipment and re.search(r"\bchair\b", steps, re.I):
        problems.append(f"{slug}: the steps use a chair its equipment does not list")
    if "table" not in equipment and re.search(r"\b(table|desk|counter)\b", steps, re.I):
        problems.append(f"{slug}: the steps use a table its equipment does not list")
    if position == "chair" and "chair" not in equipment:
        problems.append(f"{slug}: seated on a chair without a chair in its equipment")
    if position == "seated" and "chair" in equipment:
        problems.append(f"{slug}: seated with a chair: its position is 'chair'")
    if t["per_side"] and not CHANGES_SIDES.search(steps):
        problems.append(f"{slug}: done per side, but the steps never change sides")
    if not t["per_side"] and re.search(r"chang(e|ing) sides", steps, re.I):
        problems.append(f"{slug}: not done per side, but the steps change sides")
    totals = {stated_seconds(step) for step in t["instructions"]} - {None}
    if totals and totals != {t["duration_seconds"]}:
        problems.append(
            f"{slug}: the steps state {sorted(totals)} s, its duration is {t['duration_seconds']}"
        )
    contraindications = " ".join(t["contraindications"])
    if (
        not SPINE_REGIONS & set(t["regions"])
        and re.search(r"\bspine\b", contraindications)
        and "steopor" not in contraindications
    ):
        problems.append(f"{slug}: a spine rule on a technique away from the spine")
    if "inner-thigh" not in t["regions"] and "work the inner thigh below" in contraindications:
        problems.append(f"{slug}: an inner-thigh rule on a technique away from the inner thigh")
    if "lacrosse-ball" in equipment and t["level"] == "beginner":
        problems.append(f"{slug}: a lacrosse ball at beginner level")
    if t["intensity"] == "deep" and t["level"] == "beginner":
        problems.append(f"{slug}: deep intensity at beginner level")
    if (
        t["intensity"] == "deep"
        and equipment & SOFT_TOOLS
        and not equipment
        - SOFT_TOOLS
        - {
            "wall",
            "chair",
            "table",
            "block",
        }
    ):
        problems.append(f"{slug}: deep intensity with only a soft tool")
    return problems


# --- Safety text that names where a technique must not go ---------------------------------

# (regions any of, equipment any of or None for any, wording the safety text must hold)
REQUIRED_WORDING = [
    (SPINE_REGIONS - {"back-of-neck", "sacrum-and-pelvis"}, SMALL_BALLS, "spine"),
    ({"belly"}, None, "pregnancy"),
    ({"back-of-neck", "side-of-neck"}, None, "front of the neck"),
    ({"inner-thigh"}, None, "groin"),
]


def wording_problems(t) -> list[str]:
    text = " ".join(safety(t)).lower()
    return [
        f"{t['slug']}: its safety notes never mention '{wording}'"
        for regions, equipment, wording in REQUIRED_WORDING
        if regions & set(t["regions"])
        and (equipment is None or equipment & set(t["equipment"]))
        and wording not in text
    ]


# --- Suitability against the safety text ------------------------------------------------

ORDER = {"yes": 0, "care": 1, "no": 2}
AVOID = re.compile(
    r"\b(avoid|do not|don't|never|leave out|leave (this|it) out|skip (this|it)|"
    r"no belly work|instead)\b",
    re.I,
)
CONDITIONAL = re.compile(r"\b(only if|if a|if an|if the|if you|if it)\b", re.I)
# A clause's trimesters, from its own words; the first pattern found decides.
SCOPES = [
    (
        re.compile(r"(from|after) the second trimester|after the first trimester", re.I),
        {"second", "third"},
    ),
    (re.compile(r"third trimester|\blater? (in )?pregnancy|later months", re.I), {"third"}),
    (re.compile(r"first trimester", re.I), {"first"}),
    (re.compile(r"second trimester", re.I), {"second"}),
]
PREGNANCY = re.compile(r"pregnan|trimester", re.I)
OSTEOPOROSIS = re.compile(r"osteopor|bone density", re.I)
CLOTS = re.compile(r"thrombosis|blood clot", re.I)


def stated_levels(lines, topic, exclude=None, scoped=False) -> dict[str, str]:
    """What the text says about a topic, per scope (a trimester, or "all"): "no" where a
    clause says to avoid it (unless only conditionally), "care" where it is mentioned."""
    stated: dict[str, str] = {}
    for line in lines:
        if not topic.search(line) or (exclude and exclude.search(line)):
            continue
        scope = set(TRIMESTERS) if scoped else {"all"}
        for clause in line.split(";"):
            if scoped:
                for pattern, trimesters in SCOPES:
                    if pattern.search(clause):
                        scope = trimesters
                        break
            strict = AVOID.search(clause) and not CONDITIONAL.search(clause)
            level = "no" if strict else "care"
            for key in scope:
                if ORDER[level] > ORDER[stated.get(key, "yes")]:
                    stated[key] = level
    return stated


def _agree(slug, what, value, said) -> list[str]:
    if said == "no" and value != "no":
        return [f"{slug}: {what}: the text says to avoid it, suitability says {value!r}"]
    if value == "no" and said != "no":
        return [f"{slug}: {what}: suitability says 'no', the text never says to avoid it"]
    if value == "care" and said is None:
        return [f"{slug}: {what}: suitability says 'care', the text says nothing about it"]
    return []


def suitability_text_problems(t) -> list[str]:
    """Suitability and the contraindications and cautions say the same thing: a clause
    that says to avoid is a 'no', a 'no' has such a clause, a 'care' is explained."""
    slug, suitability, lines = t["slug"], t["suitability"], safety(t)
    problems = []
    pregnancy = stated_levels(lines, PREGNANCY, scoped=True)
    for trimester in TRIMESTERS:
        value = suitability["pregnancy"][trimester]
        problems += _agree(slug, f"pregnancy, {trimester}", value, pregnancy.get(trimester))
    osteoporosis = stated_levels(lines, OSTEOPOROSIS).get("all")
    problems += _agree(slug, "osteoporosis", suitability["osteoporosis"], osteoporosis)
    # "Pregnancy raises the risk of clots" is about pregnancy, not about clot risk.
    clots = stated_levels(lines, CLOTS, exclude=re.compile(r"^pregnan", re.I)).get("all")
    problems += _agree(slug, "clot risk", suitability["clot_risk"], clots)
    if suitability["osteoporosis"] == "no" and not any(
        OSTEOPOROSIS.search(line) and "instead" in line for line in lines
    ):
        problems.append(f"{slug}: osteoporosis 'no' without an alternative ('instead')")
    return problems


def suitability_rule_problems(t) -> list[str]:
    """What position, region and equipment decide whatever the text says."""
    slug, regions, equipment = t["slug"], set(t["regions"]), set(t["equipment"])
    suitability = t["suitability"]
    pregnancy = suitability["pregnancy"]
    rules = [
        # Face down presses on the bump; long on the back presses on the vena cava.
        (
            t["position"] == "prone" and (pregnancy["second"], pregnancy["third"]) != ("no", "no"),
            "lying face down: pregnancy must be 'no' from the second trimester",
        ),
        (
            t["position"] == "supine" and pregnancy["third"] != "no",
            "lying on the back: pregnancy must be 'no' in the third trimester",
        ),
        (
            "belly" in regions and set(pregnancy.values()) != {"no"},
            "belly work: pregnancy must be 'no'",
        ),
        (
            "inner-thigh" in regions
            and (set(pregnancy.values()) != {"no"} or suitability["clot_risk"] != "no"),
            "inner thigh: pregnancy and clot risk must be 'no'",
        ),
        (
            {"ankle-and-calf", "back-of-thigh"} & regions and "yes" in pregnancy.values(),
            "calf or back of the thigh: pregnancy must not be 'yes'",
        ),
        (
            LEG_REGIONS & regions and suitability["clot_risk"] == "yes",
            "leg work: clot risk must not be 'yes'",
        ),
        (
            "foam-roller" in equipment
            and {"upper-back", "between-shoulder-blades"} & regions
            and suitability["osteoporosis"] != "no",
            "a roller under the thoracic spine: osteoporosis must be 'no'",
        ),
        (
            "lacrosse-ball" in equipment
            and {"upper-back", "between-shoulder-blades", "side-ribs"} & regions
            and suitability["osteoporosis"] != "no",
            "a hard ball on the ribs or beside the spine: osteoporosis must be 'no'",
        ),
    ]
    return [f"{slug}: {message}" for broken, message in rules if broken]


# --- Across techniques -----------------------------------------------------------------


def combination(t) -> tuple:
    return (
        tuple(sorted(t["regions"])),
        tuple(sorted(t["actions"])),
        tuple(sorted(t["equipment"])),
        t["position"],
    )


def duplicate_problems(techniques) -> list[str]:
    """No two published techniques are the same work: regions, actions, equipment and
    position all alike."""
    seen: dict[tuple, str] = {}
    problems = []
    for t in techniques:
        if t["status"] != "published":
            continue
        key = combination(t)
        if key in seen:
            problems.append(f"{t['slug']}: the same combination as {seen[key]}: {key}")
        seen.setdefault(key, t["slug"])
    return problems


def vocabulary_problems(library) -> list[str]:
    """Every slug a technique names exists; stations stay within their technique's regions."""
    known = {
        section: {entry["slug"] for entry in library[section]}
        for section in ("regions", "equipment", "actions", "progressions")
    }
    problems = []
    for section in ("regions", "equipment", "actions", "progressions", "techniques"):
        slugs = Counter(entry["slug"] for entry in library[section])
        problems += [
            f"{slug}: slug used {n} times in {section}" for slug, n in slugs.items() if n > 1
        ]
    for t in library["techniques"]:
        slug = t["slug"]
        if t["status"] not in STATUSES:
            problems.append(f"{slug}: status {t['status']!r}")
        for section in ("regions", "equipment", "actions"):
            problems += [
                f"{slug}: unknown {section} {name!r}"
                for name in t[section]
                if name not in known[section]
            ]
        if t["progression"] is not None and t["progression"] not in known["progressions"]:
            problems.append(f"{slug}: unknown progression {t['progression']!r}")
        if (t["progression"] is None) != (t["progression_level"] is None):
            problems.append(f"{slug}: a progression without a level, or a level without one")
        problems += [
            f"{slug}: station region {station['region']!r} is not one of its regions"
            for station in t["stations"]
            if station["region"] not in t["regions"]
        ]
    published = [t for t in library["techniques"] if t["status"] == "published"]
    for section in ("regions", "equipment", "actions"):
        used = {name for t in published for name in t[section]}
        problems += [
            f"{section} {name!r}: no published technique uses it"
            for name in sorted(known[section] - used)
        ]
    return problems


def progression_problems(library) -> list[str]:
    """Each progression's published members hold levels 1..n, one technique per level,
    and grow no easier as they go up."""
    problems = []
    members: dict[str, list[dict]] = {p["slug"]: [] for p in library["progressions"]}
    for t in library["techniques"]:
        if t["status"] == "published" and t["progression"] in members:
            members[t["progression"]].append(t)
    for slug, techniques in members.items():
        levels = sorted(t["progression_level"] for t in techniques)
        if levels != list(range(1, len(levels) + 1)):
            problems.append(f"{slug}: levels {levels} are not 1..{len(levels)}, once each")
        if len(levels) < 3:
            problems.append(f"{slug}: {len(levels)} published levels, at least 3 needed")
        ordered = sorted(techniques, key=lambda t: t["progression_level"])
        ranks = [LEVELS.index(t["level"]) for t in ordered]
        if ranks != sorted(ranks):
            problems.append(f"{slug}: gets easier as it goes up: {[t['slug'] for t in ordered]}")
    return problems


# --- Synonyms --------------------------------------------------------------------------

FILTER_TERMS = re.compile(
    r"pregnan|enceinte|grossesse|trimester|trimestre|osteopor|ostéopor|clot|thromb|caillot",
    re.I,
)


def library_text(library) -> str:
    """The text a synonym's phrase may point to: published techniques' names, tissues,
    region names, indications, summaries, cues and mistakes, and the vocabulary's names."""
    region_names = {r["slug"]: r["name"] for r in library["regions"]}
    parts = [e["name"] for e in library["equipment"]] + [a["name"] for a in library["actions"]]
    for t in library["techniques"]:
        if t["status"] != "published":
            continue
        parts += [t["name"], t["summary"], *t["tissues"], *t["indications"]]
        parts += [region_names[r] for r in t["regions"] if r in region_names]
        parts += t["cues"] + t["mistakes"]
    return "\n".join(parts).lower()


def occurs(phrase: str, text: str) -> bool:
    """The phrase is in the text as whole words, whatever the case."""
    return re.search(rf"(?<!\w){re.escape(phrase.lower())}(?!\w)", text) is not None


STEMMER = snowballstemmer.stemmer("english")


def search_key(text: str) -> tuple[str, ...]:
    """A phrase as search reads it: lowercase, accents folded, each word stemmed, so
    "Hip flexors" and "hip flexor", or "deltoïde" and "deltoid", are one key."""
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c)
    )
    return tuple(STEMMER.stemWord(w) for w in re.findall(r"\w+", folded) if w.strip("_"))


def synonym_term_problems(synonyms) -> list[str]:
    problems = []
    seen = set()
    for entry in synonyms:
        term = entry["term"]
        if list(entry) != ["term", "means", "language"]:
            problems.append(f"synonym {term!r}: keys {list(entry)}")
        if entry["language"] not in ("en", "fr"):
            problems.append(f"synonym {term!r}: language {entry['language']!r}")
        if not term or term != term.strip().lower():
            problems.append(f"synonym {term!r}: a term is a trimmed lowercase phrase")
        if (entry["language"], term) in seen:
            problems.append(f"synonym {term!r}: listed twice in {entry['language']!r}")
        seen.add((entry["language"], term))
        means = entry["means"]
        if not means or len({m.lower() for m in means}) != len(means):
            problems.append(f"synonym {term!r}: means is empty or repeats a phrase")
        if FILTER_TERMS.search(term) or any(FILTER_TERMS.search(m) for m in means):
            problems.append(f"synonym {term!r}: pregnancy, osteoporosis and clots are filters")
    return problems


def synonym_loop_problems(synonyms) -> list[str]:
    """Following means -> term never comes back to where it started. Terms and phrases
    are compared as search reads them, so "shins" -> "shin" is a loop: search already
    finds "shin" for "shins", and a synonym that means itself is refused on loading."""
    graph: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    names: dict[tuple[str, ...], str] = {}
    for entry in synonyms:
        key = search_key(entry["term"])
        names.setdefault(key, entry["term"])
        graph.setdefault(key, set()).update(search_key(m) for m in entry["means"])
    for term in graph:
        graph[term] &= set(graph)
    problems = []
    for start in sorted(graph):
        stack, seen = [(start, [start])], set()
        while stack:
            node, path = stack.pop()
            for nxt in sorted(graph[node]):
                if nxt == start:
                    cycle = " -> ".join(names[key] for key in [*path, start])
                    problems.append(f"synonym loop: {cycle}")
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
    return problems


def synonym_phrase_problems(synonyms, text) -> list[str]:
    """A search for a term finds something: each phrase it means is in the library's text,
    or is itself a term."""
    terms = {entry["term"] for entry in synonyms}
    return [
        f"synonym {entry['term']!r}: {phrase!r} is neither in the library nor a term"
        for entry in synonyms
        for phrase in entry["means"]
        if phrase.lower() not in terms and not occurs(phrase, text)
    ]


# --- The library as shipped ---------------------------------------------------------------


def all_problems(rule, techniques=PUBLISHED) -> list[str]:
    return [problem for t in techniques for problem in rule(t)]


def test_the_file_keeps_the_library_formatting_and_section_order():
    # UTF-8 as written (the French reads as French in a diff), two-space indent.
    assert json.dumps(LIBRARY, indent=2, ensure_ascii=False) + "\n" == RAW
    assert list(LIBRARY) == TOP_LEVEL_KEYS
    assert (LIBRARY["format"], LIBRARY["version"]) == ("rollcall-library", 1)
    assert [t["slug"] for t in TECHNIQUES] == sorted(t["slug"] for t in TECHNIQUES)


def test_every_technique_has_every_key_in_the_library_order():
    assert [t["slug"] for t in TECHNIQUES if list(t) != TECHNIQUE_KEYS] == []


def test_at_least_150_published_techniques_and_20_progressions():
    assert len(PUBLISHED) >= 150
    assert len(LIBRARY["progressions"]) >= 20


def test_every_published_technique_is_complete():
    assert all_problems(completeness_problems) == []


def test_notes_fit_the_techniques_own_equipment_position_and_sides():
    assert all_problems(note_problems) == []


def test_safety_notes_name_the_places_to_keep_off():
    assert all_problems(wording_problems) == []


def test_suitability_agrees_with_the_safety_text():
    assert all_problems(suitability_text_problems) == []


def test_suitability_follows_position_region_and_equipment():
    assert all_problems(suitability_rule_problems) == []


def test_no_two_published_techniques_are_the_same_work():
    assert duplicate_problems(TECHNIQUES) == []


def test_every_named_region_equipment_action_and_progression_exists_and_is_used():
    assert vocabulary_problems(LIBRARY) == []


def test_progressions_run_from_level_1_without_gaps_or_ties():
    assert progression_problems(LIBRARY) == []


def test_synonym_terms_are_lowercase_unique_per_language_and_no_filters():
    assert synonym_term_problems(LIBRARY["synonyms"]) == []


def test_no_synonym_reaches_itself():
    assert synonym_loop_problems(LIBRARY["synonyms"]) == []


def test_every_synonym_phrase_is_in_the_library_or_another_term():
    assert synonym_phrase_problems(LIBRARY["synonyms"], library_text(LIBRARY)) == []


def test_synonyms_come_in_english_and_french():
    languages = Counter(entry["language"] for entry in LIBRARY["synonyms"])
    assert languages["en"] >= 100 and languages["fr"] >= 100, languages


def test_retired_lat_roller_stays_in_the_file():
    # Retired, not deleted: plans and routines that name it keep working.
    assert BY_SLUG["latissimus-dorsi-foam-roller-side-lying"]["status"] == "retired"


# --- Each rule catches what it is for ------------------------------------------------------


def broken(source: str, **changes) -> dict:
    """A copy of one technique with some fields changed."""
    return {**copy.deepcopy(BY_SLUG[source]), **changes}


def with_line(slug: str, field: str, line: str) -> dict:
    technique = broken(slug)
    technique[field] = [*technique[field], line]
    return technique


def with_suitability(slug: str, **values) -> dict:
    technique = broken(slug)
    suitability = technique["suitability"]
    for key, value in values.items():
        if key in TRIMESTERS:
            suitability["pregnancy"][key] = value
        else:
            suitability[key] = value
    return technique


NEGATIVE_CASES = [
    # (rule, broken technique, words the report must hold)
    (completeness_problems, broken("biceps-wall-roll", cautions=[]), "0 cautions"),
    (completeness_problems, broken("biceps-wall-roll", cues=["One cue."]), "1 cues"),
    (completeness_problems, broken("biceps-wall-roll", indications=["x"]), "1 indications"),
    (
        completeness_problems,
        broken("glutes-chair-pin-therapy-ball", indications=["pregnancy-friendly", "drivers"]),
        "names a suitability filter",
    ),
    (
        completeness_problems,
        broken("biceps-wall-roll", suitability={"pregnancy": {"first": "yes"}}),
        "suitability not fully stated",
    ),
    (completeness_problems, broken("biceps-wall-roll", position="trapeze"), "position"),
    (completeness_problems, broken("biceps-wall-roll", duration_seconds=0), "duration"),
    (completeness_problems, broken("biceps-wall-roll", summary="x" * 161), "161 characters"),
    (
        note_problems,
        with_line(
            "wrist-extensor-cross-fiber-counter",
            "cautions",
            "If lying face down hurts, come up.",
        ),
        "face-down warning on a standing technique",
    ),
    (
        note_problems,
        with_line("forearm-roll-massage-stick", "cautions", "If it hurts, use a softer ball."),
        "ball advice with no ball",
    ),
    (
        note_problems,
        with_line("forearm-roll-massage-stick", "cues", "Lean into the wall for more pressure."),
        "a wall it does not use",
    ),
    (
        note_problems,
        with_line(
            "biceps-wall-roll",
            "contraindications",
            "Pregnancy: in the third trimester, work at the wall instead.",
        ),
        "sends a wall technique to the wall",
    ),
    (
        note_problems,
        with_line("biceps-wall-roll", "cautions", "Come off the roller slowly."),
        "roller advice with no foam roller",
    ),
    (
        note_problems,
        with_line("biceps-wall-roll", "cautions", "Keep your time on your back short."),
        "lying-on-the-back warning",
    ),
    (
        note_problems,
        broken("scalp-shear-spiky-ball", equipment=["spiky-ball"]),
        "seated on a chair without a chair",
    ),
    (
        note_problems,
        broken("biceps-wall-roll", instructions=BY_SLUG["biceps-wall-roll"]["instructions"][:3]),
        "never change sides",
    ),
    (
        note_problems,
        broken("back-of-hand-shear-spiky-ball", duration_seconds=600),
        "its duration is 600",
    ),
    (
        note_problems,
        broken("glutes-pin-therapy-ball", equipment=["lacrosse-ball"]),
        "a lacrosse ball at beginner level",
    ),
    (
        wording_problems,
        broken("belly-pin-and-spin-large-soft-ball", contraindications=["Recent injury."]),
        "never mention 'pregnancy'",
    ),
    (
        suitability_text_problems,
        with_suitability("chest-melt-prone-large-soft-ball", second="care"),
        "pregnancy, second: the text says to avoid it",
    ),
    (
        suitability_text_problems,
        with_suitability("biceps-wall-roll", first="no"),
        "the text never says to avoid it",
    ),
    (
        suitability_text_problems,
        with_suitability("biceps-wall-roll", osteoporosis="care"),
        "osteoporosis: suitability says 'care', the text says nothing",
    ),
    (
        suitability_text_problems,
        with_line(
            "biceps-wall-roll",
            "contraindications",
            "History or risk of deep vein thrombosis: do not press the arm.",
        ),
        "clot risk: the text says to avoid it",
    ),
    (
        suitability_text_problems,
        broken(
            "upper-back-tote-pin-and-spin",
            contraindications=[
                "Osteoporosis: leave this out.",
                "Recent injury or surgery: stay away from the site.",
            ],
        ),
        "without an alternative",
    ),
    (
        suitability_rule_problems,
        with_suitability("chest-melt-prone-large-soft-ball", third="care"),
        "lying face down",
    ),
    (
        suitability_rule_problems,
        with_suitability("thoracic-rest-foam-roller", third="care"),
        "lying on the back",
    ),
    (
        suitability_rule_problems,
        with_suitability("thoracic-rest-foam-roller", osteoporosis="care"),
        "a roller under the thoracic spine",
    ),
    (
        suitability_rule_problems,
        with_suitability("calf-roll-therapy-ball", clot_risk="yes"),
        "leg work: clot risk",
    ),
    (
        suitability_rule_problems,
        with_suitability("belly-pin-and-spin-large-soft-ball", first="care"),
        "belly work",
    ),
]


@pytest.mark.parametrize(
    ("rule", "technique", "expected"),
    NEGATIVE_CASES,
    ids=[f"{rule.__name__}-{expected}" for rule, _t, expected in NEGATIVE_CASES],
)
def test_each_rule_reports_a_broken_technique_by_its_slug(rule, technique, expected):
    assert rule(BY_SLUG[technique["slug"]]) == []
    found = rule(technique)
    assert any(p.startswith(technique["slug"] + ":") and expected in p for p in found), found


def test_a_copy_under_another_slug_is_reported_as_the_same_work():
    copied = broken("biceps-wall-roll", slug="biceps-wall-roll-again")
    assert duplicate_problems([*TECHNIQUES, copied]) == [
        f"biceps-wall-roll-again: the same combination as biceps-wall-roll: {combination(copied)}"
    ]


def test_unknown_or_repeated_vocabulary_and_a_station_off_its_regions_are_reported():
    library = copy.deepcopy(LIBRARY)
    techniques = {t["slug"]: t for t in library["techniques"]}
    techniques["biceps-wall-roll"]["equipment"].append("trampoline")
    library["actions"].append(dict(library["actions"][0]))
    techniques["rhomboid-tote-arm-sweeps"]["stations"][0]["region"] = "shin"
    found = vocabulary_problems(library)
    assert "biceps-wall-roll: unknown equipment 'trampoline'" in found
    assert "roll: slug used 2 times in actions" in found
    assert any(p.startswith("rhomboid-tote-arm-sweeps: station region 'shin'") for p in found)


def test_a_gap_or_a_tie_in_a_progression_is_reported():
    library = copy.deepcopy(LIBRARY)
    techniques = {t["slug"]: t for t in library["techniques"]}
    techniques["calf-roll-therapy-ball"]["progression_level"] = 9
    techniques["glutes-pin-therapy-ball"]["progression_level"] = 2
    found = progression_problems(library)
    assert any(p.startswith("calf-progression: levels [2, 3, 4, 9]") for p in found), found
    assert any(p.startswith("glutes-progression: levels [2, 2, 3]") for p in found), found


def test_a_synonym_twice_in_a_language_or_in_capitals_is_reported():
    synonyms = [
        {"term": "shins", "means": ["tibialis anterior"], "language": "en"},
        {"term": "shins", "means": ["shin splints"], "language": "en"},
        {"term": "Nape", "means": ["back of the neck"], "language": "en"},
        {"term": "bump", "means": ["pregnancy"], "language": "en"},
    ]
    found = synonym_term_problems(synonyms)
    assert "synonym 'shins': listed twice in 'en'" in found
    assert "synonym 'Nape': a term is a trimmed lowercase phrase" in found
    assert "synonym 'bump': pregnancy, osteoporosis and clots are filters" in found


def test_a_synonym_loop_is_reported_even_through_plurals():
    synonyms = [
        {"term": "shin splints", "means": ["shinbone"], "language": "en"},
        {"term": "shinbone", "means": ["shin splints"], "language": "en"},
        {"term": "shins", "means": ["shin", "tibialis anterior"], "language": "en"},
    ]
    found = synonym_loop_problems(synonyms)
    assert "synonym loop: shin splints -> shinbone -> shin splints" in found
    assert "synonym loop: shins -> shins" in found


def test_a_synonym_phrase_in_no_technique_is_reported():
    text = library_text(LIBRARY)
    synonyms = [
        {"term": "climber", "means": ["climbing", "climbers"], "language": "en"},
        {"term": "boulderer", "means": ["climber"], "language": "en"},
    ]
    assert synonym_phrase_problems(synonyms, text) == [
        "synonym 'climber': 'climbing' is neither in the library nor a term"
    ]


# --- Issue 18: the library in French -----------------------------------------------------


def french_gaps() -> list[str]:
    """Every field of the starter library that would show in English to a French reader:
    a technique's texts (routines.translations.missing: a missing, empty or shorter list
    counts), and the vocabulary's names and descriptions."""
    from routines.translations import VOCABULARY_TEXTS, missing

    gaps = [f"{t['slug']}: {field}" for t in TECHNIQUES for field in missing(t, "fr")]
    for section in ("regions", "equipment", "actions", "progressions"):
        for entry in LIBRARY[section]:
            gaps += [
                f"{section} {entry['slug']}: {field}"
                for field in missing(entry, "fr", fields=VOCABULARY_TEXTS)
            ]
    return gaps


def test_every_starter_technique_and_word_has_complete_french_text():
    gaps = french_gaps()
    assert len(gaps) == 0, gaps[:20]


def test_the_french_count_sees_a_missing_field():
    technique = copy.deepcopy(TECHNIQUES[0])
    del technique["translations"]["fr"]["cautions"]
    technique["translations"]["fr"]["cues"] = technique["translations"]["fr"]["cues"][:-1]
    from routines.translations import missing

    assert missing(technique, "fr") == ["cues", "cautions"]


def test_french_indications_follow_the_english_rules():
    """Lowercase, short, no repeats within a technique: they are searched and shown as
    tags, as the English ones."""
    problems = []
    for t in TECHNIQUES:
        items = t["translations"]["fr"]["indications"]
        if any(i != i.lower() or len(i) > 80 for i in items) or len(set(items)) != len(items):
            problems.append(t["slug"])
    assert problems == []
