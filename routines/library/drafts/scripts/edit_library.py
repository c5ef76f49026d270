"""Apply the review's fixes to routines/library/starter_library.json and add the
indications and suitability fields. Run once, from any directory."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from lines import *  # noqa: F401,F403
from lines import CLOT, OSTEOPOROSIS, PREGNANCY

PATH = Path("/work/main/routines/library/starter_library.json")
data = json.loads(Path("/tmp/lib/original.json").read_text())
T = {t["slug"]: t for t in data["techniques"]}


def replace_in(slug, field, old, new, index=None):
    items = T[slug][field]
    if isinstance(items, str):
        assert old in items, (slug, field, old)
        T[slug][field] = items.replace(old, new)
        return
    hits = [i for i, x in enumerate(items) if old in x]
    assert len(hits) == 1, (slug, field, old, hits)
    items[hits[0]] = items[hits[0]].replace(old, new)


def drop(slug, field, startswith):
    items = T[slug][field]
    hits = [x for x in items if x.startswith(startswith)]
    assert len(hits) == 1, (slug, field, startswith)
    items.remove(hits[0])


def add(slug, field, text):
    assert text not in T[slug][field]
    T[slug][field].append(text)


# ---------------------------------------------------------------- vocabulary
data["equipment"].append({
    "slug": "chair",
    "name": "Chair",
    "description": "A sturdy chair without wheels, to sit on or lean against, for work that "
                   "needs no getting down to the floor.",
})
data["equipment"].append({
    "slug": "table",
    "name": "Table or counter",
    "description": "A table, desk or kitchen counter to rest a ball, a forearm or a hand on.",
})
for slug, extra in [
    ("back-of-thigh-hamstring-pin-and-stretch-firm-ball", "chair"),
    ("back-of-thigh-hamstring-shear-therapy-ball", "chair"),
    ("infraspinatus-chair-pin", "chair"),
    ("plantar-fascia-roll-spiky-ball", "chair"),
    ("palm-spiky-ball-roll", "table"),
    ("temporalis-spiky-ball-shear", "table"),
    ("wrist-extensor-cross-fiber-counter", "table"),
]:
    T[slug]["equipment"].append(extra)  # vocabulary order: chair and table come last

progressions = {p["slug"]: p for p in data["progressions"]}
progressions["shoulder-blade-tote-slide-and-glide"]["name"] = "Shoulder blades: tote to single ball"
progressions["shoulder-blade-tote-slide-and-glide"]["description"] = (
    "Supine work that unsticks the rhomboids, upper trapezius and levator scapulae from their "
    "neighbours so the layers around the shoulder blade slide and glide again: three levels on a "
    "pair of balls in a tote, then a single ball for the levator scapulae. Re-check an overhead "
    "reach after the tote levels and a head turn after the last."
)
progressions["sole-of-foot-progression"]["description"] = (
    "From a light seated roll on a spiky ball, to a standing lacrosse-ball roll with cross-fiber "
    "strokes, to full body weight on a foam roller. The last level asks for balance and body "
    "weight, not more depth: the roller is broader and less pointed than the lacrosse ball. Move "
    "up only when the current level feels easy and the feet feel better afterwards."
)

# ---------------------------------------------------------------- single fixes
# Near-duplicate of side-ribs-latissimus-roll-foam-roller: retired, never deleted.
T["latissimus-dorsi-foam-roller-side-lying"]["status"] = "retired"

# Masseter: start on the muscle below the cheekbone, not on the jaw joint.
replace_in(
    "masseter-hand-held-ball-roll", "instructions",
    "place it on the cheek just in front of the ear, over the thick muscle you feel bulge when "
    "you clench.",
    "place it on the cheek below the cheekbone, about two finger-widths in front of the ear "
    "lobe, over the thick muscle you feel bulge when you clench; the jaw joint, just in front "
    "of the ear, stays free.",
)
replace_in(
    "masseter-hand-held-ball-roll", "mistakes",
    "Pressing hard into the joint just in front of the ear.",
    "Starting on, or drifting up onto, the jaw joint just in front of the ear.",
)

# Levator scapulae and posterior scalene: their own re-checks, their own tissues.
replace_in("levator-scapulae-pin-and-stretch", "cues",
           "Re-check your forward fold or overhead reach afterwards: what changed?",
           "Re-check your head turn afterwards: what changed?")
replace_in("posterior-scalene-pin-and-tilt", "cues",
           "Re-check your forward fold or overhead reach afterwards: what changed?",
           "Re-check your side bend afterwards: what changed?")
T["levator-scapulae-pin-and-stretch"]["tissues"] = [
    "levator scapulae", "upper trapezius", "serratus posterior superior"]
T["posterior-scalene-pin-and-tilt"]["tissues"] = [
    "posterior scalene", "middle scalene", "upper trapezius"]
T["levator-scapulae-pin-and-stretch"]["intensity"] = "moderate"  # bridge at the neck: not deep
T["levator-scapulae-pin-and-stretch"]["duration_seconds"] = 120
replace_in("upper-trapezius-tote-pin-and-reach", "cues",
           "Re-check your forward fold or overhead reach afterwards: what changed?",
           "Re-check your overhead reach afterwards: what changed?")

# Calf roll: the cue's pace now matches 30 s per pass and 90 s in all.
replace_in("calf-roll-therapy-ball", "cues",
           "Slower than you think: about three seconds per centimetre.",
           "Slower than you think: about a centimetre a second.")

# per_side techniques whose steps never changed sides.
replace_in("calf-compress-crossed-ankle-therapy-ball", "instructions",
           "covering two or three spots in about ninety seconds.",
           "covering two or three spots in about ninety seconds, then change legs.")
replace_in("rhomboid-wall-roll-beside-spine", "instructions",
           "for 30 to 60 seconds in all.",
           "for 30 to 60 seconds in all, then change sides.")

# Level and intensity by the library's own rules.
T["glutes-gluteus-medius-pin-wall-lacrosse-ball"]["level"] = "intermediate"
T["glutes-seated-compress-lacrosse-ball"]["duration_seconds"] = 180
foot = T["sole-of-foot-roll-foam-roller"]
foot["intensity"] = "moderate"
foot["summary"] = ("Stand on a foam roller with both arches and rock heel to toe under full body "
                   "weight, then load one foot: the foot roll that asks most of your balance.")
replace_in("sole-of-foot-roll-foam-roller", "cautions",
           "Move on to this only when the standing lacrosse-ball roll feels easy.",
           "This level adds balance and full body weight rather than depth: move on to it only "
           "when the standing lacrosse-ball roll feels easy and you are steady on one foot.")

# Biceps at the wall: a set-up that can be pictured.
b = T["biceps-wall-roll"]
b["instructions"][0] = (
    "Stand facing the wall, a short step away, and reach one arm out to the side at shoulder "
    "height with the palm flat on the wall, so the front of the upper arm faces the wall; trap "
    "the ball between the wall and the front of the upper arm, a hand's width above the elbow "
    "crease.")
b["instructions"][1] = "Lean your body toward the wall until the pressure is comfortable."
b["instructions"][2] = (
    "Slide the hand slowly out along the wall and back in, so the ball travels from just above "
    "the elbow toward the front of the shoulder and back, in 4 to 6 slow passes.")
b["instructions"][3] = (
    "On a tender spot, stop, take the hand off the wall and turn the palm down and up a few "
    "times so the skin and muscle shift over the ball, then change sides.")
replace_in("biceps-wall-roll", "cues",
           "Turn toward the wall for more pressure, away for less.",
           "Lean in for more pressure, ease back for less.")

# Nerve and joint landmarks.
add("front-of-hip-flexor-pin-and-stretch-wall", "cautions",
    "Burning, tingling or numbness over the outer thigh means the ball is on a skin nerve that "
    "leaves the pelvis just below the hip bone: move the ball a little lower or outward.")
add("triceps-wall-pin-and-elbow-bend", "cautions",
    "The radial nerve winds round the back of the upper arm near its middle: tingling or "
    "numbness into the back of the hand or the thumb means move the ball higher or lower.")
add("infraspinatus-chair-pin", "cautions",
    "Tingling or numbness down the arm means the ball is on a nerve; move it toward the middle "
    "of the shoulder blade.")
add("back-of-thigh-hamstring-shear-therapy-ball", "cautions",
    "Tingling or shooting pain down the leg means the ball is on the sciatic nerve, which runs "
    "down the middle of the back of the thigh: move the ball outward.")
add("sole-of-foot-arch-pin-toe-lift-therapy-ball", "cautions",
    "With reduced sensation in the feet, for example from diabetes, keep the pressure light and "
    "check the skin afterwards.")
add("forearm-foam-roller-all-fours", "cautions",
    "With carpal tunnel symptoms or sore wrists, keep more of your weight in the knees and stop "
    "the roller well above the wrist crease.")
add("wrist-flexor-lacrosse-pin-and-stretch", "cautions",
    "With carpal tunnel symptoms, stay a hand's width above the wrist crease and ease off at the "
    "first tingling.")

# Pregnancy notes move from cautions into the contraindications (structured below).
for slug in ["between-shoulder-blades-tote-breathing-rest", "rhomboid-tote-arm-sweeps",
             "rhomboid-windshield-wiper-legs", "thoracic-rest-foam-roller",
             "upper-back-large-soft-ball-breathing", "upper-back-tote-pin-and-spin"]:
    drop(slug, "cautions", "Later pregnancy:")

# ---------------------------------------------------------------- contraindications
# Whole lists, in one order: region and anatomy, pregnancy, osteoporosis, leg veins,
# bleeding, lymph and cancer, skin, fracture, fever and inflammation, recent injury.
CONTRA = {
    "ankle-achilles-shear-ball-pair-tote": [
        VARICOSE, DVT, PREG_CALF_LIGHT, LYMPH_LEG, SKIN(), RECENT],
    "back-of-head-soft-ball-rest": [
        NECK_FRONT, WHIPLASH, DIZZY, PREG_SUPINE_LONG, RECENT],
    "back-of-thigh-hamstring-pin-and-stretch-firm-ball": [
        BACK_KNEE, PREG_THIGH_FIRM, VARICOSE, DVT, BLEED_DEEP, LYMPH_LEG, FEVER, RECENT],
    "back-of-thigh-hamstring-shear-therapy-ball": [
        BACK_KNEE, PREG_THIGH_LIGHT, VARICOSE, DVT, LYMPH_LEG, SKIN(), RECENT],
    "belly-breathing-large-soft-ball": [
        PREG_BELLY, HERNIA, BELLY_SURGERY, AAA, LYMPH_BELLY, RECENT],
    "belly-pin-and-spin-large-soft-ball": [
        PREG_BELLY, HERNIA, BELLY_SURGERY, AAA, BLEED_LIGHT, LYMPH_BELLY, FEVER, RECENT],
    "between-shoulder-blades-tote-breathing-rest": [
        SPINE, PREG_SUPINE_LONG, OSTEO_BALL, RECENT],
    "biceps-wall-roll": [
        ELBOW_CREASE, ARMPIT, LYMPH_ARM, RECENT],
    "calf-compress-crossed-ankle-therapy-ball": [
        BACK_KNEE, PREG_CALF_DEEP, VARICOSE, DVT, BLEED_LIGHT, LYMPH_LEG, FEVER, RECENT],
    "calf-cross-fiber-stacked-legs-lacrosse-ball": [
        BACK_KNEE, PREG_CALF_DEEP, OSTEO_BALL, VARICOSE, DVT, BLEED_DEEP, LYMPH_LEG, FEVER,
        RECENT],
    "calf-pin-and-stretch-firm-ball": [
        BACK_KNEE, PREG_CALF_DEEP, VARICOSE, DVT, BLEED_DEEP, LYMPH_LEG, FEVER, RECENT],
    "calf-roll-therapy-ball": [
        BACK_KNEE, PREG_CALF_LIGHT, VARICOSE, DVT, LYMPH_LEG, RECENT],
    "chest-melt-prone-large-soft-ball": [
        ARMPIT, BREAST, PREG_PRONE, LYMPH_CHEST, RECENT],
    "deltoid-wall-pin-and-spin": [
        BURSITIS_SHOULDER, BLEED_LIGHT, LYMPH_ARM, FEVER, RECENT],
    "forearm-foam-roller-all-fours": [
        LYMPH_ARM, SKIN("roller"), FRACTURE_WRIST, RECENT],
    "front-of-hip-flexor-pin-and-stretch-wall": [
        GROIN_HIP, PREG_WALL_HIP, DVT_HIP, BLEED_LIGHT, LYMPH_LEG, FEVER, RECENT],
    "front-of-hip-iliacus-pin-and-stretch-large-soft-ball": [
        GROIN_HIP, PREG_BELLY, HERNIA, BELLY_SURGERY, AAA, DVT_HIP, BLEED_LIGHT, LYMPH_BELLY,
        FEVER, RECENT],
    "front-of-thigh-quadriceps-pin-and-spin-therapy-ball": [
        PREG_PRONE, DVT, BLEED_LIGHT, LYMPH_LEG, FEVER, RECENT],
    "front-of-thigh-quadriceps-pin-and-stretch-firm-ball": [
        PREG_PRONE, OSTEO_BALL, DVT, BLEED_DEEP, LYMPH_LEG, FEVER, RECENT],
    "front-of-thigh-quadriceps-roll-foam-roller": [
        PREG_PRONE, DVT, BLEED_ROLLER, LYMPH_LEG, FEVER, RECENT],
    "glutes-gluteus-medius-pin-wall-lacrosse-ball": [
        TROCH_BURSITIS, HIP_REPLACEMENT_WALL, OSTEO_BALL, BLEED_DEEP, FEVER, RECENT],
    "glutes-pin-therapy-ball": [
        SCIATIC, PREG_SUPINE_SHORT, RECENT],
    "glutes-piriformis-pin-and-stretch-therapy-ball": [
        SCIATIC, HIP_REPLACEMENT_CROSS, PREG_SUPINE_SHORT, BLEED_LIGHT, FEVER, RECENT],
    "glutes-seated-compress-lacrosse-ball": [
        HIP_REPLACEMENT_CROSS, PREG_GLUTE_DEEP, OSTEO_BALL, BLEED_DEEP, FEVER, RECENT],
    "infraspinatus-chair-pin": [
        SHOULDER_PAINFUL, RECENT],
    "infraspinatus-wall-pin-and-reach": [
        ARMPIT, SHOULDER_PAINFUL, BLEED_LIGHT, FEVER, RECENT],
    "inner-thigh-adductor-pin-and-stretch-therapy-ball": [
        GROIN_INNER, PREG_INNER_THIGH, VARICOSE, DVT, BLEED_LIGHT, LYMPH_LEG, FEVER, RECENT],
    "inner-thigh-roll-foam-roller": [
        GROIN_INNER, PREG_INNER_THIGH, VARICOSE, DVT, BLEED_ROLLER, LYMPH_LEG, FEVER, RECENT],
    "latissimus-dorsi-foam-roller-side-lying": [
        ARMPIT, OSTEO_ROLLER_RIBS, BLEED_ROLLER, LYMPH_TRUNK, FRACTURE_RIBS, FEVER, RECENT],
    "levator-scapulae-pin-and-stretch": [
        SPINE, NECK_FRONT, WHIPLASH, DIZZY, PREG_SUPINE_SHORT, OSTEO_BALL, BLEED_LIGHT, FEVER,
        RECENT],
    "low-back-quadratus-lumborum-pin-and-stretch-firm-ball": [
        SPINE, DISC, PREG_SUPINE_SHORT, OSTEO_QL_FIRM, BLEED_DEEP, FEVER, RECENT],
    "low-back-roll-ball-pair-tote": [
        SPINE, DISC, PREG_SUPINE_SHORT, OSTEO_BALL, BLEED_LIGHT, FEVER, RECENT],
    "low-back-wall-roll-ball-pair-tote": [
        SPINE, DISC, RECENT],
    "massage-ball-upper-body-wall": [
        SPINE, NECK_FRONT, WHIPLASH, DIZZY, ARMPIT, BREAST, OSTEO_BALL, BLEED_LIGHT, LYMPH_CHEST,
        FEVER, RECENT],
    "masseter-hand-held-ball-roll": [
        NECK_FRONT, TMJ, GLANDS_JAW, SKIN_FACE, RECENT],
    "outer-hip-tfl-pin-and-stretch-therapy-ball": [
        GROIN_HIP, PREG_PRONE, BLEED_LIGHT, FEVER, RECENT],
    "outer-thigh-roll-foam-roller": [
        PREG_THIGH_LIGHT, OSTEO_ROLLER_THIGH, DVT, BLEED_ROLLER, LYMPH_LEG, FEVER, RECENT],
    "palm-spiky-ball-roll": [
        JOINT_FLARE, LYMPH_ARM, SKIN("spiky ball"), RECENT],
    "pectoralis-major-spiky-ball-wall-roll": [
        ARMPIT, BREAST, LYMPH_CHEST, SKIN("spiky ball"), RECENT],
    "pectoralis-minor-firm-ball-arm-sweep": [
        ARMPIT, BREAST, PREG_PRONE, OSTEO_PEC_FIRM, BLEED_DEEP, LYMPH_CHEST, FEVER, RECENT],
    "pectoralis-minor-prone-pin": [
        ARMPIT, BREAST, PREG_PRONE, OSTEO_BALL, BLEED_LIGHT, LYMPH_CHEST, FEVER, RECENT],
    "plantar-fascia-roll-lacrosse-ball": [
        BALANCE, PREG_STANDING_BALL, OSTEO_BALL, BLEED_LIGHT, SKIN_FOOT, FRACTURE_FOOT, FEVER,
        RECENT],
    "plantar-fascia-roll-spiky-ball": [
        SKIN_FOOT, FRACTURE_FOOT, RECENT],
    "posterior-scalene-pin-and-tilt": [
        NECK_FRONT, WHIPLASH, DIZZY, PREG_SUPINE_SHORT, BLEED_LIGHT, LYMPH_NECK, FEVER, RECENT],
    "rhomboid-lacrosse-cross-fiber": [
        SPINE, PREG_SUPINE_SHORT, OSTEO_HARD_TRUNK, BLEED_DEEP, FRACTURE_RIBS, FEVER, RECENT],
    "rhomboid-tote-arm-sweeps": [
        SPINE, PREG_SUPINE_SHORT, OSTEO_BALL, RECENT],
    "rhomboid-wall-roll-beside-spine": [
        SPINE, OSTEO_BALL, BLEED_LIGHT, FEVER, RECENT],
    "rhomboid-windshield-wiper-legs": [
        SPINE, PREG_SUPINE_SHORT, OSTEO_TWIST, BLEED_LIGHT, FRACTURE_RIBS, FEVER, RECENT],
    "sacrum-pin-and-rock-large-soft-ball": [
        SACRUM_BALL, PREG_SUPINE_SHORT, OSTEO_SOFTBALL, RECENT],
    "sacrum-rest-yoga-block": [
        SACRUM_BLOCK, PREG_SUPINE_LONG, OSTEO_BLOCK, RECENT],
    "shin-outer-peroneal-roll-therapy-ball": [
        PREG_LOWER_LEG, VARICOSE, DVT_LOWER, BLEED_LIGHT, LYMPH_LEG, SKIN(), FRACTURE_SHIN,
        FEVER, RECENT],
    "shin-roll-foam-roller": [
        PREG_LOWER_LEG, OSTEO_ROLLER_SHIN, VARICOSE, DVT_LOWER, BLEED_ROLLER, LYMPH_LEG,
        SKIN("roller"), FRACTURE_SHIN, FEVER, RECENT],
    "shin-tibialis-anterior-pin-and-stretch-therapy-ball": [
        PREG_LOWER_LEG, OSTEO_BALL, VARICOSE, DVT_LOWER, BLEED_LIGHT, LYMPH_LEG, SKIN(),
        FRACTURE_SHIN, FEVER, RECENT],
    "side-of-neck-hand-held-ball-glide": [
        NECK_FRONT, WHIPLASH, DIZZY, LYMPH_NECK, RECENT],
    "side-ribs-latissimus-roll-foam-roller": [
        ARMPIT_VESSELS, OSTEO_ROLLER_RIBS, BLEED_ROLLER, LYMPH_TRUNK, FRACTURE_RIBS, FEVER,
        RECENT],
    "side-ribs-roll-large-soft-ball": [
        PREG_SIDE_WAIST, OSTEO_SIDE_WAIST, FRACTURE_RIBS, RECENT],
    "sole-of-foot-arch-pin-toe-lift-therapy-ball": [
        BALANCE, SKIN_FOOT, FRACTURE_FOOT, RECENT],
    "sole-of-foot-roll-foam-roller": [
        BALANCE_ROLLER, PREG_FOOT_ROLLER, OSTEO_FALL, SKIN_FOOT, FRACTURE_FOOT, RECENT],
    "suboccipital-tote-nod-and-turn": [
        SPINE, NECK_FRONT, WHIPLASH, DIZZY, PREG_SUPINE_SHORT, RECENT],
    "temporalis-spiky-ball-shear": [
        TMJ, MIGRAINE, SKIN_SCALP, RECENT],
    "thoracic-extension-foam-roller-segmental": [
        VERTEBRAL, PREG_SUPINE_SHORT, OSTEO_ROLLER_ACROSS, FRACTURE_RIBS, FEVER, RECENT],
    "thoracic-rest-foam-roller": [
        PREG_SUPINE_LONG, OSTEO_ROLLER_ALONG, RECENT],
    "triceps-wall-pin-and-elbow-bend": [
        ARMPIT, BLEED_LIGHT, LYMPH_ARM, FEVER, RECENT],
    "upper-back-foam-roller-roll": [
        ROLLER_RIBCAGE, PREG_SUPINE_SHORT, OSTEO_ROLLER_ACROSS, BLEED_ROLLER, FRACTURE_RIBS,
        FEVER, RECENT],
    "upper-back-large-soft-ball-breathing": [
        PREG_SUPINE_LONG, OSTEO_SOFTBALL, RECENT],
    "upper-back-tote-pin-and-spin": [
        SPINE, PREG_SUPINE_SHORT, OSTEO_TWIST, BLEED_LIGHT, FRACTURE_RIBS, FEVER, RECENT],
    "upper-trapezius-tote-pin-and-reach": [
        SPINE, NECK_FRONT, WHIPLASH, PREG_SUPINE_SHORT, OSTEO_BALL, BLEED_LIGHT, FEVER, RECENT],
    "upper-trapezius-wall-pin": [
        NECK_FRONT, WHIPLASH, RECENT],
    "wrist-extensor-cross-fiber-counter": [
        BLEED_LIGHT, LYMPH_ARM, SKIN(), FEVER, RECENT],
    "wrist-flexor-lacrosse-pin-and-stretch": [
        ELBOW_CREASE, BLEED_DEEP, LYMPH_ARM, FRACTURE_WRIST, FEVER, RECENT],
}

# ---------------------------------------------------------------- indications
INDICATIONS = {
    "ankle-achilles-shear-ball-pair-tote": [
        "tight achilles", "stiff ankles", "runners", "hikers and walkers", "after long walks"],
    "back-of-head-soft-ball-rest": [
        "tension headache", "before sleep", "stress and anxiety", "screen-tired eyes",
        "jaw clenching"],
    "back-of-thigh-hamstring-pin-and-stretch-firm-ball": [
        "tight hamstrings", "sitting all day", "desk workers", "runners",
        "before forward folds"],
    "back-of-thigh-hamstring-shear-therapy-ball": [
        "tight hamstrings", "sitting all day", "desk workers", "older adults",
        "chair classes"],
    "belly-breathing-large-soft-ball": [
        "stress and anxiety", "before sleep", "shallow breathing", "belly tension",
        "winding down after work"],
    "belly-pin-and-spin-large-soft-ball": [
        "belly tension", "shallow breathing", "stiff trunk", "sitting all day",
        "core awareness"],
    "between-shoulder-blades-tote-breathing-rest": [
        "end of class", "before sleep", "stress and anxiety", "upper back tension",
        "desk workers"],
    "biceps-wall-roll": [
        "sore arms from carrying", "lifting and carrying", "parents of small children",
        "climbers", "tight front of the shoulder"],
    "calf-compress-crossed-ankle-therapy-ball": [
        "tight calves", "runners", "standing all day", "hikers and walkers",
        "after long walks"],
    "calf-cross-fiber-stacked-legs-lacrosse-ball": [
        "very tight calves", "runners", "athletes", "dancers", "jumping sports"],
    "calf-pin-and-stretch-firm-ball": [
        "tight calves", "stiff ankles", "runners", "deeper squats", "after long walks"],
    "calf-roll-therapy-ball": [
        "tight calves", "runners", "standing all day", "after long walks", "beginners"],
    "chest-melt-prone-large-soft-ball": [
        "rounded shoulders", "tight chest", "hunched posture", "desk workers",
        "breathing into the chest"],
    "deltoid-wall-pin-and-spin": [
        "stiff shoulders", "sore shoulders", "carrying heavy bags", "swimmers",
        "after overhead work"],
    "forearm-foam-roller-all-fours": [
        "keyboard and mouse users", "desk workers", "warm-up for the hands", "climbers",
        "gardeners"],
    "front-of-hip-flexor-pin-and-stretch-wall": [
        "tight hip flexors", "sitting all day", "desk workers", "runners", "cyclists",
        "low back ache from sitting"],
    "front-of-hip-iliacus-pin-and-stretch-large-soft-ball": [
        "tight hip flexors", "sitting all day", "low back ache from sitting", "runners",
        "cyclists"],
    "front-of-thigh-quadriceps-pin-and-spin-therapy-ball": [
        "tight quads", "runners", "cyclists", "after squats and lunges",
        "knees that feel tight at the front"],
    "front-of-thigh-quadriceps-pin-and-stretch-firm-ball": [
        "tight quads", "runners", "cyclists", "athletes",
        "knees that feel tight at the front"],
    "front-of-thigh-quadriceps-roll-foam-roller": [
        "tight quads", "runners", "cyclists", "warm-up before running", "after leg day"],
    "glutes-gluteus-medius-pin-wall-lacrosse-ball": [
        "tight outer hip", "it band tightness", "runners", "hikers", "standing all day"],
    "glutes-pin-therapy-ball": [
        "tight glutes", "sitting all day", "low back ache", "runners", "beginners"],
    "glutes-piriformis-pin-and-stretch-therapy-ball": [
        "tight piriformis", "deep buttock ache", "sciatica once checked by a clinician",
        "runners", "sitting all day"],
    "glutes-seated-compress-lacrosse-ball": [
        "tight glutes", "tight piriformis", "deep buttock ache", "runners", "athletes"],
    "infraspinatus-chair-pin": [
        "desk workers", "office break", "tight back of the shoulder", "rotator cuff tension",
        "mouse shoulder", "older adults"],
    "infraspinatus-wall-pin-and-reach": [
        "rotator cuff tension", "stiff shoulder rotation", "swimmers", "climbers",
        "overhead athletes", "desk workers"],
    "inner-thigh-adductor-pin-and-stretch-therapy-ball": [
        "tight inner thighs", "groin tightness", "runners", "horse riders", "hip mobility"],
    "inner-thigh-roll-foam-roller": [
        "tight inner thighs", "groin tightness", "runners", "cyclists",
        "before wide-leg stretches"],
    "latissimus-dorsi-foam-roller-side-lying": [
        "tight lats", "overhead reach", "swimmers", "climbers", "rowers"],
    "levator-scapulae-pin-and-stretch": [
        "stiff neck", "trouble turning the head", "tech neck", "headache from a tight neck",
        "carrying heavy bags", "desk workers"],
    "low-back-quadratus-lumborum-pin-and-stretch-firm-ball": [
        "low back pain", "one-sided low back ache", "tight waist", "standing all day",
        "sitting all day"],
    "low-back-roll-ball-pair-tote": [
        "low back pain", "stiff low back", "sitting all day", "after gardening", "runners"],
    "low-back-wall-roll-ball-pair-tote": [
        "low back ache", "stiff low back", "older adults", "office break", "standing all day"],
    "massage-ball-upper-body-wall": [
        "tech neck", "desk workers", "before sleep", "upper back tension", "rounded shoulders",
        "headache from a tight neck"],
    "masseter-hand-held-ball-roll": [
        "jaw clenching", "teeth grinding", "tmj tension", "headache from clenching", "stress"],
    "outer-hip-tfl-pin-and-stretch-therapy-ball": [
        "tight outer hip", "it band tightness", "runners", "hikers", "sitting all day"],
    "outer-thigh-roll-foam-roller": [
        "it band tightness", "outer thigh tightness", "runners", "cyclists", "hikers"],
    "palm-spiky-ball-roll": [
        "carpal tunnel symptoms", "stiff hands", "keyboard and mouse users", "phone thumbs",
        "musicians", "gripping all day"],
    "pectoralis-major-spiky-ball-wall-roll": [
        "rounded shoulders", "tight chest", "hunched posture", "desk workers", "beginners"],
    "pectoralis-minor-firm-ball-arm-sweep": [
        "rounded shoulders", "tight chest", "overhead reach", "climbers", "swimmers"],
    "pectoralis-minor-prone-pin": [
        "rounded shoulders", "shoulders pulled forward", "tight chest", "desk workers",
        "tech neck"],
    "plantar-fascia-roll-lacrosse-ball": [
        "plantar fasciitis", "heel pain", "tight arches", "runners", "standing all day"],
    "plantar-fascia-roll-spiky-ball": [
        "plantar fasciitis", "tired feet", "heel pain", "standing all day", "older adults",
        "beginners"],
    "posterior-scalene-pin-and-tilt": [
        "stiff neck", "trouble tilting the head", "tech neck", "headache from a tight neck",
        "desk workers"],
    "rhomboid-lacrosse-cross-fiber": [
        "knots between the shoulder blades", "upper back tension", "desk workers",
        "rowers and climbers"],
    "rhomboid-tote-arm-sweeps": [
        "upper back tension", "stiff shoulder blades", "overhead reach", "desk workers",
        "beginners"],
    "rhomboid-wall-roll-beside-spine": [
        "knots between the shoulder blades", "desk workers", "upper back tension",
        "office break", "older adults"],
    "rhomboid-windshield-wiper-legs": [
        "upper back tension", "stiff upper back", "trunk rotation", "desk workers",
        "before twisting sports"],
    "sacrum-pin-and-rock-large-soft-ball": [
        "low back ache", "sacroiliac discomfort", "before sleep", "stress", "end of class"],
    "sacrum-rest-yoga-block": [
        "low back ache", "before sleep", "stress and anxiety", "tight hip flexors",
        "end of class"],
    "shin-outer-peroneal-roll-therapy-ball": [
        "tight outer lower leg", "runners", "trail runners and hikers",
        "after an ankle sprain, once cleared"],
    "shin-roll-foam-roller": [
        "shin splints", "tight shins", "runners", "walkers", "dancers"],
    "shin-tibialis-anterior-pin-and-stretch-therapy-ball": [
        "shin splints", "tight shins", "stiff ankles", "runners", "hikers"],
    "side-of-neck-hand-held-ball-glide": [
        "stiff neck", "tech neck", "headache from a tight neck", "desk workers", "office break"],
    "side-ribs-latissimus-roll-foam-roller": [
        "tight lats", "overhead reach", "stiff ribs", "swimmers", "climbers"],
    "side-ribs-roll-large-soft-ball": [
        "shallow breathing", "stiff ribs", "tight side body", "low back ache", "stress"],
    "sole-of-foot-arch-pin-toe-lift-therapy-ball": [
        "plantar fasciitis", "tired arches", "stiff toes", "standing all day", "runners"],
    "sole-of-foot-roll-foam-roller": [
        "plantar fasciitis", "tired feet", "balance practice", "runners", "standing all day"],
    "suboccipital-tote-nod-and-turn": [
        "tension headache", "headache from a tight neck", "tech neck", "screen-tired eyes",
        "desk workers"],
    "temporalis-spiky-ball-shear": [
        "jaw clenching", "teeth grinding", "tension headache", "tmj tension", "screen time"],
    "thoracic-extension-foam-roller-segmental": [
        "stiff upper back", "hunched posture", "desk workers", "tech neck", "overhead reach"],
    "thoracic-rest-foam-roller": [
        "before sleep", "tight chest", "rounded shoulders", "stress and anxiety",
        "end of class"],
    "triceps-wall-pin-and-elbow-bend": [
        "tight triceps", "overhead reach", "climbers", "swimmers",
        "after push-ups and presses"],
    "upper-back-foam-roller-roll": [
        "stiff upper back", "upper back tension", "hunched posture", "desk workers",
        "warm-up before overhead work"],
    "upper-back-large-soft-ball-breathing": [
        "shallow breathing", "stress and anxiety", "before sleep", "stiff upper back",
        "sensitive backs"],
    "upper-back-tote-pin-and-spin": [
        "upper back tension", "stiff trunk rotation", "desk workers", "golfers and paddlers"],
    "upper-trapezius-tote-pin-and-reach": [
        "tight shoulders", "tech neck", "overhead reach", "carrying heavy bags",
        "headache from a tight neck", "desk workers"],
    "upper-trapezius-wall-pin": [
        "tight shoulders", "tech neck", "headache from a tight neck", "desk workers",
        "stress", "older adults"],
    "wrist-extensor-cross-fiber-counter": [
        "tennis elbow", "keyboard and mouse users", "musicians", "climbers", "gardeners",
        "tight forearms"],
    "wrist-flexor-lacrosse-pin-and-stretch": [
        "golfer's elbow", "tight forearms", "climbers", "musicians", "grip-heavy work"],
}

assert set(CONTRA) == set(T), set(T) ^ set(CONTRA)
assert set(INDICATIONS) == set(T), set(T) ^ set(INDICATIONS)


def suitability(lines):
    preg = [PREGNANCY[c] for c in lines if c in PREGNANCY]
    osteo = [OSTEOPOROSIS[c] for c in lines if c in OSTEOPOROSIS]
    clot = [CLOT[c] for c in lines if c in CLOT]
    assert len(preg) <= 1 and len(osteo) <= 1 and len(clot) <= 1, lines
    first, second, third = preg[0] if preg else ("yes", "yes", "yes")
    return {
        "pregnancy": {"first": first, "second": second, "third": third},
        "osteoporosis": osteo[0] if osteo else "yes",
        "clot_risk": clot[0] if clot else "yes",
    }


new = []
for t in data["techniques"]:
    lines = CONTRA[t["slug"]]
    assert len(lines) == len(set(lines)), t["slug"]
    out = {}
    for key, value in t.items():
        out[key] = value
        if key == "contraindications":
            out[key] = list(lines)
            out["indications"] = INDICATIONS[t["slug"]]
            out["suitability"] = suitability(lines)
    new.append(out)
data["techniques"] = new

PATH.write_text(json.dumps(data, indent=2, ensure_ascii=True) + "\n")
print("written", len(new), "techniques")
