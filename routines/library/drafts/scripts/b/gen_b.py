"""Build routines/library/drafts/techniques_b.json: techniques #42-#82 of the coverage map."""

import json
from pathlib import Path

OUT = Path("/work/main/routines/library/drafts/techniques_b.json")

# ---------------------------------------------------------------- shared lines
INJURY = "Recent injury or surgery: stay away from the site until it is cleared by a clinician."
FEVER = "Fever or an infection, or skin here that is hot, red or swollen: skip this until it has settled."
SKIN = "Open wounds, rashes, burns or a skin infection here: keep the ball off the area until the skin has healed."
SKIN_SPIKY = "Open wounds, rashes, burns or a skin infection here: keep the spiky ball off the area until the skin has healed."
SKIN_SOLE = "Open wounds, blisters or a skin infection on the sole: wait until the skin has healed."
BLEED_LIGHT = "Blood thinners or a bleeding disorder: keep the pressure light and stop if bruises appear."
BLEED_ROLLER = "Blood thinners or a bleeding disorder: keep most of your weight off the roller and stop if bruises appear."
BLEED_DEEP = "Blood thinners or a bleeding disorder: skip this deep work, or use a softer ball with light pressure, and stop if bruises appear."


def bleed_deep(alternative):
    return (
        "Blood thinners or a bleeding disorder: leave out this deep version, which can bruise; "
        f"use {alternative} with light pressure instead."
    )


LYMPH_LEG = 'Lymphoedema, lymph nodes removed from the groin, or active cancer treatment: leave this leg out unless your cancer care team or lymphoedema therapist has cleared it.'
LYMPH_ARM = 'Lymphoedema, lymph nodes removed from the armpit, or active cancer treatment: leave the side of the chest on that side out unless your cancer care team or lymphoedema therapist has cleared it.'
LYMPH_BELLY = 'Active cancer treatment, or a tumour in the belly or pelvis: no belly work unless your cancer care team has cleared it.'
DVT_LEG = 'History or risk of deep vein thrombosis: do not roll the calf or thigh; ask a doctor first.'
DVT_LOWER = 'History or risk of deep vein thrombosis: do not roll or press the lower leg; ask a doctor first.'
VARICOSE = "Varicose veins: do not roll over them."
KNEE = "Keep off the back of the knee, where nerves and vessels run close to the surface."
GROIN = "Stay out of the groin crease, where the leg's main artery, vein and nerve run close to the surface."
SPINE = "Do not roll directly on the spine; keep the ball to either side of it."
DISC = (
    "Acute disc injury or pain, numbness or tingling travelling down the leg: skip this until a "
    "clinician has cleared low back work."
)
ARMPIT = "Keep out of the armpit, where nerves and lymph nodes lie close to the surface."
BREAST = (
    "Breast implants or recent breast surgery: avoid pressure on the chest unless a surgeon has "
    "cleared it."
)
RIB_FRACTURE = "A rib fracture in the last three months, or a rib that hurts sharply when pressed: keep off the ribs until a clinician has cleared it."
PREG_PRONE = "Pregnancy: avoid deep belly work and lying prone on a ball."
HERNIA = "Hernia (abdominal, umbilical or inguinal): do not press a ball into the belly."
ABDO_SURGERY = (
    "Recent abdominal surgery, including caesarean section: no belly work until the scar has "
    "healed and a clinician has cleared it."
)
AAA_IBD = (
    "Abdominal aortic aneurysm or active inflammatory bowel disease: do not press into the belly "
    "without a doctor's approval."
)
PREG_LEG = 'Pregnancy raises the risk of clots in the legs: keep calf work light, and leave it out if a calf is swollen, warm or painful.'
PREG_INNER = 'Pregnancy: leave out inner-thigh work, which presses on the big leg veins at a time when clots form more easily.'


def preg_supine(alternative):
    return (
        "Pregnancy: after the first trimester keep time flat on your back short and come off if "
        f"you feel light-headed or breathless; in the third trimester use {alternative} instead."
    )


PREG_SUPINE = "Pregnancy: from the second trimester, keep the time on your back short and come off if you feel light-headed or breathless; in the third trimester, work at the wall or on your side instead."
PREG_THIGH = "Pregnancy raises the risk of clots in the legs: keep thigh work light, and leave it out if a leg is swollen, warm or painful."
PREG_LOWER = "Pregnancy raises the risk of clots in the legs: keep lower-leg work light, and leave it out if a leg is swollen, warm or painful."
PREG_CALF_NO = "Pregnancy raises the risk of clots in the legs: leave out firm or weighted calf work; a light roll on a therapy ball is the most to do."
HIP_REPLACEMENT = "Hip replacement: ask your surgeon or physio before crossing the ankle over the knee."
STRESS_FRACTURE = "A known or suspected stress fracture (sharp pain at one spot on the bone, worse with hopping): no rolling here until a clinician has cleared it."
FOOT_FRACTURE = "A known or suspected stress fracture in the foot (sharp pain at one spot on a bone): no rolling or standing pressure until a clinician has cleared it."
SUIT_VALUES = {"yes", "care", "no"}


def suit(p1, p2, p3, osteo, clot):
    return {"pregnancy": {"first": p1, "second": p2, "third": p3}, "osteoporosis": osteo, "clot_risk": clot}


def tech(
    slug, name, summary, regions, tissues, actions, equipment, position, duration, per_side,
    level, intensity, instructions, cues, mistakes, cautions, contraindications, indications,
    suitability, progression=None, progression_level=None,
):
    return {
        "slug": slug,
        "name": name,
        "summary": summary,
        "status": "published",
        "regions": regions,
        "tissues": tissues,
        "actions": actions,
        "equipment": equipment,
        "position": position,
        "duration_seconds": duration,
        "per_side": per_side,
        "level": level,
        "intensity": intensity,
        "instructions": instructions,
        "cues": cues,
        "mistakes": mistakes,
        "cautions": cautions,
        "contraindications": contraindications,
        "indications": indications,
        "suitability": suitability,
        "progression": progression,
        "progression_level": progression_level,
        "image": "",
        "video_url": "",
    }


T = []

# ------------------------------------------------------------------ 42
T.append(tech(
    "pelvic-floor-seated-soft-ball-breathing",
    "Seated pelvic floor breathing on a soft ball",
    "Sitting on a squashy soft ball on a chair, let the pelvic floor rest on it and breathe so it widens and softens with each breath in.",
    ["sacrum-and-pelvis"],
    ["pelvic floor muscles", "levator ani", "coccygeus", "diaphragm"],
    ["compress", "sustained-hold"],
    ["large-soft-ball", "chair"],
    "chair", 180, False, "beginner", "gentle",
    [
        "Let some air out of the large soft ball so it is squashy, set it on the seat of a sturdy chair, and sit on it with the ball between your sitting bones, feet flat and hip-width apart.",
        "Let your weight settle until the ball takes the shape of your pelvis, hands resting on your thighs and shoulders soft.",
        "Breathe in slowly through the nose for about four counts and feel the pelvic floor widen and sink into the ball; breathe out for about six counts and let it lift back of its own accord, without squeezing. Continue for twelve breaths, about two minutes.",
        "Rock the pelvis a few centimetres forward and back over the ball for thirty seconds, then finish with thirty seconds of quiet breathing before you stand up slowly: about three minutes in all.",
    ],
    [
        "Breathe down into the ball and let it meet you.",
        "Soft jaw, soft belly, soft pelvic floor.",
        "Nothing to squeeze: this is a letting go, not an exercise.",
    ],
    [
        "Pumping the ball so full that you perch on top of it.",
        "Clenching the buttocks or holding the breath.",
        "Slumping back onto the tailbone instead of sitting upright over the sitting bones.",
    ],
    [
        "Many people hold tension here without knowing it; if this brings up pain or strong emotion, stop and rest.",
    ],
    [
        "Pelvic pain, prolapse, or less than six weeks since giving birth: see a pelvic-health physiotherapist first.",
        "Pregnancy: ask your midwife or a pelvic-health physiotherapist first, keep the ball very soft, and stop if you feel pelvic pain or pressure.",
        "Haemorrhoids, vulval varicose veins, or a recent tear or stitches: do not sit on the ball until healed and cleared.",
        "Recent fracture of the pelvis or tailbone: do not sit on the ball until a clinician has cleared it.",
        "Active cancer treatment, or a tumour in the belly or pelvis: no pelvic floor work unless your cancer care team has cleared it.",
        FEVER,
        INJURY,
    ],
    ["pelvic floor tension", "breathing practice", "stress and anxiety", "before sleep", "desk workers", "postnatal, once cleared"],
    suit("care", "care", "care", "yes", "yes"),
))

# ------------------------------------------------------------------ 43
T.append(tech(
    "belly-skin-shear-large-soft-ball",
    "Abdominal skin shear over a soft ball",
    "Face down on a squashy soft ball, hold it still under the belly and make small movements so the skin and outer layers slide over the muscles.",
    ["belly"],
    ["abdominal superficial fascia", "rectus sheath", "rectus abdominis", "external oblique"],
    ["shear"],
    ["large-soft-ball"],
    "prone", 120, False, "intermediate", "gentle",
    [
        "Let some air out of the large soft ball, then lie face down with it under the belly, between the navel and the lowest ribs, forearms on the floor and forehead on your hands.",
        "Take five slow breaths into the ball, about thirty seconds, letting the belly wall soften until the ball grips the skin.",
        "Without letting the ball roll, shift your body a centimetre or two towards the head and back, then side to side, so the skin moves with the ball while the muscle slides beneath it, for forty-five seconds.",
        "Lift onto the forearms, move the ball a hand's width to one side of the navel, and shear there for forty-five seconds, about two minutes in all; then roll slowly to one side to come off.",
    ],
    [
        "Move the skin, not the ball.",
        "A centimetre is plenty.",
        "If the breath gets short, stop moving and just breathe.",
    ],
    [
        "Letting the ball roll, which turns the shear into a roll.",
        "Bracing the belly against the ball.",
        "Doing it soon after a meal.",
    ],
    [
        "Wait at least an hour after a meal.",
        "Some people feel emotional or light-headed after belly work; come up slowly.",
    ],
    [PREG_PRONE, HERNIA, ABDO_SURGERY, AAA_IBD, LYMPH_BELLY, BLEED_LIGHT, SKIN, FEVER, INJURY],
    ["belly tension", "tight belly after long sitting", "stress and anxiety", "body awareness", "breathing practice"],
    suit("no", "no", "no", "yes", "yes"),
))

# ------------------------------------------------------------------ 44
T.append(tech(
    "belly-clockwise-circles-hand-held-ball",
    "Clockwise belly circles with a hand-held ball, lying",
    "Lying on your back, roll a therapy ball under your hands in slow clockwise circles around the navel, the way the large bowel runs.",
    ["belly"],
    ["rectus abdominis", "external oblique", "internal oblique", "abdominal fascia"],
    ["roll", "compress"],
    ["therapy-ball"],
    "supine", 120, False, "beginner", "gentle",
    [
        "Empty the bladder first. Lie on your back with knees bent and feet flat, a cushion under the head, and hold the therapy ball under one palm with the other hand on top.",
        "Place the ball low on the right side of the belly, just inside the front of the hip bone, and let the weight of your hands sink it in gently as you breathe out.",
        "Roll it slowly up the right side to just below the ribs, across above the navel, down the left side to just inside the left hip bone, and lightly back across the low belly: one circle in about fifteen seconds.",
        "Make six slow circles, about a minute and a half, pausing for a breath of still pressure wherever it feels tight; finish with thirty seconds of resting both hands on the belly, two minutes in all.",
    ],
    [
        "Up the right, across, down the left: the way the bowel runs.",
        "Heavy hands, not pushing hands.",
        "Breathe out as the ball sinks.",
    ],
    [
        "Circling the other way round.",
        "Pressing up under the ribs or onto the tip of the breastbone.",
        "Pressing hard on a full bladder or straight after a meal.",
    ],
    [
        "Wait at least an hour after a meal.",
        "Constipation with pain, bleeding, weight loss, or a change in bowel habit that lasts more than a few weeks needs a doctor, not massage.",
    ],
    [
        "Pregnancy: no ball pressure on the belly at any stage.",
        HERNIA, ABDO_SURGERY, AAA_IBD, LYMPH_BELLY, BLEED_LIGHT, FEVER, INJURY,
    ],
    ["constipation", "bloating", "sluggish digestion", "before sleep", "relaxation"],
    suit("no", "no", "no", "yes", "yes"),
))

# ------------------------------------------------------------------ 45
T.append(tech(
    "diaphragm-rib-edge-pin-and-breathe-large-soft-ball",
    "Under-the-ribs pin and breath on a soft ball",
    "Face down with a soft ball tucked under the lower edge of the ribs to one side, let each breath press the ribs and diaphragm into the ball.",
    ["belly", "side-ribs"],
    ["diaphragm", "rectus abdominis", "external oblique", "transversus abdominis"],
    ["pin", "compress"],
    ["large-soft-ball"],
    "prone", 90, True, "advanced", "moderate",
    [
        "Let air out of the large soft ball until it is squashy, then lie face down with it just below the lower edge of the ribs on one side, a hand's width out from the midline, forearms on the floor.",
        "Take three slow breaths, about twenty seconds, and let the belly soften so the ball tucks in under the rib edge.",
        "Breathe in slowly so the lower ribs widen down into the ball, and breathe out long as the ball sinks a little further under the ribs; stay for six breaths, about forty-five seconds.",
        "Move the ball a thumb's width further out along the rib edge for three more breaths, about twenty-five seconds, then lift onto the forearms, slide the ball to the other side and repeat: about ninety seconds a side.",
    ],
    [
        "Breathe the ribs down and out into the ball.",
        "Soft belly first; then the ball can reach under the ribs.",
        "A long breath out lets it sink; never push it in.",
    ],
    [
        "Placing the ball on the tip of the breastbone.",
        "Pumping the ball firm so it jabs under the ribs.",
        "Holding the breath or bracing the belly.",
    ],
    [
        "Wait at least an hour after a meal.",
        "Come off slowly by rolling to the side; some people feel light-headed or emotional after diaphragm work.",
    ],
    [
        PREG_PRONE,
        HERNIA,
        "Hiatus hernia or reflux that flares with pressure on the upper belly: leave this out.",
        ABDO_SURGERY,
        AAA_IBD,
        "An enlarged liver or spleen: do not press under the ribs.",
        RIB_FRACTURE,
        "Osteoporosis: keep the ball very soft and part of your weight on the forearms; the lower ribs are fragile.",
        LYMPH_BELLY,
        BLEED_LIGHT,
        FEVER,
        INJURY,
    ],
    ["shallow breathing", "tight lower ribs", "stress and anxiety", "singers and wind players", "breathing practice"],
    suit("no", "no", "no", "care", "yes"),
    "ribs-and-breath", 4,
))

# ------------------------------------------------------------------ 46
T.append(tech(
    "side-ribs-open-book-spin-large-soft-ball",
    "Side ribs open-book spin over a soft ball",
    "Lying on your side over a soft ball under the side ribs, open the top arm behind you like a book and let the ribs turn around the ball.",
    ["side-ribs", "upper-back"],
    ["intercostals", "serratus anterior", "latissimus dorsi", "external oblique", "rotatores"],
    ["pin", "spin"],
    ["large-soft-ball"],
    "side-lying", 90, True, "beginner", "gentle",
    [
        "Lie on one side with knees bent to hip height, a cushion under the head, and the soft ball under the side ribs a hand's width below the armpit; stretch both arms forward along the floor, palms together.",
        "Let your weight settle into the ball for three slow breaths, about fifteen seconds, so it pins the side ribs.",
        "Keeping the knees together and the ball in place, sweep the top arm up and open it behind you as far as is easy, turning the chest towards the ceiling, then bring it back to the other palm, about eight seconds each way. Repeat five times, about eighty seconds.",
        "Come back to the start, roll off the ball and change sides: about ninety seconds a side.",
    ],
    [
        "The knees stay stacked; the ribs turn.",
        "Let the ball hold the ribs while the arm opens the book.",
        "Breathe into the side on the ball.",
    ],
    [
        "Letting the knees fall open so the low back twists instead of the ribs.",
        "Forcing the arm to the floor behind you.",
        "Sliding the ball up into the armpit.",
    ],
    [
        "If the top shoulder pinches, bend the elbow and lead the turn with the hand on the breastbone.",
    ],
    [
        ARMPIT,
        "Osteoporosis: keep the turn small and slow with no forcing at the end of the twist, and use a well-softened ball.",
        "Pregnancy, third trimester: support the bump with a pillow and keep the twist small.",
        RIB_FRACTURE,
        LYMPH_ARM,
        FEVER,
        INJURY,
    ],
    ["stiff upper back", "tight side ribs", "shallow breathing", "desk workers", "golfers and swimmers", "before sleep"],
    suit("yes", "yes", "care", "care", "yes"),
))

# ------------------------------------------------------------------ 47
T.append(tech(
    "serratus-anterior-cross-fiber-therapy-ball",
    "Serratus anterior cross-fiber, side-lying on a ball",
    "Lying on your side with a therapy ball on the ribs below the armpit, make short strokes across the finger-like slips of the serratus.",
    ["side-ribs"],
    ["serratus anterior", "intercostals", "latissimus dorsi"],
    ["cross-fiber", "pin"],
    ["therapy-ball"],
    "side-lying", 90, True, "intermediate", "moderate",
    [
        "Lie on your side propped on the bottom forearm, and place the therapy ball on the side ribs a hand's width below the armpit, a little in front of the midline of your side.",
        "Bend the top knee, plant that foot in front of you, and let part of your weight sink onto the ball; pin the spot for three slow breaths, about fifteen seconds.",
        "Nudge with the top foot and the forearm to make short strokes of two or three centimetres towards the head and back, across the slips of the muscle, for thirty seconds; then pin the most tender spot for three breaths.",
        "Move the ball a few centimetres down the ribs, staying above the lowest ribs, and strum for thirty seconds more; then change sides: about ninety seconds a side.",
    ],
    [
        "Ribs under the ball, not the armpit.",
        "Short strokes, like strumming across the ribs.",
        "Let the ribs spread with each breath in.",
    ],
    [
        "Rolling up into the armpit.",
        "Dropping the full body weight onto the ribs.",
        "Drifting forward onto breast tissue.",
    ],
    [
        "The long thoracic nerve runs down the side of the chest on this muscle: keep the strokes short and the pressure moderate, and move on from any tingling or burning.",
    ],
    [
        ARMPIT,
        BREAST,
        "Osteoporosis: leave out body weight on a ball over the ribs; use the side-ribs roll at the wall with a spiky ball instead.",
        "Pregnancy: keep most of the weight on the forearm, support the bump with a pillow, and keep clear of tender breast tissue; the wall version is the easy alternative.",
        RIB_FRACTURE,
        LYMPH_ARM,
        BLEED_LIGHT,
        FEVER,
        INJURY,
    ],
    ["swimmers", "climbers", "overhead athletes", "tight side ribs", "shallow breathing"],
    suit("care", "care", "care", "no", "yes"),
    "lats-and-side-body", 3,
))

# ------------------------------------------------------------------ 48
T.append(tech(
    "intercostals-wall-roll-spiky-ball",
    "Side ribs roll at the wall with a spiky ball",
    "Standing side-on to a wall, roll a spiky ball over the side ribs, then shear the skin over a tight rib space with the arm raised.",
    ["side-ribs"],
    ["intercostals", "serratus anterior", "latissimus dorsi", "superficial fascia"],
    ["roll", "shear"],
    ["spiky-ball", "wall"],
    "wall", 90, True, "beginner", "gentle",
    [
        "Stand side-on to a wall and place the spiky ball between the wall and your side ribs, a hand's width below the armpit; rest the near forearm on the wall above your head.",
        "Step the feet a little away from the wall and lean in just enough to hold the ball.",
        "Bend and straighten the knees to roll the ball slowly down the side ribs to the lowest rib and back up, about ten seconds each way, for three passes, about sixty seconds.",
        "Park the ball on the tightest rib space and turn the chest a centimetre or two forward and back so the skin slides over the ribs, for thirty seconds; then change sides: about ninety seconds a side.",
    ],
    [
        "Lean, don't push: the spikes do the work.",
        "The raised arm opens the spaces between the ribs.",
        "Breathe into the side touching the ball.",
    ],
    [
        "Rolling up into the armpit.",
        "Pressing so hard that the spikes scratch.",
        "Shrugging the raised shoulder up to the ear.",
    ],
    [
        "A good side-ribs choice for anyone who should not lie on a ball, including in pregnancy and with osteoporosis, because you set the pressure with your feet.",
    ],
    [
        ARMPIT,
        BREAST,
        RIB_FRACTURE,
        SKIN_SPIKY,
        LYMPH_ARM,
        FEVER,
        INJURY,
    ],
    ["tight side ribs", "shallow breathing", "pregnancy-friendly", "older adults", "osteoporosis-friendly", "desk workers"],
    suit("yes", "yes", "yes", "yes", "yes"),
))

# ------------------------------------------------------------------ 49
T.append(tech(
    "latissimus-wall-pin-and-reach",
    "Latissimus pin at the wall with an overhead reach",
    "Side-on to a wall, pin a therapy ball into the back of the side ribs below the armpit and slide the arm up the wall to lengthen the lat.",
    ["side-ribs", "back-of-shoulder"],
    ["latissimus dorsi", "teres major", "serratus anterior"],
    ["pin-and-stretch"],
    ["therapy-ball", "wall"],
    "wall", 90, True, "beginner", "moderate",
    [
        "Stand side-on to a wall with your back turned a little towards it, and place the therapy ball between the wall and the back of the side ribs, a hand's width below and behind the armpit, beside the outer edge of the shoulder blade.",
        "Lean in until the pressure is clear but easy to breathe with, and let the arm hang.",
        "Keeping the ball pinned, slide the back of the hand up the wall overhead as far as is comfortable in about five seconds, pause for a breath, and lower it in five seconds; repeat six times, about a minute.",
        "Move the ball a few centimetres lower, towards the waist, and repeat three more reaches, about thirty seconds; then change sides: about ninety seconds a side.",
    ],
    [
        "Behind the armpit, never in it.",
        "The arm reaches; the ball stays.",
        "Feet further from the wall for more, closer for less.",
    ],
    [
        "Letting the ball slip forward into the armpit.",
        "Arching the low back to get the arm higher.",
        "Shrugging the shoulder to the ear.",
    ],
    [
        "If raising the arm overhead pinches the shoulder, reach only to shoulder height.",
        "Tingling down the arm means the ball is near the nerves: move it lower and further back.",
    ],
    [
        ARMPIT,
        "Osteoporosis: keep the lean light, because the ball sits on ribs.",
        RIB_FRACTURE,
        LYMPH_ARM,
        BLEED_LIGHT,
        FEVER,
        INJURY,
    ],
    ["tight lats", "overhead reach", "swimmers", "climbers", "desk workers", "rounded shoulders"],
    suit("yes", "yes", "yes", "care", "yes"),
    "lats-and-side-body", 1,
))

# ------------------------------------------------------------------ 50
T.append(tech(
    "latissimus-pin-and-reach-lacrosse-ball",
    "Latissimus pin and reach lying on a lacrosse ball",
    "Side-lying with the bottom arm overhead, pin a lacrosse ball into the lat behind the armpit, bend and reach the arm, then strum across the muscle.",
    ["side-ribs", "back-of-shoulder"],
    ["latissimus dorsi", "teres major"],
    ["pin-and-stretch", "cross-fiber"],
    ["lacrosse-ball"],
    "side-lying", 90, True, "advanced", "deep",
    [
        "Lie on your side with the bottom arm stretched overhead and your head resting on it or on a folded towel, and place the lacrosse ball under the back of the side ribs, a hand's width below and just behind the armpit.",
        "Tip your body back a little so the ball sits on the thick muscle beside the shoulder blade, bend the top knee and plant that foot to control the weight, and breathe for three breaths, about fifteen seconds.",
        "Keeping the ball pinned, bend the bottom elbow so the hand comes towards the head, then reach it long again, slowly, eight times, about forty-five seconds.",
        "Rock the chest a few centimetres forward and back so the ball strums across the muscle for thirty seconds, then change sides: about ninety seconds a side.",
    ],
    [
        "The top foot sets the depth.",
        "Reach long from the ball, not from the neck.",
        "Short rocks across the muscle, not long rolls.",
    ],
    [
        "Letting the ball slide up into the armpit.",
        "Taking full body weight on the ball straight away.",
        "Holding the breath.",
    ],
    [
        "Teach this only after the latissimus pin at the wall and the foam-roller side-ribs roll feel easy.",
        "Tingling or numbness into the arm or hand means nerve pressure: move the ball lower and further back, or stop.",
    ],
    [
        ARMPIT,
        "Osteoporosis: leave out this lacrosse-ball version; use the latissimus pin at the wall with a therapy ball instead.",
        "Pregnancy: keep the pressure moderate and a pillow under the bump; the wall version is kinder.",
        RIB_FRACTURE,
        LYMPH_ARM,
        BLEED_DEEP,
        FEVER,
        INJURY,
    ],
    ["tight lats", "climbers", "swimmers", "weightlifters", "overhead reach"],
    suit("care", "care", "care", "no", "yes"),
    "lats-and-side-body", 4,
))

# ------------------------------------------------------------------ 51
T.append(tech(
    "glutes-piriformis-roll-foam-roller",
    "Glute and piriformis roll sitting on a foam roller, figure four",
    "Sitting on a foam roller with one ankle crossed over the other knee, lean into that buttock and roll the glutes and deep hip rotators.",
    ["glutes"],
    ["gluteus maximus", "piriformis", "gluteus medius", "obturator internus"],
    ["roll"],
    ["foam-roller"],
    "seated", 90, True, "beginner", "moderate",
    [
        "Sit on the foam roller laid crossways under you, knees bent, feet on the floor and hands on the floor behind you.",
        "Cross one ankle over the other knee in a figure four and lean towards the crossed-leg side so that buttock takes most of your weight.",
        "Push gently with the standing foot to roll from the top of the pelvis down to just above the sitting bone and back, about ten seconds each way, for sixty seconds.",
        "Pause on a tender spot for five breaths, about thirty seconds, letting the crossed knee drop a little further open; then uncross and change sides: about ninety seconds a side.",
    ],
    [
        "Lean into the crossed-leg side.",
        "The standing foot steers the roll.",
        "Let the crossed knee drop open to bring in the deep rotators.",
    ],
    [
        "Rolling onto the sacrum or the tailbone.",
        "Sitting on the sitting bone at the bottom of the roll.",
        "Sinking into the wrists with locked elbows.",
    ],
    [
        "Numbness, burning or tingling down the leg means pressure near the sciatic nerve: lean further outward or ease off.",
        "If the wrists or shoulders get tired, lower yourself to rest, or use the glute roll at the wall.",
    ],
    [
        "Sciatica-like pain that travels below the knee, or numbness or weakness in the leg: see a clinician before rolling here.",
        "Pregnancy, third trimester: the figure four and the hands-behind position get awkward and can strain the pelvis; use the glute roll at the wall instead.",
        HIP_REPLACEMENT,
        BLEED_ROLLER,
        FEVER,
        INJURY,
    ],
    ["sciatica-like buttock ache", "tight hips", "runners", "cyclists", "sitting all day"],
    suit("yes", "yes", "care", "yes", "yes"),
))

# ------------------------------------------------------------------ 52
T.append(tech(
    "glutes-wall-roll-and-pin-therapy-ball",
    "Glute roll and pin at the wall",
    "Standing with your back to a wall, roll a therapy ball around the buttock, then pin a tender spot and lift the knee to stretch over it.",
    ["glutes"],
    ["gluteus maximus", "gluteus medius", "piriformis"],
    ["roll", "pin-and-stretch"],
    ["therapy-ball", "wall"],
    "wall", 90, True, "beginner", "gentle",
    [
        "Stand with your back to a wall and place the therapy ball between the wall and the fleshy middle of one buttock; step the feet a small step forward.",
        "Shift your weight towards the ball side and bend the knees slightly, leaning back until the pressure is clear but comfortable.",
        "Make slow circles and small up-and-down movements of the hips so the ball tours the buttock, from below the rim of the pelvis to above the sitting bone, for sixty seconds.",
        "Park the ball on a tender spot and slowly lift that knee a few centimetres forward and lower it, five times, about thirty seconds; then change sides: about ninety seconds a side.",
    ],
    [
        "Feet further from the wall means more pressure.",
        "Let the hip sag into the ball.",
        "Small circles, slow as honey.",
    ],
    [
        "Rolling onto the sacrum in the middle of the back of the pelvis.",
        "Tensing the buttock against the ball.",
        "Locking the knees.",
    ],
    [
        "A good choice for students who cannot get down to the floor, and in pregnancy.",
        "Keep a hand on the wall if lifting the knee makes you wobble; tingling down the leg means move the ball outward.",
    ],
    [BLEED_LIGHT, FEVER, INJURY],
    ["pregnancy-friendly", "older adults", "sciatica-like buttock ache", "standing all day", "desk workers", "runners"],
    suit("yes", "yes", "yes", "yes", "yes"),
))

# ------------------------------------------------------------------ 53
T.append(tech(
    "glutes-chair-pin-therapy-ball",
    "Glute pin sitting on a ball on a chair",
    "Sitting on a chair with a therapy ball under one buttock, let your weight sink in and breathe: a glute pin you can do at a desk.",
    ["glutes"],
    ["gluteus maximus", "gluteus medius", "piriformis"],
    ["pin", "compress"],
    ["therapy-ball", "chair"],
    "chair", 90, True, "beginner", "gentle",
    [
        "Sit towards the front of a sturdy chair without wheels, feet flat, and place the therapy ball on the seat under the fleshy middle of one buttock, above and outside the sitting bone.",
        "Lean slowly towards the ball until it takes a comfortable share of your weight, keeping the other sitting bone on the seat.",
        "Stay still and breathe into the pressure for six slow breaths, about thirty seconds, letting the buttock spread over the ball.",
        "Shift the ball a few centimetres out towards the side of the hip and pin for thirty seconds, then a little higher for thirty seconds more, before changing sides: about ninety seconds a side.",
    ],
    [
        "Sink, don't perch.",
        "Lean more to deepen, less to soften.",
        "Breathe out and let the seat and the ball hold you.",
    ],
    [
        "Sitting on the sitting bone itself.",
        "Hunching forward over the desk instead of sitting tall.",
        "Using a chair with wheels that can slide away.",
    ],
    [
        "Tingling or numbness down the leg means the ball is near the sciatic nerve: move it outward.",
    ],
    [
        "Pressure sores or fragile skin on the buttocks: skip this until the skin is sound.",
        BLEED_LIGHT,
        FEVER,
        INJURY,
    ],
    ["desk workers", "office break", "sitting all day", "drivers", "sciatica-like buttock ache", "older adults", "pregnancy-friendly"],
    suit("yes", "yes", "yes", "yes", "yes"),
))

# ------------------------------------------------------------------ 54
T.append(tech(
    "glutes-pin-and-spin-therapy-ball",
    "Glute pin and spin, lying on your back",
    "Lying on your back with a therapy ball under one buttock, pin it, then sway the knees so the pelvis turns and the skin winds around the ball.",
    ["glutes"],
    ["gluteus maximus", "gluteus medius", "gluteal fascia"],
    ["pin", "spin"],
    ["therapy-ball"],
    "supine", 90, True, "beginner", "moderate",
    [
        "Lie on your back with knees bent and feet flat, lift the hips, and place the therapy ball under the fleshy middle of one buttock, well to the side of the sacrum.",
        "Lower the hips so the ball pins the spot, and breathe into it for three breaths, about fifteen seconds.",
        "Keeping the ball in place, let both knees sway slowly towards the ball side and back past the middle, so the pelvis turns over the ball and the skin winds and unwinds around it, eight times, about forty-five seconds.",
        "Lift the hips, move the ball a few centimetres higher or further out, pin and spin for thirty seconds more, then change sides: about ninety seconds a side.",
    ],
    [
        "The ball stays put; the pelvis turns on top of it.",
        "Wind, pause, unwind.",
        "Let the floor take the other hip.",
    ],
    [
        "Letting the ball roll across the buttock instead of staying pinned.",
        "Placing the ball on the sacrum or the tailbone.",
        "Swinging the knees fast.",
    ],
    [
        "Shift the ball if you feel tingling or burning down the leg.",
    ],
    [
        PREG_SUPINE,
        BLEED_LIGHT,
        FEVER,
        INJURY,
    ],
    ["tight glutes", "stiff hips", "runners", "cyclists", "sitting all day"],
    suit("yes", "care", "no", "yes", "yes"),
))

# ------------------------------------------------------------------ 55
T.append(tech(
    "glutes-piriformis-contract-relax-therapy-ball",
    "Piriformis contract-relax on a therapy ball",
    "Lying on your back on a ball in the deep outer buttock, press the knee gently out into your hand for five seconds, then relax and let the ball sink.",
    ["glutes"],
    ["piriformis", "obturator internus", "gemelli", "gluteus maximus"],
    ["contract-relax", "pin"],
    ["therapy-ball"],
    "supine", 120, True, "intermediate", "moderate",
    [
        "Lie on your back with knees bent, lift the hips and place the therapy ball under one buttock, midway between the edge of the sacrum and the bony point at the side of the hip, then lower onto it.",
        "Keep both knees bent and the feet flat, rest the hand of the ball side on the outside of that knee, and pin the spot for three breaths, about fifteen seconds.",
        "Press the knee gently out into your hand at about a quarter of your strength for five seconds, so the deep hip muscles tighten against the ball; then let go completely and breathe out twice as the ball sinks deeper: about fifteen seconds a round.",
        "Do five rounds, about a minute and a quarter, letting the knee drift a little inward, towards the other knee, after each to take up the slack; then lift the hips off the ball and rest flat for thirty seconds before changing sides: about two minutes a side.",
    ],
    [
        "A quarter of your strength is plenty.",
        "Press for five, let go and melt.",
        "The letting go is the point, not the pressing.",
    ],
    [
        "Pressing hard, which makes the area guard more.",
        "Holding the breath during the press.",
        "Rolling onto the sacrum.",
    ],
    [
        "The sciatic nerve runs close to the piriformis: electric or burning sensations mean reposition the ball.",
        "After a recent hip or groin strain, leave out the press and simply pin.",
    ],
    [
        "Sciatica-like pain that travels below the knee, or numbness or weakness in the leg: see a clinician before working here.",
        PREG_SUPINE,
        BLEED_LIGHT,
        FEVER,
        INJURY,
    ],
    ["sciatica-like buttock ache", "piriformis tightness", "runners", "drivers", "sitting all day"],
    suit("yes", "care", "no", "yes", "yes"),
))

# ------------------------------------------------------------------ 56
TENDINOPATHY = (
    "Pain on the bony point at the side of the hip (gluteal tendinopathy, often called "
    "trochanteric bursitis) is made worse by pressure there: keep the ball above the bone, and "
    "skip this if lying on that side hurts."
)
T.append(tech(
    "gluteus-medius-compress-large-soft-ball",
    "Side hip compress on a soft ball, side-lying",
    "Lying on your side with a squashy ball under the side of the hip, above the bony point, sink into it and breathe for a long, quiet compress.",
    ["glutes", "outer-thigh-and-hip"],
    ["gluteus medius", "gluteus minimus", "tensor fasciae latae"],
    ["compress", "sustained-hold"],
    ["large-soft-ball"],
    "side-lying", 120, True, "beginner", "gentle",
    [
        "Let some air out of the large soft ball, then lie on your side with it under the side of the hip, between the top rim of the pelvis and the bony point of the hip, not on the bone itself.",
        "Rest your head on the bottom arm or a cushion, bend both knees, and let your weight settle into the ball.",
        "Breathe slowly into the side of the hip for about ninety seconds, letting each out-breath sink you a little further; if it feels easy, straighten the bottom leg for the last few breaths.",
        "Tip the pelvis a little forward or back to a second spot for thirty seconds, then roll onto your back and change sides: about two minutes a side.",
    ],
    [
        "Above the bone, in the flesh.",
        "Sink in on the out-breath.",
        "Nothing to do but let go.",
    ],
    [
        "Lying on the bony point of the hip.",
        "Using a ball pumped firm.",
        "Propping up on a tense shoulder.",
    ],
    [TENDINOPATHY],
    [
        "Pregnancy, later months: put a pillow between the knees and under the bump, and keep the ball soft.",
        BLEED_LIGHT,
        FEVER,
        INJURY,
    ],
    ["tight outer hip", "hip stiffness", "runners", "standing all day", "older adults", "before sleep"],
    suit("yes", "yes", "care", "yes", "yes"),
    "lateral-hip", 1,
))

# ------------------------------------------------------------------ 57
T.append(tech(
    "gluteus-medius-roll-foam-roller",
    "Side hip roll on a foam roller",
    "Side-lying on a foam roller, roll the side of the hip between the rim of the pelvis and the bony point, tipping forward and back to cover it.",
    ["glutes", "outer-thigh-and-hip"],
    ["gluteus medius", "gluteus minimus", "tensor fasciae latae", "gluteus maximus"],
    ["roll"],
    ["foam-roller"],
    "side-lying", 90, True, "intermediate", "moderate",
    [
        "Lie on your side propped on the forearm, with the foam roller under the side of the hip just below the top rim of the pelvis.",
        "Cross the top leg over and plant its foot on the floor in front of you to take part of your weight.",
        "Push with the top foot and the forearm to roll a few centimetres down to just above the bony point of the hip and back up to the rim, about five seconds each way, for sixty seconds.",
        "Tip the pelvis forward to reach the front corner of the hip for fifteen seconds, then back to reach the back of the side hip for fifteen seconds, and change sides: about ninety seconds a side.",
    ],
    [
        "Rim to just above the bony point: a short road.",
        "The top foot is your volume knob.",
        "Tip to explore; don't grind.",
    ],
    [
        "Rolling over the bony point of the hip.",
        "Rolling up past the rim onto the waist.",
        "Letting the supporting shoulder collapse.",
    ],
    [TENDINOPATHY.replace("keep the ball above", "keep the roller above")],
    [
        "Osteoporosis: keep weight on the top foot and forearm and stay on the muscle above the bony point of the hip; the soft-ball compress is the gentler choice.",
        "Pregnancy: in the second trimester keep the rolling short and slow with a pillow under the bump; in the third trimester use the soft-ball side hip compress instead.",
        BLEED_ROLLER,
        FEVER,
        INJURY,
    ],
    ["tight outer hip", "runners", "hikers", "hip stiffness", "it band tightness"],
    suit("yes", "care", "no", "care", "yes"),
    "lateral-hip", 2,
))

# ------------------------------------------------------------------ 58
T.append(tech(
    "gluteus-medius-cross-fiber-lacrosse-ball",
    "Side-lying gluteus medius cross-fiber on a lacrosse ball",
    "Lying on your side on a lacrosse ball just below the rim of the pelvis, pin a dense spot, then rock the pelvis forward and back across the fibres.",
    ["glutes", "outer-thigh-and-hip"],
    ["gluteus medius", "gluteus minimus", "tensor fasciae latae"],
    ["cross-fiber", "pin"],
    ["lacrosse-ball"],
    "side-lying", 90, True, "advanced", "deep",
    [
        "Lie on your side propped on the forearm and place the lacrosse ball under the side of the hip, two finger-widths below the top rim of the pelvis and well above the bony point of the hip.",
        "Plant the top foot in front of you and lower your weight slowly onto the ball until the pressure is strong but you can still breathe slowly; pin for five breaths, about thirty seconds.",
        "Rock the pelvis a few centimetres forward and back so the ball strums across the fibres, which run down from the rim towards the bony point, for thirty seconds.",
        "Move the ball a thumb's width forward or back along the rim, pin and strum for thirty seconds more, then change sides: about ninety seconds a side.",
    ],
    [
        "Short rocks across, not long rolls along.",
        "The top foot sets the depth.",
        "Ease off the moment your breath catches.",
    ],
    [
        "Dropping your full weight onto the ball at once.",
        "Sliding down onto the bony point of the hip.",
        "Holding the breath.",
    ],
    [
        "Teach this only after the gluteus medius pin at the wall with a lacrosse ball feels easy.",
        TENDINOPATHY,
    ],
    [
        "Osteoporosis: leave out this lacrosse-ball version; use the soft-ball side hip compress instead.",
        "Pregnancy: keep the pressure moderate and a pillow under the bump; the soft-ball side hip compress is the kinder choice.",
        BLEED_DEEP,
        FEVER,
        INJURY,
    ],
    ["tight outer hip", "runners", "hikers", "dancers", "hip stiffness"],
    suit("care", "care", "care", "no", "yes"),
    "lateral-hip", 4,
))

# ------------------------------------------------------------------ 59
PERONEAL_NERVE_KNEE = (
    "The common peroneal nerve wraps around the head of the fibula just below the outer knee; "
    "keep the ball above the knee."
)
T.append(tech(
    "outer-thigh-wall-roll-therapy-ball",
    "Outer thigh roll at the wall",
    "Standing side-on to a wall, roll a therapy ball along the outer thigh in short sections from below the hip to above the knee.",
    ["outer-thigh-and-hip", "front-of-thigh"],
    ["vastus lateralis", "iliotibial band", "tensor fasciae latae"],
    ["roll", "pin"],
    ["therapy-ball", "wall"],
    "wall", 90, True, "beginner", "gentle",
    [
        "Stand side-on to a wall with the near hand on the wall at chest height, and place the therapy ball between the wall and the outer thigh, a hand's width below the bony point of the hip.",
        "Step the feet a little away from the wall and lean in until the pressure is clear but comfortable.",
        "Bend and straighten the knees slowly so the ball rolls a hand's width along the outer thigh and back, about five seconds each way; then catch the ball, reset it lower and repeat, section by section, to a hand's width above the knee, for about sixty seconds.",
        "Pin the densest spot for five breaths, about thirty seconds, turning the body slightly forward so the ball reaches the front-outer thigh; then change sides: about ninety seconds a side.",
    ],
    [
        "Lean, don't push: the feet set the pressure.",
        "Turn a little forward to find muscle rather than band.",
        "Stop a hand's width above the knee.",
    ],
    [
        "Rolling down onto the outer knee and the bony head of the fibula below it.",
        "Rolling over the bony point of the hip.",
        "Hunching the shoulder into the wall.",
    ],
    [
        PERONEAL_NERVE_KNEE,
        "The iliotibial band itself does not stretch; the aim is to ease the muscles beside and beneath it, so there is no need to force it.",
    ],
    [DVT_LEG, VARICOSE, PREG_THIGH, LYMPH_LEG, BLEED_LIGHT, FEVER, INJURY],
    ["it band tightness", "runners", "cyclists", "older adults", "standing all day", "office break"],
    suit("care", "care", "care", "yes", "no"),
    "lateral-thigh", 1,
))

# ------------------------------------------------------------------ 60
T.append(tech(
    "outer-thigh-roll-massage-stick",
    "Outer thigh roll with a massage stick",
    "Sitting on a chair, roll a massage stick along the outer thigh from below the hip to above the knee in slow strokes, turning the leg to cover it.",
    ["outer-thigh-and-hip"],
    ["vastus lateralis", "iliotibial band", "tensor fasciae latae"],
    ["roll"],
    ["massage-stick", "chair"],
    "chair", 90, True, "beginner", "gentle",
    [
        "Sit towards the front of a sturdy chair, feet flat, and hold the massage stick by both handles across the outer thigh just below the bony point of the hip.",
        "Press in with no more than the weight of your arms.",
        "Roll the stick slowly down to a hand's width above the knee and back, about five seconds each way, for sixty seconds.",
        "Turn the knee a little inward to reach the back-outer thigh for fifteen seconds, then outward to reach the front-outer thigh for fifteen seconds; stand, take a few steps, and change sides: about ninety seconds a side.",
    ],
    [
        "Heavy arms; no need to lean.",
        "Slow strokes: five seconds each way.",
        "Finish a hand's width above the knee.",
    ],
    [
        "Pressing hard and scraping quickly up and down.",
        "Rolling over the bony point of the hip or onto the outer knee.",
        "Rounding the back to reach.",
    ],
    [
        "A good start for anyone new to rolling or who cannot get down to the floor.",
        "The common peroneal nerve wraps around the head of the fibula just below the outer knee; keep the stick above the knee.",
    ],
    [DVT_LEG, VARICOSE, PREG_THIGH, LYMPH_LEG, BLEED_LIGHT, FEVER, INJURY],
    ["it band tightness", "runners", "cyclists", "older adults", "after long walks", "chair classes"],
    suit("care", "care", "care", "yes", "no"),
))

# ------------------------------------------------------------------ 61
T.append(tech(
    "inner-thigh-block-pin-therapy-ball",
    "Inner thigh pin, side-lying with the top leg on a ball on a block",
    "Lying on your side, rest the inner thigh of the bent top leg on a therapy ball set on a block, and let the leg's own weight pin it.",
    ["inner-thigh"],
    ["adductor longus", "adductor magnus", "adductor brevis", "gracilis"],
    ["pin", "compress"],
    ["therapy-ball", "block"],
    "side-lying", 90, True, "beginner", "gentle",
    [
        "Lie on one side with your head on the bottom arm or a cushion and the bottom leg long; set a yoga block on its lowest side in front of your hips with the therapy ball on top.",
        "Bend the top knee and bring it forward to rest the inner thigh on the ball, halfway between the knee and the groin, so only the weight of the leg presses down.",
        "Stay and breathe for five slow breaths, about thirty seconds, letting the inner thigh soften around the ball.",
        "Slide the leg so the ball sits a few centimetres nearer the knee and pin for thirty seconds, then a little towards the back of the thigh for thirty seconds, before turning over and changing sides: about ninety seconds a side.",
    ],
    [
        "Only the leg's weight: no pushing.",
        "Halfway between knee and groin, never higher.",
        "Let the hip soften open.",
    ],
    [
        "Sliding the ball up towards the groin crease.",
        "Holding the leg up so it hovers over the ball instead of resting.",
        "Twisting the low back to reach the block.",
    ],
    [
        "The inner thigh is often more tender than expected; if the block is too high, take it away and rest the ball on the floor.",
    ],
    [GROIN, VARICOSE, DVT_LEG, PREG_INNER, LYMPH_LEG, BLEED_LIGHT, FEVER, INJURY],
    ["tight inner thighs", "stiff hips", "horse riders", "footballers", "older adults"],
    suit("no", "no", "no", "yes", "no"),
    "inner-thigh", 1,
))

# ------------------------------------------------------------------ 62
T.append(tech(
    "adductor-magnus-cross-fiber-lacrosse-ball",
    "Seated adductor magnus cross-fiber on a lacrosse ball",
    "Sitting on a chair with a lacrosse ball under the inner back of the thigh, sway the knee in and out so the ball strums across adductor magnus.",
    ["inner-thigh", "back-of-thigh"],
    ["adductor magnus", "semimembranosus", "gracilis"],
    ["cross-fiber"],
    ["lacrosse-ball", "chair"],
    "chair", 90, True, "advanced", "deep",
    [
        "Sit on a firm chair without wheels and place the lacrosse ball on the seat under the inner back of one thigh, a hand's width in front of the sitting bone and towards the inner edge of the thigh.",
        "Let the thigh settle and lean slowly towards the ball until the pressure is strong but your breath stays slow; hold for five breaths, about thirty seconds.",
        "Let the knee sway slowly out and in by a few centimetres so the ball strums across the muscle, which runs down the inner back of the thigh, for thirty seconds.",
        "Move the ball a hand's width towards the knee, staying on the inner back of the thigh and well away from the back of the knee, strum for thirty seconds, then change sides: about ninety seconds a side.",
    ],
    [
        "Sway the knee; the ball strums across.",
        "Inner back of the thigh, never the groin.",
        "Lean less the moment you hold your breath.",
    ],
    [
        "Drifting forward towards the groin crease.",
        "Sitting on the sitting bone.",
        "Taking full weight on the ball at once.",
    ],
    [
        "Teach this only after the therapy-ball inner-thigh work feels easy.",
        "Tingling or burning down the leg means the ball is near the sciatic nerve: move it towards the inner edge.",
    ],
    [
        GROIN,
        KNEE,
        VARICOSE,
        DVT_LEG,
        PREG_INNER,
        "Osteoporosis: keep the ball off the sitting bone and lean in gradually; this presses muscle, not bone.",
        LYMPH_LEG,
        BLEED_DEEP,
        FEVER,
        INJURY,
    ],
    ["tight inner thighs", "runners", "weightlifters", "footballers", "hip mobility"],
    suit("no", "no", "no", "care", "no"),
    "inner-thigh", 4,
))

# ------------------------------------------------------------------ 63
T.append(tech(
    "back-of-thigh-hamstring-roll-foam-roller",
    "Hamstring roll on a foam roller",
    "Sitting with hands behind you and the roller under both thighs, lift the hips and roll from above the knees to below the sitting bones.",
    ["back-of-thigh"],
    ["biceps femoris", "semitendinosus", "semimembranosus", "adductor magnus"],
    ["roll"],
    ["foam-roller"],
    "seated", 120, False, "beginner", "moderate",
    [
        "Sit on the floor with the foam roller under the back of both thighs, just above the knees, and your hands on the floor behind you.",
        "Press through the hands to lift the hips just off the floor so the legs rest on the roller.",
        "Move the body forward and back to roll slowly from a hand's width above the knees to just below the sitting bones, about ten seconds each way, for sixty seconds.",
        "Turn both legs out to roll the inner hamstrings for thirty seconds, then in to roll the outer hamstrings for thirty seconds, lowering the hips to rest whenever the arms get tired: two minutes in all.",
    ],
    [
        "Lift the hips just enough; the legs stay heavy.",
        "Stop a hand's width above the knees.",
        "Turn the legs to find the inner and outer lines.",
    ],
    [
        "Rolling into the crease behind the knee.",
        "Hunching the shoulders up to the ears.",
        "Racing back and forth.",
    ],
    [
        "The wrists and shoulders carry load here; lower the hips if they complain.",
        "Shooting pain or tingling down the leg means nerve irritation: ease off or stop.",
    ],
    [KNEE, VARICOSE, DVT_LEG,
     "Pregnancy, and the six weeks after birth, raise the risk of clots in the legs: keep the hips down so only the legs' weight rests on the roller, and skip this if a calf or thigh is swollen, warm, red or painful.",
     LYMPH_LEG, BLEED_ROLLER, FEVER, INJURY],
    ["tight hamstrings", "runners", "cyclists", "sitting all day", "touching your toes"],
    suit("care", "care", "care", "yes", "no"),
    "hamstrings", 2,
))

# ------------------------------------------------------------------ 64
SCIATIC_MIDLINE = (
    "The sciatic nerve runs down the middle of the back of the thigh: shooting pain, tingling or "
    "numbness means move the ball to the side or stop."
)
T.append(tech(
    "back-of-thigh-hamstring-cross-fiber-lacrosse-ball",
    "Hamstring cross-fiber on a lacrosse ball, sitting on a chair",
    "Sitting on a firm chair with a lacrosse ball under the hamstrings, strum across the outer and inner lines, then straighten the knee over a pinned spot.",
    ["back-of-thigh"],
    ["biceps femoris", "semitendinosus", "semimembranosus"],
    ["cross-fiber", "pin-and-stretch"],
    ["lacrosse-ball", "chair"],
    "chair", 120, True, "advanced", "deep",
    [
        "Sit on a firm chair without wheels and place the lacrosse ball under the outer back of one thigh, on the biceps femoris, halfway between the knee and the sitting bone.",
        "Hinge forward slightly from the hips with a long back to press the thigh into the ball until the pressure is strong but you can breathe slowly.",
        "Sway the knee a few centimetres in and out so the ball strums across the muscle for thirty seconds; then pin the densest spot and slowly straighten and bend the knee five times, about thirty seconds.",
        "Move the ball to the inner back of the thigh, onto the semitendinosus and semimembranosus, and repeat the strumming and the knee straightening for sixty seconds; then change sides: about two minutes a side.",
    ],
    [
        "Outer line, then inner line; leave the middle alone.",
        "Short strums, like plucking a string.",
        "Hinge from the hips; keep the back long.",
    ],
    [
        "Placing the ball in the middle of the back of the thigh, where the sciatic nerve runs.",
        "Putting the ball in the crease behind the knee.",
        "Rounding the back to add pressure.",
    ],
    [
        SCIATIC_MIDLINE,
        "Teach this only after the firm-ball hamstring pin and stretch feels easy.",
    ],
    [
        KNEE,
        "Hamstring strain in the last six weeks: leave this out until a clinician has cleared it.",
        VARICOSE,
        DVT_LEG,
        "Pregnancy, and the six weeks after birth, raise the risk of clots in the legs: leave out this deep version; the therapy-ball hamstring shear is the gentle alternative.",
        "Osteoporosis: keep the ball off the sitting bone and hinge from the hips rather than rounding the back.",
        LYMPH_LEG,
        BLEED_DEEP,
        FEVER,
        INJURY,
    ],
    ["tight hamstrings", "runners", "sprinters", "footballers", "stiffness after training"],
    suit("no", "no", "no", "care", "no"),
    "hamstrings", 4,
))

# ------------------------------------------------------------------ 65
T.append(tech(
    "back-of-thigh-hamstring-pin-and-spin-therapy-ball",
    "Hamstring pin and spin on a chair",
    "Sitting on a chair with a therapy ball under the back of the thigh, pin a spot, then turn the leg in and out so the skin winds around the ball.",
    ["back-of-thigh"],
    ["biceps femoris", "semitendinosus", "semimembranosus", "fascia lata"],
    ["pin", "spin"],
    ["therapy-ball", "chair"],
    "chair", 90, True, "beginner", "moderate",
    [
        "Sit on a sturdy chair without wheels and place the therapy ball on the seat under the middle of one thigh, halfway between the knee and the sitting bone.",
        "Let the thigh settle and pin the spot for three slow breaths, about fifteen seconds.",
        "Keeping the ball in place, slowly turn the whole leg so the knee and foot point inward, then outward, so the skin and fascia wind and unwind around the ball, eight times, about forty-five seconds.",
        "Move the ball a hand's width towards the knee, no closer than a hand's width above the crease, pin and spin for thirty seconds, then change sides: about ninety seconds a side.",
    ],
    [
        "The ball stays parked; the leg turns over it.",
        "Wind, pause, unwind.",
        "Sit tall and let the leg be heavy.",
    ],
    [
        "Letting the ball roll, so the spin turns into a roll.",
        "Placing the ball in the crease behind the knee.",
        "Slumping in the chair.",
    ],
    [SCIATIC_MIDLINE],
    [KNEE, VARICOSE, DVT_LEG, PREG_THIGH, LYMPH_LEG, BLEED_LIGHT, FEVER, INJURY],
    ["desk workers", "tight hamstrings", "sitting all day", "drivers", "older adults"],
    suit("care", "care", "care", "yes", "no"),
))

# ------------------------------------------------------------------ 66
T.append(tech(
    "back-of-thigh-hamstring-contract-relax-chair",
    "Hamstring contract-relax on a ball on a chair",
    "Sitting on a therapy ball under the hamstrings, press the heel gently into the floor for five seconds, then relax and let the ball sink in.",
    ["back-of-thigh"],
    ["biceps femoris", "semitendinosus", "semimembranosus"],
    ["contract-relax", "pin"],
    ["therapy-ball", "chair"],
    "chair", 120, True, "beginner", "moderate",
    [
        "Sit on a sturdy chair without wheels and place the therapy ball on the seat under the middle of one thigh; slide that foot forward until the knee is a little straighter than a right angle, heel on the floor.",
        "Sit tall and pin the spot for three slow breaths, about fifteen seconds.",
        "Press the heel gently down and back into the floor at about a quarter of your strength for five seconds, so the hamstrings firm against the ball; then let go completely and breathe out twice as the ball sinks in: about fifteen seconds a round.",
        "After each round slide the foot a little further forward to take up the slack. Do five rounds, about a minute and a quarter, then rest for thirty seconds and change sides: about two minutes a side.",
    ],
    [
        "A quarter of your strength is plenty.",
        "Press for five, let go, melt.",
        "Slide the foot forward only as far as the ball stays comfortable.",
    ],
    [
        "Pressing hard or jerking the heel.",
        "Holding the breath during the press.",
        "Straightening the knee so far that the back rounds.",
    ],
    [
        "If the hamstring cramps, stop pressing, straighten the leg gently and walk it off.",
        SCIATIC_MIDLINE,
    ],
    [
        "Hamstring strain in the last six weeks: leave this out until a clinician has cleared it.",
        KNEE, VARICOSE, DVT_LEG, PREG_THIGH, LYMPH_LEG, BLEED_LIGHT, FEVER, INJURY,
    ],
    ["tight hamstrings", "desk workers", "runners", "older adults", "touching your toes"],
    suit("care", "care", "care", "yes", "no"),
))

# ------------------------------------------------------------------ 67
T.append(tech(
    "front-of-thigh-quadriceps-shear-hand-held-ball",
    "Seated quadriceps shear with a hand-held ball",
    "Sitting on a chair, press a therapy ball into the front of the thigh under both hands and slide the skin over the muscle in small moves.",
    ["front-of-thigh"],
    ["rectus femoris", "vastus intermedius", "vastus lateralis", "vastus medialis", "fascia lata"],
    ["shear"],
    ["therapy-ball", "chair"],
    "chair", 90, True, "beginner", "gentle",
    [
        "Sit towards the front of a sturdy chair, feet flat, and place the therapy ball on the front of one thigh, halfway between the hip and the knee, with both hands over it.",
        "Lean a little weight through the hands until the ball grips the skin.",
        "Without letting the ball roll, move it a centimetre or two up and down, then side to side, so the skin slides over the muscle beneath, for thirty seconds.",
        "Shear at a spot higher up the thigh for thirty seconds and at one a hand's width above the kneecap for thirty seconds, then change sides: about ninety seconds a side.",
    ],
    [
        "Move the skin, not the ball.",
        "Small moves: a centimetre is plenty.",
        "Lean from the shoulders and keep the back long.",
    ],
    [
        "Rolling the ball instead of shearing.",
        "Pressing on the kneecap.",
        "Hunching over the leg.",
    ],
    [
        "A floor-free start for anyone who cannot get down to the floor.",
    ],
    [DVT_LEG, VARICOSE, PREG_THIGH, LYMPH_LEG, BLEED_LIGHT, SKIN, FEVER, INJURY],
    ["tight thighs", "older adults", "chair classes", "desk workers", "runners"],
    suit("care", "care", "care", "yes", "no"),
    "quadriceps", 1,
))

# ------------------------------------------------------------------ 68
T.append(tech(
    "vastus-medialis-pin-and-knee-bend-therapy-ball",
    "Inner-knee thigh (vastus medialis) pin with knee bends",
    "Sitting on a chair, pin a therapy ball into the teardrop muscle above the inner knee and slide the foot back to bend the knee under it.",
    ["front-of-thigh"],
    ["vastus medialis", "rectus femoris", "sartorius"],
    ["pin-and-stretch"],
    ["therapy-ball", "chair"],
    "chair", 90, True, "intermediate", "moderate",
    [
        "Sit towards the front of a sturdy chair with the working knee bent to a right angle and the foot flat.",
        "Place the therapy ball on the teardrop-shaped muscle on the inner front of the thigh, a hand's width above the kneecap, and press it in with both hands, one over the other.",
        "Keeping the ball pinned, slowly slide the foot back under the chair to bend the knee further, pause for a breath, and slide it forward again, eight times, about sixty seconds.",
        "Move the ball a few centimetres higher up the muscle and repeat four times, about thirty seconds, then change sides: about ninety seconds a side.",
    ],
    [
        "Above the kneecap, never on it.",
        "The foot slides back; the ball stays pinned.",
        "Press with the weight of your arms, not your shoulders.",
    ],
    [
        "Pressing on the kneecap or the inner knee joint.",
        "Letting the ball slide as the knee bends.",
        "Pressing on a visible vein.",
    ],
    [
        "A sore or swollen knee: bend only as far as is comfortable, or leave it out.",
    ],
    [
        "Varicose veins: do not roll over them; the long saphenous vein runs along the inner thigh and behind the inner knee, so keep the ball on the front of the muscle.",
        DVT_LEG,
        "Pregnancy: varicose veins on the inner thigh and knee are more common and clots are more likely; keep the pressure moderate and off any visible vein.",
        LYMPH_LEG,
        BLEED_LIGHT,
        FEVER,
        INJURY,
    ],
    ["tight quads above the knee", "runners", "cyclists", "skiers", "hikers"],
    suit("care", "care", "care", "yes", "no"),
))

# ------------------------------------------------------------------ 69
T.append(tech(
    "quadriceps-roll-massage-stick",
    "Quadriceps roll with a massage stick",
    "Sitting on a chair, roll a massage stick down the front of the thigh from below the hip crease to above the kneecap, middle line then inner line.",
    ["front-of-thigh"],
    ["rectus femoris", "vastus intermedius", "vastus medialis", "vastus lateralis"],
    ["roll"],
    ["massage-stick", "chair"],
    "chair", 90, True, "beginner", "gentle",
    [
        "Sit towards the front of a sturdy chair, feet flat, and hold the massage stick by both handles across the front of one thigh, just below the crease of the hip.",
        "Let the weight of the arms press the stick in, and roll it slowly down the middle of the thigh to a hand's width above the kneecap and back, about five seconds each way, for thirty seconds.",
        "Roll the inner-front line of the thigh for thirty seconds, turning your hands so the stick follows the curve of the muscle.",
        "Finish with three slow passes, about thirty seconds, a little firmer wherever it felt good; stand, march on the spot for a few steps, and change sides: about ninety seconds a side.",
    ],
    [
        "Heavy arms, slow stick.",
        "Stop a hand's width above the kneecap.",
        "Breathe out on every downward stroke.",
    ],
    [
        "Rolling over the kneecap.",
        "Scrubbing fast back and forth.",
        "Pressing into the crease at the top of the thigh.",
    ],
    [
        "Keep below the crease of the hip, where the big vessels and nerve pass into the thigh.",
        "A useful warm-up before a walk or a class for people who cannot get down to the floor.",
    ],
    [DVT_LEG, VARICOSE, PREG_THIGH, LYMPH_LEG, BLEED_LIGHT, FEVER, INJURY],
    ["tight thighs", "runners", "cyclists", "older adults", "warm-up before a walk", "chair classes"],
    suit("care", "care", "care", "yes", "no"),
))

# ------------------------------------------------------------------ 70
T.append(tech(
    "calf-roll-foam-roller",
    "Calf roll on a foam roller, then with legs stacked",
    "Sitting with hands behind you and the roller under one calf, lift the hips and roll from ankle to below the knee; stack the other leg on top for more.",
    ["ankle-and-calf"],
    ["gastrocnemius", "soleus", "achilles tendon"],
    ["roll"],
    ["foam-roller"],
    "seated", 90, True, "beginner", "moderate",
    [
        "Sit on the floor with the foam roller under one calf just above the ankle, the other knee bent with its foot flat, and your hands on the floor behind you.",
        "Press through the hands and the bent leg's foot to lift the hips, so the calf rests on the roller.",
        "Move the body forward and back to roll from above the ankle to a hand's width below the knee, about ten seconds each way, turning the leg in and out to cover the inner and outer calf, for sixty seconds.",
        "If that feels easy, cross the other ankle over the working shin to add weight and roll for thirty seconds more; then lower the hips and change sides: about ninety seconds a side.",
    ],
    [
        "Heavy leg, slow roller.",
        "Stop a hand's width below the knee.",
        "Stack the legs only when one leg feels easy.",
    ],
    [
        "Rolling up into the back of the knee.",
        "Bouncing the hips.",
        "Holding the breath on tender spots.",
    ],
    [
        "The wrists and shoulders carry load; lower the hips to rest whenever they complain.",
    ],
    [
        KNEE,
        VARICOSE,
        DVT_LEG,
        PREG_CALF_NO,
        LYMPH_LEG,
        BLEED_ROLLER,
        FEVER,
        INJURY,
    ],
    ["tight calves", "runners", "hikers and walkers", "standing all day", "after long walks"],
    suit("no", "no", "no", "yes", "no"),
))

# ------------------------------------------------------------------ 71
T.append(tech(
    "calf-pin-and-spin-therapy-ball",
    "Calf pin and spin on a therapy ball",
    "Seated with a therapy ball under the calf, pin a spot with the leg's weight, then turn the leg in and out so the skin winds around the ball.",
    ["ankle-and-calf"],
    ["gastrocnemius", "soleus", "crural fascia"],
    ["pin", "spin"],
    ["therapy-ball"],
    "seated", 90, True, "beginner", "moderate",
    [
        "Sit on the floor with your hands behind you, one knee bent with the foot flat, and the therapy ball under the thickest part of the other calf.",
        "Let the leg relax onto the ball and pin the spot for three slow breaths, about fifteen seconds.",
        "Keeping the ball in place, slowly turn the whole leg inward and then outward, so the skin and fascia wind around the ball, eight times, about forty-five seconds.",
        "Move the ball a hand's width towards the ankle, pin and spin for thirty seconds, then change sides: about ninety seconds a side.",
    ],
    [
        "Turn the leg from the hip, like a key in a lock.",
        "The ball stays put.",
        "Wind, pause, unwind.",
    ],
    [
        "Letting the ball roll along the calf.",
        "Placing the ball behind the knee.",
        "Lifting the hips for more weight before the plain version feels easy.",
    ],
    [
        "Tingling or numbness into the foot means move the ball.",
    ],
    [KNEE, VARICOSE, DVT_LEG, PREG_LEG, LYMPH_LEG, BLEED_LIGHT, FEVER, INJURY],
    ["tight calves", "runners", "dancers", "standing all day", "high-heel wearers"],
    suit("care", "care", "care", "yes", "no"),
))

# ------------------------------------------------------------------ 72
ACHILLES = "A painful, thickened or swollen Achilles tendon needs a clinician's opinion before ball work."
T.append(tech(
    "calf-contract-relax-therapy-ball",
    "Calf contract-relax on a therapy ball",
    "Seated with a ball under the calf and the foot against a wall, press the ball of the foot into the wall for five seconds, then relax and sink.",
    ["ankle-and-calf"],
    ["gastrocnemius", "soleus"],
    ["contract-relax", "pin"],
    ["therapy-ball", "wall"],
    "seated", 120, True, "beginner", "moderate",
    [
        "Sit on the floor facing a wall with your hands behind you, the therapy ball under the thickest part of one calf, and the ball of that foot against the wall with the ankle at about a right angle; bend the other knee.",
        "Let the calf settle onto the ball and pin it for three slow breaths, about fifteen seconds.",
        "Press the ball of the foot gently into the wall at about a quarter of your strength for five seconds, so the calf firms against the ball; then let go completely and breathe out twice as the ball sinks in: about fifteen seconds a round.",
        "After each round draw the toes a little towards you to take up the slack. Do five rounds, about a minute and a quarter, moving the ball a few centimetres towards the ankle halfway through; rest for thirty seconds, then change sides: about two minutes a side.",
    ],
    [
        "A quarter of your strength, no more.",
        "Press for five, let go, melt.",
        "Let the heel stay heavy.",
    ],
    [
        "Pointing the foot hard away from the wall, which can bring on a cramp.",
        "Holding the breath during the press.",
        "Placing the ball behind the knee.",
    ],
    [
        "If you get calf cramps easily, press at only a fifth of your strength; if a cramp comes, stop, draw the toes towards you and rub it out.",
        ACHILLES,
    ],
    [
        KNEE,
        VARICOSE,
        DVT_LEG,
        "Pregnancy, and the six weeks after birth, raise the risk of clots in the legs, and calf cramps are common: keep the press and the pressure light, and skip this if a calf is swollen, warm, red or painful.",
        LYMPH_LEG,
        BLEED_LIGHT,
        FEVER,
        INJURY,
    ],
    ["tight calves", "stiff ankles", "runners", "walkers", "standing all day"],
    suit("care", "care", "care", "yes", "no"),
))

# ------------------------------------------------------------------ 73
T.append(tech(
    "calf-roll-spiky-ball",
    "Calf roll with a spiky ball over the knee, on a chair",
    "Sitting on a chair with the legs crossed, rest one calf on a spiky ball held on the other knee and slide the leg so the calf rolls over it.",
    ["ankle-and-calf"],
    ["gastrocnemius", "soleus", "crural fascia"],
    ["roll"],
    ["spiky-ball", "chair"],
    "chair", 90, True, "beginner", "gentle",
    [
        "Sit tall on a sturdy chair, feet flat, and place the spiky ball on top of one knee, steadying it with a hand.",
        "Cross the other leg over so its lower calf, just above the ankle, rests on the ball; let the crossed leg be heavy.",
        "Slide the crossed leg slowly so the ball rolls up the calf to a hand's width below the knee and back, about ten seconds each way, for sixty seconds.",
        "Turn the crossed leg a little in and out to reach the inner and outer calf for thirty seconds, then uncross and change sides: about ninety seconds a side.",
    ],
    [
        "Let the crossed leg be heavy; the spikes do the work.",
        "Slow: ten seconds each way.",
        "Stop a hand's width below the knee.",
    ],
    [
        "Rolling up into the back of the knee.",
        "Pushing the leg down with your hands.",
        "Slumping back in the chair.",
    ],
    [
        "With reduced sensation in the legs, for example from diabetes, keep it light and check the skin afterwards.",
        "A good floor-free option for older adults.",
    ],
    [
        KNEE,
        VARICOSE,
        DVT_LEG,
        "Pregnancy, and the six weeks after birth, raise the risk of clots in the legs: keep it skin-light, and skip this if a calf is swollen, warm, red or painful.",
        "Hip replacement: ask your surgeon or physio before crossing your legs.",
        LYMPH_LEG,
        BLEED_LIGHT,
        SKIN_SPIKY,
        FEVER,
        INJURY,
    ],
    ["tight calves", "tired legs after standing", "older adults", "desk workers", "walkers"],
    suit("care", "care", "care", "yes", "no"),
))

# ------------------------------------------------------------------ 74
T.append(tech(
    "calf-roll-massage-stick",
    "Calf roll with a massage stick",
    "Sitting on a chair with one ankle crossed over the other knee, roll a massage stick along the inner and back calf from ankle to below the knee.",
    ["ankle-and-calf"],
    ["gastrocnemius", "soleus", "flexor digitorum longus"],
    ["roll"],
    ["massage-stick", "chair"],
    "chair", 90, True, "beginner", "gentle",
    [
        "Sit on a sturdy chair and cross the working ankle over the other knee so the inner calf faces up.",
        "Hold the massage stick by both handles across the inner calf just above the ankle, and let the weight of your arms press it in.",
        "Roll slowly up to a hand's width below the knee and back, about five seconds each way, for sixty seconds.",
        "Tilt the stick round to reach the back of the calf for thirty seconds, then uncross and change sides: about ninety seconds a side.",
    ],
    [
        "Arms heavy, stick slow.",
        "Five seconds up, five seconds down.",
        "Stop a hand's width below the knee.",
    ],
    [
        "Pressing on the inner edge of the shinbone.",
        "Scrubbing quickly back and forth.",
        "Rolling into the back of the knee.",
    ],
    [
        "If crossing the ankle over the knee strains the hip, cross it only as far as is comfortable and work the part of the calf you can reach.",
        "With reduced sensation in the lower legs, keep the pressure light and check the skin afterwards.",
    ],
    [KNEE, VARICOSE, DVT_LEG, PREG_LEG, HIP_REPLACEMENT, LYMPH_LEG, BLEED_LIGHT, FEVER, INJURY],
    ["tight calves", "runners", "walkers", "older adults", "standing all day"],
    suit("care", "care", "care", "yes", "no"),
))

# ------------------------------------------------------------------ 75
T.append(tech(
    "soleus-bent-knee-pin-therapy-ball",
    "Soleus pin with the knee bent, legs up on a chair",
    "Lying on your back with the lower legs on a chair seat, rest one lower calf on a therapy ball and flex and point the ankle to lengthen the soleus.",
    ["ankle-and-calf"],
    ["soleus", "gastrocnemius", "flexor hallucis longus"],
    ["pin-and-stretch"],
    ["therapy-ball", "chair"],
    "supine", 90, True, "intermediate", "moderate",
    [
        "Lie on your back with your lower legs resting on the seat of a sturdy chair, hips and knees bent to about a right angle, and a folded towel under the head if you like.",
        "Place the therapy ball on the seat under the lower half of one calf, below the thick part of the muscle and above the Achilles tendon, and let the leg's weight settle onto it for three breaths, about fifteen seconds.",
        "Keeping the knee bent and the ball pinned, slowly draw the toes towards the shin, pause for a breath, then point them away, eight times, about sixty seconds.",
        "Let the leg roll a little inward so the ball moves to the inner edge of the soleus and repeat three times, about fifteen seconds; then change sides: about ninety seconds a side.",
    ],
    [
        "Bent knee: that is what brings the soleus into play.",
        "Toes up slowly; let the ball hold its place.",
        "Let the chair and the ball take the whole leg.",
    ],
    [
        "Straightening the knee, which moves the work into the upper calf.",
        "Placing the ball on the Achilles tendon itself.",
        "Flicking the ankle quickly.",
    ],
    [
        "Bent-knee calf work reaches the deeper soleus, and the area can feel it the next day; go gently the first time.",
        ACHILLES,
    ],
    [
        VARICOSE,
        DVT_LEG,
        "Pregnancy: clots are more likely, so keep the pressure light and skip this if a calf is swollen, warm, red or painful; after the first trimester keep time on your back short, and in the third trimester use the calf roll with a spiky ball on a chair instead.",
        LYMPH_LEG,
        BLEED_LIGHT,
        FEVER,
        INJURY,
    ],
    ["tight calves", "stiff ankles", "runners", "hill walkers", "before sleep"],
    suit("care", "care", "no", "yes", "no"),
))

# ------------------------------------------------------------------ 76
T.append(tech(
    "shin-hand-held-roll-therapy-ball",
    "Shin roll with a hand-held ball, seated",
    "Sitting on a chair, roll a therapy ball under your hands along the muscle just outside the shinbone, from above the ankle to below the knee.",
    ["shin"],
    ["tibialis anterior", "extensor digitorum longus", "extensor hallucis longus"],
    ["roll"],
    ["therapy-ball", "chair"],
    "chair", 90, True, "beginner", "gentle",
    [
        "Sit towards the front of a sturdy chair with the working foot flat and a little forward, and find the sharp front edge of the shinbone; the muscle to work lies just outside it.",
        "Place the therapy ball on that muscle just above the ankle, one hand over the other on top, and press in with the weight of your arms.",
        "Roll the ball slowly up the muscle to a hand's width below the knee and back, about ten seconds each way, for sixty seconds.",
        "Pause on a tender spot and slowly point and flex the foot five times, about thirty seconds, then change sides: about ninety seconds a side.",
    ],
    [
        "Muscle, not bone: stay just outside the shin's sharp edge.",
        "Heavy hands, slow ball.",
        "Breathe out as the ball passes a tender spot.",
    ],
    [
        "Rolling on the shinbone itself.",
        "Hunching the back over the leg.",
        "Pressing hard during a shin-splints flare.",
    ],
    [
        "With shin splints keep it light and work the muscle beside the sore area, not the bone; pain that is sharp and pinpoint on the bone, or present at rest or at night, needs a clinician to rule out a stress fracture.",
    ],
    [DVT_LOWER, VARICOSE, PREG_LOWER, STRESS_FRACTURE, LYMPH_LEG, BLEED_LIGHT, FEVER, INJURY],
    ["shin splints", "tight shins", "runners", "new to running", "walkers", "chair classes"],
    suit("care", "care", "care", "yes", "no"),
    "shins", 1,
))

# ------------------------------------------------------------------ 77
T.append(tech(
    "shin-peroneal-cross-fiber-lacrosse-ball",
    "Outer shin cross-fiber on a lacrosse ball",
    "Lying on your side with a lacrosse ball under the outer lower leg, pin a dense spot and rock the leg forward and back across the peroneal muscles.",
    ["shin", "ankle-and-calf"],
    ["peroneus longus", "peroneus brevis", "extensor digitorum longus"],
    ["cross-fiber", "pin"],
    ["lacrosse-ball"],
    "side-lying", 90, True, "advanced", "deep",
    [
        "Lie on one side propped on the forearm with the bottom leg long, and place the lacrosse ball under the outside of the lower leg, a hand's width above the ankle bone.",
        "Bend the top leg and plant its foot in front of the bottom knee, then lower weight onto the ball until the pressure is strong but your breath stays slow; pin for five breaths, about thirty seconds.",
        "Rock the bottom leg a few centimetres forward and back so the ball strums across the muscles, which run down the outside of the leg, for thirty seconds.",
        "Move the ball a hand's width higher, stopping at least a hand's width below the knee, strum for thirty seconds, then change sides: about ninety seconds a side.",
    ],
    [
        "Short rocks across, not long rolls along.",
        "The top foot sets the depth.",
        "Tingling into the foot means move the ball.",
    ],
    [
        "Rolling up over the bony head of the fibula beside the knee.",
        "Grinding on the bone instead of the muscle.",
        "Taking full weight on the ball at once.",
    ],
    [
        "The common peroneal nerve wraps around the outer knee just below the head of the fibula; keep the ball at least a hand's width below the knee.",
        "Teach this only after the therapy-ball outer shin roll feels easy.",
    ],
    [
        VARICOSE,
        DVT_LOWER,
        "Pregnancy, and the six weeks after birth, raise the risk of clots in the legs: keep the pressure moderate, skip this if a leg is swollen, warm, red or painful, and prefer the therapy-ball outer shin roll.",
        "Osteoporosis: leave out this lacrosse-ball version over the slender fibula; use the therapy-ball outer shin roll instead.",
        STRESS_FRACTURE,
        LYMPH_LEG,
        BLEED_DEEP,
        FEVER,
        INJURY,
    ],
    ["runners", "trail runners", "outer shin tightness", "dancers", "ankle stiffness"],
    suit("care", "care", "care", "no", "no"),
    "shins", 5,
))

# ------------------------------------------------------------------ 78
T.append(tech(
    "ankle-front-shear-spiky-ball",
    "Front-of-ankle and top-of-foot shear with a spiky ball",
    "Sitting on a chair with one ankle crossed over the other knee, hold a spiky ball on the front of the ankle and slide the skin over the tendons.",
    ["shin"],
    ["extensor retinaculum", "tibialis anterior tendon", "extensor digitorum longus", "extensor hallucis longus", "extensor digitorum brevis"],
    ["shear"],
    ["spiky-ball", "chair"],
    "chair", 90, True, "beginner", "gentle",
    [
        "Sit on a sturdy chair and cross the working ankle over the other knee, or rest it only as far across as is comfortable.",
        "Place the spiky ball on the front of the ankle, in the crease where the foot meets the shin, and press it in lightly with your palm until the spikes grip the skin.",
        "Without letting the ball roll, move it a centimetre or so side to side and up and down, so the skin slides over the tendons, for thirty seconds.",
        "Shear on the top of the foot between the long bones, working towards the toes, for thirty seconds, then on the front of the lower shin for thirty seconds; stand, walk a few steps and change sides: about ninety seconds a side.",
    ],
    [
        "Grip the skin and move it; the ball does not roll.",
        "Light pressure: the tendons here lie just under the skin.",
        "Notice how the toes lift afterwards.",
    ],
    [
        "Pressing hard on the bony knobs of the ankle.",
        "Rolling the ball instead of shearing.",
        "Working over a swollen, puffy ankle.",
    ],
    [
        "With reduced sensation in the feet, for example from diabetes, keep the pressure light and check the skin afterwards.",
        "Sudden swelling of the ankles, hands or face in pregnancy needs a midwife or doctor the same day, not massage.",
    ],
    [
        "Ankle sprain in the last few weeks: leave this out until a clinician has cleared it.",
        DVT_LOWER,
        PREG_LOWER,
        HIP_REPLACEMENT,
        SKIN_SPIKY,
        LYMPH_LEG,
        BLEED_LIGHT,
        FEVER,
        INJURY,
    ],
    ["stiff ankles", "tight top of the foot", "runners", "walkers", "older adults"],
    suit("care", "care", "care", "yes", "no"),
    "feet-and-toes", 1,
))

# ------------------------------------------------------------------ 79
T.append(tech(
    "forefoot-cross-fiber-ball-pair-tote",
    "Forefoot spread: cross-fiber over the tote",
    "Standing with a hand on the wall, step the forefoot onto the tote, roll it under the foot, then tilt the foot so the balls strum across the forefoot.",
    ["sole-of-foot"],
    ["plantar fascia", "flexor digitorum brevis", "adductor hallucis", "lumbricals", "interossei"],
    ["cross-fiber", "roll"],
    ["ball-pair-tote", "wall"],
    "standing", 90, True, "intermediate", "moderate",
    [
        "Stand facing a wall with one hand on it, and set the tote on the floor crossways in front of one foot, so one ball will sit under the inner side of the foot and one under the outer side.",
        "Step the forefoot onto the tote just behind the ball of the foot, keeping most of your weight on the standing leg.",
        "Roll the foot slowly forward and back between the ball of the foot and the middle of the arch, about five seconds each way, spreading the toes wide as the tote passes under the ball of the foot, for forty-five seconds.",
        "Park the tote just behind the ball of the foot and tilt the foot from its inner edge to its outer edge and back in short strokes, so the balls strum across the forefoot, for forty-five seconds; step off, walk a few paces and change feet: about ninety seconds a side.",
    ],
    [
        "Weight mostly on the standing leg; the forefoot only visits the tote.",
        "Spread the toes like a fan as you roll forward.",
        "Short tilts across the foot, not big ankle rolls.",
    ],
    [
        "Standing with full weight on the tote.",
        "Rolling under the toes themselves.",
        "Clawing the toes to grip the balls.",
    ],
    [
        "Morton's neuroma or burning between the toes: keep the pressure light and move off any spot that sends tingling into the toes.",
        "Hold the wall throughout; the tote can shift underfoot.",
    ],
    [
        FOOT_FRACTURE,
        "Osteoporosis: keep most of your weight on the standing leg and a hand on the wall; the bones of the forefoot are slender.",
        "Later pregnancy: balance shifts with the bump; keep both hands on the wall and only light weight on the tote.",
        "Poor balance or a history of falls: use the seated lacrosse-ball pin and spin instead.",
        "Reduced sensation in the feet, for example from diabetes: use the seated spiky-ball roll instead and check the skin afterwards.",
        SKIN_SOLE,
        FEVER,
        INJURY,
    ],
    ["tight forefoot", "ball-of-foot ache", "dancers", "runners", "narrow shoes", "standing all day"],
    suit("yes", "yes", "care", "care", "yes"),
    "feet-and-toes", 3,
))

# ------------------------------------------------------------------ 80
T.append(tech(
    "sole-of-foot-pin-and-spin-lacrosse-ball",
    "Sole pin and spin on a lacrosse ball, seated",
    "Sitting on a chair with a lacrosse ball under the arch, lean through the knee to pin a spot, then swivel the heel so the sole winds around the ball.",
    ["sole-of-foot"],
    ["plantar fascia", "flexor digitorum brevis", "quadratus plantae", "abductor hallucis", "abductor digiti minimi"],
    ["pin", "spin"],
    ["lacrosse-ball", "chair"],
    "chair", 90, True, "intermediate", "moderate",
    [
        "Sit tall on a sturdy chair and place the lacrosse ball on the floor under the middle of one arch.",
        "Rest both hands on that knee and lean forward a little from the hips, with a long back, so your weight presses the foot onto the ball; pin for five breaths, about thirty seconds.",
        "Keeping the ball in place, slowly swivel the heel in and out like a windscreen wiper, so the skin and fascia of the sole wind around the ball, eight times, about thirty seconds.",
        "Move the ball to the inner edge of the sole and then the outer edge, pinning and spinning for fifteen seconds at each; stand, compare the feet, and change sides: about ninety seconds a side.",
    ],
    [
        "Lean from the hips; the hands on the knee set the depth.",
        "The ball stays put; the foot turns around it.",
        "Breathe out as you sink in.",
    ],
    [
        "Pressing on the heel bone instead of the arch in front of it.",
        "Curling the toes to grip the ball.",
        "Rounding the back to lean harder.",
    ],
    [
        "With reduced sensation in the feet, for example from diabetes, use a therapy ball or the spiky ball instead and check the skin afterwards.",
        "During a plantar fasciitis flare-up keep the pressure moderate and work around the sorest spot rather than into it.",
    ],
    [
        "Osteoporosis: no deep pressure over bone; use a softer ball and gentle load.",
        FOOT_FRACTURE,
        SKIN_SOLE,
        BLEED_LIGHT,
        FEVER,
        INJURY,
    ],
    ["plantar fasciitis", "arch ache", "standing all day", "runners", "desk workers"],
    suit("yes", "yes", "yes", "care", "yes"),
    "feet-and-toes", 4,
))

# ------------------------------------------------------------------ 81
T.append(tech(
    "plantar-fascia-cold-roll-frozen-bottle",
    "Cold roll under the sole with a frozen bottle",
    "Sitting on a chair, roll the sole slowly over a frozen water bottle wrapped in a thin cloth, from heel to ball of the foot, for a few minutes.",
    ["sole-of-foot"],
    ["plantar fascia", "flexor digitorum brevis", "abductor hallucis"],
    ["roll"],
    ["frozen-bottle", "chair"],
    "chair", 300, True, "beginner", "gentle",
    [
        "Freeze a plastic bottle about three-quarters full of water, wrap it in a thin tea towel, and lay it on the floor in front of a sturdy chair.",
        "Sit tall and rest the middle of one arch on the bottle, with only the weight of the relaxed leg on it.",
        "Roll the foot slowly forward to the ball of the foot and back to the front of the heel, about five seconds each way, for two minutes; then check the skin: it should be pink and cool, not white or numb.",
        "Roll for two more minutes along the inner edge of the arch, then rest the foot on the floor for a minute to warm up before changing sides: five minutes a side.",
    ],
    [
        "Light leg, slow roll.",
        "Cool and pink is right; white, numb or burning means stop.",
        "Front of the heel to ball of the foot, and back.",
    ],
    [
        "Rolling on bare skin straight from the freezer.",
        "Staying on longer than the four minutes of rolling.",
        "Pressing hard on the heel bone.",
    ],
    [
        "Often used first thing in the morning or after a long day on the feet, when plantar heel pain is worst; heel pain that lasts more than a few weeks deserves a clinician's opinion.",
    ],
    [
        "Raynaud's, cold sensitivity or cold urticaria: do not use cold; use the spiky-ball sole roll instead.",
        "Reduced sensation in the feet, for example from diabetes, or poor circulation in the legs: no cold, because you may not feel a cold burn.",
        SKIN_SOLE,
        FEVER,
        INJURY,
    ],
    ["plantar fasciitis", "heel pain", "first-step morning pain", "standing all day", "runners", "after long walks"],
    suit("yes", "yes", "yes", "yes", "yes"),
))

# ------------------------------------------------------------------ 82
T.append(tech(
    "back-tour-ball-pair-tote",
    "Back tour on the tote: sacrum to shoulders",
    "Lying on your back, walk the tote up from the top of the sacrum to the top of the shoulder blades, pausing and breathing at each level.",
    ["sacrum-and-pelvis", "low-back", "upper-back", "between-shoulder-blades"],
    ["erector spinae", "multifidus", "thoracolumbar fascia", "rhomboids", "middle trapezius"],
    ["roll", "pin"],
    ["ball-pair-tote"],
    "supine", 180, False, "intermediate", "moderate",
    [
        "Lie on your back with knees bent and feet flat, lift the hips, and place the tote across the top of the sacrum just below the waist, one ball each side of the midline so the spine sits in the gap.",
        "Lower onto the balls and breathe into them for three breaths, about fifteen seconds; then lift the hips into a low bridge, shuffle the feet so the tote rolls a few centimetres up to the next level, and lower and breathe again.",
        "Work up the low back in this way to the lowest ribs, pausing for two or three breaths at each level, for about a minute.",
        "Carry on up the ribcage, hands behind the head to support the neck, to the top of the shoulder blades, pausing at each level, for about a minute more; stop there and never roll onto the neck.",
        "Lift the hips, take the tote away, and rest flat for about thirty seconds before rolling to one side to get up: about three minutes in all.",
    ],
    [
        "Spine in the gap, balls on the muscles.",
        "Bridge, shuffle, lower, breathe.",
        "Stop at the top of the shoulder blades.",
    ],
    [
        "Letting the tote slip so one ball is on the spine.",
        "Rolling on up onto the neck.",
        "Holding a high bridge with an arched back.",
    ],
    [
        "If holding the bridge is tiring, pin at three or four levels without rolling between them.",
        "Deep work along the back can stir up emotion; you are free to pause or roll off at any time.",
    ],
    [
        SPINE,
        DISC,
        "Osteoporosis: leave this out, because body weight on balls along the spine and ribs can load fragile vertebrae; use the low back roll with the tote at the wall instead.",
        "Recent fracture of the spine, ribs or pelvis: leave this out until a clinician has cleared it.",
        PREG_SUPINE,
        BLEED_LIGHT,
        FEVER,
        INJURY,
    ],
    ["stiff back", "desk workers", "drivers", "whole-back warm-up", "before sleep"],
    suit("yes", "care", "no", "no", "yes"),
))

# ------------------------------------------------------------------ progressions
PROGRESSIONS = [
    {
        "slug": "hamstrings",
        "name": "Hamstrings: shear to cross-fiber",
        "description": "From a gentle skin shear on a chair, to rolling both legs on a foam roller, to a firm-ball pin and stretch, to the deep lacrosse-ball cross-fiber on the outer and inner lines, leaving the sciatic nerve's middle line alone. Keep off the back of the knee throughout; with clot risk, leave the back of the thigh out.",
    },
    {
        "slug": "quadriceps",
        "name": "Quadriceps: chair to firm ball",
        "description": "A seated skin shear under the hands, then the foam roller face down, a therapy-ball pin and spin, and the firm-ball pin and stretch as the threshold. Level 1 suits pregnancy and anyone who cannot lie face down; the other levels are prone.",
    },
    {
        "slug": "lateral-thigh",
        "name": "Outer thigh and IT band: wall to roller",
        "description": "Eases the muscles beside and beneath the iliotibial band rather than grinding the band: a wall roll graded with the feet, a pin and stretch at the front corner of the hip for the tensor fasciae latae, then the side-lying foam roller. Stay above the outer knee, where a nerve wraps around the head of the fibula.",
    },
    {
        "slug": "inner-thigh",
        "name": "Inner thigh: supported pin to adductor magnus",
        "description": "The leg's own weight on a ball, then the roller and a therapy-ball pin and stretch face down, then a lacrosse-ball cross-fiber on the inner back of the thigh. Always below the groin crease; not in pregnancy, nor with clot risk or varicose veins on the inner thigh.",
    },
    {
        "slug": "shins",
        "name": "Shins for runners: hand-held to lacrosse",
        "description": "For runners and walkers with tight or grumbling shins: a hand-held roll on a chair, the outer shin on a therapy ball, the broad foam roller on all fours, a kneeling pin and stretch for the front of the shin, and a lacrosse-ball cross-fiber for the outer shin. Muscle beside the bone, never the bone; pinpoint bone pain needs a clinician.",
    },
    {
        "slug": "lateral-hip",
        "name": "Lateral hip: soft ball to lacrosse",
        "description": "The side of the hip from a long, quiet compress on a squashy ball, to the foam roller, to a lacrosse ball at the wall, to side-lying cross-fiber on a lacrosse ball. Every level stays above the bony point of the hip, which gluteal tendinopathy makes sore under pressure.",
    },
    {
        "slug": "feet-and-toes",
        "name": "Forefoot and toes",
        "description": "Wakes up the top and the sole of the forefoot: a light spiky-ball shear over the front of the ankle, an arch pin with toe lifts, a standing forefoot spread over the tote, and a seated lacrosse-ball pin and spin. With reduced sensation in the feet, stay with the first two levels.",
    },
    {
        "slug": "lats-and-side-body",
        "name": "Lats and side body: wall to lacrosse",
        "description": "For swimmers, climbers and anyone reaching overhead: a therapy-ball pin and reach at the wall, the side-lying foam-roller roll, a serratus anterior cross-fiber on a ball, and a lacrosse-ball pin and reach as the threshold. Always behind and below the armpit; with osteoporosis, stay at the wall.",
    },
]

EXISTING = [
    ("back-of-thigh-hamstring-shear-therapy-ball", "hamstrings", 1),
    ("back-of-thigh-hamstring-pin-and-stretch-firm-ball", "hamstrings", 3),
    ("front-of-thigh-quadriceps-roll-foam-roller", "quadriceps", 2),
    ("front-of-thigh-quadriceps-pin-and-spin-therapy-ball", "quadriceps", 3),
    ("front-of-thigh-quadriceps-pin-and-stretch-firm-ball", "quadriceps", 4),
    ("outer-hip-tfl-pin-and-stretch-therapy-ball", "lateral-thigh", 2),
    ("outer-thigh-roll-foam-roller", "lateral-thigh", 3),
    ("inner-thigh-roll-foam-roller", "inner-thigh", 2),
    ("inner-thigh-adductor-pin-and-stretch-therapy-ball", "inner-thigh", 3),
    ("shin-outer-peroneal-roll-therapy-ball", "shins", 2),
    ("shin-roll-foam-roller", "shins", 3),
    ("shin-tibialis-anterior-pin-and-stretch-therapy-ball", "shins", 4),
    ("glutes-gluteus-medius-pin-wall-lacrosse-ball", "lateral-hip", 3),
    ("sole-of-foot-arch-pin-toe-lift-therapy-ball", "feet-and-toes", 2),
    ("side-ribs-latissimus-roll-foam-roller", "lats-and-side-body", 2),
]

data = {
    "progressions": PROGRESSIONS,
    "techniques": T,
    "existing_progression_members": [
        {"slug": s, "progression": p, "progression_level": lv} for s, p, lv in EXISTING
    ],
}
OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
print(len(T), "techniques,", len(PROGRESSIONS), "progressions ->", OUT)
