"""Validate routines/library/starter_library.json: format, the new fields, and that the
safety text never contradicts the structured suitability (read from the text itself,
not from the edit script's tables)."""

import json
import re
import sys
from pathlib import Path

PATH = Path(sys.argv[1] if len(sys.argv) > 1 else
            "/work/main/routines/library/starter_library.json")
raw = PATH.read_text()
data = json.loads(raw)
problems = []


def problem(slug, text):
    problems.append(f"{slug}: {text}")


if json.dumps(data, indent=2, ensure_ascii=True) + "\n" != raw:
    problems.append("file: not in the library's own formatting (indent 2, ASCII, final newline)")

VALUES = {"yes", "care", "no"}
BALLS = {"therapy-ball", "ball-pair-tote", "large-soft-ball", "firm-ball", "lacrosse-ball",
         "spiky-ball"}
equipment = {e["slug"] for e in data["equipment"]}
progressions = {p["slug"] for p in data["progressions"]}
FILTER_WORDS = re.compile(r"pregnan|trimester|osteopor|bone density|clot|thrombo|dvt", re.I)
KEYS = None

# Trimester scope of a clause, from its own words.
SCOPES = [
    (re.compile(r"(from|after) the (second|2nd) trimester|after the first trimester", re.I),
     {"second", "third"}),
    (re.compile(r"(in )?the third trimester|later pregnancy|late pregnancy", re.I), {"third"}),
    (re.compile(r"(in )?the (first|1st) trimester", re.I), {"first"}),
    (re.compile(r"(in )?the second trimester", re.I), {"second"}),
]
AVOID = re.compile(r"\b(avoid|do not|don't|never|leave out|leave this out|skip this|"
                   r"no belly work|instead)\b", re.I)
CONDITIONAL = re.compile(r"\b(only if|if a|if the|if you)\b", re.I)
ORDER = {"yes": 0, "care": 1, "no": 2}


def clause_scope(clause, inherited):
    scope = set()
    for pattern, trimesters in SCOPES:
        if pattern.search(clause):
            scope |= trimesters
            break
    return scope or inherited


def pregnancy_floor(lines):
    """The least each trimester must be, by the pregnancy lines' own words."""
    floor = {"first": "yes", "second": "yes", "third": "yes"}
    for line in lines:
        if not re.search(r"pregnan", line, re.I):
            continue
        body = line.split(":", 1)[1] if ":" in line else line
        scope = {"first", "second", "third"}
        for clause in body.split(";"):
            scope = clause_scope(clause, scope)
            strict = AVOID.search(clause) and not CONDITIONAL.search(clause)
            level = "no" if strict else "care"
            for trimester in scope:
                if ORDER[level] > ORDER[floor[trimester]]:
                    floor[trimester] = level
    return floor


def single_floor(lines, pattern, exclude=None):
    found = [l for l in lines if re.search(pattern, l, re.I)
             and not (exclude and re.search(exclude, l, re.I))]
    if not found:
        return "yes", found
    strict = any(AVOID.search(l.split(":", 1)[-1]) and not CONDITIONAL.search(l) for l in found)
    return ("no" if strict else "care"), found


slugs = set()
for t in data["techniques"]:
    slug = t["slug"]
    slugs.add(slug)
    keys = list(t)
    if KEYS is None:
        KEYS = keys
    if keys != KEYS:
        problem(slug, f"keys differ: {keys}")
    i = keys.index("contraindications")
    if keys[i + 1: i + 3] != ["indications", "suitability"]:
        problem(slug, "indications and suitability must follow contraindications")

    # indications
    ind = t.get("indications")
    if not isinstance(ind, list) or not 3 <= len(ind) <= 7:
        problem(slug, f"indications must be a list of 3-7, got {ind!r}")
    else:
        for phrase in ind:
            if not isinstance(phrase, str) or phrase != phrase.strip().lower() or not phrase:
                problem(slug, f"indication not a trimmed lowercase phrase: {phrase!r}")
            elif len(phrase) > 60:
                problem(slug, f"indication too long: {phrase!r}")
            elif FILTER_WORDS.search(phrase):
                problem(slug, f"indication names a filter (pregnancy, osteoporosis, clots): {phrase!r}")
            elif re.search(r"\bcure|\bfix(es)?\b|heal", phrase):
                problem(slug, f"indication promises a cure: {phrase!r}")
        if len(set(ind)) != len(ind):
            problem(slug, "duplicate indications")

    # suitability shape
    s = t.get("suitability")
    ok = (isinstance(s, dict) and set(s) == {"pregnancy", "osteoporosis", "clot_risk"}
          and isinstance(s["pregnancy"], dict)
          and set(s["pregnancy"]) == {"first", "second", "third"}
          and set(s["pregnancy"].values()) <= VALUES
          and s["osteoporosis"] in VALUES and s["clot_risk"] in VALUES)
    if not ok:
        problem(slug, f"bad suitability {s!r}")
        continue

    contra = t["contraindications"]
    text = contra + t["cautions"]

    # one sentence each, ending with a full stop
    for line in contra:
        if not line.endswith(".") or re.search(r"\.\s+[A-Z]", line):
            problem(slug, f"contraindication is not one sentence: {line!r}")

    # the text and the structure agree, both ways
    floor = pregnancy_floor(contra)
    for trimester, least in floor.items():
        have = s["pregnancy"][trimester]
        if have != least:
            problem(slug, f"pregnancy {trimester}: text says {least}, suitability says {have}")
    osteo, _ = single_floor(contra, r"osteopor|bone density")
    if s["osteoporosis"] != osteo:
        problem(slug, f"osteoporosis: text says {osteo}, suitability says {s['osteoporosis']}")
    clot, _ = single_floor(contra, r"thrombosis", exclude=r"^pregnan")
    if s["clot_risk"] != clot:
        problem(slug, f"clot risk: text says {clot}, suitability says {s['clot_risk']}")
    for line in t["cautions"]:
        if re.search(r"pregnan|osteopor|thrombosis", line, re.I):
            problem(slug, f"safety class in cautions, not contraindications: {line!r}")

    # position and region rules (Bartsch et al. 2021 and the coverage map)
    p = s["pregnancy"]
    if t["position"] == "prone" and (p["second"] != "no" or p["third"] != "no"):
        problem(slug, "prone: must be no from the second trimester")
    if t["position"] == "supine" and p["third"] != "no":
        problem(slug, "supine: must be no in the third trimester")
    if "belly" in t["regions"] and set(p.values()) != {"no"}:
        problem(slug, "belly work: pregnancy must be no")
    if "inner-thigh" in t["regions"] and (set(p.values()) != {"no"} or s["clot_risk"] != "no"):
        problem(slug, "inner thigh: pregnancy and clot risk must be no")
    if {"ankle-and-calf", "back-of-thigh"} & set(t["regions"]) and (
            "yes" in p.values() or s["clot_risk"] == "yes"):
        problem(slug, "calf / back of thigh: pregnancy and clot risk must not be yes")
    if ("foam-roller" in t["equipment"] and {"upper-back", "between-shoulder-blades"}
            & set(t["regions"]) and s["osteoporosis"] != "no"):
        problem(slug, "roller on the thoracic spine: osteoporosis must be a firm no")
    if "lacrosse-ball" in t["equipment"] and {"upper-back", "between-shoulder-blades", "side-ribs"} \
            & set(t["regions"]) and s["osteoporosis"] != "no":
        problem(slug, "hard ball on the ribs or beside the spine: osteoporosis must be no")
    if s["osteoporosis"] == "no" and not re.search(r"instead", " ".join(contra)):
        problem(slug, "osteoporosis no without an alternative ('instead')")

    # the notes fit the technique's own data
    joined = " ".join(text).lower()
    has_ball = bool(BALLS & set(t["equipment"]))
    if not has_ball and re.search(r"softer ball|the ball\b", joined):
        problem(slug, "ball advice on a technique with no ball")
    if "foam-roller" not in t["equipment"] and re.search(r"\bthe roller\b", joined):
        problem(slug, "roller advice on a technique with no roller")
    if "block" not in t["equipment"] and re.search(r"\bthe block\b", joined):
        problem(slug, "block advice on a technique with no block")
    if t["position"] != "prone" and re.search(r"prone|face down", joined):
        problem(slug, f"prone warning on a {t['position']} technique")
    if t["position"] not in ("supine",) and re.search(r"on your back|flat on the back", joined):
        problem(slug, f"lying-on-the-back warning on a {t['position']} technique")
    if not ({"low-back", "upper-back", "between-shoulder-blades", "back-of-neck",
             "sacrum-and-pelvis"} & set(t["regions"])) and "spine" in " ".join(contra).lower() \
            and "osteopor" not in " ".join(contra).lower():
        problem(slug, "spine rule on a technique away from the spine")
    if not any(l.startswith("Recent injury or surgery") for l in contra):
        problem(slug, "no recent injury line")
    if any(w in joined for w in ["work the inner thigh below it"]) and "inner-thigh" not in t["regions"]:
        problem(slug, "'work the inner thigh below it' away from the inner thigh")
    if t["per_side"] and not re.search(r"chang(e|ing) (sides|legs|feet|hands)|other (side|one|foot)|"
                                       r"turn round and work the other side",
                                       " ".join(t["instructions"]).lower()):
        problem(slug, "per_side but the steps never change sides")
    for e in t["equipment"]:
        if e not in equipment:
            problem(slug, f"unknown equipment {e}")
    if t["progression"] and t["progression"] not in progressions:
        problem(slug, f"unknown progression {t['progression']}")
    if t["status"] not in {"published", "retired", "draft", "submitted"}:
        problem(slug, f"bad status {t['status']}")

print(f"{len(data['techniques'])} techniques, "
      f"{sum(t['status'] == 'published' for t in data['techniques'])} published")
for p in problems:
    print("PROBLEM", p)
print("OK" if not problems else f"{len(problems)} problems")
sys.exit(1 if problems else 0)
