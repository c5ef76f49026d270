"""Write routines/library/drafts/synonyms.json and validate it: every "means" phrase
occurs (as whole words) in the library's text (names, regions, tissues, summaries of
the existing techniques, and the vocabulary); no loops; no duplicate terms; no
filter words (pregnancy, osteoporosis, clots) as terms."""

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from corpus import corpus, occurs

OUT = Path("/work/main/routines/library/drafts/synonyms.json")

EN = [
    # --- everyday and professional names for regions and tissues ---
    ("it band", ["iliotibial band", "outer thigh", "tensor fasciae latae"]),
    ("itb", ["iliotibial band", "outer thigh"]),
    ("iliotibial", ["iliotibial band", "outer thigh"]),
    ("tfl", ["tensor fasciae latae"]),
    ("rotator cuff", ["infraspinatus", "supraspinatus", "teres minor", "teres major",
                      "back of the shoulder"]),
    ("tech neck", ["back of the neck", "upper trapezius", "levator scapulae", "suboccipitals",
                   "upper back"]),
    ("text neck", ["back of the neck", "upper trapezius", "levator scapulae", "suboccipitals"]),
    ("hip flexor", ["hip flexors", "front of the hip", "psoas", "iliacus", "rectus femoris"]),
    ("traps", ["upper trapezius", "middle trapezius", "top of the shoulder"]),
    ("trap", ["upper trapezius", "top of the shoulder"]),
    ("lats", ["latissimus dorsi", "side ribs"]),
    ("lat", ["latissimus dorsi"]),
    ("pecs", ["pectoralis major", "pectoralis minor", "chest"]),
    ("pec", ["pectoralis major", "pectoralis minor"]),
    ("delts", ["deltoid"]),
    ("quads", ["quadriceps", "front of the thigh", "rectus femoris", "vastus lateralis"]),
    ("hammies", ["hamstrings", "back of the thigh"]),
    ("butt", ["glutes", "buttock", "gluteus maximus"]),
    ("bum", ["glutes", "buttock"]),
    ("buttocks", ["glutes", "buttock", "gluteus maximus"]),
    ("adductors", ["inner thigh", "adductor magnus", "adductor longus"]),
    ("groin", ["inner thigh", "adductor longus"]),
    ("abs", ["rectus abdominis", "belly", "abdominal"]),
    ("stomach", ["belly", "abdominal"]),
    ("tummy", ["belly", "abdominal"]),
    ("core", ["belly", "transversus abdominis", "diaphragm"]),
    ("obliques", ["external oblique", "internal oblique", "side ribs"]),
    ("ribcage", ["ribs", "side ribs", "intercostals"]),
    ("rib cage", ["ribs", "side ribs", "intercostals"]),
    ("scapula", ["shoulder blade", "between the shoulder blades"]),
    ("mid back", ["upper back", "between the shoulder blades", "thoracic"]),
    ("middle back", ["upper back", "between the shoulder blades", "thoracic"]),
    ("t-spine", ["thoracic", "upper back"]),
    ("lower back", ["low back", "quadratus lumborum", "thoracolumbar fascia"]),
    ("lumbar", ["low back", "quadratus lumborum", "thoracolumbar fascia"]),
    ("ql", ["quadratus lumborum"]),
    ("si joint", ["sacrum", "posterior sacroiliac ligaments"]),
    ("nape", ["back of the neck", "suboccipitals"]),
    ("skull", ["base of the skull", "suboccipitals"]),
    ("temples", ["temple", "temporalis"]),
    ("cheek", ["masseter", "jaw"]),
    ("feet", ["foot", "sole of the foot", "plantar fascia"]),
    ("arches", ["arch", "sole of the foot", "plantar fascia"]),
    ("toes", ["toe", "sole of the foot", "flexor digitorum brevis"]),
    ("calves", ["calf", "gastrocnemius", "soleus"]),
    ("shins", ["shin", "tibialis anterior"]),
    ("peroneals", ["peroneus longus", "peroneus brevis", "outer shin"]),
    ("fibularis", ["peroneus longus", "peroneus brevis", "outer shin"]),
    ("forearms", ["forearm", "wrist flexors", "wrist extensors"]),
    ("hands", ["hand", "palm", "forearm and hand"]),
    ("fingers", ["finger flexors", "palm"]),
    ("grip", ["wrist flexors", "finger flexors", "palm", "forearm"]),
    ("bicep", ["biceps", "biceps brachii", "upper arm"]),
    ("back of the arm", ["triceps brachii", "upper arm"]),
    ("clavicle", ["collarbone"]),
    ("breathing muscles", ["diaphragm", "intercostals", "ribs"]),
    ("myofascial", ["fascia", "roll", "pin"]),
    ("smr", ["roll", "pin", "compress", "therapy ball", "foam roller"]),
    ("trigger point", ["pin", "compress", "tender spot"]),
    ("knots", ["pin", "compress", "tender spot"]),
    # --- equipment ---
    ("tennis ball", ["therapy ball"]),
    ("massage ball", ["therapy ball"]),
    ("yoga tune up ball", ["therapy ball", "pair of therapy balls"]),
    ("peanut ball", ["pair of therapy balls", "tote"]),
    ("double ball", ["pair of therapy balls", "tote"]),
    ("coregeous ball", ["large soft ball"]),
    ("soft ball", ["large soft ball"]),
    ("pilates ball", ["large soft ball"]),
    ("hard ball", ["lacrosse ball", "firm ball"]),
    ("spikey ball", ["spiky ball"]),
    ("hedgehog ball", ["spiky ball"]),
    ("prickly ball", ["spiky ball"]),
    ("foam roll", ["foam roller"]),
    ("roller", ["foam roller"]),
    ("brick", ["yoga block", "block"]),
    ("desk", ["table", "chair"]),
    ("counter", ["table"]),
    # --- actions and positions ---
    ("rolling", ["roll"]),
    ("pressure", ["pin", "compress"]),
    ("stretching", ["pin and stretch", "stretch"]),
    ("twist", ["spin"]),
    ("skin rolling", ["shear"]),
    ("slide and glide", ["shear", "pin and stretch"]),
    ("cross friction", ["cross-fiber"]),
    ("cross fibre", ["cross-fiber"]),
    ("strumming", ["cross-fiber"]),
    ("long hold", ["sustained hold", "rest"]),
    ("restorative", ["sustained hold", "rest", "down-regulation"]),
    ("lying face down", ["face down"]),
    ("on your back", ["lying on your back"]),
    ("on your side", ["side-lying"]),
    ("sitting down", ["seated", "chair"]),
    # --- conditions -> regions and tissues ---
    ("headache", ["suboccipitals", "base of the skull", "back of the neck", "temporalis",
                  "upper trapezius"]),
    ("tension headache", ["suboccipitals", "base of the skull", "back of the neck",
                          "upper trapezius", "temporalis"]),
    ("stiff neck", ["back of the neck", "side of the neck", "levator scapulae",
                    "upper trapezius", "posterior scalene"]),
    ("neck pain", ["back of the neck", "side of the neck", "upper trapezius",
                   "levator scapulae", "suboccipitals"]),
    ("tmj", ["masseter", "temporalis", "jaw"]),
    ("jaw pain", ["masseter", "temporalis", "jaw"]),
    ("clenching", ["masseter", "temporalis", "jaw"]),
    ("teeth grinding", ["masseter", "temporalis", "jaw"]),
    ("bruxism", ["masseter", "temporalis", "jaw"]),
    ("rounded shoulders", ["pectoralis minor", "pectoralis major", "chest", "upper back"]),
    ("posture", ["upper back", "pectoralis minor", "chest", "thoracic"]),
    ("shoulder pain", ["back of the shoulder", "infraspinatus", "deltoid", "upper trapezius"]),
    ("carpal tunnel", ["wrist flexors", "palm", "forearm"]),
    ("tennis elbow", ["wrist extensors", "brachioradialis", "forearm"]),
    ("golfer's elbow", ["wrist flexors", "finger flexors", "forearm"]),
    ("rsi", ["forearm", "wrist flexors", "wrist extensors", "palm"]),
    ("repetitive strain", ["forearm", "wrist flexors", "wrist extensors", "palm"]),
    ("back pain", ["low back", "upper back", "quadratus lumborum", "erector spinae"]),
    ("low back pain", ["low back", "quadratus lumborum", "thoracolumbar fascia", "glutes"]),
    ("sciatica", ["glutes", "piriformis"]),
    ("piriformis syndrome", ["piriformis", "glutes"]),
    ("hip pain", ["outer thigh and hip", "gluteus medius", "front of the hip"]),
    ("tight hips", ["hip flexors", "front of the hip", "glutes", "gluteus medius"]),
    ("it band syndrome", ["iliotibial band", "outer thigh", "tensor fasciae latae",
                          "vastus lateralis"]),
    ("runner's knee", ["quadriceps", "iliotibial band", "vastus lateralis", "outer thigh"]),
    ("knee pain", ["quadriceps", "front of the thigh", "iliotibial band"]),
    ("tight hamstrings", ["hamstrings", "back of the thigh"]),
    ("shin splints", ["shin", "tibialis anterior"]),
    ("plantar fasciitis", ["plantar fascia", "sole of the foot", "arch", "calf"]),
    ("heel pain", ["plantar fascia", "sole of the foot", "achilles tendon"]),
    ("flat feet", ["arch", "sole of the foot", "plantar fascia"]),
    ("achilles tendinitis", ["achilles tendon", "soleus", "calf"]),
    ("achilles tendinopathy", ["achilles tendon", "soleus", "calf"]),
    ("tight calves", ["calf", "gastrocnemius", "soleus"]),
    ("calf cramps", ["calf", "gastrocnemius", "soleus"]),
    ("shallow breathing", ["diaphragm", "intercostals", "ribs", "breathe"]),
    # --- goals ---
    ("before sleep", ["down-regulation", "sustained hold", "breathe", "bed"]),
    ("sleep", ["down-regulation", "sustained hold", "breathe", "bed"]),
    ("relax", ["down-regulation", "sustained hold", "breathe", "rest"]),
    ("relaxation", ["down-regulation", "sustained hold", "breathe", "rest"]),
    ("stress", ["down-regulation", "sustained hold", "breathe"]),
    ("anxiety", ["down-regulation", "sustained hold", "breathe"]),
    ("breathing", ["breathe", "diaphragm", "intercostals", "ribs"]),
    ("warm up", ["roll", "warm-up"]),
    ("mobility", ["pin and stretch", "extension", "thoracic"]),
    # --- populations -> what they usually need ---
    ("runner", ["calf", "shin", "plantar fascia", "iliotibial band", "hamstrings",
                "quadriceps", "glutes"]),
    ("runners", ["calf", "shin", "plantar fascia", "iliotibial band", "hamstrings",
                 "quadriceps", "glutes"]),
    ("cyclist", ["quadriceps", "hip flexors", "front of the thigh", "glutes",
                 "iliotibial band"]),
    ("desk worker", ["upper back", "between the shoulder blades", "upper trapezius",
                     "pectoralis minor", "wrist extensors", "hip flexors", "desk"]),
    ("office", ["upper back", "between the shoulder blades", "upper trapezius",
                "pectoralis minor", "wrist extensors", "desk", "chair"]),
    ("computer", ["upper back", "upper trapezius", "pectoralis minor", "wrist extensors",
                  "keyboard"]),
    ("musician", ["forearm", "wrist flexors", "wrist extensors", "palm", "upper trapezius"]),
    ("climber", ["forearm", "wrist flexors", "finger flexors", "latissimus dorsi",
                 "climbing"]),
    ("swimmer", ["latissimus dorsi", "pectoralis minor", "infraspinatus",
                 "back of the shoulder"]),
    ("hiker", ["calf", "sole of the foot", "quadriceps", "glutes"]),
    ("dancer", ["sole of the foot", "calf", "achilles tendon", "hip flexors"]),
    ("older adults", ["wall", "chair", "gentle"]),
    ("seniors", ["wall", "chair", "gentle"]),
    ("phone", ["forearm", "palm", "back of the neck", "thenar muscles"]),
]

FR = [
    # --- régions ---
    ("épaule", ["shoulder", "top of the shoulder", "back of the shoulder"]),
    ("épaules", ["shoulder", "top of the shoulder", "back of the shoulder"]),
    ("nuque", ["back of the neck", "suboccipitals", "neck"]),
    ("cou", ["neck", "side of the neck", "back of the neck"]),
    ("tête", ["head", "base of the skull"]),
    ("mâchoire", ["jaw", "masseter"]),
    ("tempe", ["temple", "temporalis"]),
    ("cuir chevelu", ["scalp", "epicranial aponeurosis"]),
    ("dos", ["upper back", "low back", "between the shoulder blades"]),
    ("haut du dos", ["upper back", "between the shoulder blades", "thoracic"]),
    ("bas du dos", ["low back", "quadratus lumborum", "thoracolumbar fascia"]),
    ("lombaires", ["low back", "lumbar"]),
    ("omoplate", ["shoulder blade", "between the shoulder blades", "rhomboids"]),
    ("entre les omoplates", ["between the shoulder blades", "rhomboids"]),
    ("poitrine", ["chest", "pectoralis major"]),
    ("pectoraux", ["pectoralis major", "pectoralis minor", "chest"]),
    ("côtes", ["ribs", "side ribs", "intercostals"]),
    ("ventre", ["belly", "abdominal"]),
    ("abdominaux", ["rectus abdominis", "abdominal", "belly"]),
    ("diaphragme", ["diaphragm"]),
    ("bassin", ["pelvis", "sacrum and pelvis"]),
    ("hanche", ["hip", "outer thigh and hip", "front of the hip"]),
    ("hanches", ["hip", "outer thigh and hip", "front of the hip"]),
    ("fléchisseurs de la hanche", ["hip flexors", "psoas", "iliacus"]),
    ("fessiers", ["glutes", "buttock", "gluteus maximus"]),
    ("fesses", ["glutes", "buttock"]),
    ("cuisse", ["thigh", "front of the thigh", "back of the thigh", "inner thigh",
                "outer thigh"]),
    ("ischio-jambiers", ["hamstrings", "back of the thigh"]),
    ("ischios", ["hamstrings", "back of the thigh"]),
    ("adducteurs", ["adductor magnus", "adductor longus", "inner thigh"]),
    ("intérieur de la cuisse", ["inner thigh"]),
    ("bandelette ilio-tibiale", ["iliotibial band", "outer thigh"]),
    ("genou", ["knee"]),
    ("mollet", ["calf", "gastrocnemius", "soleus"]),
    ("mollets", ["calf", "gastrocnemius", "soleus"]),
    ("tibia", ["shin", "tibialis anterior"]),
    ("cheville", ["ankle", "achilles tendon"]),
    ("tendon d'achille", ["achilles tendon"]),
    ("pied", ["foot", "sole of the foot"]),
    ("pieds", ["foot", "sole of the foot"]),
    ("plante du pied", ["sole of the foot", "plantar fascia"]),
    ("voûte plantaire", ["arch", "sole of the foot", "plantar fascia"]),
    ("talon", ["heel", "plantar fascia"]),
    ("orteils", ["toe"]),
    ("bras", ["upper arm", "biceps", "triceps brachii"]),
    ("avant-bras", ["forearm", "wrist flexors", "wrist extensors"]),
    ("poignet", ["wrist", "wrist flexors", "wrist extensors"]),
    ("main", ["hand", "palm"]),
    ("mains", ["hand", "palm"]),
    ("paume", ["palm"]),
    ("doigts", ["fingers", "finger flexors"]),
    ("coude", ["elbow"]),
    # --- muscles ---
    ("trapèze", ["upper trapezius", "middle trapezius"]),
    ("grand dorsal", ["latissimus dorsi"]),
    ("dentelé antérieur", ["serratus anterior"]),
    ("piriforme", ["piriformis"]),
    ("pyramidal", ["piriformis"]),
    ("carré des lombes", ["quadratus lumborum"]),
    ("sous-occipitaux", ["suboccipitals"]),
    ("scalènes", ["posterior scalene", "middle scalene"]),
    ("angulaire de l'omoplate", ["levator scapulae"]),
    ("élévateur de la scapula", ["levator scapulae"]),
    ("rhomboïdes", ["rhomboids"]),
    ("deltoïde", ["deltoid"]),
    ("fessier moyen", ["gluteus medius"]),
    ("tenseur du fascia lata", ["tensor fasciae latae"]),
    ("péroniers", ["peroneus longus", "peroneus brevis", "outer shin"]),
    ("fibulaires", ["peroneus longus", "peroneus brevis", "outer shin"]),
    ("fascia plantaire", ["plantar fascia"]),
    ("aponévrose plantaire", ["plantar fascia"]),
    ("soléaire", ["soleus"]),
    ("masséter", ["masseter"]),
    ("coiffe des rotateurs", ["infraspinatus", "supraspinatus", "teres minor"]),
    ("sous-épineux", ["infraspinatus"]),
    ("intercostaux", ["intercostals"]),
    ("iliaque", ["iliacus"]),
    # --- matériel ---
    ("balle", ["ball", "therapy ball"]),
    ("balles", ["ball", "pair of therapy balls"]),
    ("balle de tennis", ["therapy ball"]),
    ("balle à picots", ["spiky ball"]),
    ("balle hérisson", ["spiky ball"]),
    ("balle de lacrosse", ["lacrosse ball"]),
    ("balle dure", ["lacrosse ball", "firm ball"]),
    ("ballon", ["large soft ball"]),
    ("ballon mou", ["large soft ball"]),
    ("rouleau", ["foam roller"]),
    ("rouleau en mousse", ["foam roller"]),
    ("brique", ["yoga block", "block"]),
    ("bloc", ["yoga block", "block"]),
    ("mur", ["wall"]),
    ("chaise", ["chair"]),
    # --- actions et positions ---
    ("rouler", ["roll"]),
    ("épingler", ["pin"]),
    ("presser", ["pin", "compress"]),
    ("pression", ["pin", "compress"]),
    ("compression", ["compress"]),
    ("cisaillement", ["shear"]),
    ("cisailler", ["shear"]),
    ("friction transversale", ["cross-fiber"]),
    ("pivoter", ["spin"]),
    ("étirement", ["pin and stretch", "stretch"]),
    ("étirer", ["pin and stretch", "stretch"]),
    ("maintien prolongé", ["sustained hold"]),
    ("respiration", ["breathe", "breathing", "diaphragm"]),
    ("respirer", ["breathe", "breathing"]),
    ("détente", ["down-regulation", "sustained hold", "breathe", "rest"]),
    ("relâchement", ["down-regulation", "sustained hold", "rest"]),
    ("assis", ["seated", "chair"]),
    ("debout", ["standing", "wall"]),
    ("couché sur le dos", ["lying on your back"]),
    ("à plat ventre", ["face down"]),
    ("sur le côté", ["side-lying"]),
    ("à genoux", ["kneeling"]),
    ("à quatre pattes", ["all fours"]),
    ("balle de massage", ["therapy ball"]),
    ("rouleau de massage", ["foam roller"]),
    ("ballon souple", ["large soft ball"]),
    ("petit ballon", ["large soft ball"]),
    ("automassage", ["roll", "pin", "therapy ball", "foam roller"]),
    ("auto-massage", ["roll", "pin", "therapy ball", "foam roller"]),
    ("libération myofasciale", ["fascia", "roll", "pin"]),
    ("points gâchettes", ["pin", "compress", "tender spot"]),
    ("noeuds", ["pin", "compress", "tender spot"]),
    ("cervicales", ["back of the neck", "neck", "suboccipitals"]),
    ("dorsales", ["upper back", "thoracic", "between the shoulder blades"]),
    ("jambes", ["calf", "shin", "thigh"]),
    ("épaules enroulées", ["pectoralis minor", "chest", "upper back"]),
    ("ouverture thoracique", ["thoracic", "chest", "extension"]),
    # --- problèmes, publics ---
    ("mal de tête", ["suboccipitals", "base of the skull", "back of the neck", "temporalis"]),
    ("céphalée", ["suboccipitals", "base of the skull", "back of the neck", "temporalis"]),
    ("torticolis", ["side of the neck", "levator scapulae", "upper trapezius"]),
    ("mal de dos", ["low back", "upper back", "quadratus lumborum"]),
    ("lombalgie", ["low back", "quadratus lumborum", "thoracolumbar fascia"]),
    ("sciatique", ["glutes", "piriformis"]),
    ("fasciite plantaire", ["plantar fascia", "sole of the foot", "calf"]),
    ("tunnel carpien", ["wrist flexors", "palm", "forearm"]),
    ("épicondylite", ["wrist extensors", "forearm"]),
    ("périostite tibiale", ["shin", "tibialis anterior"]),
    ("syndrome de l'essuie-glace", ["iliotibial band", "outer thigh", "tensor fasciae latae"]),
    ("bruxisme", ["masseter", "temporalis", "jaw"]),
    ("sommeil", ["down-regulation", "sustained hold", "breathe", "bed"]),
    ("coureur", ["calf", "shin", "plantar fascia", "iliotibial band", "hamstrings"]),
    ("coureurs", ["calf", "shin", "plantar fascia", "iliotibial band", "hamstrings"]),
    ("bureau", ["upper back", "upper trapezius", "pectoralis minor", "wrist extensors",
                "desk"]),
    ("musicien", ["forearm", "wrist flexors", "wrist extensors", "palm"]),
    ("aînés", ["wall", "chair", "gentle"]),
    ("personnes âgées", ["wall", "chair", "gentle"]),
]

# Filters, never ranking words: no entry may expand them (issue 14).
FILTER_TERMS = re.compile(r"pregnan|enceinte|grossesse|trimester|trimestre|osteopor|"
                          r"ostéopor|clot|thromb|caillot|dvt|phléb", re.I)


def validate(entries, text):
    problems = []
    terms = {}
    for e in entries:
        term = e["term"]
        key = term.lower()
        if key != term or term != term.strip() or not term:
            problems.append(f"{term!r}: terms are trimmed lowercase")
        if key in terms:
            problems.append(f"{term!r}: duplicate term")
        terms[key] = e
        if e["language"] not in ("en", "fr"):
            problems.append(f"{term!r}: bad language {e['language']!r}")
        if not e["means"] or len(set(e["means"])) != len(e["means"]):
            problems.append(f"{term!r}: means must be a non-empty list without repeats")
        if FILTER_TERMS.search(term) or any(FILTER_TERMS.search(m) for m in e["means"]):
            problems.append(f"{term!r}: pregnancy, osteoporosis and clots are filters")
        for m in e["means"]:
            if m.lower() == key:
                problems.append(f"{term!r}: means itself")
            if not occurs(m, text):
                problems.append(f"{term!r} -> {m!r}: not in the library's text")
    # "hip flexor" must not reach the toe or finger flexors.
    for m in terms["hip flexor"]["means"]:
        if "flexor" in m and m != "hip flexors":
            problems.append(f"hip flexor -> {m!r}: reaches other flexors")
    # No loops: follow term -> means -> term ...
    graph = {k: [m.lower() for m in e["means"] if m.lower() in terms] for k, e in terms.items()}
    state = {}

    def visit(node, path):
        if state.get(node) == "done":
            return
        if state.get(node) == "open":
            cycle = path[path.index(node):] + [node]
            problems.append("loop: " + " -> ".join(cycle))
            return
        state[node] = "open"
        for nxt in graph[node]:
            visit(nxt, path + [node])
        state[node] = "done"

    for node in graph:
        visit(node, [])
    chains = {k: v for k, v in graph.items() if v}
    return problems, chains


entries = [{"term": t, "means": m, "language": "en"} for t, m in EN] + \
          [{"term": t, "means": m, "language": "fr"} for t, m in FR]
text = corpus()
problems, chains = validate(entries, text)
for p in problems:
    print("PROBLEM", p)
print(f"{len(entries)} entries ({len(EN)} en, {len(FR)} fr); "
      f"{sum(len(e['means']) for e in entries)} means phrases; "
      f"chains (term whose means is another term, no loop): {chains}")
if problems:
    sys.exit(1)
OUT.write_text(json.dumps(entries, indent=2, ensure_ascii=False) + "\n")
print("written", OUT)
