"""Checks routines/library/drafts/techniques_a.json against starter_library.json."""
import json
import re
import sys

BASE = "/work/main/routines/library/"
problems = []


def bad(msg):
    problems.append(msg)


new = json.load(open(BASE + "drafts/techniques_a.json"))
old = json.load(open(BASE + "starter_library.json"))

assert set(new) == {"equipment", "actions", "progressions", "techniques",
                    "existing_progression_members"}, set(new)

REGIONS = {r["slug"] for r in old["regions"]}
NEW_EQ = {"massage-stick", "hook-tool", "frozen-bottle", "chair", "table"}
NEW_AC = {"contract-relax"}
EQUIP = {e["slug"] for e in old["equipment"]} | {e["slug"] for e in new["equipment"]}
ACTIONS = {a["slug"] for a in old["actions"]} | {a["slug"] for a in new["actions"]}
POSITIONS = {"supine", "prone", "side-lying", "seated", "standing", "wall", "kneeling",
             "all-fours", "chair"}
LEVELS = ["beginner", "intermediate", "advanced"]
INTENS = ["gentle", "moderate", "deep"]
V = {"yes", "care", "no"}
BALLS = {"therapy-ball", "ball-pair-tote", "large-soft-ball", "firm-ball", "lacrosse-ball",
         "spiky-ball"}

# vocabulary entries
if {e["slug"] for e in new["equipment"]} != NEW_EQ:
    bad("equipment slugs differ from the brief")
if {a["slug"] for a in new["actions"]} != NEW_AC:
    bad("action slugs differ from the brief")
for section in ("equipment", "actions", "progressions"):
    for e in new[section]:
        for k in ("slug", "name", "description"):
            if not isinstance(e.get(k), str) or not e[k].strip():
                bad(f"{section} {e.get('slug')}: {k} missing")
chair = next(e for e in new["equipment"] if e["slug"] == "chair")
table = next(e for e in new["equipment"] if e["slug"] == "table")
assert chair["description"] == "A sturdy chair without wheels."
assert table["description"] == "A table or desk at about hip height."

# field shape against the existing entries
ref = old["techniques"][0]
fields = list(ref) + ["indications", "suitability"]
old_slugs = {t["slug"] for t in old["techniques"]}
seen = set()
combos = {}
for t in old["techniques"]:
    combos[(t["regions"][0], frozenset(t["actions"]), frozenset(t["equipment"]),
            t["position"])] = "existing " + t["slug"]

for t in new["techniques"]:
    s = t.get("slug")
    w = f"{s}:"
    if set(t) != set(fields):
        bad(f"{w} fields {sorted(set(t) ^ set(fields))}")
    for k, v in ref.items():
        if k in ("progression", "progression_level"):
            continue
        if type(t[k]) is not type(v):
            bad(f"{w} {k} type {type(t[k]).__name__}")
    if s in old_slugs:
        bad(f"{w} slug exists in starter library")
    if s in seen:
        bad(f"{w} duplicate slug")
    seen.add(s)
    if len(s) > 100 or not re.fullmatch(r"[a-z0-9-]+", s):
        bad(f"{w} slug shape")
    if len(t["name"]) > 160:
        bad(f"{w} name too long")
    if len(t["summary"]) > 240:
        bad(f"{w} summary {len(t['summary'])} chars")
    if t["status"] != "published" or t["image"] != "" or t["video_url"] != "":
        bad(f"{w} status/image/video")
    for r in t["regions"]:
        if r not in REGIONS:
            bad(f"{w} unknown region {r}")
    for e in t["equipment"]:
        if e not in EQUIP:
            bad(f"{w} unknown equipment {e}")
    for a in t["actions"]:
        if a not in ACTIONS:
            bad(f"{w} unknown action {a}")
    if t["position"] not in POSITIONS:
        bad(f"{w} position {t['position']}")
    if t["level"] not in LEVELS or t["intensity"] not in INTENS:
        bad(f"{w} level/intensity")
    for k, lo, hi in (("instructions", 4, 5), ("cues", 2, 4), ("mistakes", 2, 3),
                      ("indications", 3, 7)):
        if not lo <= len(t[k]) <= hi:
            bad(f"{w} {k} count {len(t[k])}")
    for k in ("tissues", "instructions", "cues", "mistakes", "cautions", "contraindications",
              "indications"):
        if not all(isinstance(x, str) and x.strip() for x in t[k]):
            bad(f"{w} {k} has an empty or non-text item")
    for i in t["indications"]:
        if i != i.lower():
            bad(f"{w} indication not lowercase: {i}")
        if re.search(r"pregnan|osteopor|clot|cure", i):
            bad(f"{w} indication uses a filter or medical-claim word: {i}")
    if not isinstance(t["duration_seconds"], int) or not 5 <= t["duration_seconds"] <= 1800:
        bad(f"{w} duration")
    # suitability shape
    su = t["suitability"]
    if set(su) != {"pregnancy", "osteoporosis", "clot_risk"} or \
            set(su["pregnancy"]) != {"first", "second", "third"} or \
            not set(su["pregnancy"].values()) <= V or su["osteoporosis"] not in V or \
            su["clot_risk"] not in V:
        bad(f"{w} suitability shape {su}")
    # generic lines
    ci = t["contraindications"]
    if ci[-1] != ("Recent injury or surgery: stay away from the site until it is cleared by a "
                  "clinician."):
        bad(f"{w} recent-injury line not last")
    text_ci = " ".join(ci)
    if "Fever" not in text_ci:
        bad(f"{w} no fever line")
    if "skin" not in text_ci.lower():
        bad(f"{w} no skin line")
    # duplicate combination
    key = (t["regions"][0], frozenset(t["actions"]), frozenset(t["equipment"]), t["position"])
    if key in combos:
        bad(f"{w} same combination as {combos[key]}")
    combos[key] = s

    # ---- consistency of notes with data ----
    notes = " ".join(t["cautions"] + t["contraindications"] + t["cues"] + t["mistakes"])
    alltext = notes + " " + " ".join(t["instructions"]) + " " + t["summary"]
    has_ball = bool(BALLS & set(t["equipment"]))
    if not has_ball and re.search(r"\bball", alltext, re.I):
        bad(f"{w} mentions a ball but uses none")
    if "softer ball" in notes and not has_ball:
        bad(f"{w} softer-ball advice without a ball")
    if "roller" in alltext.lower() and "foam-roller" not in t["equipment"]:
        bad(f"{w} mentions a roller without one")
    if re.search(r"prone|face down", notes, re.I) and t["position"] != "prone":
        bad(f"{w} prone note on a {t['position']} technique")
    if "<<" in notes:
        bad(f"{w} unresolved placeholder")
    if re.search(r"on your back\b|flat on the back", notes) and t["position"] != "supine":
        if "lying flat can" not in notes:
            bad(f"{w} supine note on a {t['position']} technique")
    if t["position"] == "supine" and not re.search(r"Pregnancy", text_ci):
        bad(f"{w} supine without a pregnancy line")
    if t["position"] == "prone" and su["pregnancy"]["third"] != "no":
        bad(f"{w} prone but third trimester not no")
    if t["position"] == "chair" and "chair" not in t["equipment"]:
        bad(f"{w} chair position without chair equipment")
    if re.search(r"\btable\b", " ".join(t["instructions"])) and "table" not in t["equipment"]:
        # a table mentioned only as an option is fine; flag for a look
        print(f"note: {s} mentions a table without it as equipment")
    # level / intensity vs equipment
    if "lacrosse-ball" in t["equipment"] and t["level"] == "beginner":
        bad(f"{w} lacrosse ball at beginner")
    if set(t["equipment"]) & {"spiky-ball", "large-soft-ball"} and t["intensity"] == "deep":
        bad(f"{w} deep with a soft tool")
    if t["intensity"] == "deep" and t["level"] == "beginner":
        bad(f"{w} deep at beginner")
    # per side
    last = t["instructions"][-1].lower()
    sides = re.search(r"change sides|change hands|other side|change legs", last)
    if t["per_side"] and not sides:
        bad(f"{w} per_side but no change of sides in the last step")
    if not t["per_side"] and re.search(r"change sides", " ".join(t["instructions"]).lower()):
        bad(f"{w} not per_side but says change sides")
    # duration stated in the steps
    steps = " ".join(t["instructions"])
    m = re.findall(r"about (\d+) (seconds|minutes?) in all", steps)
    if not m:
        bad(f"{w} no 'about N ... in all' total in the steps")
    else:
        n, unit = m[-1]
        total = int(n) * (60 if unit.startswith("minute") else 1)
        if total != t["duration_seconds"]:
            bad(f"{w} steps say {total}s, duration {t['duration_seconds']}")
    # suitability vs text
    ost = [c for c in t["contraindications"] if "Osteoporosis" in c]
    if su["osteoporosis"] == "yes" and ost:
        bad(f"{w} osteoporosis yes but text names it")
    if su["osteoporosis"] != "yes" and not ost:
        bad(f"{w} osteoporosis {su['osteoporosis']} without text")
    if ost and "leave this out" in ost[0] and su["osteoporosis"] != "no":
        bad(f"{w} osteoporosis text says leave out, value {su['osteoporosis']}")
    if ost and "leave this out" not in ost[0] and su["osteoporosis"] == "no":
        bad(f"{w} osteoporosis no but text only cautions")
    preg_text = [c for c in t["cautions"] + t["contraindications"] if re.search(r"[Pp]regnan", c)]
    pv = su["pregnancy"]
    if set(pv.values()) != {"yes"} and not preg_text:
        bad(f"{w} pregnancy {pv} without text")
    if set(pv.values()) == {"yes"} and any(re.search(r"avoid|leave this out|do not|skip", c)
                                         for c in preg_text):
        bad(f"{w} pregnancy all yes but text restricts")
    clot_text = [c for c in t["contraindications"] if re.search(r"clot|thrombos", c, re.I)]
    if su["clot_risk"] != "yes" and not clot_text:
        bad(f"{w} clot {su['clot_risk']} without text")
    if su["clot_risk"] == "yes" and clot_text:
        bad(f"{w} clot yes but text names clots")
    # British spelling
    for us in (r"\bcenter", r"\bfiber(?!s? \w)", r"\bcolor", r"mobiliz", r"organiz", r"\bgray\b",
               r"\bprogram\b", r"\bmeter", r"favor", r"\bliter", r"\bbehavior"):
        for field in ("summary",):
            pass
        if re.search(us, alltext, re.I):
            bad(f"{w} US spelling {us}")

# progressions
prog_slugs = {p["slug"] for p in new["progressions"]}
old_prog = {p["slug"] for p in old["progressions"]}
if prog_slugs & old_prog:
    bad("progression slug clash")
ladder = {}
order = {lv: i for i, lv in enumerate(LEVELS)}
oldt = {t["slug"]: t for t in old["techniques"]}
for t in new["techniques"]:
    if t["progression"] is None:
        if t["progression_level"] is not None:
            bad(f"{t['slug']}: level without progression")
        continue
    if t["progression"] not in prog_slugs | old_prog:
        bad(f"{t['slug']}: unknown progression")
    ladder.setdefault(t["progression"], {}).setdefault(t["progression_level"], []).append(
        (t["slug"], t["level"]))
for m in new["existing_progression_members"]:
    o = oldt.get(m["slug"])
    if not o:
        bad(f"existing member {m['slug']} not in starter library")
        continue
    if o["progression"]:
        bad(f"existing member {m['slug']} already in {o['progression']}")
    ladder.setdefault(m["progression"], {}).setdefault(m["progression_level"], []).append(
        (m["slug"], o["level"]))
for p, levels in ladder.items():
    for lv, members in levels.items():
        if len(members) > 1:
            bad(f"{p}: level {lv} has {members}")
    seq = [levels[k][0] for k in sorted(levels)]
    ranks = [order[l] for _, l in seq]
    if ranks != sorted(ranks):
        bad(f"{p}: levels out of order {seq}")
    print(f"{p}: " + ", ".join(f"L{k} {levels[k][0][0]} ({levels[k][0][1]})"
                               for k in sorted(levels)))
for p in prog_slugs:
    if p not in ladder:
        bad(f"progression {p} has no members in this file")

print(len(new["techniques"]), "techniques,", len(new["progressions"]), "progressions")
print("\n".join(problems) or "OK: no problems")
sys.exit(1 if problems else 0)
