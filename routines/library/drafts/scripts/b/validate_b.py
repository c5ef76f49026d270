"""Validate routines/library/drafts/techniques_b.json against the starter library and the brief."""

import json
import re
import sys
from pathlib import Path

ROOT = Path("/work/main/routines/library")
LIB = json.loads((ROOT / "starter_library.json").read_text())
DRAFT = json.loads((ROOT / "drafts" / "techniques_b.json").read_text())
A_PATH = ROOT / "drafts" / "techniques_a.json"
MAP = Path("/work/shared/library-coverage.md").read_text()

problems = []


def bad(slug, msg):
    problems.append(f"{slug}: {msg}")


EXISTING = {t["slug"]: t for t in LIB["techniques"]}
REGIONS = {r["slug"] for r in LIB["regions"]}
ACTIONS = {a["slug"] for a in LIB["actions"]} | {"contract-relax"}
EQUIPMENT = {e["slug"] for e in LIB["equipment"]} | {"massage-stick", "hook-tool", "frozen-bottle", "chair", "table"}
POSITIONS = {"supine", "prone", "side-lying", "seated", "standing", "wall", "kneeling", "all-fours", "chair"}
LEVELS = ["beginner", "intermediate", "advanced"]
INTENSITIES = ["gentle", "moderate", "deep"]
BALLS = {"therapy-ball", "ball-pair-tote", "firm-ball", "lacrosse-ball", "spiky-ball", "large-soft-ball"}
SMALL_BALLS = {"therapy-ball", "ball-pair-tote", "firm-ball", "lacrosse-ball", "spiky-ball"}
V = {"yes", "care", "no"}

# ------------------------------------------------------------ shape
assert set(DRAFT) == {"progressions", "techniques", "existing_progression_members"}, DRAFT.keys()
model = LIB["techniques"][0]
KEYS = list(model) if "indications" in model else list(model)[:18] + ["indications", "suitability"] + list(model)[18:]
TECHS = DRAFT["techniques"]
print("techniques:", len(TECHS), "progressions:", len(DRAFT["progressions"]))
if len(TECHS) != 41:
    problems.append(f"expected 41 techniques, got {len(TECHS)}")

# the map's slugs #42-82, in order
rows = re.findall(r"^\| (\d+) \| `([^`]+)` \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|", MAP, re.M)
map_rows = {int(n): dict(slug=s, name=nm.strip(), regions=[x.strip() for x in rg.split(",")],
                         actions=[x.strip() for x in ac.split(",")], equipment=[x.strip() for x in eq.split(",")],
                         position=pos.strip()) for n, s, nm, rg, ac, eq, pos, _ in rows}
want = [map_rows[n]["slug"] for n in range(42, 83)]
got = [t["slug"] for t in TECHS]
if got != want:
    problems.append(f"slug order/set differs from map #42-82: missing {set(want)-set(got)}, extra {set(got)-set(want)}")

slugs = set()
for t in TECHS:
    s = t.get("slug", "?")
    if list(t) != KEYS:
        bad(s, f"keys {list(t)} != {KEYS}")
    for k in model:
        if k in ("indications", "suitability"):
            continue
        mv, tv = model[k], t.get(k)
        if k in ("progression", "progression_level"):
            continue
        if type(mv) is not type(tv):
            bad(s, f"{k} type {type(tv).__name__} != {type(mv).__name__}")
        if isinstance(mv, list) and not all(isinstance(x, str) and x.strip() for x in tv):
            bad(s, f"{k} has a non-string or empty item")
    if s in slugs or s in EXISTING:
        bad(s, "slug not unique/new")
    slugs.add(s)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", s) or len(s) > 100:
        bad(s, "bad slug")
    if len(t["name"]) > 160:
        bad(s, "name too long")
    if not (0 < len(t["summary"]) <= 160):
        bad(s, f"summary length {len(t['summary'])}")
    if t["status"] != "published":
        bad(s, "status")
    for r in t["regions"]:
        if r not in REGIONS:
            bad(s, f"unknown region {r}")
    for a in t["actions"]:
        if a not in ACTIONS:
            bad(s, f"unknown action {a}")
    for e in t["equipment"]:
        if e not in EQUIPMENT:
            bad(s, f"unknown equipment {e}")
    for k in ("regions", "actions", "equipment", "tissues"):
        if len(set(t[k])) != len(t[k]) or not t[k]:
            bad(s, f"{k} empty or repeated")
    if t["position"] not in POSITIONS:
        bad(s, f"position {t['position']}")
    if t["level"] not in LEVELS or t["intensity"] not in INTENSITIES:
        bad(s, "level/intensity")
    if not (5 <= t["duration_seconds"] <= 1800):
        bad(s, "duration range")
    if not 4 <= len(t["instructions"]) <= 5:
        bad(s, f"{len(t['instructions'])} instructions")
    if not 2 <= len(t["cues"]) <= 4:
        bad(s, f"{len(t['cues'])} cues")
    if not 2 <= len(t["mistakes"]) <= 3:
        bad(s, f"{len(t['mistakes'])} mistakes")
    if not any("Recent injury or surgery" in c for c in t["contraindications"]):
        bad(s, "no recent-injury line")
    if t["image"] != "" or t["video_url"] != "":
        bad(s, "image/video not empty")
    # indications
    ind = t["indications"]
    if not (isinstance(ind, list) and 3 <= len(ind) <= 7):
        bad(s, "indications count")
    for i in ind:
        if not isinstance(i, str) or i != i.strip() or len(i) > 60 or i.replace("IT band", "it band") != i.lower():
            bad(s, f"indication format {i!r}")
    if len(set(ind)) != len(ind):
        bad(s, "repeated indication")
    # suitability
    su = t["suitability"]
    if set(su) != {"pregnancy", "osteoporosis", "clot_risk"} or set(su["pregnancy"]) != {"first", "second", "third"}:
        bad(s, "suitability shape")
    vals = list(su["pregnancy"].values()) + [su["osteoporosis"], su["clot_risk"]]
    if not all(v in V for v in vals):
        bad(s, "suitability value")
    # map fidelity (regions, actions, first region)
    m = map_rows[42 + got.index(s)] if s in got else None
    if m:
        if t["regions"] != m["regions"]:
            print(f"  note {s}: regions {t['regions']} vs map {m['regions']}")
        if set(t["actions"]) != set(m["actions"]):
            print(f"  note {s}: actions {t['actions']} vs map {m['actions']}")
        if set(t["equipment"]) != set(m["equipment"]) or t["position"] != m["position"]:
            print(f"  note {s}: equipment/position {t['equipment']} {t['position']} vs map {m['equipment']} {m['position']}")

# ------------------------------------------------------------ consistency of notes with data
NUM = {"five": 5, "ten": 10, "fifteen": 15, "twenty": 20, "twenty-five": 25, "thirty": 30, "forty": 40,
       "forty-five": 45, "fifty": 50, "sixty": 60, "ninety": 90}


def stated_total(text):
    """The total the last instruction states: 'about ninety seconds a side', 'two minutes in all'."""
    m = re.search(r"(?:about |)([a-z-]+(?: and a (?:half|quarter))?) (seconds|minutes?) (?:a side|in all|each side)", text)
    if not m:
        return None
    words, unit = m.groups()
    base = {"a minute": 60, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
    w = words.split(" and a ")
    n = NUM.get(w[0]) or base.get(w[0])
    if n is None:
        return None
    if len(w) == 2:
        n += 0.5 if w[1] == "half" else 0.25
    return n * (60 if unit.startswith("minute") else 1)


for t in TECHS:
    s = t["slug"]
    eq, pos = set(t["equipment"]), t["position"]
    notes = t["cautions"] + t["contraindications"] + t["cues"] + t["mistakes"]
    low = " ".join(notes).lower()
    alltext = (" ".join(t["instructions"]) + " " + low + " " + t["summary"]).lower()
    if "softer ball" in low and not (eq & BALLS):
        bad(s, "softer-ball advice without a ball")
    if not (eq & BALLS):
        for line in notes + t["instructions"]:
            if re.search(r"\bthe ball\b|softer ball|\bballs?\b(?! of the foot)", line.lower()) and not re.search(r"-ball|ball version|therapy ball|spiky ball|soft ball|lacrosse ball|firm ball|ball of the foot", line.lower()):
                bad(s, f"mentions a ball it does not use: {line}")
    if re.search(r"\bprone\b(?! to)|face down", low) and pos != "prone":
        bad(s, "prone note on a non-prone technique")
    if re.search(r"flat on (your|the) back|on your back", low) and pos != "supine":
        bad(s, "supine note on a non-supine technique")
    if "wall" in alltext and "wall" not in eq and pos != "wall":
        # allowed only when pointing to another technique ("at the wall instead")
        for line in notes + t["instructions"]:
            if "wall" in line.lower() and not re.search(r"instead|alternative|kinder|version|use the|prefer|stay at the wall|at the wall with|teach this only after|belly wall", line.lower()):
                bad(s, f"mentions a wall it does not use: {line}")
    if "chair" in " ".join(t["instructions"]).lower() and "chair" not in eq:
        bad(s, "instructions use a chair not listed as equipment")
    if "chair" in eq and pos not in ("chair", "supine"):
        bad(s, f"chair equipment with position {pos}")
    if pos == "chair" and "chair" not in eq:
        bad(s, "chair position without chair equipment")
    if "block" in " ".join(t["instructions"]).lower() and "block" not in eq:
        bad(s, "instructions use a block not listed")
    if "lacrosse-ball" in eq and t["level"] == "beginner":
        bad(s, "lacrosse ball at beginner")
    if t["intensity"] == "deep" and t["level"] == "beginner":
        bad(s, "deep at beginner")
    # sides
    last = t["instructions"][-1].lower()
    sides = re.search(r"chang(e|ing) (sides|legs|feet)|other side", last)
    if t["per_side"] and not sides:
        bad(s, "per_side but last step does not change sides")
    if not t["per_side"] and re.search(r"chang(e|ing) (sides|legs|feet)", " ".join(t["instructions"]).lower()):
        bad(s, "not per_side but changes sides")
    # duration
    total = stated_total(last) or stated_total(" ".join(t["instructions"][-2:]).lower())
    if total is None:
        bad(s, f"no stated total in the last step: {last}")
    elif total != t["duration_seconds"]:
        bad(s, f"stated total {total} != duration {t['duration_seconds']}")
    # region rules from test_starter_library
    if "belly" in t["regions"] and not any("pregnancy" in c.lower() for c in t["contraindications"] + t["cautions"]):
        bad(s, "belly without pregnancy")
    if "inner-thigh" in t["regions"] and not any("groin" in c.lower() for c in t["contraindications"] + t["cautions"]):
        bad(s, "inner thigh without groin")
    if {"low-back", "upper-back", "between-shoulder-blades"} & set(t["regions"]) and eq & SMALL_BALLS \
            and not any("spine" in c.lower() for c in t["contraindications"] + t["cautions"]):
        bad(s, "back with small ball and no spine rule")
    # suitability vs text
    su = t["suitability"]
    ci = [c.lower() for c in t["contraindications"] + t["cautions"]]
    preg_lines = [c for c in ci if "pregnan" in c]
    osteo_lines = [c for c in ci if "osteoporosis" in c]
    clot_lines = [c for c in ci if "thrombosis" in c or "clot" in c]
    pv = set(su["pregnancy"].values())
    if pv != {"yes"} and not preg_lines:
        bad(s, f"pregnancy {su['pregnancy']} but no pregnancy text")
    if pv == {"yes"} and any(re.search(r"leave (this )?out|avoid|do not|skip|instead", c) for c in preg_lines if "sudden swelling" not in c):
        bad(s, "pregnancy all yes but text restricts it")
    if "no" in pv and not any(re.search(r"leave|avoid|no ball|instead|do not", c) for c in preg_lines):
        bad(s, "pregnancy no but text does not say so")
    if pos == "prone" and "yes" in (su["pregnancy"]["second"], su["pregnancy"]["third"]):
        bad(s, "prone technique suits later pregnancy")
    if pos == "supine" and su["pregnancy"]["third"] == "yes":
        bad(s, "supine technique suits third trimester")
    if "belly" in t["regions"] and pv != {"no"}:
        bad(s, "belly work suits pregnancy")
    if "inner-thigh" in t["regions"] and (pv != {"no"} or su["clot_risk"] != "no"):
        bad(s, "inner thigh must be no for pregnancy and clot risk")
    legs = {"ankle-and-calf", "back-of-thigh", "inner-thigh", "front-of-thigh", "outer-thigh-and-hip", "shin"}
    if set(t["regions"]) & {"ankle-and-calf", "back-of-thigh", "inner-thigh", "front-of-thigh", "shin"} or t["regions"][0] in legs:
        if su["clot_risk"] == "yes":
            bad(s, "leg work marked yes for clot risk")
    if {"ankle-and-calf", "back-of-thigh"} & set(t["regions"]) and "yes" in pv:
        bad(s, "calf/back-of-thigh work marked yes for pregnancy")
    if su["osteoporosis"] == "no" and not any(re.search(r"leave|do not|no ", c) for c in osteo_lines):
        bad(s, "osteoporosis no but text does not say so")
    if su["osteoporosis"] == "yes" and any(re.search(r"leave|do not|no deep|keep|light", c) for c in osteo_lines if not c.startswith("a good")):
        bad(s, "osteoporosis yes but text restricts it")
    if su["osteoporosis"] == "care" and not osteo_lines:
        bad(s, "osteoporosis care without text")
    if su["clot_risk"] == "no" and not any("do not" in c for c in clot_lines):
        bad(s, "clot no without a do-not line")
    if su["clot_risk"] == "care" and not clot_lines:
        bad(s, "clot care without text")
    if su["clot_risk"] == "yes" and any("thrombosis" in c for c in clot_lines):
        bad(s, "clot yes but a thrombosis line")
    if "lacrosse-ball" in eq and t["intensity"] == "deep" and su["osteoporosis"] != "no":
        print(f"  note {s}: deep lacrosse with osteoporosis {su['osteoporosis']}")
    if "foam-roller" in eq and ({"upper-back", "between-shoulder-blades"} & set(t["regions"])) and su["osteoporosis"] == "yes":
        bad(s, "roller across thoracic spine suits osteoporosis")

# ------------------------------------------------------------ duplicate combinations


def key(t):
    return (t["regions"][0], frozenset(t["actions"]), frozenset(t["equipment"]), t["position"])


seen = {}
for t in LIB["techniques"]:
    seen.setdefault(key(t), []).append("existing:" + t["slug"])
for n in range(1, 42):
    m = map_rows[n]
    seen.setdefault(key(m), []).append("map-a:" + m["slug"])
if A_PATH.exists():
    for t in json.loads(A_PATH.read_text()).get("techniques", []):
        seen.setdefault(key(t), []).append("a:" + t["slug"])
    print("checked against techniques_a.json too")
for t in TECHS:
    k = key(t)
    if k in seen:
        bad(t["slug"], f"duplicate combination with {seen[k]}")
    seen.setdefault(k, []).append(t["slug"])

# ------------------------------------------------------------ progressions
prog_slugs = {p["slug"] for p in DRAFT["progressions"]}
for p in DRAFT["progressions"]:
    if set(p) != {"slug", "name", "description"} or not all(isinstance(v, str) and v for v in p.values()):
        bad(p.get("slug"), "progression shape")
    if p["slug"] in {q["slug"] for q in LIB["progressions"]}:
        bad(p["slug"], "progression slug exists")
EXTERNAL = {"ribs-and-breath"}  # defined by the other writer
ladder = {}
levels_of = {t["slug"]: t["level"] for t in LIB["techniques"]}
levels_of["glutes-gluteus-medius-pin-wall-lacrosse-ball"] = "intermediate"  # the map's level fix
for t in TECHS:
    if t["progression"] is None:
        if t["progression_level"] is not None:
            bad(t["slug"], "level without progression")
        continue
    if t["progression"] not in prog_slugs | EXTERNAL:
        bad(t["slug"], f"unknown progression {t['progression']}")
    if not isinstance(t["progression_level"], int) or t["progression_level"] < 1:
        bad(t["slug"], "bad progression level")
    ladder.setdefault(t["progression"], []).append((t["progression_level"], t["slug"], t["level"]))
for e in DRAFT["existing_progression_members"]:
    if set(e) != {"slug", "progression", "progression_level"}:
        bad(e.get("slug"), "existing member shape")
    if e["slug"] not in EXISTING:
        bad(e["slug"], "existing member not in starter library")
    elif EXISTING[e["slug"]]["progression"]:
        bad(e["slug"], f"already in {EXISTING[e['slug']]['progression']}")
    if e["progression"] not in prog_slugs:
        bad(e["slug"], "existing member joins an unknown progression")
    ladder.setdefault(e["progression"], []).append((e["progression_level"], e["slug"], levels_of[e["slug"]]))
for p, members in sorted(ladder.items()):
    members.sort()
    lv = [m[0] for m in members]
    print(f"  {p}: " + " | ".join(f"L{m[0]} {m[1]} ({m[2]})" for m in members))
    if p in EXTERNAL:
        continue
    if lv != list(range(1, len(lv) + 1)) or len(lv) < 3:
        bad(p, f"levels {lv}")
    order = [LEVELS.index(m[2]) for m in members]
    if order != sorted(order):
        bad(p, f"technique levels not rising: {[m[2] for m in members]}")
for p in prog_slugs:
    if p not in ladder:
        bad(p, "progression without members")
# every member listed once
all_members = [m[1] for ms in ladder.values() for m in ms]
if len(all_members) != len(set(all_members)):
    problems.append("a technique sits in two progressions")

# ------------------------------------------------------------ British spelling
AMERICAN = r"\b(center|centers|color|favor|behavior|meter|meters|gray|pajamas|(?<!cross-)fiber |fibers\b|mold|program\b|aluminum|ankle-bone|anesthe|edema|hemorrh|pediatric|orthopedic|tire\b|tires\b|toward\b|practise\b|analyze|realize|organize)"
for t in TECHS:
    text = json.dumps({k: t[k] for k in ("name", "summary", "instructions", "cues", "mistakes", "cautions", "contraindications", "indications")})
    for m in re.finditer(AMERICAN, text, re.I):
        bad(t["slug"], f"spelling: {m.group(0)!r}")
for p in DRAFT["progressions"]:
    for m in re.finditer(AMERICAN, p["description"] + p["name"], re.I):
        bad(p["slug"], f"spelling: {m.group(0)!r}")

print()
if problems:
    print(len(problems), "problems:")
    print("\n".join(problems))
    sys.exit(1)
print("OK: no problems")
