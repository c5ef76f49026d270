import json, re
def corpus(path="/work/main/routines/library/starter_library.json"):
    d = json.load(open(path))
    parts = []
    regions = {r["slug"]: r["name"] for r in d["regions"]}
    for t in d["techniques"]:
        parts += [t["name"], t["summary"], *t["tissues"], *[regions[r] for r in t["regions"]], *t["regions"]]
    for section in ("regions", "equipment", "actions", "progressions"):
        for e in d[section]:
            parts += [e["slug"], e["name"], e.get("description", "")]
    return "\n".join(parts).lower()
def occurs(phrase, text):
    return re.search(r"(?<![\w])" + re.escape(phrase.lower()) + r"(?![\w])", text) is not None
